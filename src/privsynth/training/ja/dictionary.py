"""Word pools from the installed base model and Sudachi's dictionary: many more name parts and non-name nouns than
any hand list, so the model learns what a name looks like *and* what does not.

The candidates are the words of ja_ginza's static vectors (chiVe, trained on a web corpus — no evaluation
source), each tagged by SudachiPy's core dictionary (the tokenizer GiNZA itself uses): a word that Sudachi reads
as one token with the part of speech 固有名詞·人名·姓 is a family name, ·名 a given name, ·一般 (in katakana) a
foreign name; 普通名詞 and 固有名詞·一般 are nouns that are not names. Sorted, so the pools (and the corpus)
depend only on the installed model and dictionary versions.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_KANJI = re.compile(r"[\u4e00-\u9fff々]{1,4}")
_KATAKANA = re.compile(r"[\u30a1-\u30faー]{2,9}")
_WORD = re.compile(r"[\u4e00-\u9fff々]{2,5}|[\u30a1-\u30faー]{3,10}")


@dataclass(frozen=True)
class Pools:
    family: tuple[tuple[str, str], ...]     # (kanji, katakana reading)
    given: tuple[tuple[str, str], ...]
    foreign: tuple[str, ...]                # katakana person names (one part each)
    nouns: tuple[str, ...]                  # kanji or katakana nouns that are not names


@functools.lru_cache(maxsize=1)
def pools(base_model: str = "ja_ginza") -> Pools:
    import spacy
    from sudachipy import dictionary, tokenizer

    nlp = spacy.load(base_model, exclude=["tok2vec", "parser", "attribute_ruler", "ner", "morphologizer",
                                          "compound_splitter", "bunsetu_recognizer"])
    rows = nlp.vocab.vectors.key2row
    words = sorted(s for s in nlp.vocab.strings if (_WORD.fullmatch(s) or _KANJI.fullmatch(s)) and
                   nlp.vocab.strings[s] in rows)
    tok = dictionary.Dictionary(dict="core").create()
    mode = tokenizer.Tokenizer.SplitMode.C
    family, given, foreign, nouns = [], [], [], []
    for w in words:
        ms = tok.tokenize(w, mode)
        if len(ms) != 1:
            continue
        pos = ms[0].part_of_speech()
        kanji = bool(_KANJI.fullmatch(w))
        if pos[1] == "固有名詞" and pos[2] == "人名":
            if pos[3] == "姓" and kanji:
                family.append((w, ms[0].reading_form()))
            elif pos[3] == "名" and kanji:
                given.append((w, ms[0].reading_form()))
            elif pos[3] == "一般" and _KATAKANA.fullmatch(w):
                foreign.append(w)
        elif (pos[1] == "普通名詞" and pos[2] in ("一般", "サ変可能")) or (pos[1] == "固有名詞" and pos[2] == "一般"):
            if _WORD.fullmatch(w):
                nouns.append(w)
    return Pools(tuple(family), tuple(given), tuple(foreign), tuple(nouns))
