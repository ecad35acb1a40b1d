"""privsynth as a Hugging Face `datasets` step: scrub the bundled sample's `text` with 2 processes (Faker-made data).

    .venv/bin/python examples/etl_hf.py                          # key from $PRIVSYNTH_KEY, else a fresh one
    .venv/bin/python examples/etl_hf.py bench /tmp/etl_bench     # throughput on examples/etl_throughput.py's texts

The second run with the same key and options loads the result from the datasets cache (same fingerprint).
"""
import json
import os
import secrets
import sys
import time
from pathlib import Path


def demo() -> None:
    import datasets

    from privsynth.integrations.hf import scrub_dataset

    key = os.environ.get("PRIVSYNTH_KEY") or secrets.token_hex(32)  # a real job reads its key from a secret store
    ds = datasets.load_dataset("json", data_files=str(Path(__file__).with_name("sample_en.jsonl")), split="train")
    clean = scrub_dataset(ds, "text", key=key, num_proc=2, spans_column="pii_spans")
    for row in clean.select(range(3)):
        print(row["id"], row["text"])
        print("   ", [(s["entity_type"], row["text"][s["start"]:s["end"]]) for s in row["pii_spans"]])
    # chat data: scrub_dataset works on any string column; for a list of turns use the CLI's messages[*].content


def bench(folder: Path) -> None:
    import datasets

    from privsynth.integrations.hf import scrub_dataset

    datasets.disable_caching()  # measure the work, not a cache hit
    key = (folder / "bench.key").read_text().strip()
    ds = datasets.load_dataset("json", data_files=str(folder / "texts.jsonl"), split="train")
    t0 = time.perf_counter()
    out = scrub_dataset(ds, "text", key=key, num_proc=2, batch_size=64, desc=None)
    t1 = time.perf_counter()
    print(f"datasets num_proc=2: {len(out)} texts in {t1 - t0:.1f} s = {len(out) / (t1 - t0):.1f} texts/s "
          "(incl. both workers' model loads)")
    with (folder / "hf.jsonl").open("w", encoding="utf-8") as fh:
        for i, text in zip(out["id"], out["text"]):
            fh.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
    _compare(folder / "cli.jsonl", dict(zip(out["id"], out["text"])))


def _compare(cli: Path, got: dict) -> None:
    if cli.exists():
        want = {r["id"]: r["text"] for r in map(json.loads, cli.open(encoding="utf-8"))}
        same = sum(want.get(i) == t for i, t in got.items())
        print(f"byte-identical to the CLI's output ({cli.name}): {same} of {len(got)}")


if __name__ == "__main__":  # num_proc workers re-import this file
    if len(sys.argv) > 2 and sys.argv[1] == "bench":
        bench(Path(sys.argv[2]))
    else:
        demo()
