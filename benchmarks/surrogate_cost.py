"""CPU cost of the surrogate stage per personal value, by entity type, on FIXED findings.

Findings are detected once (dense benchmark corpus, ``Scrubber(ner=False)``) and pickled, so a detector change
cannot move the numbers; then ``SurrogateEngine.surrogates`` runs over each document's findings of one type at a
time, with a fresh engine per repetition (its per-value memo starts empty, as in a new process), timed with
``time.process_time`` (best of ``--reps``). ``--root`` measures another checkout (a ``git worktree`` of an older
commit) with the same findings, for before/after columns.

    python benchmarks/surrogate_cost.py --findings /tmp/findings.pkl --json after.json
    python benchmarks/surrogate_cost.py --root /tmp/base --findings /tmp/findings.pkl --json before.json
    python benchmarks/surrogate_cost.py --table before.json after.json     # markdown before/after table
    python benchmarks/surrogate_cost.py --findings /tmp/findings.pkl --profile PHONE_NUMBER   # cProfile
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import time
from collections import defaultdict
from pathlib import Path

KEY = "surrogate-cost-benchmark-key-0001"
HERE = Path(__file__).resolve().parent


def _import_root(root: str) -> None:
    sys.path.insert(0, str(Path(root) / "src"))
    sys.path.insert(0, str(Path(root) / "benchmarks"))


def detect(path: Path, docs: int) -> list:
    """(text, findings) per document of the dense corpus, as the engine receives them (resolved)."""
    import corpus
    from privsynth import Scrubber
    scrubber = Scrubber(language="en", key=KEY, ner=False)
    texts = [d["text"] for d in corpus.generate(docs)]
    out = []
    for i in range(0, len(texts), 64):
        out += [(text, list(entities)) for text, _, entities in scrubber._analyze(texts[i:i + 64])]
    path.write_bytes(pickle.dumps(out))
    return out


def engine(options: dict):
    from privsynth.keys import resolve_key
    from privsynth.locales import load_locale
    from privsynth.surrogates import SurrogateEngine
    return SurrogateEngine(resolve_key(KEY), load_locale(options.get("locale", "en_US")),
                           **{k: v for k, v in options.items() if k != "locale"})


def by_type(items: list) -> dict[str, list]:
    """Entity type → [(text, that type's findings)] per document holding one."""
    out: dict[str, list] = defaultdict(list)
    for text, entities in items:
        kinds: dict[str, list] = defaultdict(list)
        for e in entities:
            kinds[e.entity_type].append(e)
        for kind, found in kinds.items():
            out[kind].append((text, found))
    out["ALL"] = [(t, e) for t, e in items if e]
    return out


def measure(items: list, reps: int, options: dict) -> dict[str, dict]:
    results = {}
    for kind, docs in sorted(by_type(items).items()):
        values = sum(len(e) for _, e in docs)
        best = float("inf")
        for _ in range(reps):
            eng = engine(options)
            start = time.process_time()
            for text, found in docs:
                eng.surrogates(text, found)
            best = min(best, time.process_time() - start)
        results[kind] = {"values": values, "cpu_s": round(best, 4), "us_per_value": round(best / values * 1e6, 1)}
        print(f"{kind:16s} {values:6d} values {best:7.3f} CPU-s {best / values * 1e6:8.1f} µs/value", flush=True)
    return results


def profile(items: list, kind: str, options: dict) -> None:
    import cProfile
    import pstats
    docs = by_type(items)[kind]
    eng = engine(options)
    prof = cProfile.Profile()
    prof.enable()
    for text, found in docs:
        eng.surrogates(text, found)
    prof.disable()
    pstats.Stats(prof).sort_stats(os.environ.get("SORT", "tottime")).print_stats(int(os.environ.get("LINES", "25")))


def table(before_path: str, after_path: str) -> str:
    before, after = json.loads(Path(before_path).read_text()), json.loads(Path(after_path).read_text())
    rows = ["| type | values | before µs/value | after µs/value | speed-up |", "|---|---:|---:|---:|---:|"]
    for kind in sorted(after["results"], key=lambda k: (k == "ALL", k)):
        b, a = before["results"].get(kind), after["results"][kind]
        if b is None:
            continue
        rows.append(f"| {kind} | {a['values']} | {b['us_per_value']} | {a['us_per_value']} | "
                    f"{b['us_per_value'] / a['us_per_value']:.2f}x |")
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=str(HERE.parent), help="checkout whose src/ is measured")
    ap.add_argument("--findings", default="/tmp/privsynth_surrogate_findings.pkl",
                    help="pickled fixed findings (detected and written here if missing)")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--options", default="{}", help='engine options as JSON, e.g. \'{"locale": "en_GB"}\'')
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--profile", metavar="TYPE", help="cProfile one entity type (or ALL) instead of timing")
    ap.add_argument("--table", nargs=2, metavar=("BEFORE", "AFTER"), help="print a markdown before/after table")
    args = ap.parse_args()
    if args.table:
        print(table(*args.table))
        return
    _import_root(args.root)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    path = Path(args.findings)
    items = pickle.loads(path.read_bytes()) if path.exists() else detect(path, args.docs)
    options = json.loads(args.options)
    if args.profile:
        profile(items, args.profile, options)
        return
    measure(items[:50], 1, options)  # warm-up: Faker instances, name pools, phonenumbers metadata
    print("--- timed ---")
    results = measure(items, args.reps, options)
    if args.json:
        Path(args.json).write_text(json.dumps({"root": args.root, "options": options, "results": results},
                                              indent=1))


if __name__ == "__main__":
    main()
