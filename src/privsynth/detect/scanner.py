"""One pass over a text decides which YAML recognizer patterns can match it; only those run.

Every pattern of every recognizer is compiled into one Hyperscan database in *prefilter* mode: Hyperscan
approximates what it cannot run (lookarounds, backreferences) by something that matches a superset, so a pattern
that Hyperscan does not report cannot match. A text is scanned once (all patterns at once, single match each); the
reported patterns then run as before, with the ``regex`` module, their validators and context checks — so the
findings are exactly those of running every pattern (``engine="legacy"``, kept for tests and comparison).
A pattern too costly for Hyperscan to compile (long cue alternations under Unicode classes) is given to it as its
YAML ``prefilter``, a simpler expression matching wherever the pattern does; the others it is not given are gated
by their YAML ``requires`` literals: one of them must occur in the lower-cased text (substring tests).

A long text is scanned in pieces of ``_CHUNK`` characters (each read with a margin before and after), so a
pattern whose matches have a bounded length (:func:`span_limits`) runs only from the pieces where Hyperscan
reports it (:func:`privsynth.detect.recognizers.search_windows`): a match starting in a piece lies within that
piece's margins, so its prefilter matches there, and the ``regex`` search reads every character the match needs.

Compiling the database takes seconds, so it is compiled on first use and cached on disk, keyed by the Hyperscan version and every pattern
and flag (``$PRIVSYNTH_CACHE_DIR``, default ``~/.cache/privsynth``); a cache that cannot be read or written is
recompiled, never an error. Without Hyperscan installed, or on a text that is not valid UTF-8, every pattern runs.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
from pathlib import Path
from typing import Any, Sequence

import regex

try:  # Python's own regular-expression parser: measures how long a match can be (span_limits)
    from re import _constants as _sre_constants, _parser as _sre_parser
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parser  # type: ignore[no-redef]

from .._paths import data_dir
from ..types import Finding
from .recognizers import DataRecognizer

try:  # an optional accelerator: results are the same without it
    import hyperscan as _hs
except ImportError:  # pragma: no cover - hyperscan is a dependency; kept optional for exotic platforms
    _hs = None

ENGINES = ("auto", "hyperscan", "legacy")
# Hyperscan's compile time explodes on long alternations and on many Unicode classes under bounded repeats (an
# address or name pattern alone took 4-18 s); such patterns run on every text instead (measured: half the compile
# time, and they are cue patterns that fire on most texts anyway).
_COSTLY_CLASSES = 8
_COSTLY_LENGTH = 800
_FLAGS = ((regex.IGNORECASE, "HS_FLAG_CASELESS"), (regex.MULTILINE, "HS_FLAG_MULTILINE"),
          (regex.DOTALL, "HS_FLAG_DOTALL"))
# Long texts are scanned in pieces of this many characters; a bounded pattern runs only from the pieces that may
# hold a match start. Patterns that can span more than _MAX_WIDTH characters run on the whole text: every piece is
# read with the widest window as its margin, and the e-mail pattern's 603 characters made each piece cost 60 % more
# to scan than its own text (256 took 11 % off the patterns stage on the sparse bench corpus, 8 % on the dense one).
_CHUNK = 1024
_MAX_WIDTH = 256
_PIECES_ABOVE = _CHUNK  # shorter texts are scanned whole
_BEHIND = 16  # characters read before a piece, for \b, ^ and short look-behinds at its start
#: The database entry of a context-only recognizer's context words (beside its patterns' numbers).
CONTEXT = -1
_COMPILE_LOCK = threading.Lock()
_DATABASES: dict[str, Any] = {}  # cache key → compiled database, shared by every scanner in the process


class _Group:
    """One Hyperscan database: the patterns of the shipped recognizers, or of everything added to them (kept
    apart so a user's recognizer folder compiles alone and the shipped database stays cached)."""

    def __init__(self) -> None:
        self.entries: list[tuple[int, int]] = []  # pattern number in the database → (recognizer, pattern)
        self.expressions: list[bytes] = []
        self.flags: list[int] = []
        self._db: Any = None
        self._local = threading.local()

    def scan(self, data: bytes, hits: set[tuple[int, int]]) -> None:
        """Add the (recognizer, pattern) pairs whose prefilter matches ``data`` to ``hits``."""
        found: set[int] = set()
        self.database().scan(data, match_event_handler=_collect, context=found, scratch=self._scratch())
        hits.update(self.entries[i] for i in found)

    def database(self) -> Any:
        if self._db is None:
            self._db = _database(self.expressions, self.flags)
        return self._db

    def _scratch(self) -> Any:
        # Hyperscan scratch space is per thread (Dask/Spark run scrubbers in threads).
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = _hs.Scratch(self.database())
        return scratch


class PatternScanner:
    """Runs a fixed list of recognizers over texts; with Hyperscan, only the patterns that can match."""

    def __init__(self, recognizers: Sequence[DataRecognizer], engine: str = "auto") -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown scanner engine {engine!r}; known: {ENGINES}")
        if engine == "hyperscan" and _hs is None:
            raise ImportError("the hyperscan scanner needs the 'hyperscan' package")
        self.recognizers = tuple(recognizers)
        self.engine = "legacy" if engine == "legacy" or _hs is None else "hyperscan"
        self._always: list[tuple[int, int]] = []  # patterns Hyperscan is not given (VERBOSE, costly): always run
        self._whole: list[int] = []  # recognizers that are not DataRecognizers: always run whole
        self._gates: dict[tuple[int, int], tuple[str, ...]] = {}  # pattern → literals one of which must occur
        self._limits: dict[tuple[int, int], tuple[int, int]] = {}  # bounded patterns: (width, lookahead)
        self._context_gated: set[int] = set()  # context-only recognizers whose context words Hyperscan looks for
        self._lines: dict[tuple[int, int], int] = {}  # wider patterns whose attempts read at most this many newlines
        groups = {True: _Group(), False: _Group()}
        if self.engine == "hyperscan":
            shipped = _shipped_root()
            for ri, recognizer in enumerate(self.recognizers):
                if not isinstance(recognizer, DataRecognizer):  # a ready-made recognizer: runs on every text
                    self._whole.append(ri)
                    continue
                group = groups[shipped is not None and Path(recognizer.path).resolve().is_relative_to(shipped)]
                for pi, (pattern, compiled) in enumerate(recognizer._compiled):
                    if recognizer.requires[pi]:
                        self._gates[(ri, pi)] = recognizer.requires[pi]
                    prefilter = recognizer.prefilters[pi]
                    if compiled.flags & regex.VERBOSE or (_costly(pattern.regex) and not prefilter):
                        self._always.append((ri, pi))
                        continue
                    limits = span_limits(pattern.regex)
                    if limits is not None and sum(limits) <= _MAX_WIDTH:
                        self._limits[(ri, pi)] = limits
                    else:
                        lines = line_reach(pattern.regex, compiled.flags)
                        if lines is not None:
                            self._lines[(ri, pi)] = lines
                    group.entries.append((ri, pi))
                    group.expressions.append(edge_classes(prefilter or pattern.regex).encode("utf-8"))
                    group.flags.append(_hs_flags(compiled.flags))
                context = context_expression(recognizer.context) if recognizer.context_required else None
                if context:  # no context word at a word start: the recognizer cannot fire (its own first check)
                    self._context_gated.add(ri)
                    group.entries.append((ri, CONTEXT))
                    group.expressions.append(context.encode("utf-8"))
                    group.flags.append(_hs.HS_FLAG_CASELESS | _hs.HS_FLAG_UTF8 | _hs.HS_FLAG_UCP |
                                       _hs.HS_FLAG_SINGLEMATCH)
        self._groups = [g for g in groups.values() if g.expressions]
        if not self._groups:
            self.engine = "legacy"
        # How far past a piece a match starting in it can read (+1: a \b or $ looks at the next character).
        self._margin = max((w + a + 1 for w, a in self._limits.values()), default=0)

    def find(self, text: str, folded: str | None = None, lowered: str | None = None) -> list[Finding]:
        """Findings of every recognizer in ``text`` (``folded``/``lowered`` as for :meth:`DataRecognizer.find`),
        in recognizer order."""
        haystack = folded if folded is not None else text
        if lowered is None:
            lowered = haystack.lower()
        findings: list[Finding] = []
        windows: dict[int, dict[int, tuple[list[tuple[int, int]], int]]] = {}
        if self.engine != "hyperscan":
            selected = None
        elif len(haystack) > _PIECES_ABOVE and (self._limits or self._lines):
            selected = self._pieces(haystack, lowered, windows)
        else:
            selected = self.candidates(haystack, lowered)
        if selected is None:
            for recognizer in self.recognizers:
                findings.extend(recognizer.find(text, haystack, lowered))
            return findings
        for ri in sorted(set(selected) | set(self._whole)):
            only = sorted(selected[ri]) if ri in selected else None
            findings.extend(self.recognizers[ri].find(text, haystack, lowered, only=only, windows=windows.get(ri)))
        return findings

    def _pieces(self, haystack: str, lowered: str,
                windows: dict[int, dict[int, tuple[list[tuple[int, int]], int]]]) -> dict[int, set[int]] | None:
        """:meth:`candidates` of a long text, scanned piece by piece; fills ``windows`` (recognizer → pattern →
        (start spans, reach)) for the bounded patterns, which then run only from the pieces that reported them."""
        n = len(haystack)
        starts: dict[tuple[int, int], list[tuple[int, int]]] = {}
        hits: set[tuple[int, int]] = set()
        for first in range(0, n, _CHUNK):
            last = min(n, first + _CHUNK) - 1
            try:
                data = haystack[max(0, first - _BEHIND):min(n, last + 1 + self._margin)].encode("utf-8")
            except UnicodeEncodeError:  # lone surrogates: not UTF-8, which Hyperscan's UTF-8 mode requires
                return None
            found: set[tuple[int, int]] = set()
            for group in self._groups:
                group.scan(data, found)
            hits |= found
            for entry in found:
                if entry in self._limits or entry in self._lines:
                    spans = starts.setdefault(entry, [])
                    if spans and spans[-1][1] == first - 1:
                        spans[-1] = (spans[-1][0], last)  # adjacent pieces: one span
                    else:
                        spans.append((first, last))
        selected = self._select(hits | set(self._always), lowered, haystack)
        for (ri, pi), spans in starts.items():
            if pi in selected.get(ri, ()):
                if (ri, pi) in self._limits:
                    width, ahead = self._limits[(ri, pi)]
                    windows.setdefault(ri, {})[pi] = (spans, width + ahead + 1)
                else:
                    windows.setdefault(ri, {})[pi] = (self._line_windows(haystack, spans, self._lines[(ri, pi)]), 0)
        return selected

    def _line_windows(self, haystack: str, spans: list[tuple[int, int]], lines: int) -> list[tuple[int, int, int]]:
        """Windows ``(first start, last start, end)`` for a pattern whose match attempts read at most ``lines``
        newlines, from the pieces that reported it. A match found in a piece overlaps the text Hyperscan read there
        (``[a, b)``, the piece with its margins), so it starts at most ``lines`` lines above ``a`` and before ``b``;
        an attempt starting before ``b`` stops at the newline after the ``lines``-th line below ``b``'s: the search
        reads up to one character past it (so ``$`` does not take that newline for the text's last one)."""
        n = len(haystack)
        out: list[tuple[int, int, int]] = []
        for first, last in spans:
            a, b = max(0, first - _BEHIND), min(n, last + 1 + self._margin)
            start = haystack.rfind("\n", 0, a) + 1
            for _ in range(lines):
                if start == 0:
                    break
                start = haystack.rfind("\n", 0, start - 1) + 1
            end = haystack.find("\n", b - 1)
            for _ in range(lines):
                if end < 0:
                    break
                end = haystack.find("\n", end + 1)
            stop = n if end < 0 else min(n, end + 2)
            if out and start <= out[-1][1] + 1:
                out[-1] = (out[-1][0], max(out[-1][1], b - 1), max(out[-1][2], stop))
            else:
                out.append((start, b - 1, stop))
        return out

    def candidates(self, haystack: str, lowered: str | None = None) -> dict[int, set[int]] | None:
        """Recognizer index → indices of its patterns that may match ``haystack`` (``lowered``: its lower-case
        form, for the ``requires`` gates); None: run everything."""
        try:
            data = haystack.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: not UTF-8, which Hyperscan's UTF-8 mode requires
            return None
        hits: set[tuple[int, int]] = set(self._always)
        for group in self._groups:
            group.scan(data, hits)
        return self._select(hits, haystack.lower() if lowered is None and self._gates else lowered, haystack)

    def _select(self, hits: set[tuple[int, int]], lowered: str | None, haystack: str) -> dict[int, set[int]]:
        """``hits`` without the patterns whose ``requires`` literals are all absent, and without the context-only
        recognizers none of whose context words Hyperscan saw, by recognizer. The context check holds for ASCII
        text, where ``str.lower`` and Hyperscan's caseless matching agree; elsewhere (a Kelvin sign lower-cases to
        "k") the recognizer's own check decides."""
        selected: dict[int, set[int]] = {}
        ascii_text = haystack.isascii()
        for ri, pi in hits:
            if pi == CONTEXT:
                continue
            if ascii_text and ri in self._context_gated and (ri, CONTEXT) not in hits:
                continue
            gate = self._gates.get((ri, pi))
            if gate and lowered is not None and not any(w in lowered for w in gate):
                continue
            selected.setdefault(ri, set()).add(pi)
        return selected


# ------------------------------------------------------------------------------------- what Hyperscan is given
# A look-behind or look-ahead of one character class: Hyperscan's prefilter mode drops it (it cannot run
# assertions), and then reports every text where the rest matches ("example.com" inside an e-mail address for the
# bare-domain pattern, "43-44-59" inside a phone number for the numeric date): the pattern then runs on that whole
# text for nothing.
_ONE_CLASS = r"(\[(?:\\.|[^\]\\\[])*\]|\\[dwsDWS]|\\[pP]\{\w+\}|[^\\()\[\]|?*+{}.^$])"
_LEADING_NOT_BEHIND = re.compile(r"^\(\?<!" + _ONE_CLASS + r"\)")
_TRAILING_NOT_AHEAD = re.compile(r"\(\?!" + _ONE_CLASS + r"\)$")


def edge_classes(expression: str) -> str:
    """``expression`` for Hyperscan, with a leading ``(?<!C)`` read as ``(?:^|[^C])`` and a trailing ``(?!C)`` as
    ``(?:[^C]|$)`` (C one character or class): the same texts match, except that Hyperscan now checks those
    characters instead of dropping the assertions. Only a text where the pattern itself may match is reported: a
    match ``(?<!C)X`` at p has p = 0 or a character not in C before it, which the new expression consumes (``^`` also
    matches at the start of a piece Hyperscan is given, so pieces stay a superset too). An expression with a
    top-level ``|`` is left alone: there the assertion belongs to one branch only."""
    if _top_level_bar(expression):
        return expression
    head, body, tail = "", expression, ""
    m = _LEADING_NOT_BEHIND.match(body)
    other = _complement(m.group(1)) if m else None
    if other:
        head, body = f"(?:^|{other})", body[m.end():]
    m = _TRAILING_NOT_AHEAD.search(body)
    other = _complement(m.group(1)) if m else None
    if other:
        body, tail = body[:m.start()], f"(?:{other}|$)"
    return f"{head}(?:{body}){tail}" if head or tail else expression


def context_expression(words: Sequence[str]) -> str | None:
    """What Hyperscan looks for in place of :meth:`DataRecognizer._context_anywhere` (compiled caseless): a word
    spelled from an ASCII letter or digit after a character that is none, or at the start; any other word
    anywhere. None without words."""
    at_start = "|".join(re.escape(w) for w in words if w[:1].isascii() and w[:1].isalnum())
    anywhere = "|".join(re.escape(w) for w in words if not (w[:1].isascii() and w[:1].isalnum()))
    parts = ([f"(?:^|[^a-z0-9])(?:{at_start})"] if at_start else []) + ([f"(?:{anywhere})"] if anywhere else [])
    return "|".join(parts) or None


def _top_level_bar(expression: str) -> bool:
    """Whether ``expression`` has a ``|`` outside every group and class."""
    depth, i, n, in_class = 0, 0, len(expression), False
    while i < n:
        c = expression[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if expression[i + 1:i + 2] == "^":
                i += 1
            if expression[i + 1:i + 2] == "]":  # a ] first in a class is a character
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


def _complement(item: str) -> str | None:
    """The class of the characters ``item`` (one character, an escape such as ``\\d`` or ``\\p{L}``, or a
    bracketed class) does not match; None when that is not simply written (a negated or POSIX class)."""
    if item.startswith("[^") or "[:" in item:
        return None
    if item.startswith("["):
        return "[^" + item[1:]
    if item in ("\\d", "\\w", "\\s", "\\D", "\\W", "\\S"):
        return "\\" + item[1].swapcase()
    if item.startswith(("\\p{", "\\P{")):
        return ("\\P" if item[1] == "p" else "\\p") + item[2:]
    return "[^" + re.escape(item) + "]" if len(item) == 1 else None


# ---------------------------------------------------------------------------------------------- match widths
_UNICODE_CLASS = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")
# regex-module syntax that Python's own parser would read differently (or not at all): no width is claimed.
_REGEX_ONLY = ("[[:", "\\X", "\\m", "\\M", "(?|", "--", "&&", "~~", "||", "\\G", "(?V", "\\L<", "(?r", "(?b",
               "(?e", "(?f", "(?p", "(?w", "{e", "\\K", "(?(", "\\N")


def span_limits(expression: str) -> tuple[int, int] | None:
    """(most characters a match of ``expression`` can span, most characters a lookahead can read past a match
    attempt), or None when either is unbounded, a match can be empty, or the expression uses syntax of the
    ``regex`` module that Python's own parser (``re._parser``, which measures widths) does not read the same way.
    A Unicode property class (``\\p{L}``) is one character, as ``x`` is."""
    if any(token in expression for token in _REGEX_ONLY):
        return None
    try:
        tree = _sre_parser.parse(_UNICODE_CLASS.sub("x", expression))
        low, high = tree.getwidth()
        ahead = _lookahead(tree.data)
    except Exception:  # noqa: BLE001 - anything the stdlib parser cannot take is simply not bounded
        return None
    if low == 0 or high >= _sre_parser.MAXREPEAT or ahead is None:
        return None
    return high, ahead


_NEWLINE_FREE_PROPERTY = re.compile(r"\\p\{(?:L|Lu|Ll|Lt|Lm|Lo|M|Mn|Mc|Me|N|Nd|Nl|No|P\w?|S\w?)\}")


def line_reach(expression: str, flags: int = 0) -> int | None:
    """The most newlines a match attempt of ``expression`` can read, look-aheads included (a look-behind reads
    back, before the attempt's start), or None when unbounded, unknown, or a match can be empty. A ``\\p{..}`` of
    letters, marks, numbers, punctuation or symbols reads no newline; any other property class may."""
    if any(token in expression for token in _REGEX_ONLY):
        return None
    text = _NEWLINE_FREE_PROPERTY.sub("x", expression)
    text = _UNICODE_CLASS.sub(r"\\n", text)  # separators, controls, negated classes: may read a newline
    try:
        tree = _sre_parser.parse(text)
        if tree.getwidth()[0] == 0:
            return None
        dotall = bool(flags & regex.DOTALL) or bool(re.search(r"\(\?[a-zA-Z]*s", expression))
        return _newlines(tree.data, dotall)
    except Exception:  # noqa: BLE001 - anything the stdlib parser cannot take has no known bound
        return None


def _newlines(items: Any, dotall: bool) -> int | None:
    c = _sre_constants
    total = 0
    for op, av in items:
        if op == c.LITERAL:
            total += av == 10
        elif op == c.NOT_LITERAL:
            total += av != 10
        elif op == c.IN:
            total += _class_reads_newline(av)
        elif op == c.ANY:
            total += dotall
        elif op == c.AT:
            continue
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, sub = av
            inner = _newlines(sub.data, dotall)
            if inner is None or (inner and high >= _sre_parser.MAXREPEAT):
                return None
            total += inner * high
        elif op == c.SUBPATTERN:
            inner = _newlines(av[-1].data, dotall)
            if inner is None:
                return None
            total += inner
        elif op == c.ATOMIC_GROUP:
            inner = _newlines(av.data, dotall)
            if inner is None:
                return None
            total += inner
        elif op == c.BRANCH:
            branches = [_newlines(b.data, dotall) for b in av[1]]
            if any(b is None for b in branches):
                return None
            total += max(branches)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            direction, sub = av
            if direction == 1:  # a look-ahead reads on from where it stands
                inner = _newlines(sub.data, dotall)
                if inner is None:
                    return None
                total += inner
        else:  # back-references, conditionals, anything not listed: no known bound
            return None
    return total


def _class_reads_newline(items: Any) -> bool:
    c = _sre_constants
    negate = bool(items) and items[0][0] == c.NEGATE
    newline_free = (c.CATEGORY_DIGIT, c.CATEGORY_WORD, c.CATEGORY_NOT_SPACE, c.CATEGORY_NOT_LINEBREAK)
    hit = False
    for op, av in items:
        if op == c.NEGATE:
            continue
        if op == c.LITERAL:
            hit = hit or av == 10
        elif op == c.RANGE:
            hit = hit or av[0] <= 10 <= av[1]
        elif op == c.CATEGORY:
            hit = hit or av not in newline_free
        else:
            hit = True  # unknown: may
    return hit != negate


def _lookahead(items: Any) -> int | None:
    """The longest lookahead in a parsed expression; None when one is unbounded (or a conditional group)."""
    longest = 0
    for op, av in items:
        subs: list[Any] = []
        if op in (_sre_constants.ASSERT, _sre_constants.ASSERT_NOT):
            direction, sub = av
            if direction == 1:
                width = sub.getwidth()[1]
                if width >= _sre_parser.MAXREPEAT:
                    return None
                longest = max(longest, width)
            subs = [sub]
        elif op == _sre_constants.SUBPATTERN:
            subs = [av[-1]]
        elif op == _sre_constants.BRANCH:
            subs = list(av[1])
        elif op in (_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT, _sre_constants.POSSESSIVE_REPEAT):
            subs = [av[2]]
        elif op == _sre_constants.ATOMIC_GROUP:
            subs = [av]
        elif op == _sre_constants.GROUPREF_EXISTS:
            return None
        for sub in subs:
            inner = _lookahead(sub.data)
            if inner is None:
                return None
            longest = max(longest, inner)
    return longest


def _shipped_root() -> Path | None:
    try:
        return data_dir("recognizers").resolve()
    except FileNotFoundError:  # pragma: no cover - an installation without its data
        return None


def _costly(expression: str) -> bool:
    return expression.count("\\p{") >= _COSTLY_CLASSES or len(expression) >= _COSTLY_LENGTH


def _collect(pattern_id: int, _start: int, _end: int, _flags: int, hits: set[int]) -> None:
    hits.add(pattern_id)


def _hs_flags(flags: int) -> int:
    out = _hs.HS_FLAG_PREFILTER | _hs.HS_FLAG_UTF8 | _hs.HS_FLAG_UCP | _hs.HS_FLAG_SINGLEMATCH | \
        _hs.HS_FLAG_ALLOWEMPTY
    for flag, name in _FLAGS:
        if flags & flag:
            out |= getattr(_hs, name)
    return out


def _cache_key(expressions: Sequence[bytes], flags: Sequence[int]) -> str:
    digest = hashlib.sha256(f"hyperscan {_hs.__version__}\n".encode())
    for expression, flag in zip(expressions, flags):
        digest.update(b"%d\x00%s\x00" % (flag, expression))
    return digest.hexdigest()[:32]


def cache_dir() -> Path:
    """Where compiled scanner databases are kept between runs."""
    return Path(os.environ.get("PRIVSYNTH_CACHE_DIR") or Path.home() / ".cache" / "privsynth")


def _database(expressions: Sequence[bytes], flags: Sequence[int]) -> Any:
    key = _cache_key(expressions, flags)
    with _COMPILE_LOCK:
        db = _DATABASES.get(key)
        if db is not None:
            return db
        path = cache_dir() / f"scanner-{key}.hsdb"
        try:
            # loadb takes bytes, not a bytearray (a bytearray raised TypeError here, so every process compiled
            # the database again: ~5 s of start-up).
            db = _hs.loadb(path.read_bytes(), _hs.HS_MODE_BLOCK)
            os.utime(path)  # last use, for pruning
        except Exception:  # noqa: BLE001 - missing, truncated or from another Hyperscan build: compile again
            db = None
        if db is None:
            db = _hs.Database(mode=_hs.HS_MODE_BLOCK)
            db.compile(expressions=list(expressions), ids=list(range(len(expressions))), flags=list(flags))
            _store(path, _hs.dumpb(db))
            prune_cache(path.parent)
        _DATABASES[key] = db
        return db


#: Compiled databases kept in the cache: one per recognizer set in use (languages, custom recognizer folders,
#: privsynth versions); each is ~8 MB, and every upgrade or edited recognizer would otherwise add one for good.
KEEP_DATABASES = 8
#: A temporary file older than this is left over from a process killed mid-write.
STALE_TEMP_SECONDS = 3600


def prune_cache(directory: Path, keep: int = KEEP_DATABASES, now: float | None = None) -> None:
    """Remove all but the ``keep`` most recently used databases and temporary files left by killed writers."""
    import time

    now = time.time() if now is None else now
    try:
        databases = sorted(directory.glob("scanner-*.hsdb"), key=lambda p: p.stat().st_mtime, reverse=True)
        stale = [p for p in directory.glob(".scanner-*") if now - p.stat().st_mtime > STALE_TEMP_SECONDS]
    except OSError:  # another process pruned at the same time
        return
    for path in databases[keep:] + stale:
        try:
            path.unlink()
        except OSError:
            pass


def _store(path: Path, blob: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".scanner-")
    except OSError:  # a read-only home: compile again next time
        return
    stored = False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
        stored = True
    except OSError:  # a full disk: compile again next time
        pass
    finally:
        if not stored:  # also when interrupted mid-write: no partial file left behind
            try:
                os.unlink(tmp)
            except OSError:
                pass
