"""Detection: pattern recognizers from ``recognizers/`` plus spaCy/GiNZA named entities → candidate findings."""
from __future__ import annotations

import functools
import re
from typing import Any, Sequence

from ..types import Finding
from .. import timing
from ..lexicon.fold import fold_width
from .gazetteer import (find_lone_given_names, find_lowercase_names, find_name_lists, find_names,
                        find_surname_runs)
from .ner import NerDetector, load_pipeline
from .recognizers import DataRecognizer, build_registry, load_recognizers

__all__ = ["Detector", "build_registry", "load_recognizers", "DataRecognizer"]

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
    if end - start < 2:
        return None
    if finding.entity_type == "DATE_TIME" and not _SPECIFIC_DATE.search(text[start:end]):
        return None
    return Finding(start, end, finding.entity_type, finding.score, finding.recognizer)


class Detector:
    """Pattern recognizers + (optionally) a spaCy pipeline for one language."""

    def __init__(self, language: str, model: str | None, extra_recognizers: Sequence[DataRecognizer] = (),
                 sensitivity: str = "balanced") -> None:
        self.language = language
        self.recognizers = load_recognizers((language,)) + tuple(extra_recognizers)
        self.model_name = model
        self._ner: NerDetector | None = None
        self._finders, self._refine = _language_hooks(language)
        if sensitivity == "strict":  # recall first: the strict finder only adds findings (detect.strict)
            from .strict import find_strict
            self._finders = self._finders + (functools.partial(find_strict, language=language),)

    @property
    def ner(self) -> NerDetector | None:
        if self._ner is None and self.model_name:
            if self.model_name.startswith("transformers:"):  # bring-your-own model (detect.transformers_detector)
                from .transformers_detector import TransformersDetector, model_name
                self._ner = TransformersDetector(model_name(self.model_name))  # type: ignore[assignment]
            else:
                self._ner = NerDetector(load_pipeline(self.model_name))
        return self._ner

    def patterns(self, text: str) -> list[Finding]:
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

    def detect_batch(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Finding]]:
        """Candidate findings for each text (overlapping; :func:`privsynth.resolve.resolve` sorts them out)."""
        clock = timing.clock()
        ner = self.ner.detect_batch(texts, batch_size) if self.ner else [[] for _ in texts]
        if clock:
            clock.lap("ner")
        out = []
        for text, named in zip(texts, ner):
            trimmed = [t for t in (_trim(text, f) for f in named) if t is not None]
            out.append(self._refine(text, self.patterns(text) + trimmed))
        return out


def _language_hooks(language: str) -> tuple[tuple, object]:
    """Finders written in Python for one language (beyond the YAML recognizers) and its span refiner."""
    if language == "ja":
        from . import ja
        return tuple(ja.FINDERS), ja.refine
    return (find_names, find_name_lists, find_lone_given_names, find_surname_runs, find_lowercase_names), \
        (lambda text, findings: findings)
