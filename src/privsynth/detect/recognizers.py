"""Recognizers defined as data: ``recognizers/<scope>/<name>.yaml`` → Presidio ``PatternRecognizer``s.

A file is Presidio's recognizer YAML (name, supported_entity, patterns, context) for one recognizer, plus our
fields: ``validator`` (a name from :mod:`privsynth.detect.validators`), ``supported_languages``, ``flags``,
``examples: {match: [...], reject: [...]}`` (run by the test suite) and ``source``; a pattern may list
``requires``: lower-case literals of which every match (with its look-arounds) contains one, so the scanner skips
the pattern on a text whose lower-cased form has none (a cheap gate for patterns Hyperscan cannot take), and
``prefilter``: a simpler expression that matches wherever the pattern does (its cue words), which the scanner's
Hyperscan pass uses instead of a pattern too costly to compile there. Adding a country's ID is
adding one file. :func:`build_registry` turns them into real Presidio ``PatternRecognizer``s, so Presidio users
can register ours in their own ``AnalyzerEngine``; privsynth itself calls :meth:`DataRecognizer.find`, which skips
Presidio's per-match explanation objects and does context scoring on characters instead of lemmas.
:class:`DataRecognizer` itself does not import Presidio: importing ``presidio_analyzer`` imports ``transformers``
and ``torch`` when they are installed (~3.6 s of CPU in every process, workers included), and detection does not
need it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

import regex
import yaml

from ..errors import ConfigError
from ..types import Finding
from .specs import recognizer_files, recognizer_roots
from .validators import VALIDATORS

CONTEXT_BOOST = 0.35
_VERDICT_CACHE = 20_000
CONTEXT_WINDOW_BEFORE = 48
CONTEXT_WINDOW_AFTER = 24
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")  # what a context word must not follow
_FLAG_NAMES = {"IGNORECASE": regex.IGNORECASE, "MULTILINE": regex.MULTILINE, "DOTALL": regex.DOTALL,
               "VERBOSE": regex.VERBOSE}
_REQUIRED = ("name", "supported_entity", "patterns")
_KNOWN = set(_REQUIRED) | {"supported_languages", "context", "validator", "flags", "examples", "source",
                           "description", "version", "context_required"}


@dataclass(frozen=True)
class Example:
    """One ``examples.match`` entry: ``value`` must be found as a span of ``text``."""

    text: str
    value: str


@dataclass(frozen=True)
class PatternSpec:
    """One pattern of a recognizer file (the fields Presidio's ``Pattern`` has)."""

    name: str
    regex: str
    score: float


class DataRecognizer:
    """One YAML recognizer file: its patterns, validator and context words, and a fast :meth:`find`; it has the
    attributes of a Presidio recognizer (``name``, ``supported_entities``, ``analyze``, …) and becomes a real
    ``PatternRecognizer`` with :meth:`as_presidio`."""

    def __init__(self, spec: dict[str, Any], path: Path, language: str | None = None) -> None:
        self.path = path
        self.spec = spec
        self.spec_languages = tuple(spec.get("supported_languages") or ("en",))
        self.validator_name = spec.get("validator")
        self._validator = _memo_validator(self.validator_name) if self.validator_name else None
        self.context_required = bool(spec.get("context_required", False))
        flags = 0
        for name in spec.get("flags", ["IGNORECASE", "MULTILINE"]):
            flags |= _FLAG_NAMES[name]
        patterns = [PatternSpec(p["name"], p["regex"], float(p["score"])) for p in spec["patterns"]]
        self.name: str = spec["name"]
        self.supported_entities: list[str] = [spec["supported_entity"]]
        self.supported_language: str = language or self.spec_languages[0].replace("any", "en")
        self.patterns = patterns
        self.context: list[str] = [c.lower() for c in spec.get("context", [])]
        self.global_regex_flags = flags
        self.version = str(spec.get("version", "1"))
        self._compiled = [(p, regex.compile(p.regex, flags)) for p in patterns]
        # Context words match at the start of a word ("dl" not in "middle", "udi" not in "audience"); a word may
        # run on ("account" in "accounts"). Words not spelled in ASCII (歳 after 30, 〒) have no word start to check.
        words = sorted(self.context, key=len, reverse=True)
        ascii_words = "|".join(regex.escape(c) for c in words if c[:1].isascii() and c[:1].isalnum())
        other_words = "|".join(regex.escape(c) for c in words if not (c[:1].isascii() and c[:1].isalnum()))
        self._context_re = regex.compile("|".join(filter(None, (ascii_words and rf"(?<![a-z0-9])(?:{ascii_words})",
                                                                other_words)))) if words else None
        # A pattern may match context around the value and mark the value itself as (?P<value>...).
        self._has_value = {id(c): "value" in c.groupindex for _, c in self._compiled}
        # Per pattern: literals one of which must occur in the lower-cased text (empty: no gate). Only the
        # scanner applies them, so ``engine="legacy"`` still runs every pattern and tests can compare the two.
        self.requires = tuple(tuple(p.get("requires") or ()) for p in spec["patterns"])
        self.prefilters: tuple[str | None, ...] = tuple(p.get("prefilter") for p in spec["patterns"])
        self.examples_match = tuple(_parse_example(e, path) for e in (spec.get("examples") or {}).get("match", []))
        self.examples_reject = tuple((spec.get("examples") or {}).get("reject", []))

    def _context_anywhere(self, lowered: str) -> bool:
        """Whether ``self._context_re`` matches somewhere in ``lowered``: ``str.find`` per word and a look at the
        character before each occurrence (the one alternation run over a whole text cost more than the patterns
        it spared)."""
        for word in self.context:
            i = lowered.find(word)
            if i < 0:
                continue
            if not (word[:1].isascii() and word[:1].isalnum()):
                return True
            while i >= 0:
                if i == 0 or lowered[i - 1] not in _WORD_CHARS:
                    return True
                i = lowered.find(word, i + 1)
        return False

    @functools.cached_property
    def _limits(self) -> tuple[tuple[int, int] | None, ...]:
        """Per pattern: (widest match, longest lookahead) when both are bounded (``scanner.span_limits``)."""
        from .scanner import span_limits
        return tuple(span_limits(p.regex) for p in self.patterns)

    @functools.cached_property
    def _anchors(self) -> tuple[str, ...] | None:
        """The first word of each context word (``serial`` of ``serial no``): :meth:`has_context` joins the text
        before and after a value with a space, so a context word can run from one into the other; its first word
        is always in the text. None when a context word starts with a space (no such anchor)."""
        firsts = {c.split(" ")[0] for c in self.context}
        return None if "" in firsts else tuple(firsts)

    def _context_starts(self, lowered: str, n: int) -> list[int] | None:
        """Every position of ``lowered`` where a context word's first word starts (a superset of where
        :meth:`has_context` can see one), or None when positions in ``lowered`` are not those of the text."""
        if self._anchors is None or len(lowered) != n:  # lower() changed lengths (İ → i̇)
            return None
        starts = []
        for word in self._anchors:
            i = lowered.find(word)
            while i >= 0:
                starts.append(i)
                i = lowered.find(word, i + 1)
        starts.sort()
        return starts

    def validate_result(self, pattern_text: str) -> bool | None:
        return self._validator(pattern_text) if self._validator else None

    def has_context(self, text: str, start: int, end: int) -> bool:
        """Whether a context word occurs just before or after the span (case-insensitive, at a word start)."""
        if not self.context:
            return False
        before = text[max(0, start - CONTEXT_WINDOW_BEFORE):start].lower()
        colon = before.rfind(":")
        if colon > 0:  # a nearer label ("bus driver\nPhone: 201-…") owns the value: look no further back than it
            before = before[max(before.rfind(sep, 0, colon) for sep in "\n:;|\t") + 1:]
        return self._context_re.search(before + " " + text[end:end + CONTEXT_WINDOW_AFTER].lower()) is not None

    def find(self, text: str, folded: str | None = None, lowered: str | None = None,
             only: Iterable[int] | None = None,
             windows: Mapping[int, tuple[Sequence[tuple[int, int]], int]] | None = None) -> Iterator[Finding]:
        """Findings in ``text``; ``folded`` is a same-length normalized copy (full-width → ASCII) to match on,
        ``lowered`` its lower-case form (shared across recognizers to skip context-only ones cheaply). ``only``:
        indices of the patterns to run (:mod:`privsynth.detect.scanner` passes those that can match), in order;
        ``windows``: pattern index → (the only spans its matches can start in, how far past a start a match attempt
        can read), from the scanner, for :func:`search_windows`."""
        haystack = folded if folded is not None else text
        if self.context_required:
            lowered = lowered if lowered is not None else haystack.lower()
            # No context word anywhere, or none at the start of a word ("udi" in "study", "dl" in "handle"): a
            # context-only recognizer cannot fire, and its patterns (the costly part) need not run.
            if not self._context_anywhere(lowered):
                return
        entity = self.supported_entities[0]
        anchors = self._context_starts(lowered, len(haystack)) if self.context_required else None
        for index in range(len(self._compiled)) if only is None else only:
            pattern, compiled = self._compiled[index]
            matches = None
            limits = self._limits[index] if anchors is not None else None
            if limits is not None:  # only matches near a context word can be findings: search only there
                width, ahead = limits
                n = len(haystack)
                near = _merge([(max(0, q - CONTEXT_WINDOW_AFTER - width), min(n - 1, q + CONTEXT_WINDOW_BEFORE))
                               for q in anchors])
                matches = near_windows(compiled, haystack, near, width, width + ahead + 1)
            if matches is None:
                spans = windows.get(index) if windows else None
                matches = compiled.finditer(haystack) if spans is None else search_windows(compiled, haystack,
                                                                                            *spans)
            for match in matches:
                start, end = match.span("value") if self._has_value[id(compiled)] else match.span()
                if start == end:
                    continue
                verdict = self.validate_result(haystack[start:end])
                if verdict is False:
                    continue
                context = self.has_context(haystack, start, end)
                if self.context_required and not context:
                    continue
                # A value its context names explicitly ("MRN: 00482913") is as certain as a checksum.
                certain = verdict or (self.context_required and context)
                score = 1.0 if certain else min(1.0, pattern.score + (CONTEXT_BOOST if context else 0.0))
                yield Finding(start, end, entity, score, self.name)


    @property
    def id(self) -> str:
        """Presidio's recognizer identifier: the name and this object's identity."""
        return f"{self.name}_{id(self)}"

    def as_presidio(self, language: str | None = None) -> Any:
        """This recognizer as a Presidio ``PatternRecognizer`` for ``language`` (default: its first)."""
        return _presidio_class()(self.spec, self.path, language or self.supported_language)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                regex_flags: int | None = None) -> list:
        """Presidio's entry point (an ``AnalyzerEngine`` holding our recognizers): the same findings as privsynth's
        own pass, so validators and ``context_required`` hold there too (no MEDICAL_RECORD_NUMBER on each group of
        a card number, no LICENSE_PLATE on the word "IBAN"). Context is already scored: Presidio must not again."""
        from presidio_analyzer import RecognizerResult

        if entities and self.supported_entities[0] not in entities:
            return []
        meta = {RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True}
        return [RecognizerResult(f.entity_type, f.start, f.end, f.score, recognition_metadata=dict(meta))
                for f in self.find(text)]


@functools.lru_cache(maxsize=None)
def _memo_validator(name: str) -> Any:
    """``VALIDATORS[name]`` remembering its recent verdicts. Validators are pure and costly (phonenumbers tries
    several regions), and one memo per validator, not per recognizer: a phone number matched by the phone, fax and
    country phone recognizers is parsed once."""
    return functools.lru_cache(maxsize=_VERDICT_CACHE)(VALIDATORS[name])


def search_windows(compiled: Any, haystack: str, windows: Sequence[tuple[int, ...]], reach: int
                   ) -> Iterator[Any]:
    """``compiled.finditer(haystack)`` when every match starts inside one of the sorted, disjoint ``windows``
    (inclusive ``(first, last)`` start positions) and no match attempt reads more than ``reach`` characters from
    where it starts: each window is searched from its start (look-behinds still see the text before it) up to
    ``reach`` past its end, so the text between windows is never scanned. A window ``(first, last, stop)`` is read
    up to ``stop`` instead (the scanner's line windows). Matches must be non-empty."""
    n = len(haystack)
    last = 0
    for window in windows:
        start, end = window[0], window[1]
        stop = window[2] if len(window) > 2 else min(n, end + reach)
        pos = max(start, last)
        while pos <= end:
            match = compiled.search(haystack, pos, stop)
            if match is None or match.start() > end:
                break
            yield match
            last = pos = match.end()


def near_windows(compiled: Any, haystack: str, windows: Sequence[tuple[int, int]], width: int, reach: int
                 ) -> list[Any] | None:
    """The matches of ``compiled.finditer(haystack)`` that start inside the sorted, disjoint ``windows``
    (inclusive start positions), without scanning the text between them; None when that cannot be told apart
    from a full pass. Matches are non-empty, at most ``width`` characters long, and a match attempt reads at most
    ``reach`` characters from where it starts.

    Unlike :func:`search_windows`, matches may also start outside the windows, and ``finditer`` would consume
    them. Before a window at ``a``, a match starting in ``(a - width, a)`` could cover ``a`` and change which
    matches ``finditer`` finds inside the window; when no match starting there reaches past ``a``, every match
    ``finditer`` found before ``a`` ended by ``a`` (or is the last one found here), and its next one is the leftmost
    match starting at ``a`` or later, which is what a search from there finds. If one does, the answer is None
    (the caller runs ``finditer``)."""
    n = len(haystack)
    out: list[Any] = []
    last = 0
    for start, end in windows:
        pos = max(last, start - width + 1, 0)
        while pos <= end:
            match = compiled.search(haystack, pos, min(n, end + reach))
            if match is None or match.start() > end:
                break
            if match.start() < start:
                if match.end() > start:
                    return None  # it may cover the window's start: the window alone cannot say what finditer does
                pos = match.start() + 1  # a later-starting one may still cover it
                continue
            out.append(match)
            last = pos = match.end()
    return out


def _merge(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted inclusive spans joined where they overlap or touch."""
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1] + 1:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _parse_example(entry: Any, path: Path) -> Example:
    if isinstance(entry, str):
        return Example(entry, entry)
    if isinstance(entry, dict) and isinstance(entry.get("text"), str) and isinstance(entry.get("value"), str):
        if entry["value"] not in entry["text"]:
            raise ConfigError(f"{path}: example value is not part of its text.")
        return Example(entry["text"], entry["value"])
    raise ConfigError(f"{path}: each examples.match entry must be a string or {{text, value}}.")


def load_recognizer(path: Path) -> DataRecognizer:
    """Load and validate one recognizer file; errors name the file and the field."""
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}: not valid YAML{where} ({getattr(exc, 'problem', exc.__class__.__name__)}).") \
            from None
    if not isinstance(spec, dict):
        raise ConfigError(f"{path}: a recognizer file must be a mapping.")
    missing = [k for k in _REQUIRED if k not in spec]
    if missing:
        raise ConfigError(f"{path}: missing field(s) {missing}.")
    unknown = set(spec) - _KNOWN
    if unknown:
        raise ConfigError(f"{path}: unknown field(s) {sorted(unknown)}; valid fields: {sorted(_KNOWN)}.")
    if spec.get("validator") and spec["validator"] not in VALIDATORS:
        raise ConfigError(f"{path}: field 'validator': unknown validator {spec['validator']!r}; "
                          f"known: {sorted(VALIDATORS)}.")
    if not isinstance(spec["patterns"], list) or not spec["patterns"]:
        raise ConfigError(f"{path}: field 'patterns' must be a non-empty list.")
    for i, p in enumerate(spec["patterns"]):
        if not isinstance(p, dict) or not {"name", "regex", "score"} <= set(p):
            raise ConfigError(f"{path}: patterns[{i}] needs name, regex and score.")
        requires = p.get("requires", [])
        if not isinstance(requires, list) or not all(isinstance(w, str) and w and w == w.lower() for w in requires):
            raise ConfigError(f"{path}: patterns[{i}].requires must be a list of non-empty lower-case strings.")
        if "prefilter" in p and not isinstance(p["prefilter"], str):
            raise ConfigError(f"{path}: patterns[{i}].prefilter must be a regular expression (a string).")
        try:
            regex.compile(p["regex"])
            regex.compile(p.get("prefilter") or "x")
        except regex.error as exc:
            raise ConfigError(f"{path}: patterns[{i}].regex does not compile: {exc}.") from None
    context = spec.get("context", [])
    if not isinstance(context, list) or not all(isinstance(c, str) for c in context):
        raise ConfigError(f"{path}: field 'context' must be a list of strings (quote words such as 'on' or 'no').")
    for flag in spec.get("flags", []):
        if flag not in _FLAG_NAMES:
            raise ConfigError(f"{path}: field 'flags': unknown flag {flag!r}; known: {sorted(_FLAG_NAMES)}.")
    return DataRecognizer(spec, path)


@functools.lru_cache(maxsize=None)
def _load_all(root: str) -> tuple[DataRecognizer, ...]:
    return tuple(load_recognizer(p) for p in recognizer_files(root))


def load_recognizers(languages: Sequence[str] = ("en",), root: Path | None = None,
                     extra_dirs: Sequence[str | Path] = ()) -> tuple[DataRecognizer, ...]:
    """Every recognizer under ``root`` (default: the shipped ``recognizers/``) and under each of ``extra_dirs``
    that supports one of ``languages``."""
    roots = (str(root),) + tuple(recognizer_roots(extra_dirs)[1:]) if root else recognizer_roots(extra_dirs)
    recognizers = tuple(r for folder in roots for r in _load_all(folder))
    return tuple(r for r in recognizers if set(r.spec_languages) & set(languages) or "any" in r.spec_languages)


@functools.lru_cache(maxsize=1)
def _presidio_class() -> type:
    """``DataRecognizer`` as a subclass of Presidio's ``PatternRecognizer`` (built on first use: see the module
    doc). Presidio's own constructor sets the fields it knows; ``find``/``analyze`` are ours (first in the
    method order)."""
    from presidio_analyzer import Pattern, PatternRecognizer

    class PresidioDataRecognizer(DataRecognizer, PatternRecognizer):
        def __init__(self, spec: dict[str, Any], path: Path, language: str | None = None) -> None:
            DataRecognizer.__init__(self, spec, path, language)
            PatternRecognizer.__init__(
                self, supported_entity=self.supported_entities[0], name=self.name,
                supported_language=self.supported_language,
                patterns=[Pattern(name=p.name, regex=p.regex, score=p.score) for p in self.patterns],
                context=list(self.context), global_regex_flags=self.global_regex_flags, version=self.version)

    return PresidioDataRecognizer


def build_registry(languages: Sequence[str] = ("en",)) -> Any:
    """A Presidio ``RecognizerRegistry`` holding privsynth's recognizers (as ``PatternRecognizer``s), for use in a
    Presidio ``AnalyzerEngine``."""
    from presidio_analyzer import RecognizerRegistry

    registry = RecognizerRegistry(supported_languages=list(languages))
    for language in languages:
        for recognizer in load_recognizers((language,)):
            # Presidio filters recognizers by one language each: register a copy per language.
            registry.add_recognizer(recognizer.as_presidio(language))
    return registry
