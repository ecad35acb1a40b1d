"""One pass over a text decides which YAML recognizer patterns can match it; only those run.

Every pattern of every recognizer is compiled into one Hyperscan database in *prefilter* mode: Hyperscan
approximates what it cannot run (lookarounds, backreferences) by something that matches a superset, so a pattern
that Hyperscan does not report cannot match. A text is scanned once (all patterns at once, single match each); the
reported patterns then run as before, with the ``regex`` module, their validators and context checks — so the
findings are exactly those of running every pattern (``engine="legacy"``, kept for tests and comparison).
Patterns Hyperscan is not given (long cue alternations) are gated instead by their YAML ``requires`` literals: one
of them must occur in the lower-cased text (substring tests, far cheaper than a ``regex`` pass over the text).

Compiling the database takes seconds, so it is compiled on first use and cached on disk, keyed by the Hyperscan version and every pattern
and flag (``$PRIVSYNTH_CACHE_DIR``, default ``~/.cache/privsynth``); a cache that cannot be read or written is
recompiled, never an error. Without Hyperscan installed, or on a text that is not valid UTF-8, every pattern runs.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from pathlib import Path
from typing import Any, Sequence

import regex

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
                    if compiled.flags & regex.VERBOSE or _costly(pattern.regex):
                        self._always.append((ri, pi))
                        continue
                    group.entries.append((ri, pi))
                    group.expressions.append(pattern.regex.encode("utf-8"))
                    group.flags.append(_hs_flags(compiled.flags))
        self._groups = [g for g in groups.values() if g.expressions]
        if not self._groups:
            self.engine = "legacy"

    def find(self, text: str, folded: str | None = None, lowered: str | None = None) -> list[Finding]:
        """Findings of every recognizer in ``text`` (``folded``/``lowered`` as for :meth:`DataRecognizer.find`),
        in recognizer order."""
        haystack = folded if folded is not None else text
        if lowered is None:
            lowered = haystack.lower()
        findings: list[Finding] = []
        selected = self.candidates(haystack, lowered) if self.engine == "hyperscan" else None
        if selected is None:
            for recognizer in self.recognizers:
                findings.extend(recognizer.find(text, haystack, lowered))
            return findings
        for ri in sorted(set(selected) | set(self._whole)):
            only = sorted(selected[ri]) if ri in selected else None
            findings.extend(self.recognizers[ri].find(text, haystack, lowered, only=only))
        return findings

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
        if self._gates:
            if lowered is None:
                lowered = haystack.lower()
            hits = {hit for hit in hits if hit not in self._gates or any(w in lowered for w in self._gates[hit])}
        selected: dict[int, set[int]] = {}
        for ri, pi in hits:
            selected.setdefault(ri, set()).add(pi)
        return selected


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
        except Exception:  # noqa: BLE001 - missing, truncated or from another Hyperscan build: compile again
            db = None
        if db is None:
            db = _hs.Database(mode=_hs.HS_MODE_BLOCK)
            db.compile(expressions=list(expressions), ids=list(range(len(expressions))), flags=list(flags))
            _store(path, _hs.dumpb(db))
        _DATABASES[key] = db
        return db


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
