"""The library's folders are layers: a file may include its own folder and the folders below
it, never one above or beside it. core < data < rules < batch, fleet < render < c.
usage: check_layers.py SOURCE_DIR"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
rank={'core':0,'data':1,'rules':2,'batch':3,'fleet':3,'render':4,'c':5}
bad=0
for base in ['lib/src','lib/include/tpp']:
    for p in (root / base).rglob('*.[ch]pp'):
        rel=p.relative_to(root / base)
        if len(rel.parts)<2: continue
        me=rel.parts[0]
        for m in re.finditer(r'#include "(?:tpp/)?([a-z]+)/',p.read_text()):
            other=m.group(1)
            if other in rank and rank[other]>rank[me] or (other!=me and rank.get(other)==rank[me]):
                print(f'{base}/{rel}: includes {other}/'); bad+=1
print(bad, 'layering violations')
sys.exit(1 if bad else 0)
