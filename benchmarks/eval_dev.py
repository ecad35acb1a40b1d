"""privsynth vs. plain Presidio on every shared dev file, in one run: the tables behind the README.

    .venv/bin/python benchmarks/eval_dev.py [--limit N] [--out benchmarks/results/eval_dev.md]

Same as running ``privsynth eval FILE --baseline presidio`` on each file of ../shared/eval (skipped, with a
message, when that directory is absent). Writes markdown and JSON next to each other.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED_EVAL = Path(os.environ.get("PRIVSYNTH_EVAL_DIR", HERE.parent.parent / "shared" / "eval"))
FILES = (("presidio_research_synth_v2.dev_grouped.jsonl", "en"), ("wnut17_test.dev.jsonl", "en"),
         ("ud_ja_gsd_ne_test.dev.jsonl", "ja"), ("stockmark_ner_ja.dev_grouped.jsonl", "ja"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--files", default=None, help="comma-separated subset of file names")
    ap.add_argument("--out", default=str(HERE / "results" / "eval_dev.md"))
    a = ap.parse_args()
    if not SHARED_EVAL.is_dir():
        print(f"skipped: {SHARED_EVAL} is absent (the shared eval data lives in ../shared/eval next to the checkout)")
        return 0
    from privsynth.evaluation.cli import markdown_table
    from privsynth.evaluation.dataset import load_labeled
    from privsynth.evaluation.runner import evaluate_system, make_system

    sys.path.insert(0, str(HERE))
    from run import machine_info

    m = machine_info()
    cmd = " ".join([".venv/bin/python", "benchmarks/eval_dev.py", *map(shlex.quote, sys.argv[1:])])
    md = ["# privsynth vs. plain Presidio on the shared dev files", "",
          f"Command: `{cmd}`  ", f"Machine: {m['cpu']}, {m['cores']} cores (shared), {m['date_utc']}, "
          f"commit {m['commit']}  ", "Versions: " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()), "",
          "R-any: recall, any PII type (≥ 50 % of the gold span's characters); R: recall, right family; "
          "P: precision on families the file marks exhaustively; leak: gold strings (≥ 3 chars) still verbatim "
          "in the output. Plain Presidio: same spaCy model, default recognizers, threshold 0.5, anonymizer "
          "`replace` (GiNZA labels mapped to Presidio's entity names for Japanese).", ""]
    blob = {"command": cmd, "machine": m, "files": {}}
    wanted = set(a.files.split(",")) if a.files else None
    for name, lang in FILES:
        if wanted and name not in wanted:
            continue
        path = SHARED_EVAL / name
        if not path.exists():
            md += [f"## {name}", "", f"Skipped: {path} is absent.", ""]
            continue
        docs = load_labeled(path, limit=a.limit)
        print(f"{name}: {len(docs)} docs", flush=True)
        runs, errors = [], []
        for kind in ("privsynth", "presidio"):
            try:
                runs.append(evaluate_system(make_system(kind, lang), docs))
                print(f"  {kind}: {runs[-1].docs_per_s:.1f} docs/s, recall-any "
                      f"{runs[-1].result.overall.recall_any:.3f}", flush=True)
            except Exception as exc:  # noqa: BLE001 - recorded in the report
                errors.append(f"{kind} failed: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
                traceback.print_exc()
        md += [f"## {name} ({lang}, {len(docs)} docs)", ""]
        if runs:
            md += [markdown_table(runs), ""]
        md += [f"* {e}" for e in errors] + ([""] if errors else [])
        blob["files"][name] = {"runs": [r.as_dict() for r in runs], "errors": errors}
        Path(a.out).parent.mkdir(parents=True, exist_ok=True)
        Path(a.out).write_text("\n".join(md) + "\n")
        Path(a.out).with_suffix(".json").write_text(json.dumps(blob, indent=1, ensure_ascii=False))
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
