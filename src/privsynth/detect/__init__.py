"""Detection: pattern recognizers from ``recognizers/`` plus spaCy/GiNZA named entities → candidate findings.

Importing this package is cheap: Presidio (behind the recognizers) loads when a :class:`Detector` is built or
``build_registry``/``load_recognizers``/``DataRecognizer`` is first used, so :mod:`privsynth.registry` can read
the NER label maps and finder types without it.
"""
from __future__ import annotations

import functools
import re
import threading
from pathlib import Path
from typing import Any, Sequence

from ..types import Finding
from .. import timing
from ..lexicon.fold import fold_width
from ..lexicon.normalize import View, build_view
from .gazetteer import (find_lone_given_names, find_lowercase_names, find_name_lists, find_names,
                        find_surname_runs)
from .case_names import (accept_recased, find_caps_names, find_lower_names, find_word_names, gate_uncased_ner,
                         recase_caps)
from . import name_evidence
from .name_evidence import refine_english
from .places import find_place_names
from .addresses import find_addresses
from .ner import NerDetector, load_pipeline

__all__ = ["Detector", "build_registry", "load_recognizers", "DataRecognizer", "FINDER_ENTITIES",
           "UNSTRUCTURED_ENTITIES"]

#: Entity types the Python finders (name gazetteer, Japanese finders, strict finder) emit beside the YAML ones.
FINDER_ENTITIES = frozenset({"PERSON", "LOCATION", "ID_NUMBER"})
#: Types told by language, not by shape: names, places, organizations, groups. ``structured_only`` leaves them out.
UNSTRUCTURED_ENTITIES = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "NRP"})


def __getattr__(name: str) -> Any:
    if name in ("DataRecognizer", "build_registry", "load_recognizers"):
        from . import recognizers
        return getattr(recognizers, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A spaCy DATE is personal data only when it pins a moment: it has a digit, a month or a weekday name.
_MONTH_WORDS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "sept")
_SPECIFIC_DATE = re.compile(r"\d|\b(?:%s)\.?(?![a-z])|[年月日]" % "|".join(_MONTH_WORDS + _MONTHS + _WEEKDAYS),
                            re.IGNORECASE)
_LEADING_TITLE = re.compile(r"^(?:(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|lady|lord|rev|fr|st)\.?\s+)+",
                            re.IGNORECASE)
_TRAILING_JUNK = re.compile(r"(?:'s|’s|[\s.,;:!?)\]'\"’]+)$")
_LEADING_JUNK = re.compile(r"^[\s(\['\"‘“@#]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _trim(text: str, finding: Finding) -> Finding | None:
    """Tighten an NER span: drop titles before a name, possessives and punctuation around it."""
    start, end = finding.start, finding.end
    span = text[start:end]
    m = _LEADING_JUNK.match(span)
    if m:
        start += m.end()
    if finding.entity_type == "PERSON":
        m = _LEADING_TITLE.match(text[start:end])
        if m:
            start += m.end()
    while True:
        m = _TRAILING_JUNK.search(text[start:end])
        if not m or m.start() == 0:
            break
        end = start + m.start()
    if end - start < 2 and not (end > start and finding.entity_type == "PERSON" and _HAN.match(text, start)):
        return None  # one kanji can be a whole family name (林, 崔); one Latin letter is no name
    if finding.entity_type == "DATE_TIME" and not _SPECIFIC_DATE.search(text[start:end]):
        return None
    return Finding(start, end, finding.entity_type, finding.score, finding.recognizer)


class Detector:
    """Pattern recognizers + (optionally) a spaCy pipeline for one language."""

    def __init__(self, language: str, model: str | None, extra_recognizers: Sequence[Any] = (),
                 sensitivity: str = "balanced", recognizer_dirs: Sequence[str | Path] = (),
                 structured_only: bool = False) -> None:
        from .recognizers import load_recognizers

        self.language = language
        # The shipped recognizers, then those of ``recognizer_dirs`` (one YAML file each), then ready-made ones.
        self.recognizers = load_recognizers((language,), extra_dirs=recognizer_dirs) + tuple(extra_recognizers)
        self.structured_only = structured_only
        if structured_only:  # values with a shape only: no model, no name or place rules, no name refiner
            self.recognizers = tuple(r for r in self.recognizers
                                     if not set(r.supported_entities) <= UNSTRUCTURED_ENTITIES)
            model = None
        self.model_name = model
        self._ner: NerDetector | None = None
        # One spaCy pipeline is not safe to run from two threads at once (its vocabulary and memory zones are
        # shared: OverflowError, wrong offsets); threads share the loaded model and take turns on it. Measured
        # (benchmarks/threads.py): as fast as a pipeline per thread or faster, without a model copy per thread.
        self._ner_lock = threading.Lock()
        self._finders, self._refine = ((), _as_found) if structured_only else _language_hooks(language)
        if sensitivity == "strict" and not structured_only:  # recall first: the strict finder only adds findings
            from .strict import find_strict
            self._finders = self._finders + (functools.partial(find_strict, language=language),)
            if language != "ja":  # and the English evidence rules only add (handles, places), never drop or trim
                self._refine = functools.partial(_keep_candidates, self._refine)

    @property
    def ner(self) -> NerDetector | None:
        with self._ner_lock:
            return self._load_ner()

    def _load_ner(self) -> NerDetector | None:
        if self._ner is None and self.model_name:
            if self.model_name.startswith("transformers:"):  # bring-your-own model (detect.transformers_detector)
                from .transformers_detector import TransformersDetector, model_name
                self._ner = TransformersDetector(model_name(self.model_name))  # type: ignore[assignment]
            else:
                self._ner = NerDetector(load_pipeline(self.model_name))
        return self._ner

    def patterns(self, text: str) -> list[Finding]:
        """Pattern and finder results for ``text``, found on its normalized view, in original offsets."""
        view = build_view(text)
        return [view.finding(f) for f in self._patterns(view.text)]

    def _patterns(self, text: str) -> list[Finding]:
        folded = fold_width(text)
        lowered = folded.lower()
        clock = timing.clock()
        findings = self.scanner.find(text, folded, lowered)  # every YAML recognizer, one Hyperscan pass
        if clock:
            clock.lap("patterns")
        for finder in self._finders:
            findings.extend(finder(text))
        if clock:
            clock.lap("gazetteers")
        return findings

    @functools.cached_property
    def scanner(self) -> Any:
        from .scanner import PatternScanner
        return PatternScanner(self.recognizers)

    def detect_batch(self, texts: Sequence[str], batch_size: int = 32, ner: Any = None) -> list[list[Finding]]:
        """Candidate findings for each text (overlapping; :func:`privsynth.resolve.resolve` sorts them out).

        Everything runs on the normalized view of each text (:mod:`privsynth.lexicon.normalize`: invisible
        characters dropped, NFC, Unicode spaces and digits, full-width forms, look-alike letters); findings are
        mapped back to exact offsets in the original, which is what gets replaced.

        ``ner``: the named entities come from elsewhere (worker processes, :mod:`privsynth.batch.longtext`): an
        object with ``submit(texts, batch_size) -> () -> findings per text`` and ``detect_batch`` like
        :class:`NerDetector`. It is started first and the patterns are found while it runs."""
        views = [build_view(t) for t in texts]
        seen = [v.text for v in views]
        remote = ner if ner is not None and self.model_name else None
        pending = remote.submit(seen, batch_size) if remote is not None else None
        patterns = [self._patterns(t) for t in seen] if remote is not None else None
        clock = timing.clock()
        with self._ner_lock:
            model = remote if remote is not None else self._load_ner()
            ner = pending() if pending is not None else model.detect_batch(seen, batch_size) if model \
                else [[] for _ in texts]
            cased = self._recased(model, seen, batch_size) if model and self.language != "ja" else {}
        if clock:
            clock.lap("ner")
        out = []
        for i, (view, named) in enumerate(zip(views, ner)):
            text = view.text
            runs, places, names = cased.get(i, ((), [], []))
            trimmed = [t for t in (_trim(text, f) for f in named) if t is not None]
            if self.language != "ja":  # kana and kanji have no case: the gate read every Japanese name as lower case
                trimmed = gate_uncased_ner(text, trimmed, runs, places)
            found = self._refine(text, (patterns[i] if patterns is not None else self._patterns(text)) + trimmed
                                 + names)
            out.append(_to_original(view, found))
        return out

    @staticmethod
    def _recased(model: NerDetector, texts: Sequence[str], batch_size: int
                 ) -> dict[int, tuple[tuple[tuple[int, int], ...], list[Finding], list[Finding]]]:
        """NER over a title-cased copy of the ALL-CAPS runs (the model knows "John Smith" best): per text, the runs,
        the places found on the copy, and the names kept where the name tables agree
        (:func:`privsynth.detect.case_names.accept_recased`)."""
        recased = {i: r for i, r in ((i, recase_caps(t)) for i, t in enumerate(texts)) if r is not None}
        if not recased:
            return {}
        # Only the lines around the runs go through NER again, not the whole copy (a long text with one capitalized
        # header paid for a second full NER pass); see _recase_windows for why the result is the same.
        pieces = [(i, a, recased[i][0][a:b]) for i in recased for a, b in _recase_windows(*recased[i])]
        found = model.detect_batch([p for _, _, p in pieces], batch_size)
        named: dict[int, list[Finding]] = {i: [] for i in recased}
        for (i, offset, _), piece_found in zip(pieces, found):
            named[i].extend(Finding(f.start + offset, f.end + offset, f.entity_type, f.score, f.recognizer)
                            for f in piece_found)
        out = {}
        for i in recased:
            copy, runs = recased[i]
            trimmed = [t for t in (_trim(copy, f) for f in named[i]) if t is not None]
            places = [f for f in trimmed if f.entity_type == "LOCATION"]
            out[i] = (runs, places, accept_recased(texts[i], trimmed, runs))
        return out


#: Words of unchanged text kept on each side of a recased run. The model sees ±4 tokens (a depth-4, window-1 CNN
#: over per-token features) and its transition features stay next to the current token; every word is at least
#: one token, so 8 words leave the model's view of the run exactly as in the whole text.
_RECASE_MARGIN_WORDS = 8


def _recase_windows(copy: str, runs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Disjoint, sorted spans of ``copy`` holding every run: whole lines (a run never crosses one), widened line by
    line until at least :data:`_RECASE_MARGIN_WORDS` words stand before and after the run (or the text ends)."""
    windows: list[tuple[int, int]] = []
    for start, end in runs:
        a = copy.rfind("\n", 0, start) + 1
        while a > 0 and len(copy[a:start].split()) < _RECASE_MARGIN_WORDS:
            a = copy.rfind("\n", 0, a - 1) + 1
        b = copy.find("\n", end)
        while b != -1 and len(copy[end:b].split()) < _RECASE_MARGIN_WORDS:
            b = copy.find("\n", b + 1)
        b = len(copy) if b == -1 else b
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], b))
        else:
            windows.append((a, b))
    return windows


def _as_found(text: str, findings: list[Finding]) -> list[Finding]:
    """The refiner of ``structured_only``: pattern findings stand as found."""
    return findings


def _keep_candidates(refine: Any, text: str, findings: list[Finding]) -> list[Finding]:
    """``refine``'s additions and relabelled spans beside every candidate it would drop or trim (strict mode:
    a doubtful name is replaced rather than kept)."""
    seen = set(findings)
    return findings + [f for f in refine(text, findings) if f not in seen]


def _to_original(view: View, findings: list[Finding]) -> list[Finding]:
    return [view.finding(f) for f in findings] if view.changed else findings


def _language_hooks(language: str) -> tuple[tuple, object]:
    """Finders written in Python for one language (beyond the YAML recognizers) and its span refiner."""
    if language == "ja":
        from . import ja
        return tuple(ja.FINDERS), ja.refine
    name_evidence.preload()
    return (find_names, find_name_lists, find_lone_given_names, find_surname_runs, find_lowercase_names,
            find_caps_names, find_lower_names, find_word_names, find_place_names, find_addresses), refine_english
