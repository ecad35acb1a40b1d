"""spaCy models shipped inside privsynth (built by ``make train``), by the name ``spacy_model=`` accepts."""
from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from ._paths import data_dir

#: Config name → folder under ``_data/models``.
PACKAGED = {"privsynth_en_ner": "en_privsynth_ner", "privsynth_ja_ner": "ja_privsynth_ner"}
#: Shipped models that are only a trained ``ner`` head over an installed base pipeline's frozen tok2vec (the base's
#: vectors and tok2vec are too large to ship twice): config name → base package.
NER_HEADS = {"privsynth_ja_ner": "ja_ginza"}


def packaged_path(name: str) -> Path | None:
    """The folder of a shipped model, or ``None`` when ``name`` is not one of ours."""
    folder = PACKAGED.get(name)
    if folder is None:
        return None
    try:
        path = data_dir("models") / folder
    except FileNotFoundError:
        return None
    if not (path / "meta.json").is_file():
        return None
    return path


def resolve_model(name: str) -> str:
    """What ``spacy.load`` should get: the shipped folder for our names, else ``name`` (an installed package)."""
    path = packaged_path(name)
    return str(path) if path is not None else name


def load_ner_head(name: str, exclude: list[str]):  # -> spacy.language.Language | None
    """The base pipeline with our trained ``ner`` head added *after* its own, for a name in :data:`NER_HEADS`;
    ``None`` for any other name or when the head is not shipped (the caller then loads ``name`` as usual).

    Both heads listen to the base's tok2vec (computed once). The base ``ner`` runs first; its entities are kept
    and every other token is opened up (``missing`` instead of ``O``), so our head only adds entities where the
    base found none: what the base knew (organisations, works, events) stays, the names it missed are added
    (when the dictionary agrees: :data:`_NEEDS_TAG`).
    ``"combine": "replace"`` in the head's meta.json puts the head in place of the base's ner instead."""
    base = NER_HEADS.get(name)
    path = packaged_path(name)
    if base is None or path is None:
        return None
    import spacy

    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    nlp = spacy.load(base, exclude=exclude)
    if meta.get("combine") == "replace":  # the head alone, in place of the base's ner
        nlp.get_pipe("ner").from_disk(path / "ner", exclude=["vocab"])
    else:
        _register_components()
        nlp.add_pipe(OPEN_OUTSIDE, after="ner")
        config = {k: v for k, v in nlp.config.interpolate()["components"]["ner"].items() if k != "factory"}
        head = nlp.add_pipe("ner", name=HEAD_NAME, after=OPEN_OUTSIDE, config=config)
        head.from_disk(path / "ner", exclude=["vocab"])
        nlp.add_pipe(DICTIONARY_CHECK, after=HEAD_NAME)
        # The head runs through the gate (only on documents it can add a name or place to), never on its own.
        nlp.add_pipe(HEAD_GATE, before=HEAD_NAME)
        nlp.disable_pipe(HEAD_NAME)
    nlp.meta.update(name=meta.get("name", name), version=meta.get("version", "?"))
    return nlp


HEAD_NAME = "privsynth_ner"
HEAD_GATE = "privsynth_head_gate"
OPEN_OUTSIDE = "privsynth_open_outside"
DICTIONARY_CHECK = "privsynth_dictionary_check"
_BASE_ENTS = "privsynth_base_ents"
#: An entity only our head found must hold a token the tokenizer's dictionary (Sudachi, via GiNZA's tag) files
#: under the same kind: a person a 人名 (family, given or foreign name) token, a place a 地名 token. Without it the
#: head's guesses from context alone (organisations, works, events in Wikipedia-like text) cost more precision
#: than they gain recall (measured on the stockmark dev file: see README, "The trained detector").
_NEEDS_TAG = {"Person": "人名", "Province": "地名", "City": "地名", "Country": "地名"}
_NAME_TAGS = frozenset(_NEEDS_TAG.values())


def _register_components() -> None:
    from spacy.language import Language

    if Language.has_factory(OPEN_OUTSIDE):
        return

    @Language.component(OPEN_OUTSIDE)
    def open_outside(doc):  # noqa: ANN001, ANN202 - spaCy component signature
        doc.spans[_BASE_ENTS] = list(doc.ents)
        doc.set_ents(list(doc.ents), default="missing")  # keep the entities; "outside" becomes "not decided"
        return doc

    @Language.factory(HEAD_GATE)
    def head_gate(nlp, name):  # noqa: ANN001, ANN202 - spaCy factory signature
        return _HeadGate(nlp.get_pipe(HEAD_NAME))

    @Language.component(DICTIONARY_CHECK)
    def dictionary_check(doc):  # noqa: ANN001, ANN202 - spaCy component signature
        base = {(e.start, e.end) for e in doc.spans.get(_BASE_ENTS, [])}
        keep = [e for e in doc.ents if (e.start, e.end) in base or e.label_ not in _NEEDS_TAG or
                any(_NEEDS_TAG[e.label_] in t.tag_ for t in e)]
        doc.set_ents(keep, default="outside")
        return doc


def _may_gain_a_name(doc) -> bool:  # noqa: ANN001 - a spaCy Doc
    """Whether our head can add anything the dictionary check keeps: some token outside the base's entities is one
    the dictionary files as a name or a place. About one short text in ten (stockmark, UD GSD); the rest skip the
    head, which costs as much as GiNZA's own ner."""
    inside = {i for e in doc.ents for i in range(e.start, e.end)}
    return any(t.i not in inside and any(tag in t.tag_ for tag in _NAME_TAGS) for t in doc)


class _HeadGate:
    """Runs the trained head only on the documents of a batch that :func:`_may_gain_a_name` (the head listens to
    the tok2vec output already stored on each document, so a subset can be run on its own). On the other
    documents the head could add only entities of kinds privsynth does not replace (companies, events, positions)."""

    def __init__(self, head) -> None:  # noqa: ANN001 - a spaCy EntityRecognizer
        self.head = head

    def __call__(self, doc):  # noqa: ANN001, ANN204 - spaCy component signature
        return self.head(doc) if _may_gain_a_name(doc) else doc

    def pipe(self, docs, batch_size: int = 128):  # noqa: ANN001, ANN201 - spaCy component signature
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size):
            chosen = [doc for doc in batch if _may_gain_a_name(doc)]
            if chosen:
                list(self.head.pipe(chosen, batch_size=batch_size))
            yield from batch


@functools.lru_cache(maxsize=None)
def model_version(name: str) -> str | None:
    """``"1.0.0 sha256:…"`` (version and a digest of the NER weights) for a shipped model, else ``None``."""
    path = packaged_path(name)
    if path is None:
        return None
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256((path / "ner" / "model").read_bytes()).hexdigest()[:16]
    return f"{meta.get('version', '?')} sha256:{digest}"
