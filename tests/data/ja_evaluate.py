"""Recall per gold label (not only per family) and leak rate on a Japanese labelled JSONL file.

    .venv/bin/python tests/data/ja_evaluate.py tests/data/ja_structured_pii.jsonl [--baseline] [--limit N]

recall-any: the gold span is covered for ≥ 50 % of its characters by predicted spans of any PII type;
recall-typed: by predicted spans of the same family (privsynth.evaluation.scoring's families);
leak: the gold string (≥ 3 characters) still appears verbatim in the scrubbed output.
With ``--baseline``, plain Presidio + GiNZA (privsynth.evaluation.runner's baseline) runs on the same documents.
"""
from __future__ import annotations

import argparse
import collections
import sys

from privsynth.evaluation.dataset import load_labeled
from privsynth.evaluation.runner import make_system
from privsynth.evaluation.scoring import gold_family, predicted_family

NOT_PII = {"ORGANIZATION", "NRP", "TITLE"}


def score(docs, predictions):
    stats = collections.defaultdict(lambda: [0, 0, 0, 0, 0])  # gold, any, typed, leak-eligible, leaked
    for doc, pred in zip(docs, predictions):
        spans = [s for s in pred.spans if s.label not in NOT_PII]
        for gold in doc.spans:
            if gold.label in NOT_PII or gold_family(gold.label) is None:
                continue
            length = gold.end - gold.start
            cover_any = [0] * length
            cover_typed = [0] * length
            for s in spans:
                for i in range(max(s.start, gold.start), min(s.end, gold.end)):
                    cover_any[i - gold.start] = 1
                    if predicted_family(s.label) == gold_family(gold.label):
                        cover_typed[i - gold.start] = 1
            row = stats[gold.label]
            row[0] += 1
            row[1] += 2 * sum(cover_any) >= length
            row[2] += 2 * sum(cover_typed) >= length
            surface = doc.text[gold.start:gold.end]
            if len(surface) >= 3 and pred.output is not None:
                row[3] += 1
                row[4] += surface in pred.output
    return stats


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args(argv)
    docs = load_labeled(args.file, limit=args.limit)
    systems = ["privsynth"] + (["presidio"] if args.baseline else [])
    for name in systems:
        system = make_system(name, "ja")
        stats = score(docs, list(system.run([d.text for d in docs])))
        total = [sum(r[i] for r in stats.values()) for i in range(5)]
        print(f"\n{name} on {args.file} ({len(docs)} docs)")
        print(f"{'label':22} {'gold':>5} {'R-any':>6} {'R':>6} {'leak':>6}")
        for label, r in sorted(stats.items(), key=lambda kv: -kv[1][0]) + [("overall", total)]:
            leak = f"{r[4] / r[3]:.3f}" if r[3] else "-"
            print(f"{label:22} {r[0]:5d} {r[1] / r[0]:6.3f} {r[2] / r[0]:6.3f} {leak:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
