"""Text-field paths (``text``, ``meta.body``, ``comments.0.text``, ``messages[*].content``) and byte-faithful JSON
value splicing.

A JSONL record is rewritten by replacing only the string tokens of its text fields inside the original line, so
every other field keeps its exact bytes (number formatting, key order, escapes, whitespace).

A path with a wildcard (``messages[*].content``, ``conversations[*].value``, ``a.*.b``) names every element of a
list (or every member of an object) that has the rest of the path. Its strings are one *document*: they are joined
with :data:`TURN_SEPARATOR` and scrubbed together, so a person gets one surrogate in every turn of a record and
"Mr. Smith" in a later turn links to "John Smith" in an earlier one; the scrubbed document is split back into its
turns when written. Elements without the field, or with ``null`` there (an assistant turn that only calls tools),
are skipped.
"""
from __future__ import annotations

import json
import re
from typing import Any

FieldPath = tuple[str, ...]
MISSING = object()
WILDCARD = "*"
#: Joins the turns of a wildcard path into one document: a paragraph break around U+2063 INVISIBLE SEPARATOR, a
#: format character that no recognizer's pattern crosses and no surrogate generator emits.
TURN_SEPARATOR = "\n\n\u2063\n\n"

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_scanstring = json.decoder.scanstring  # type: ignore[attr-defined]
_BRACKETS = re.compile(r"\[(\*|\d+)\]")


class TurnsError(ValueError):
    """A scrubbed document no longer splits into the turns it was joined from (never expected)."""


def parse_path(spec: str) -> FieldPath:
    """``"meta.body"`` → ``("meta", "body")``. A digit component indexes a list (``"comments.0.text"``, also
    ``"comments[0].text"``); ``*`` / ``[*]`` matches every element (``"messages[*].content"``)."""
    parts = tuple(_BRACKETS.sub(r".\1", spec).split("."))
    if not spec or any(p == "" or "[" in p or "]" in p for p in parts):
        raise ValueError(f"invalid field path {spec!r}: use names separated by dots, e.g. 'meta.body' or "
                         "'messages[*].content'")
    return parts


def path_name(path: FieldPath) -> str:
    """The path as written: ``meta.body``, ``comments.0.text``, ``messages[*].content``."""
    out = ""
    for part in path:
        out += "[*]" if part == WILDCARD and out else (part if not out else "." + part)
    return out


def has_wildcard(path: FieldPath) -> bool:
    return WILDCARD in path


def expand(obj: Any, path: FieldPath) -> list[FieldPath]:
    """The concrete paths (no wildcard) in ``obj`` that ``path`` names, in document order; for a path without a
    wildcard, ``[path]`` when it exists."""
    out: list[FieldPath] = []
    _expand(obj, path, 0, (), out)
    return out


def _expand(cur: Any, path: FieldPath, depth: int, prefix: FieldPath, out: list[FieldPath]) -> None:
    if depth == len(path):
        out.append(prefix)
        return
    part = path[depth]
    if part == WILDCARD:
        if isinstance(cur, list):
            for i, item in enumerate(cur):
                _expand(item, path, depth + 1, prefix + (str(i),), out)
        elif isinstance(cur, dict):
            for name, item in cur.items():
                _expand(item, path, depth + 1, prefix + (name,), out)
        return
    if isinstance(cur, dict):
        if part in cur:
            _expand(cur[part], path, depth + 1, prefix + (part,), out)
    elif isinstance(cur, list) and part.isdigit() and int(part) < len(cur):
        _expand(cur[int(part)], path, depth + 1, prefix + (part,), out)


def _container_exists(obj: Any, path: FieldPath) -> bool:
    head = path[:path.index(WILDCARD)]
    return isinstance(_get(obj, head), (list, dict))


def turns(obj: Any, path: FieldPath) -> list[tuple[FieldPath, str]]:
    """The string turns of a wildcard path: ``(concrete path, text)`` for every element whose value is a string."""
    return [(p, v) for p in expand(obj, path) if isinstance(v := _get(obj, p), str)]


def join_turns(texts: list[str]) -> str:
    return TURN_SEPARATOR.join(texts)


def split_turns(text: str, n: int) -> list[str]:
    """Undo :func:`join_turns` on the scrubbed document; :class:`TurnsError` if it does not give ``n`` turns."""
    parts = text.split(TURN_SEPARATOR) if n else []
    if len(parts) != n and not (n == 0 and text == ""):
        raise TurnsError(f"the scrubbed document splits into {len(parts)} turns, not {n}")
    return parts


def split_spans(text: str, spans: list[dict[str, Any]], n: int) -> list[list[dict[str, Any]]]:
    """Spans over the joined scrubbed ``text`` → spans per turn, with offsets relative to their turn."""
    starts, pos = [], 0
    for part in split_turns(text, n):
        starts.append(pos)
        pos += len(part) + len(TURN_SEPARATOR)
    out: list[list[dict[str, Any]]] = [[] for _ in range(n)]
    for span in spans:
        k = max(i for i, s in enumerate(starts) if s <= span["start"]) if starts else 0
        out[k].append({**span, "start": span["start"] - starts[k], "end": span["end"] - starts[k]})
    return out


def get_path(obj: Any, path: FieldPath) -> Any:
    """The value at ``path`` in nested dicts/lists, or :data:`MISSING`. For a wildcard path: the turns joined into
    one document (``""`` when the list has none), :data:`MISSING` when the list itself is missing, or the first
    turn value that is not a string (so the caller can report its type)."""
    if not has_wildcard(path):
        return _get(obj, path)
    if not _container_exists(obj, path):
        return MISSING
    texts = []
    for concrete in expand(obj, path):
        value = _get(obj, concrete)
        if value is None:
            continue
        if not isinstance(value, str):
            return value
        texts.append(value)
    return join_turns(texts)


def _get(obj: Any, path: FieldPath) -> Any:
    cur = obj
    for part in path:
        if isinstance(cur, dict):
            if part not in cur:
                return MISSING
            cur = cur[part]
        elif isinstance(cur, list) and part.isdigit():
            idx = int(part)
            if idx >= len(cur):
                return MISSING
            cur = cur[idx]
        else:
            return MISSING
    return cur


def set_path(obj: Any, path: FieldPath, value: Any) -> None:
    """Set an existing value at ``path`` (the path was checked with :func:`get_path`). For a wildcard path,
    ``value`` is the scrubbed document: it is split back into its turns."""
    if has_wildcard(path):
        found = turns(obj, path)
        for (concrete, _), text in zip(found, split_turns(value, len(found))):
            _set(obj, concrete, text)
        return
    _set(obj, path, value)


def _set(obj: Any, path: FieldPath, value: Any) -> None:
    cur = obj
    for part in path[:-1]:
        cur = cur[int(part)] if isinstance(cur, list) else cur[part]
    last = path[-1]
    if isinstance(cur, list):
        cur[int(last)] = value
    else:
        cur[last] = value


def json_type(value: Any) -> str:
    """JSON's name for the type of a parsed value (for quarantine details: the type, never the value)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return type(value).__name__


def _ws(s: str, i: int) -> int:
    return _WS.match(s, i).end()  # type: ignore[union-attr]


class Turns(tuple):
    """The value tokens of the string turns of a wildcard path (one span each), located as one unit."""

    __slots__ = ()


def locate(s: str, path: FieldPath) -> list[Any]:
    """Character spans in the JSON text ``s`` of every value token at ``path`` (several if keys repeat). For a
    wildcard path, one :class:`Turns` holding the span of each string turn (``null`` turns are not included).

    ``s`` must be valid JSON (check with ``json.loads`` first).
    """
    out: list[tuple[int, int]] = []
    _walk(s, _ws(s, 0), path, 0, out)
    if has_wildcard(path):
        strings = Turns(sp for sp in out if s[sp[0]] == '"')
        # A repeated key inside a turn: the parsed record has fewer turns than tokens. Report it as two matches,
        # which the reader quarantines as a duplicate field.
        return [strings] if len(strings) == len(turns(json.loads(s), path)) else [strings, strings]
    return out


def _walk(s: str, i: int, path: FieldPath, depth: int, out: list[tuple[int, int]]) -> int:
    if depth == len(path):
        end = _DECODER.raw_decode(s, i)[1]
        out.append((i, end))
        return end
    key = path[depth]
    ch = s[i]
    if ch == "{":
        i = _ws(s, i + 1)
        if s[i] == "}":
            return i + 1
        while True:
            name, i = _scanstring(s, i + 1)
            i = _ws(s, i)
            i = _ws(s, i + 1)  # skip ':'
            if name == key or key == WILDCARD:
                i = _walk(s, i, path, depth + 1, out)
            else:
                i = _DECODER.raw_decode(s, i)[1]
            i = _ws(s, i)
            if s[i] == ",":
                i = _ws(s, i + 1)
                continue
            return i + 1
    if ch == "[" and (key.isdigit() or key == WILDCARD):
        want = -1 if key == WILDCARD else int(key)
        i = _ws(s, i + 1)
        if s[i] == "]":
            return i + 1
        n = 0
        while True:
            if n == want or want < 0:
                i = _walk(s, i, path, depth + 1, out)
            else:
                i = _DECODER.raw_decode(s, i)[1]
            n += 1
            i = _ws(s, i)
            if s[i] == ",":
                i = _ws(s, i + 1)
                continue
            return i + 1
    return _DECODER.raw_decode(s, i)[1]


def dumps_string(value: str) -> str:
    """A JSON string token; non-ASCII stays literal unless the text holds lone surrogates (then escaped)."""
    token = json.dumps(value, ensure_ascii=False)
    try:
        token.encode("utf-8")
    except UnicodeEncodeError:
        token = json.dumps(value, ensure_ascii=True)
    return token


def dumps_json(value: Any) -> str:
    """Compact-ish JSON for a whole record (used when converting CSV/Parquet/text records to JSONL)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, ensure_ascii=True, default=str)
    return text


def splice(s: str, spans: list[Any], tokens: list[str]) -> str:
    """Replace each span of ``s`` with its token (spans must not overlap). A :class:`Turns` span takes the token of
    the scrubbed document and gets back one string token per turn."""
    flat_spans: list[tuple[int, int]] = []
    flat_tokens: list[str] = []
    for span, token in zip(spans, tokens):
        if isinstance(span, Turns):
            parts = split_turns(json.loads(token), len(span))
            flat_spans.extend(span)
            flat_tokens.extend(dumps_string(p) for p in parts)
        else:
            flat_spans.append(span)
            flat_tokens.append(token)
    order = sorted(range(len(flat_spans)), key=lambda k: flat_spans[k][0], reverse=True)
    for k in order:
        a, b = flat_spans[k]
        s = s[:a] + flat_tokens[k] + s[b:]
    return s


def append_member(s: str, name: str, value_json: str, empty: bool) -> str:
    """Add ``"name": value`` as the last member of the JSON object text ``s``."""
    body = s.rstrip()
    if not body.endswith("}"):
        raise ValueError("not a JSON object")
    sep = "" if empty else ", "
    return f"{body[:-1]}{sep}{json.dumps(name, ensure_ascii=False)}: {value_json}}}"


def turn_annotations(path: FieldPath, text: str, spans: list[dict[str, Any]], record: Any) -> list[dict[str, Any]]:
    """The spans over a wildcard path's scrubbed document, per turn: offsets within the turn, and ``field`` the
    turn's concrete path (``messages.3.content``)."""
    found = turns(record, path)
    per_turn = split_spans(text, spans, len(found))
    return [{**s, "field": path_name(concrete)} for (concrete, _), turn in zip(found, per_turn) for s in turn]
