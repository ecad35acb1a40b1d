"""Fine-tune GiNZA's ``ner`` on the Japanese synthetic corpus, tok2vec frozen, with pseudo-rehearsal.

    python -m privsynth.training.ja.train --out src/privsynth/_data/models/ja_privsynth_ner   (what `make train` runs)

Only the ``ner`` head learns: GiNZA's shared ``tok2vec`` (which its parser and morphologizer also listen to) stays
frozen, so tokens, tags and parses elsewhere are unchanged and the shipped artefact is just the head (< 1 MB)
loaded onto the installed ``ja_ginza`` (:func:`privsynth._models.load_ner_head`). Gold labels come from the
generator (Person, Province, City, Country, Company: exhaustive in our text); every other label on the same texts
(Date, Title_Other, Position_Vocation, Phone_Number, …) is GiNZA's own prediction, so it keeps what it knew.
Deterministic: fixed seeds, fixed order, one process, one BLAS/OpenMP thread and a fixed ``PYTHONHASHSEED``
(the same environment as the English driver, :data:`privsynth.training.train.DETERMINISTIC_ENV`).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Sequence

from ..train import DETERMINISTIC_ENV, ensure_deterministic_env
from .corpus import LABELS, Sample, generate

log = logging.getLogger("privsynth.training.ja")

BASE_MODEL = "ja_ginza"
MODEL_NAME = "privsynth_ja_ner"
MODEL_VERSION = "1.0.0"
GOLD_LABELS = frozenset(LABELS)
#: What NER needs: the tokenizer, the frozen tok2vec and ner.
_EXCLUDE = ["parser", "attribute_ruler", "morphologizer", "compound_splitter", "bunsetu_recognizer"]


def _overlaps(a: int, b: int, spans) -> bool:
    return any(a < e and s < b for s, e in spans)


def make_example(base_doc, sample: Sample):
    """An Example: the reference has the generated spans, GiNZA's own non-gold labels where nothing else is, and
    the ``missing`` ranges (plus gold spans the tokenizer cannot align) unannotated; the predicted side is a copy
    of the base doc, which carries the frozen tok2vec output in ``doc.tensor``."""
    from spacy.tokens import Doc
    from spacy.training import Example

    ref = Doc(base_doc.vocab, words=[t.text for t in base_doc], spaces=[bool(t.whitespace_) for t in base_doc])
    gold, missing = [], []
    for a, b, label in sample.spans:
        span = ref.char_span(a, b, label=label)
        if span is None:  # the tokenizer merged the name with its neighbour (県知事): no signal either way
            span = ref.char_span(a, b, alignment_mode="expand")
            if span is not None:
                missing.append(span)
            continue
        gold.append(span)
    for a, b in sample.missing:
        span = ref.char_span(a, b, alignment_mode="expand")
        if span is not None and not _overlaps(span.start, span.end, [(g.start, g.end) for g in gold]):
            missing.append(span)
    taken = [(s.start, s.end) for s in gold + missing]
    rehearsal = []
    decoys = [(s.start, s.end) for s in (ref.char_span(a, b, alignment_mode="expand") for a, b in sample.decoys)
              if s is not None]
    for ent in base_doc.ents:
        if _overlaps(ent.start, ent.end, taken):
            continue
        # A noun in a name position keeps whatever GiNZA calls it (a company, a place, a work) but never Person.
        on_decoy = _overlaps(ent.start, ent.end, decoys)
        if ent.label_ in GOLD_LABELS and not (on_decoy and ent.label_ != "Person"):
            continue
        rehearsal.append(ref[ent.start:ent.end])
        rehearsal[-1].label_ = ent.label_
        taken.append((ent.start, ent.end))
    from spacy.util import filter_spans

    ref.set_ents(filter_spans(gold + rehearsal), missing=filter_spans(missing), default="outside")
    pred = base_doc.copy()
    pred.ents = []
    return Example(pred, ref)


def corpus_hash(samples: Sequence[Sample]) -> str:
    h = hashlib.sha256()
    for s in samples:
        h.update(s.text.encode("utf-8"))
        h.update(repr((s.spans, s.missing, s.decoys)).encode())
    return h.hexdigest()


def train(out: Path, n_synthetic: int, epochs: int, seed: int, n_dev: int = 300, batch_size: int = 32,
          dropout: float = 0.1, learn_rate: float = 0.0005) -> dict:
    import spacy
    from spacy.util import fix_random_seed, minibatch
    from thinc.api import Adam

    t0 = time.perf_counter()
    fix_random_seed(seed)
    nlp = spacy.load(BASE_MODEL, exclude=_EXCLUDE)
    assert nlp.pipe_names == ["tok2vec", "ner"], nlp.pipe_names
    samples = generate(n_synthetic, seed=seed)
    dev_samples = generate(n_dev, seed=seed + 1000)
    texts = [s.text for s in samples + dev_samples]
    base_docs = list(nlp.pipe(texts, batch_size=64))  # GiNZA's own labels and the frozen tok2vec output
    log.info("corpus: %d docs, base predictions (%.0fs)", len(texts), time.perf_counter() - t0)
    examples = [make_example(d, s) for s, d in zip(samples + dev_samples, base_docs)]
    del base_docs
    train_set, dev = examples[:len(samples)], examples[len(samples):]

    ner = nlp.get_pipe("ner")
    optimizer = Adam(learn_rate)
    rng = random.Random(seed)
    history = [{"epoch": "base", **_score(nlp, dev)}]
    log.info("base: %s", history[0])
    for epoch in range(epochs):
        rng.shuffle(train_set)
        losses: dict[str, float] = {}
        for batch in minibatch(train_set, size=batch_size):
            ner.update(batch, sgd=optimizer, drop=dropout, losses=losses)
        history.append({"epoch": epoch, "loss": round(float(losses.get("ner", 0.0)), 1), **_score(nlp, dev),
                        "seconds": round(time.perf_counter() - t0)})
        log.info("epoch %d: %s", epoch, history[-1])

    meta = {"lang": "ja", "name": "privsynth_ja_ner", "version": MODEL_VERSION, "base": BASE_MODEL,
            "base_version": nlp.meta.get("version"), "spacy_version": f">={spacy.__version__}",
            "labels": {"ner": list(ner.labels)},
            "description": "privsynth's Japanese NER head: ja_ginza's ner fine-tuned (tok2vec frozen) on "
                           "privsynth's synthetic Japanese corpus, with pseudo-rehearsal. Loaded onto ja_ginza.",
            "author": "privsynth", "license": "MIT (ja_ginza: MIT)"}
    info = {"model": MODEL_NAME, "version": MODEL_VERSION, "base": BASE_MODEL, "seed": seed,
            "n_synthetic": n_synthetic, "epochs": epochs, "batch_size": batch_size, "dropout": dropout,
            "learn_rate": learn_rate, "corpus_sha256": corpus_hash(samples), "spacy": spacy.__version__,
            "env": {k: os.environ.get(k) for k in DETERMINISTIC_ENV}, "history": history,
            "train_seconds": round(time.perf_counter() - t0)}
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    ner.to_disk(out / "ner", exclude=["vocab"])  # the vocab and vectors are ja_ginza's own
    (out / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "training.json").write_text(json.dumps(info, indent=1) + "\n")
    log.info("saved %s (%.0fs)", out, time.perf_counter() - t0)
    return info


def _score(nlp, dev) -> dict:
    """Entity F on the generated dev documents, overall and per gold label (the tok2vec tensors are reused)."""
    from spacy.scorer import get_ner_prf

    ner = nlp.get_pipe("ner")
    preds = list(ner.pipe([eg.predicted.copy() for eg in dev]))
    from spacy.training import Example

    scores = get_ner_prf([Example(p, eg.reference) for p, eg in zip(preds, dev)])
    per = {k: round(float(v["f"]), 3) for k, v in (scores.get("ents_per_type") or {}).items() if k in LABELS}
    return {"dev_f": round(float(scores["ents_f"]), 3), "per_type_f": per}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ensure_deterministic_env("privsynth.training.ja.train", argv)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n-synthetic", type=int, default=8000)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--learn-rate", type=float, default=0.0005)
    ap.add_argument("--n-dev", type=int, default=300, help="synthetic documents scored after each epoch")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    train(a.out, a.n_synthetic, a.epochs, a.seed, n_dev=a.n_dev, batch_size=a.batch_size, learn_rate=a.learn_rate)
    return 0


if __name__ == "__main__":
    sys.exit(main())
