#!/usr/bin/env python3
"""Classifies a catalog with Dask: tpp.classify_frame on every partition, on a local cluster of
worker processes (one thread each); checks that the result equals the single-process
tpp.classify_frame of the whole frame, and prints the throughput per worker.

    python3 examples/dask_catalog.py CATALOG.csv [--workers 2] [--partitions N] [--as-of DATE]

CATALOG.csv is in the flat CSV layout of `tpp catalog`, e.g. `tpp-gen catalog csv 1000000`.
Needs Debian's python3-dask, python3-distributed and python3-pandas; `import tpp` must work in
the workers (an installed package, or PYTHONPATH=build/python).
"""
import argparse
import datetime
import time

import dask.dataframe as dd
import distributed
import pandas as pd

import tpp


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalog")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partitions", type=int, default=0, help="default: 4 per worker")
    parser.add_argument("--as-of", default="2026-11-22")
    args = parser.parse_args()
    as_of = datetime.date.fromisoformat(args.as_of)

    frame = pd.read_csv(args.catalog)
    start = time.perf_counter()
    single = tpp.classify_frame(frame, as_of=as_of, threads=1)
    single_rate = len(frame) / (time.perf_counter() - start)

    with distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        parts = dd.from_pandas(frame, npartitions=args.partitions or 4 * args.workers)
        parts = client.persist(parts)  # the rows are on the workers before the clock starts
        distributed.wait(parts)
        # The result's columns and types: classify_frame of no rows has them.
        meta = tpp.classify_frame(frame.head(0), as_of=as_of)
        start = time.perf_counter()
        result = parts.map_partitions(tpp.classify_frame, as_of=as_of, threads=1,
                                      meta=meta).compute()
        seconds = time.perf_counter() - start

    pd.testing.assert_frame_equal(result, single)
    failed = int(result["error"].notna().sum())
    rate = len(frame) / seconds / args.workers
    print(f"{len(frame)} records ({failed} with errors) on {args.workers} workers: the same "
          f"result as one process")
    print(f"dask: {rate:,.0f} records/s per worker ({seconds:.2f} s); "
          f"one process, one thread: {single_rate:,.0f} records/s")


if __name__ == "__main__":
    main()
