"""What the Sudachi dictionary (core, as GiNZA tokenizes) says about Japanese words, for the name rules of
:mod:`privsynth.detect.ja`: whether a word is a person's name, a place, an everyday word or unknown to it, and
whether a ・-compound names a place's team or venue rather than a person."""
from __future__ import annotations

import functools
import re

from ..lexicon.ja_names import ja_names, script_of, split_full_name, token_key
from ..lexicon.ja_words import NOT_NAME_PARTS, NOT_NAMES, countries
from .kana_names import sudachi_dictionary, sudachi_tokenizer
_SUDACHI_PIECE = 4000  # characters per tokenizer call: Sudachi refuses inputs over 49,149 bytes
_PIECE_END = re.compile(r"[。！？!?\n]")


@functools.lru_cache(maxsize=4)  # the finders of one text share one tokenization
def sudachi_words(text: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """(start, end, part of speech) of each word Sudachi finds in ``text`` (core dictionary, split mode C, as
    GiNZA tokenizes), tokenized in sentence-sized pieces."""
    from sudachipy import tokenizer as sudachi

    mode = sudachi.Tokenizer.SplitMode.C
    out: list[tuple[int, int, tuple[str, ...]]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + _SUDACHI_PIECE)
        if end < len(text):
            cut = max((m.end() for m in _PIECE_END.finditer(text, start, end)), default=end)
            end = cut if cut > start else end
        for m in sudachi_tokenizer().tokenize(text[start:end], mode):
            out.append((start + m.begin(), start + m.end(), tuple(m.part_of_speech()[:4])))
        start = end
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def also_a_common_noun(word: str) -> bool:
    """The dictionary also lists an everyday word spelt ``word`` (スライド, ヤング beside the names)."""
    return any(m.part_of_speech()[1] == "普通名詞" for m in sudachi_dictionary().lookup(word))


def name_like_word(word: str) -> bool:
    """A katakana word that can be a person's name: the dictionary files it as a name or a proper noun that is no
    place, or does not know it (most foreign names); common nouns (バドミントン選手, プロ野球選手) are not."""
    from sudachipy import tokenizer as sudachi

    if word in countries() or word in NOT_NAMES or word in NOT_NAME_PARTS:
        return False
    morphemes = list(sudachi_tokenizer().tokenize(word, sudachi.Tokenizer.SplitMode.C))
    if len(morphemes) == 1:
        m = morphemes[0]
        return unknown(m) or m.part_of_speech()[1] == "固有名詞" and m.part_of_speech()[2] != "地名"
    return any(unknown(m) for m in morphemes) and not any(m.part_of_speech()[2] == "地名" for m in morphemes)


def dictionary_says_not_a_name(span: str) -> bool:
    """Sudachi's dictionary knows every word of ``span`` and none of them as a person's name (ボルチモア・レイブンズ:
    a place and a team; デジタル・ガレージ, 前橋競輪場, 大塚製薬, セガ: common nouns or non-person proper nouns).
    A span with a word Sudachi tags 人名, an unknown word (most foreign names), or a family name of the name
    lists is left alone, and so is a part that is only a place name (many family names are) unless it leads a
    ・-compound with no name in it."""
    from sudachipy import tokenizer as sudachi

    names = ja_names()
    if span in names.family_kanji or span in names.given_kanji or token_key(span) in names.family_keys or \
            token_key(span) in names.given_keys:
        return False
    if script_of(span) == "kanji" and (split_full_name(span) or any(
            span[:n] in names.family_kanji for n in (3, 2) if len(span) > n)):
        return False
    mode = sudachi.Tokenizer.SplitMode.C
    parts = [p for p in re.split(r"[・=＝ 　]", span) if p]
    tokens = [list(sudachi_tokenizer().tokenize(part, mode)) for part in parts]
    if is_place_compound(tokens):
        return True  # a place and words that are not names: a team or a venue (シアトル・パイロッツ)
    for morphemes in tokens:
        if any(unknown(m) or m.part_of_speech()[2] == "人名" for m in morphemes):
            return False
        if all(m.part_of_speech()[2] == "地名" for m in morphemes):
            return False  # many family names are place names (門田, 伏見, ワシントン)
    return bool(parts)


def only_a_place(span: str) -> bool:
    """One word the dictionary knows only as a place (長篠, ハルビン, カナダ) and no family name of the name lists
    (宮崎, 門田 stay: many family names are place names)."""
    from sudachipy import tokenizer as sudachi

    names = ja_names()
    if span in names.family_kanji or span in names.given_kanji or token_key(span) in names.family_keys:
        return False
    morphemes = list(sudachi_tokenizer().tokenize(span, sudachi.Tokenizer.SplitMode.C))
    if len(morphemes) != 1 or unknown(morphemes[0]) or morphemes[0].part_of_speech()[2] != "地名":
        return False
    return not any(m.part_of_speech()[2] == "人名" for m in sudachi_dictionary().lookup(span))


_UNKNOWN_WORD_ID = 0x0FFFFFFF  # Sudachi's id for a word it built from unknown characters (ゴッサード)


def is_place_compound(tokens: list[list]) -> bool:
    """Parts (each a list of Sudachi morphemes) of a ・-compound, one of them a place the dictionary knows and none
    a person's name: a team, a venue or a route (ヒューストン・アストロズ, アトレティコ・マドリード,
    アムール・ヤクーツク), not a person."""
    if len(tokens) < 2 or any(m.part_of_speech()[2] == "人名" for morphemes in tokens for m in morphemes):
        return False
    return any(morphemes and all(not unknown(m) and m.part_of_speech()[2] in ("地名", "国") for m in morphemes)
               for morphemes in tokens)


def place_compound(span: str) -> bool:
    """:func:`is_place_compound` for a span written with ・ or =."""
    from sudachipy import tokenizer as sudachi

    parts = [p for p in re.split(r"[・=＝]", span) if p]
    if len(parts) < 2:
        return False
    mode = sudachi.Tokenizer.SplitMode.C
    return is_place_compound([list(sudachi_tokenizer().tokenize(part, mode)) for part in parts])


def unknown(morpheme) -> bool:  # noqa: ANN001 - a sudachipy Morpheme
    return morpheme.is_oov() or morpheme.word_id() >= _UNKNOWN_WORD_ID


def only_common_nouns(span: str) -> bool:
    """Every word of ``span`` is one the dictionary knows as a common noun (or a suffix or a symbol), none a
    proper noun: キャスター, ベーシスト, 中佐, 今作, 光輝 are no names, whatever NER says. Names of the name lists
    and words the dictionary does not know (most foreign names) are left alone."""
    from sudachipy import tokenizer as sudachi

    names = ja_names()
    if span in names.family_kanji or span in names.given_kanji or token_key(span) in names.family_keys or \
            token_key(span) in names.given_keys:
        return False
    morphemes = list(sudachi_tokenizer().tokenize(span, sudachi.Tokenizer.SplitMode.C))
    words = [m for m in morphemes if m.part_of_speech()[0] not in ("補助記号", "空白")]
    if len(words) > 1 and any(script_of(m.surface()) == "katakana" for m in words):
        return False  # a foreign name the dictionary splits into known words (ウッド・ベリー)
    return bool(words) and all(not unknown(m) and m.part_of_speech()[1] != "固有名詞" and
                               m.part_of_speech()[0] in ("名詞", "接尾辞", "接頭辞") for m in words)
