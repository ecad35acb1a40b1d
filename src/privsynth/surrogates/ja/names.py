"""Japanese person names: each part replaced in its own script, keyed by its reading."""
from __future__ import annotations

import re
import string
from typing import Sequence

from ...lexicon.ja_names import (HEPBURN_WORD, JaName, ja_names, kata_to_hira, script_of, split_name,
                                 strip_honorific, token_key)
from ..base import DocumentContext, Keyed, distinct, match_case
from ..names import keyed_cycle
from ._common import VERSION

_CYCLES: dict[tuple[int, int], dict[int, list[int]]] = {}  # per pool (id, size): keyed successor tables


def _draw(pool: Sequence[JaName], k: Keyed, family: str, key: str, original: JaName | None, attempt: int) -> JaName:
    """A name of the pool goes to its successor in a keyed cycle through the pool (a bijection: two different
    names never share a surrogate); a name outside the pool gets a keyed draw."""
    if original is not None and attempt == 0 and len(pool) > 1:
        # By entry, not by reading: 正 and 匡 (both Tadashi) are different names and get different surrogates.
        index = next((i for i, e in enumerate(pool) if e is original), None)
        if index is None:
            index = next((i for i, e in enumerate(pool) if e.kanji == original.kanji and e.key == original.key), None)
        if index is not None:
            cache = _CYCLES.setdefault((id(pool), len(pool)), {})
            return pool[keyed_cycle(cache, len(pool), k.key.seed(f"{VERSION}.{family}", "cycle"))[index]]
    rng = k.rng(f"{VERSION}.{family}", key, attempt)
    for _ in range(8):
        cand = pool[rng.randrange(len(pool))]
        if cand.key != key and (original is None or cand.kanji != original.kanji):
            return cand
    return cand


def family_entry(token: str, k: Keyed) -> JaName:
    names = ja_names()
    key = token_key(token)
    return _draw(names.family, k, "family", key, names.lookup(token, "family"), 0)


def given_entry(token: str, k: Keyed) -> JaName:
    names = ja_names()
    key = token_key(token)
    gender = names.gender(token)
    if gender == "unknown":
        gender = "female" if k.rng(VERSION + ".gender", key).random() < 0.5 else "male"
    pool = names.male if gender == "male" else names.female
    return _draw(pool, k, "given", key, names.lookup(token, "given"), 0)


def _render(entry: JaName, token: str) -> str:
    script = script_of(token)
    if script == "katakana":
        return entry.kana
    if script == "hiragana":
        return kata_to_hira(entry.kana)
    if script == "halfkana":
        return entry.kana  # full-width katakana: half-width kana is a legacy encoding
    if script == "latin":
        return match_case(token, entry.romaji)
    return entry.kanji


def _part(token: str, role: str, k: Keyed) -> str:
    entry = family_entry(token, k) if role == "family" else given_entry(token, k)
    new = _render(entry, token)
    if new == token:  # the drawn name is written like the original (different reading): draw again
        entry = _draw(ja_names().family if role == "family" else ja_names().male + ja_names().female, k,
                      role + ".again", token, None, 1)
        new = _render(entry, token)
    return new


def _single_role(token: str, doc: DocumentContext | None) -> str:
    key = token_key(token)
    if doc is not None:
        for probe in (token, key):
            role = doc.roles.get("ja:" + probe)
            if role:
                return role
    names = ja_names()
    fam = token in names.family_kanji or key in names.family_keys
    giv = token in names.given_kanji or key in names.given_keys
    if giv and not fam:
        return "given"
    return "family"


def learn_people(names: Sequence[str], doc: DocumentContext) -> None:
    """Record the roles of the parts of every full name in the document (for lone mentions elsewhere)."""
    for name in names:
        core = strip_honorific(name)[0]
        pieces = split_name(core)
        if len(pieces) < 2:
            continue
        for text, role in pieces:
            if role in ("family", "given"):
                doc.roles["ja:" + text] = role
                doc.roles["ja:" + token_key(text)] = role


def _western(core: str) -> bool:
    """A Latin-script name that is not Japanese romaji (John Smith in a Japanese text)."""
    words = [w for w in re.split(r"[\s.]+", core) if w]
    if not words or not all(script_of(w) == "latin" for w in words):
        return False
    names = ja_names()
    known = names.family_keys | names.given_keys
    return not any(token_key(w) in known for w in words) and \
        not all(HEPBURN_WORD.match(w.lower()) for w in words if len(w) > 1)


def person(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    core, honorific = strip_honorific(span)
    if _western(core.strip()):
        from .. import person as western
        return western.person(core, k.for_locale("en_US"), doc) + honorific
    lead = core[:len(core) - len(core.lstrip())]
    trail = core[len(core.rstrip()):]
    core = core.strip()
    if not core:
        return span
    out = []
    for text, role in split_name(core):
        if role == "sep":
            out.append(text)
        elif len(text) == 1 and script_of(text) == "latin":
            out.append(_initial(text, k))
        else:
            out.append(_part(text, _single_role(text, doc) if role == "single" else role, k))
    return lead + "".join(out) + trail + honorific


def _initial(letter: str, k: Keyed) -> str:
    return distinct(lambda a: k.rng(VERSION + ".initial", letter.casefold(), a).choice(string.ascii_uppercase),
                    letter.upper(), same=lambda a, b: a.upper() == b.upper())
