"""One JSON-lines parser for every reader (batch inputs, ``privsynth augment``): an object per line or a reason.

Messages name the line and the JSON error (never the line's content).
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from ..errors import InputError
from .fields import json_type


def describe_json_error(exc: json.JSONDecodeError) -> str:
    """``Expecting value at column 7``; json's own messages may already end in "at" ("… starting at")."""
    msg = exc.msg.rstrip()
    return f"{msg} column {exc.colno}" if msg.endswith(" at") else f"{msg} at column {exc.colno}"


def parse_object(text: str) -> tuple[dict[str, Any] | None, str | None, str | None]:
    """``(object, None, None)``, or ``(None, reason, detail)`` with a quarantine reason code."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, "bad_json", describe_json_error(exc)
    except RecursionError:
        return None, "bad_json", "nested too deeply"
    if not isinstance(obj, dict):
        return None, "not_an_object", f"the line is a JSON {json_type(obj)}"
    return obj, None, None


def iter_objects(lines: Iterable[str], name: str, error: type[Exception] = InputError,
                 line_sep: str = " line ") -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each non-blank line; the first bad line raises ``error`` (an
    :class:`InputError` unless the caller has its own type, such as the evaluation's ``DatasetError``), located
    as ``name + line_sep + number`` ("in.jsonl line 3", or "gold.jsonl:3" with ``line_sep=":"``)."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        obj, reason, detail = parse_object(line)
        if obj is None:
            what = "not valid JSON" if reason == "bad_json" else "not a JSON object"
            raise error(f"{name}{line_sep}{number}: {what} ({detail}).")
        yield number, obj
