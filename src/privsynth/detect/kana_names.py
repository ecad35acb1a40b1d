"""Japanese full names written in hiragana (やまだたろう) inside hiragana prose, where nothing marks them.

Children's text, chats and easy-Japanese documents write names in hiragana without an honorific, and the
running text is hiragana too, so neither GiNZA nor the kanji/katakana finders see a name. A candidate is a known
family-name reading followed directly by a known given-name reading (from the Japanese name table and Faker's
kana lists, via :func:`privsynth.lexicon.ja_names.ja_names`), and its edges must be word boundaries: Sudachi's
token boundaries, or a particle right before it (は, の, を, …) or right after it (と, に, は, から, …), since Sudachi
cuts hiragana prose around an unknown name badly (も|りみ|か|こと, はるか|に as an auxiliary); what follows is a
particle, an honorific, punctuation or the end of the text.
"""
from __future__ import annotations

import functools
import threading

import regex

from ..lexicon.ja_names import HONORIFICS, ja_names, kata_to_hira
from ..types import Finding

_RUN = regex.compile(r"[\p{Hiragana}ー]{5,}")
_MIN_PART = 2
_MAX_PART = 5
_local = threading.local()  # a Sudachi tokenizer is not safe to share between threads


@functools.lru_cache(maxsize=1)
def _readings() -> tuple[frozenset[str], frozenset[str]]:
    """(family readings, given readings) in hiragana, two to five kana each."""
    names = ja_names()

    def hira(entries) -> frozenset[str]:
        return frozenset(r for r in (kata_to_hira(n.kana) for n in entries) if _MIN_PART <= len(r) <= _MAX_PART)
    return hira(names.family), hira(names.male + names.female)


def sudachi_tokenizer():
    """This thread's Sudachi tokenizer (core dictionary, as GiNZA uses)."""
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        from sudachipy import dictionary
        tok = _local.tokenizer = dictionary.Dictionary().create()
    return tok


def sudachi_dictionary():
    """This thread's Sudachi dictionary (core), for looking up every entry of a surface form."""
    dic = getattr(_local, "dictionary", None)
    if dic is None:
        from sudachipy import dictionary
        dic = _local.dictionary = dictionary.Dictionary()
    return dic


_PARTICLE_BEFORE = frozenset("はのをがにともへで")
_PARTICLE_AFTER = ("と", "に", "は", "が", "の", "を", "も", "から", "へ", "です", "さん", "くん", "ちゃん", "さま", "様")


def _candidates(run: str) -> list[tuple[int, int]]:
    family, given = _readings()
    out = []
    for i in range(len(run) - 2 * _MIN_PART + 1):
        for f in range(_MAX_PART, _MIN_PART - 1, -1):
            if run[i:i + f] not in family:
                continue
            for g in range(_MAX_PART, _MIN_PART - 1, -1):
                end = i + f + g
                if end <= len(run) and f + g >= 5 and run[i + f:end] in given:
                    out.append((i, end))
                    break
    return out


def find_kana_names(text: str) -> list[Finding]:
    """Family + given readings in hiragana runs, on Sudachi word boundaries, followed by a particle, an honorific,
    punctuation or the end."""
    out: list[Finding] = []
    for m in _RUN.finditer(text):
        candidates = _candidates(m.group(0))
        if not candidates:
            continue
        from sudachipy import tokenizer as sudachi

        sentence_end = min(len(text), m.end() + 8)
        morphemes = sudachi_tokenizer().tokenize(text[m.start():sentence_end], sudachi.Tokenizer.SplitMode.C)
        starts = {mo.begin(): mo for mo in morphemes}
        ends = {mo.end() for mo in morphemes}
        for a, b in candidates:
            after = text[m.start() + b:m.start() + b + 3]
            before = text[m.start() + a - 1:m.start() + a] if m.start() + a else ""
            # Sudachi cuts hiragana prose badly around unknown names (も|りみ|か|こと): a particle right before or
            # after the candidate is a boundary too.
            if a not in starts and not (before and before in _PARTICLE_BEFORE):
                continue
            following = starts.get(b) if b in ends else None
            if not after.startswith(_PARTICLE_AFTER + HONORIFICS) and (
                    b not in ends or following is not None and
                    following.part_of_speech()[0] not in ("助詞", "補助記号", "接尾辞")):
                continue
            out.append(Finding(m.start() + a, m.start() + b, "PERSON", 0.5, "ja_kana_name"))
    return out
