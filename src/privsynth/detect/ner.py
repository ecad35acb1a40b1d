"""Named entities from a spaCy pipeline (English ``en_core_web_sm`` build, Japanese GiNZA), run lean and batched.

Only the components NER needs are loaded: for the English small model that is ``ner`` alone (it has its own
embedding layer) plus a rule-based sentencizer so entities do not run across sentences. Long texts are cut into
pieces at paragraph/sentence boundaries below the model's ``max_length`` and offsets are mapped back exactly.
"""
from __future__ import annotations

import contextlib
import logging
import re
from typing import Iterator, Sequence

from ..errors import ModelError
from ..lexicon.chunks import iter_chunks  # noqa: F401  (augment_cli still imports it from here)
from ..types import Finding

log = logging.getLogger(__name__)

#: spaCy/OntoNotes and GiNZA (ENE) labels → privsynth entity types. Unlisted labels are not personal data.
LABEL_MAP = {
    "PERSON": "PERSON", "PER": "PERSON", "Person": "PERSON",
    "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION",
    "ORG": "ORGANIZATION", "ADDRESS": "ADDRESS",  # ADDRESS: street address lines (privsynth_en_ner)
    "USERNAME": "USERNAME",  # handles and user names (privsynth_en_ner >= 1.2.0): a handle-like surrogate
    "NORP": "NRP",
    "DATE": "DATE_TIME", "TIME": "DATE_TIME",
    # GiNZA (Extended Named Entity hierarchy)
    "Province": "LOCATION", "City": "LOCATION", "County": "LOCATION", "Country": "LOCATION",
    "GPE_Other": "LOCATION", "Location": "LOCATION", "Location_Other": "LOCATION", "Region": "LOCATION",
    "Domestic_Region": "LOCATION", "Address_Other": "ADDRESS", "Postal_Address": "ADDRESS",
    "Continental_Region": "LOCATION", "Region_Other": "LOCATION", "Geological_Region_Other": "LOCATION",
    "Island": "LOCATION", "Mountain": "LOCATION", "River": "LOCATION", "Lake": "LOCATION", "Sea": "LOCATION",
    "Bay": "LOCATION", "Water_Route": "LOCATION",
    "Station": "LOCATION", "Facility": "LOCATION", "Facility_Other": "LOCATION", "Line_Other": "LOCATION",
    "Road": "LOCATION", "Railroad": "LOCATION", "Bridge": "LOCATION", "Park": "LOCATION",
    "Company": "ORGANIZATION", "Organization": "ORGANIZATION", "Organization_Other": "ORGANIZATION",
    "School": "ORGANIZATION", "Corporation_Other": "ORGANIZATION", "Public_Institution": "ORGANIZATION",
    "Family": "PERSON", "Position_Vocation": "PERSON",  # names inside; privsynth.detect.ja cuts them out
    "Phone_Number": "PHONE_NUMBER", "Email": "EMAIL_ADDRESS", "URL": "URL", "Age": "AGE",
    "Date": "DATE_TIME", "Time": "DATE_TIME", "Era": "DATE_TIME",
    # weekdays and spans of time (3時間, 20年後, 数年前): privsynth.detect.ja keeps those with a number
    "Day_Of_Week": "DATE_TIME", "Period_Year": "DATE_TIME", "Period_Month": "DATE_TIME", "Period_Week": "DATE_TIME",
    "Period_Day": "DATE_TIME", "Period_Time": "DATE_TIME",
}
NER_SCORE = 0.85
#: New words whose vocabulary entries (lexemes) a NerDetector keeps before it frees each batch's (see
#: NerDetector.detect_batch): ~13 MB (50,000 random words measured +32 MB RSS); the Faker bench corpus and the
#: English dev files together add ~10,000.
KEPT_LEXEMES = 20_000
_LEAN_EXCLUDE = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "morphologizer",
                 "trainable_lemmatizer", "compound_splitter", "bunsetu_recognizer")
_BOUNDARIES = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])"),
               re.compile(r"\s+"))


def load_pipeline(model: str):  # -> spacy.language.Language
    """Load ``model`` with only what NER needs; a clear ``ModelError`` when it is not installed."""
    import spacy

    from .._models import load_ner_head, resolve_model

    try:
        nlp = load_ner_head(model, list(_LEAN_EXCLUDE)) or \
            spacy.load(resolve_model(model), exclude=list(_LEAN_EXCLUDE))
    except OSError as exc:
        raise ModelError(f"spaCy model {model!r} is not installed or cannot be loaded ({exc.__class__.__name__}). "
                         "Install it with `pip install -e .` from the privsynth checkout (the models are pinned "
                         "pip packages), or set spacy_model= to an installed model.") from None
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy model {model!r} has no 'ner' component; choose a model with named entities.")
    # The lean English pipeline needs tok2vec only if ner listens to it.
    if "tok2vec" in nlp.pipe_names and not _ner_listens(nlp):
        nlp.remove_pipe("tok2vec")
    if "sentencizer" not in nlp.pipe_names and "parser" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
        if nlp.lang != "ja":
            _register_sentence_guard()
            nlp.add_pipe(SENTENCE_GUARD, after="sentencizer")
    log.debug("loaded spaCy model %s with components %s", model, nlp.pipe_names)
    return nlp


SENTENCE_GUARD = "privsynth_sentence_guard"
_GUARD_OPENERS = frozenset(",;:)]}")


def _register_sentence_guard() -> None:
    """A sentence never starts with a lower-case word, a token with a digit (a postcode: "4031", "H-4031") or a
    comma-like mark: the rule-based sentencizer cuts after house numbers written with a dot ("Petőfi kapu 12.,
    4031 Debrecen") and after abbreviations before
    a lower-case word, and the cut hides the rest of an address or name from NER."""
    from spacy.language import Language

    if Language.has_factory(SENTENCE_GUARD):
        return

    @Language.component(SENTENCE_GUARD)
    def sentence_guard(doc):  # noqa: ANN001, ANN202 - spaCy component signature
        for token in doc[1:]:
            if not token.is_sent_start:
                continue
            first = token.text[:1]
            if first.islower() or first in _GUARD_OPENERS or any(c.isdigit() for c in token.text):
                token.is_sent_start = False
        return doc


def _ner_listens(nlp) -> bool:
    tok2vec = nlp.get_pipe("tok2vec")
    return any(name == "ner" for name in getattr(tok2vec, "listening_components", []))


def split_points(text: str, limit: int) -> list[int]:
    """Offsets at which to cut ``text`` into pieces of at most ``limit`` characters, at natural boundaries."""
    cuts = [0]
    while len(text) - cuts[-1] > limit:
        start = cuts[-1]
        window = text[start:start + limit]
        cut = None
        for boundary in _BOUNDARIES:
            ends = [m.end() for m in boundary.finditer(window) if m.end() > limit // 4]
            if ends:
                cut = start + ends[-1]
                break
        cuts.append(cut if cut is not None else start + limit)  # no boundary at all: a hard cut is the only way
    return cuts + [len(text)]


def text_pieces(texts: Sequence[str], limit: int | None) -> list[tuple[int, int, str]]:
    """``(text index, offset, piece)`` for every non-empty piece of every text, cut by :func:`split_points` at
    ``limit`` characters (``None``: each text whole)."""
    pieces: list[tuple[int, int, str]] = []
    for i, text in enumerate(texts):
        bounds = split_points(text, limit) if limit else [0, len(text)]
        pieces.extend((i, a, text[a:b]) for a, b in zip(bounds, bounds[1:]) if b > a)
    return pieces


class NerDetector:
    """Runs the spaCy pipeline over batches of texts and yields findings per text."""

    def __init__(self, nlp, piece_chars: int = 20_000, kept_lexemes: int = KEPT_LEXEMES,
                 fast_decode: bool = True) -> None:
        self.nlp = nlp
        self.piece_chars = min(piece_chars, nlp.max_length)
        #: Vocabulary size up to which batches run outside a memory zone (see :meth:`detect_batch`).
        self.vocab_budget = len(nlp.vocab) + kept_lexemes
        #: spaCy's greedy NER decoding with whole-batch products (detect.ner_decode): same entities, ~3.7x less
        #: CPU on the Faker bench corpus. None: the model is one it does not handle, spaCy's own ner runs.
        self.decoder = None
        from .ner_decode import GreedyNerDecoder, use_numpy_blas  # numpy, threadpoolctl: when a model loads

        names = nlp.pipe_names
        # A ner listening to a shared tok2vec (GiNZA) reads what that component stored: it must run before.
        listener_ok = "tok2vec" in names and "ner" in names and names.index("tok2vec") < names.index("ner")
        if fast_decode and "ner" in names and GreedyNerDecoder.supports(nlp.get_pipe("ner"), listener_ok):
            self.decoder = GreedyNerDecoder(nlp.get_pipe("ner"), listener_ok)
            # The other models' products too (GiNZA's shared tok2vec, a second ner head); the decoder set its own.
            for name, component in nlp.pipeline:
                if name != "ner" and hasattr(getattr(component, "model", None), "walk"):
                    use_numpy_blas(component.model)

    def detect_batch(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Finding]]:
        pieces = text_pieces(texts, self.piece_chars)
        results: list[list[Finding]] = [[] for _ in texts]
        # memory_zone frees the strings and lexemes each batch adds to the vocabulary (else an endless corpus
        # grows the process by ~1 MB per 1,000 records), but a word's lexeme is then rebuilt in every batch
        # (~20 Python attribute getters each: 7 % of the NER stage on the Faker bench corpus). So the first
        # KEPT_LEXEMES new words stay (a stream's frequent words come early), and only then each batch gets a
        # zone: memory grows by a fixed amount at most, then stays flat. Findings keep plain offsets.
        zone = self.nlp.memory_zone() if len(self.nlp.vocab) >= self.vocab_budget else contextlib.nullcontext()
        with zone:
            docs = self._pipe([p[2] for p in pieces], batch_size)
            for (i, offset, _), doc in zip(pieces, docs):
                results[i].extend(self._findings(doc, offset))
        return results

    def _pipe(self, texts: list[str], batch_size: int) -> Iterator:  # of spaCy Docs
        """``nlp.pipe`` with the ``ner`` step run by :attr:`decoder` (the other components as they are)."""
        if self.decoder is None:
            yield from self.nlp.pipe(texts, batch_size=batch_size)
            return
        from .ner_decode import one_blas_thread

        for start in range(0, len(texts), batch_size):
            docs = [self.nlp.make_doc(text) for text in texts[start:start + batch_size]]
            with one_blas_thread():
                for name, component in self.nlp.pipeline:
                    if name == "ner" and self.decoder.can_decode(docs):
                        self.decoder(docs)
                    elif hasattr(component, "pipe"):
                        docs = list(component.pipe(docs, batch_size=batch_size))
                    else:
                        docs = [component(doc) for doc in docs]
            yield from docs

    def _findings(self, doc, offset: int) -> Iterator[Finding]:
        for ent in doc.ents:
            entity = LABEL_MAP.get(ent.label_)
            if entity is None:
                continue
            yield Finding(offset + ent.start_char, offset + ent.end_char, entity, NER_SCORE, f"spacy:{ent.label_}")

