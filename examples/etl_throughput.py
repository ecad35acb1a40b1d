"""Throughput of privsynth on Spark local[2] vs. the CLI with 2 worker processes, on the same Faker texts.

    .venv/bin/python examples/etl_throughput.py make  /tmp/etl_bench --docs 3000   # texts.jsonl + key file
    .venv/bin/privsynth scrub /tmp/etl_bench/texts.jsonl -o /tmp/etl_bench/cli.jsonl \
        --key-file /tmp/etl_bench/bench.key --workers 2 --progress none              # time it with `time`
    .venv/bin/python examples/etl_throughput.py spark /tmp/etl_bench                  # Spark local[2]
    .venv/bin/python examples/etl_throughput.py compare /tmp/etl_bench                # outputs byte-identical?

Measurement only (not a test). Texts are short synthetic posts (2-4 sentences, Faker, fixed seed: no real people).
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import time
from pathlib import Path

SENTENCES = (
    "Hi, I'm {name} and you can reach me at {email} or {phone}.",
    "{name} moved to {address} last year.",
    "Please charge my card {card} for the second instalment.",
    "The login from {ip} on {date} was flagged as suspicious.",
    "Call {name} at {phone} about the order.",
    "Posted by {name} from {city}.",
    "The weather was fine and the train was on time.",
    "Thanks for the quick reply, see you next week.",
)


def make(out: Path, docs: int) -> None:
    import random

    from faker import Faker

    fake, rng = Faker("en_US"), random.Random(20261125)
    fake.seed_instance(20261125)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "texts.jsonl").open("w", encoding="utf-8") as f:
        for i in range(docs):
            parts = [rng.choice(SENTENCES).format(
                name=fake.name(), email=fake.free_email(), phone=fake.phone_number(),
                address=fake.address().replace("\n", ", "), card=fake.credit_card_number(), ip=fake.ipv4_public(),
                date=fake.date(), city=fake.city()) for _ in range(rng.randint(2, 4))]
            f.write(json.dumps({"id": i, "text": " ".join(parts)}) + "\n")
    (out / "bench.key").write_text(secrets.token_hex(32) + "\n")
    print(f"wrote {docs} texts to {out / 'texts.jsonl'}")


def spark(out: Path, partitions: int) -> None:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    t0 = time.perf_counter()
    from pyspark.sql import SparkSession

    from privsynth.integrations.spark import scrub_column

    session = (SparkSession.builder.master("local[2]").appName("privsynth-throughput")
               .config("spark.pyspark.python", sys.executable).config("spark.ui.showConsoleProgress", "false")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    t1 = time.perf_counter()
    df = session.read.json(str(out / "texts.jsonl")).repartition(partitions, "id")
    n = df.count()
    t2 = time.perf_counter()
    result = scrub_column(df, "text", key_file=str(out / "bench.key"))
    result.write.mode("overwrite").json(str(out / "spark_out"))
    t3 = time.perf_counter()
    session.stop()
    print(f"spark local[2], {partitions} partitions: {n} texts; session start {t1 - t0:.1f} s, read+count "
          f"{t2 - t1:.1f} s, scrub+write {t3 - t2:.1f} s = {n / (t3 - t2):.1f} texts/s "
          f"(end to end {n / (t3 - t0):.1f} texts/s)")


def compare(out: Path) -> None:
    cli = {r["id"]: r["text"] for r in map(json.loads, (out / "cli.jsonl").open(encoding="utf-8"))}
    spark_rows = {}
    for part in sorted((out / "spark_out").glob("part-*")):
        for line in part.open(encoding="utf-8"):
            record = json.loads(line)
            spark_rows[record["id"]] = record["text"]
    same = sum(cli[i] == spark_rows.get(i) for i in cli)
    print(f"{same} of {len(cli)} texts byte-identical between the CLI and Spark")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("make", "spark", "compare"))
    parser.add_argument("dir", type=Path)
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--partitions", type=int, default=4)
    args = parser.parse_args()
    {"make": lambda: make(args.dir, args.docs), "spark": lambda: spark(args.dir, args.partitions),
     "compare": lambda: compare(args.dir)}[args.command]()
