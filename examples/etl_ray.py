"""privsynth as a Ray Data step on a local 2-CPU Ray cluster: 2 actors, one engine each (Faker-made sample data).

    .venv/bin/python examples/etl_ray.py                         # key from $PRIVSYNTH_KEY, else a fresh one
    .venv/bin/python examples/etl_ray.py bench /tmp/etl_bench    # throughput on examples/etl_throughput.py's texts
"""
import json
import os
import secrets
import sys
import time
from pathlib import Path


def demo() -> None:
    import ray

    from privsynth.integrations.ray import scrub_column

    key = os.environ.get("PRIVSYNTH_KEY") or secrets.token_hex(32)  # a real job reads its key from a secret store
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    # The 2 actors take both CPUs for the whole run: read first, so no read task waits for a CPU.
    ds = ray.data.read_json(str(Path(__file__).with_name("sample_en.jsonl"))).materialize()
    clean = scrub_column(ds, "text", key=key, output_col="clean", spans_col="pii_spans", concurrency=2)
    print(clean)  # the plan: MapBatches(ScrubBatches), no key
    for row in clean.take(3):
        print(row["id"], row["clean"])
        print("   ", [(s["entity_type"], row["clean"][s["start"]:s["end"]]) for s in row["pii_spans"]])
    ray.shutdown()


def bench(folder: Path) -> None:
    import ray

    from privsynth.integrations.ray import scrub_column

    t0 = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    ds = ray.data.read_json(str(folder / "texts.jsonl")).materialize()
    t1 = time.perf_counter()
    rows = scrub_column(ds, "text", key_file=str(folder / "bench.key"), concurrency=2, batch_size=64).take_all()
    t2 = time.perf_counter()
    ray.shutdown()
    print(f"ray 2 actors: {len(rows)} texts; cluster start + read {t1 - t0:.1f} s, scrub {t2 - t1:.1f} s = "
          f"{len(rows) / (t2 - t1):.1f} texts/s (incl. both actors' model loads)")
    with (folder / "ray.jsonl").open("w", encoding="utf-8") as fh:
        for r in sorted(rows, key=lambda r: r["id"]):
            fh.write(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n")
    cli = folder / "cli.jsonl"
    if cli.exists():
        want = {r["id"]: r["text"] for r in map(json.loads, cli.open(encoding="utf-8"))}
        same = sum(want.get(r["id"]) == r["text"] for r in rows)
        print(f"byte-identical to the CLI's output ({cli.name}): {same} of {len(rows)}")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "bench":
        bench(Path(sys.argv[2]))
    else:
        demo()
