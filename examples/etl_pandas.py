"""privsynth as a pandas step: scrub the `body` column of the bundled sample CSV (Faker-made, no real people).

    .venv/bin/python examples/etl_pandas.py            # key from $PRIVSYNTH_KEY, else a fresh one for this run
"""
import os
import secrets
from pathlib import Path

import pandas as pd

from privsynth.integrations.pandas import scrub_column, scrub_series

key = os.environ.get("PRIVSYNTH_KEY") or secrets.token_hex(32)  # a real job reads its key from a file/secret store
df = pd.read_csv(Path(__file__).with_name("sample_en.csv"))

df["clean"] = scrub_series(df["body"], key=key)                               # Series -> Series, same index/dtype
spans = scrub_column(df, "body", key=key, output_col="clean", spans_col="pii_spans")["pii_spans"]

for original, clean, found in list(zip(df["body"], df["clean"], spans))[:3]:
    print("before:", original)
    print("after: ", clean)
    print("spans: ", [(s["entity_type"], clean[s["start"]:s["end"]]) for s in found], "\n")
