"""The modes without NER — ``structured_only=True`` (the pattern recognizers alone) and ``ner=False`` (those plus
the rule-based name, place and address finders): CPU cost per stage on a dense and a sparse corpus, split into a
cost per byte and a cost per personal value, and the throughput each density allows.

    .venv/bin/python benchmarks/noner_bound.py [--modes structured,noner] [--docs 2000] [--sparse-docs 300]
                                               [--reps 3] [--out FILE.md]

Both corpora come from ``benchmarks/corpus.py`` (the dense benchmark corpus, one gold span every ~145 bytes, and
:func:`corpus.generate_sparse`, about one per kilobyte, same generator). Each is scrubbed ``--reps`` times in this
process, each time by a fresh scrubber after a warm-up on other texts (no value seen before); the stage times
are CPU seconds of this process (``privsynth.timing.stage_timer(cpu=True)``; on a shared machine wall time
mostly measures the neighbours), the fastest repetition is reported. With two
densities, each stage's cost per MB is solved as ``a + b × spans per MB``: ``a`` the cost of reading a byte,
``b`` the cost of a personal value (its confirmation, resolution and surrogate) — so the table says what stops a
given density short of a target.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

STAGES = ("patterns", "gazetteers", "resolve", "surrogates", "render", "other")


MODES = {"structured": ("`structured_only=True`", {"structured_only": True}),
         "noner": ("`ner=False`", {"ner": False})}


def measure(texts: list[str], reps: int, options: dict) -> dict[str, float]:
    """Fastest of ``reps`` runs: CPU seconds per stage (``other``: what no stage books, e.g. normalizing the text,
    the English refiner, batching) and ``total``."""
    from privsynth.evaluation.runner import PrivsynthSystem
    from privsynth.timing import stage_timer

    from corpus import generate

    from privsynth.detect.recognizers import load_recognizers

    warm = [d["text"] for d in generate(40, seed=7)]
    best: dict[str, float] | None = None
    for _ in range(reps):
        # Each repetition sees the values for the first time, as a corpus does: a fresh scrubber (its surrogate
        # memo empty) and empty validator memos; the tables loaded on first use are warm (built by ``warm``).
        system = PrivsynthSystem("en", key="benchmark-noner-bound-key", **options)
        sum(1 for _ in system.run(warm))
        for recognizer in load_recognizers(("en",)):
            getattr(recognizer._validator, "cache_clear", lambda: None)()
        t = time.process_time()
        with stage_timer(cpu=True) as stages:
            sum(1 for _ in system.run(texts))
        total = time.process_time() - t
        row = {s: stages.seconds.get(s, 0.0) for s in STAGES if s != "other"}
        row["other"] = max(0.0, total - sum(row.values()))
        row["total"] = total
        if best is None or total < best["total"]:
            best = row
    assert best is not None
    return best


def _solve(rows: dict, target: float) -> list[str]:
    """Each stage's CPU seconds per MB solved as a + b × spans per MB from the two corpora; what the target allows."""
    (mb_d, sp_d, dense), (mb_s, sp_s, sparse) = rows["dense"], rows["sparse"]
    dens_d, dens_s = sp_d / mb_d, sp_s / mb_s  # spans per MB
    lines = ["", "Each stage's CPU seconds per MB solved as *a* + *b* × spans per MB from the two corpora "
             "(*a*: µs per KB of text read; *b*: µs per personal value):", "",
             "| stage | µs per KB | µs per span | s/MB dense | s/MB sparse |", "|---|---|---|---|---|"]
    per_byte = per_span = 0.0
    for s in STAGES + ("total",):
        yd, ys = dense[s] / mb_d, sparse[s] / mb_s
        b = (yd - ys) / (dens_d - dens_s)
        a_ = ys - b * dens_s
        if s != "total":
            per_byte, per_span = per_byte + a_, per_span + b
        lines.append(f"| {s} | {a_ * 1e3:.1f} | {b * 1e6:.1f} | {yd:.3f} | {ys:.3f} |")
    budget = 1.0 / target
    lines += ["", f"At {target:g} MB/s a MB may cost {budget:.3f} CPU-s. The per-byte part alone costs "
              f"{per_byte:.3f} s/MB ({1 / per_byte if per_byte > 0 else float('inf'):.2f} MB/s with no personal data at "
              f"all); each personal value adds {per_span * 1e6:.0f} µs, so the target allows at most "
              f"{max(0.0, (budget - per_byte) / per_span) / 1000 if per_span > 0 else float('inf'):.2f} spans per KB "
              f"(dense corpus: {dens_d / 1000:.2f}, sparse: {dens_s / 1000:.2f})."]
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--modes", default="structured,noner", help="comma-separated: " + ", ".join(MODES))
    ap.add_argument("--docs", type=int, default=2000, help="dense corpus documents (the benchmark's 2000)")
    ap.add_argument("--sparse-docs", type=int, default=300, help="sparse corpus documents (~2.3 MB at 300)")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--target", type=float, default=3.0, help="MB/s per core to compare with")
    ap.add_argument("--out", default=None)
    a = ap.parse_args()

    from privsynth.detect import UNSTRUCTURED_ENTITIES
    from privsynth.evaluation.runner import make_tldextract_offline

    from corpus import generate, generate_sparse

    make_tldextract_offline()
    corpora = {"dense": list(generate(a.docs)), "sparse": list(generate_sparse(a.sparse_docs))}
    load = os.getloadavg()
    lines = ["# Modes without NER: cost per byte and per personal value", "",
             f"Command: `.venv/bin/python benchmarks/noner_bound.py {' '.join(sys.argv[1:])}`  ",
             f"Load average at start: {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f} (2 cores shared); CPU seconds of "
             f"this process, fastest of {a.reps} repetitions"]
    for mode in a.modes.split(","):
        title, options = MODES[mode]
        rows = {}
        for name, docs in corpora.items():
            texts = [d["text"] for d in docs]
            mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
            # the personal values the mode looks for: structured_only finds no names or places
            spans = sum(1 for d in docs for s in d["spans"]
                        if mode != "structured" or s["label"] not in UNSTRUCTURED_ENTITIES)
            rows[name] = (mb, spans, measure(texts, a.reps, options))
        lines += ["", f"## {title}", "",
                  "| corpus | docs | MB | gold spans it looks for | spans/KB | " + " | ".join(STAGES)
                  + " | total CPU-s | MB/s per core |",
                  "|---|---|---|---|---|" + "---|" * (len(STAGES) + 2)]
        for name, (mb, spans, row) in rows.items():
            lines.append(f"| {name} | {len(corpora[name])} | {mb:.2f} | {spans} | {spans / mb / 1000:.2f} | "
                         + " | ".join(f"{row[s]:.2f}" for s in STAGES)
                         + f" | {row['total']:.2f} | {mb / row['total']:.3f} |")
        lines += _solve(rows, a.target)
    text = "\n".join(lines) + "\n"
    print(text)
    if a.out:
        Path(a.out).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
