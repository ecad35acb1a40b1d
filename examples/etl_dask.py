"""privsynth as a Dask step on a distributed LocalCluster (2 worker processes): scrub the sample CSV's `body`.

    .venv/bin/python examples/etl_dask.py              # key from $PRIVSYNTH_KEY, else a fresh one for this run
"""
import os
import secrets
from pathlib import Path

if __name__ == "__main__":  # worker processes re-import this file: start the cluster only in the main one
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    from privsynth.integrations.dask import scrub_column as dask_scrub_column

    key = os.environ.get("PRIVSYNTH_KEY") or secrets.token_hex(32)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        dask_df = dd.read_csv(str(Path(__file__).with_name("sample_en.csv")), blocksize=None).repartition(npartitions=2)
        ddf = dask_scrub_column(dask_df, "body", key=key, output_col="clean", spans_col="pii_spans")
        result = ddf.compute()
        for _, row in result.head(3).iterrows():
            print(row["id"], row["clean"])
            print("   ", [(s["entity_type"], row["clean"][s["start"]:s["end"]]) for s in row["pii_spans"]])
