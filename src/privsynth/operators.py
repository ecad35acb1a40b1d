"""Per-type operators: what replaces a finding of each entity type.

``operators={"PERSON": "surrogate", "US_SSN": "redact", "EMAIL_ADDRESS": "mask", "URL": "keep",
"CREDIT_CARD": "hash"}``; a type not listed gets ``"surrogate"`` (privsynth's keyed surrogate).

* ``surrogate`` — the keyed, consistent, realistic replacement (default);
* ``redact`` — the type label in brackets, ``[US_SSN]``;
* ``mask`` — every letter and digit becomes ``*``, punctuation and spaces kept (``****@*******.***``);
* ``hash`` — ``TYPE_`` + 16 hex digits of an HMAC-SHA256 keyed with a sub-key of the run's key over the type and
  value: consistent for one key, unlinkable without it (never a plain hash of the value, which a dictionary of
  candidate values would reverse);
* ``keep`` — the value stays as it is (the finding is still detected, but not replaced or reported).
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

from .errors import ConfigError
from .keys import SecretKey
from .types import Finding

OPERATORS = ("surrogate", "redact", "mask", "hash", "keep")
_DEFAULT = "surrogate"


def normalize_operators(value: Any) -> tuple[tuple[str, str], ...]:
    """``operators`` as a sorted tuple of ``(ENTITY_TYPE, operator)`` (hashable, JSON-friendly);
    accepts a mapping, ``("TYPE=op", ...)`` strings (the CLI's form) or pairs."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = (value,)
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, Iterable):
        items = []
        for i, item in enumerate(value):
            if isinstance(item, str):
                entity, sep, op = item.partition("=")
                if not sep:
                    raise ConfigError(f"operators[{i}] {item!r} must read TYPE=OPERATOR, e.g. US_SSN=redact.")
                items.append((entity.strip(), op.strip()))
            elif isinstance(item, (tuple, list)) and len(item) == 2:
                items.append((item[0], item[1]))
            else:
                raise ConfigError(f"operators[{i}] must be 'TYPE=OPERATOR' or a (TYPE, OPERATOR) pair.")
    else:
        raise ConfigError("operators must map entity types to operators, e.g. {'US_SSN': 'redact'}; "
                          f"got a {type(value).__name__}.")
    out: dict[str, str] = {}
    for entity, op in items:
        if not isinstance(entity, str) or not entity:
            raise ConfigError(f"operators: entity type {entity!r} must be a name such as 'PERSON'.")
        if op not in OPERATORS:
            raise ConfigError(f"operators[{entity!r}]: unknown operator {op!r}; choose one of "
                              f"{', '.join(OPERATORS)}.")
        out[entity] = op
    return tuple(sorted(out.items()))


def check_types(operators: Sequence[tuple[str, str]], known: Iterable[str]) -> None:
    """An operator for a type privsynth cannot detect is a typo: say which and list the valid ones."""
    import difflib
    known = tuple(known)
    for entity, _ in operators:
        if entity not in known:
            hint = difflib.get_close_matches(entity, known, n=1)
            raise ConfigError(f"operators: unknown entity type {entity!r}"
                              + (f" (did you mean {hint[0]!r}?)" if hint else "")
                              + f". Valid types: {', '.join(known)}.")


def operator_for(operators: Mapping[str, str], entity_type: str) -> str:
    return operators.get(entity_type, _DEFAULT)


def kept(text: str, findings: Sequence[Finding], operators: Mapping[str, str]) -> list[Finding]:
    """``findings`` without the types whose operator is ``keep``."""
    if not operators:
        return list(findings)
    return [f for f in findings if operators.get(f.entity_type) != "keep"]


def mask(value: str) -> str:
    return "".join("*" if ch.isalnum() else ch for ch in value)


def keyed_hash(key: SecretKey, entity_type: str, value: str) -> str:
    return f"{entity_type}_" + key.digest("operator-hash", entity_type, value).hex()[:16]


def apply(text: str, findings: Sequence[Finding], surrogates: Sequence[str], operators: Mapping[str, str],
          key: SecretKey) -> list[str]:
    """The replacement of each finding under its type's operator (``surrogates`` for the default one)."""
    if not operators:
        return list(surrogates)
    out = []
    for finding, surrogate in zip(findings, surrogates):
        op = operators.get(finding.entity_type, _DEFAULT)
        value = text[finding.start:finding.end]
        if op == "redact":
            surrogate = f"[{finding.entity_type}]"
        elif op == "mask":
            surrogate = mask(value)
        elif op == "hash":
            surrogate = keyed_hash(key, finding.entity_type, value)
        out.append(surrogate)
    return out
