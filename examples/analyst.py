"""An analyst's path: Epoch AI's hardware CSV to a pandas DataFrame with each row's ECCN and the
licence answer for China, then the threshold map of the same rows."""
import tpp

CATALOG = "examples/catalogs/epoch-excerpt.csv"  # 12 rows of Epoch AI's catalog (CC-BY 4.0)

frame = tpp.catalog(CATALOG, as_of="2026-11-30", to="CN")
columns = ["record", "name", "tpp", "paragraph", "basis", "licence", "review_policy"]
print(frame[columns].to_string(index=False))
print(frame.groupby("licence").size().to_dict())

svg = tpp.plot(catalog=CATALOG, as_of="2026-11-30")  # the picture in docs/epoch-excerpt-map.svg
marks = svg.count('class="chip"')
print(f"map: {marks} marks, {len(svg):,} bytes of SVG")
