"""Text-field paths (``text``, ``meta.body``, ``comments.0.text``) and byte-faithful JSON value splicing.

A JSONL record is rewritten by replacing only the string tokens of its text fields inside the original line, so
every other field keeps its exact bytes (number formatting, key order, escapes, whitespace).
"""
from __future__ import annotations

import json
import re
from typing import Any

FieldPath = tuple[str, ...]
MISSING = object()

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_scanstring = json.decoder.scanstring  # type: ignore[attr-defined]


def parse_path(spec: str) -> FieldPath:
    """``"meta.body"`` → ``("meta", "body")``. A digit component indexes a list (``"comments.0.text"``)."""
    parts = tuple(spec.split("."))
    if not spec or any(p == "" for p in parts):
        raise ValueError(f"invalid field path {spec!r}: use names separated by dots, e.g. 'meta.body'")
    return parts


def path_name(path: FieldPath) -> str:
    return ".".join(path)


def get_path(obj: Any, path: FieldPath) -> Any:
    """The value at ``path`` in nested dicts/lists, or :data:`MISSING`."""
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
    """Set an existing value at ``path`` (the path was checked with :func:`get_path`)."""
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


def locate(s: str, path: FieldPath) -> list[tuple[int, int]]:
    """Character spans in the JSON text ``s`` of every value token at ``path`` (several if keys repeat).

    ``s`` must be valid JSON (check with ``json.loads`` first).
    """
    out: list[tuple[int, int]] = []
    _walk(s, _ws(s, 0), path, 0, out)
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
            if name == key:
                i = _walk(s, i, path, depth + 1, out)
            else:
                i = _DECODER.raw_decode(s, i)[1]
            i = _ws(s, i)
            if s[i] == ",":
                i = _ws(s, i + 1)
                continue
            return i + 1
    if ch == "[" and key.isdigit():
        want = int(key)
        i = _ws(s, i + 1)
        if s[i] == "]":
            return i + 1
        n = 0
        while True:
            if n == want:
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


def splice(s: str, spans: list[tuple[int, int]], tokens: list[str]) -> str:
    """Replace each span of ``s`` with its token (spans must not overlap)."""
    order = sorted(range(len(spans)), key=lambda k: spans[k][0], reverse=True)
    for k in order:
        a, b = spans[k]
        s = s[:a] + tokens[k] + s[b:]
    return s


def append_member(s: str, name: str, value_json: str, empty: bool) -> str:
    """Add ``"name": value`` as the last member of the JSON object text ``s``."""
    body = s.rstrip()
    if not body.endswith("}"):
        raise ValueError("not a JSON object")
    sep = "" if empty else ", "
    return f"{body[:-1]}{sep}{json.dumps(name, ensure_ascii=False)}: {value_json}}}"
