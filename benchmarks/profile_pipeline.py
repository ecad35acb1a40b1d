"""Where privsynth's time goes: cProfile of ``Scrubber.scrub_batch`` over the Faker benchmark corpus.

    .venv/bin/python benchmarks/profile_pipeline.py [--docs 400] [--no-ner] [--out benchmarks/results/profile.md]

Prints (and writes) the pipeline's own stage times (a run without the profiler), then own time grouped by
package/module — spaCy+thinc (the NER model), privsynth's detection,
regex, Presidio, resolve, surrogates/Faker, render — and the top functions by own and cumulative time.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

GROUPS = (  # first match wins; matched against the code's file path
    ("privsynth/detect/ner", "privsynth NER adapter (split, map)"),
    ("privsynth/detect", "privsynth detection (recognizers, validators)"),
    ("privsynth/resolve", "privsynth resolve + linking"),
    ("privsynth/surrogates", "privsynth surrogates"),
    ("privsynth/render", "privsynth render"),
    ("privsynth/", "privsynth other"),
    ("thinc", "thinc (NER model maths)"),
    ("spacy", "spaCy (tokenizer, pipeline, parser-based NER)"),
    ("presidio_analyzer", "presidio-analyzer"),
    ("faker", "Faker"),
    ("phonenumbers", "phonenumbers"),
    ("stdnum", "python-stdnum"),
    ("regex", "regex module"),
    ("numpy", "numpy"),
    ("{built-in", "built-ins (re, str, …)"),
    ("~", "built-ins (re, str, …)"),
)


def group_of(filename: str) -> str:
    for key, name in GROUPS:
        if key in filename:
            return name
    return "other"


def scanner_ab(texts: list[str], language: str = "en") -> str:
    """The patterns stage alone, both ways on the same texts in this process: every pattern run (``legacy``) vs.
    the Hyperscan pass that runs only the patterns that can match (same findings, see tests/test_scanner.py)."""
    from privsynth.detect.recognizers import load_recognizers
    from privsynth.detect.scanner import PatternScanner
    from privsynth.lexicon.fold import fold_width

    recognizers = load_recognizers((language,))
    views = [(t, fold_width(t)) for t in texts]
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    # CPU time of this process: on a shared, loaded machine wall time mostly measures the neighbours.
    rows = ["| patterns stage | CPU seconds | MB/s per core | findings |", "|---|---|---|---|"]
    for engine in ("legacy", "hyperscan"):
        scanner = PatternScanner(recognizers, engine=engine)
        scanner.find("warm up")  # loads (or compiles) the database outside the timing
        for recognizer in recognizers:  # validators' memos start empty, as on a corpus of values not seen before
            getattr(recognizer._validator, "cache_clear", lambda: None)()
        t = time.process_time()
        found = sum(len(scanner.find(text, folded, folded.lower())) for text, folded in views)
        secs = time.process_time() - t
        rows.append(f"| {engine} | {secs:.2f} | {nbytes / secs / 1e6:.3f} | {found} |")
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--no-ner", action="store_true")
    ap.add_argument("--sparse", action="store_true", help="the web-page-density corpus (corpus.generate_sparse)")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--no-date", action="store_true",
                    help="replace every default type but DATE_TIME (diagnostic, e.g. while date surrogates fail)")
    ap.add_argument("--out", default=str(HERE / "results" / "profile.md"))
    a = ap.parse_args()

    from corpus import generate, generate_sparse
    from privsynth.evaluation.runner import PrivsynthSystem, make_tldextract_offline
    from privsynth.timing import stage_timer

    make_tldextract_offline()
    docs = [d["text"] for d in generate(a.docs + 20)]
    texts, warm = docs[:a.docs], docs[a.docs:]  # warm: builds the lazily loaded tables before timing
    if a.sparse:
        texts = [d["text"] for d in generate_sparse(a.docs)]
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    with tempfile.TemporaryDirectory():
        # scrub_batch in chunks, a failing document isolated and counted (see PrivsynthSystem.run)
        options: dict = {"ner": not a.no_ner}
        if a.no_date:
            from privsynth.config import DEFAULT_ENTITIES

            options["entities"] = tuple(e for e in DEFAULT_ENTITIES if e != "DATE_TIME")
        system = PrivsynthSystem("en", key="benchmark-profile-key", **options)
        sum(1 for _ in system.run(warm))
        t = time.process_time()  # first without the profiler: the pipeline's own stage times, in CPU seconds
        with stage_timer(cpu=True) as stages:
            sum(1 for _ in system.run(texts))
        stage_cpu = time.process_time() - t
        prof = cProfile.Profile()
        t = time.perf_counter()
        prof.enable()
        n = sum(1 for _ in system.run(texts))
        prof.disable()
        wall = time.perf_counter() - t

    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())  # own time
    by_group: dict[str, float] = defaultdict(float)
    for (filename, _line, func), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():
        by_group[group_of(filename if filename != "~" else "~" + func)] += tt
    lines = [f"# privsynth profile ({n} {'sparse ' if a.sparse else ''}Faker documents, {nbytes / 1e6:.2f} MB, "
             f"ner={not a.no_ner}"
             f"{', DATE_TIME not replaced' if a.no_date else ''})", "",
             f"Command: `.venv/bin/python benchmarks/profile_pipeline.py {' '.join(sys.argv[1:])}`  ",
             f"Wall time under cProfile: {wall:.1f} s ({n / wall:.1f} docs/s; profiling overhead included)", "",
             *[f"**{c} document(s) failed** ({e}); isolating them (halving their chunk until alone) is in the profile." for e, c in
               system.failures.items()], "",
             f"## Stage times without the profiler (`privsynth.timing`, CPU seconds; {stage_cpu:.1f} CPU-s, "
             f"{nbytes / stage_cpu / 1e6:.3f} MB per CPU-s)", "", stages.table(wall=stage_cpu), "",
             "## YAML recognizers: every pattern vs. the Hyperscan pass (same texts, same process)", "",
             scanner_ab(texts), "",
             "## Own time by component", "", "| component | seconds | share |", "|---|---|---|"]
    for name, tt in sorted(by_group.items(), key=lambda kv: -kv[1]):
        lines.append(f"| {name} | {tt:.2f} | {tt / total:.1%} |")
    for key, title in (("tottime", "own"), ("cumulative", "cumulative")):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(a.top)
        body = buf.getvalue()
        body = body[body.find("   ncalls"):] if "   ncalls" in body else body
        lines += ["", f"## Top {a.top} functions by {title} time", "", "```", body.rstrip(), "```"]
    text = "\n".join(lines) + "\n"
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
