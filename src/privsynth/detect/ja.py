"""Japanese detection: Python finders beyond the YAML recognizers, and GiNZA span refinement.

GiNZA's spans need fixing before resolution: it tags the honorific after a name separately (さん as
``Title_Other``) or inside the name (佐藤様), includes full-width brackets and punctuation, tags block numbers
(``1丁目``) and durations as dates, and misses names that only an honorific or a form field announces. The
finders add names marked by an honorific (田中さん, ヤマダ様, 山田太郎氏), romaji names whose parts are Japanese
names (Taro Yamada), and Latin-script names by the shared gazetteer (mixed documents).
"""
from __future__ import annotations

import re
from typing import Callable

import regex

from .._ja_names import ja_names, script_of, token_key
from ..types import Finding
from .fold import fold_width
from .gazetteer import find_names

HONORIFICS = ("さん", "様", "さま", "氏", "君", "くん", "ちゃん", "先生", "殿", "先輩", "選手", "夫人", "教授", "博士")
_HONORIFIC_RE = "|".join(sorted(HONORIFICS, key=len, reverse=True))
_TRAILING_HONORIFIC = re.compile(r"(?:%s)$" % _HONORIFIC_RE)
_EDGE_JUNK = "「」『』（）()【】［］[]〈〉《》〔〕、。，．,.・:：;；!！?？ 　\"'“”‘’"
# Words that take an honorific but are not names (お客様, 皆様, 社長さん, 運転手さん, パパ, …).
_NOT_NAME_END = set("長者手家員師生族人方達様供屋主婦夫嫁娘子兄姉弟妹父母神仏王子")
_NOT_NAMES = frozenset("""
お客 客 皆 皆さん 奥 お嬢 お子 お父 お母 お兄 お姉 おじい おばあ おじ おば 赤ちゃん 先生 社長 部長 課長 係長 店長 院長
医師 看護師 担当 担当者 運転手 大家 患者 利用者 会員 保護者 家族 ご家族 皆々 各位 神 仏 王 殿下 陛下 閣下 天皇 上様 お殿
パパ ママ ドクター スタッフ オーナー マスター ゲスト ファン メンバー ユーザー キャスト コーチ シェフ ボス リーダー
お客さま お疲れ お世話 ご苦労 ご馳走 おつかれ みな みんな みなさま おかあ おとう おにい おねえ あかちゃん
""".split())
_BEFORE_HONORIFIC = regex.compile(
    r"(?P<name>[\p{Han}々]{1,8}|[\p{Katakana}ー・]{2,12}|[\p{Hiragana}]{2,6}|[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)"
    r"(?P<hon>%s)" % _HONORIFIC_RE)
_ROMAJI_PAIR = re.compile(r"(?<![A-Za-z])([A-Z][a-z]+|[A-Z]{2,})[ \u3000]([A-Z][a-z]+|[A-Z]{2,})(?![A-Za-z])")
_VAGUE_DATE = re.compile(
    r"^(?:今|昨|一昨|明|明後|来|去|先|翌|前|同|本|毎|当|後|例|近|年中|年末|年始|年内|月末|月初|週末|平日|数|何|"
    r"先々|再来)|(?:間|前|後|以上|以内|ほど|頃|ごろ|ぶり|代|期|ヶ月|か月|カ月|週間|時間|分間|秒)$")
_HAS_DATE_PART = re.compile(r"[\d０-９〇一二三四五六七八九十元]\s*(?:年|月|日|時)|令和|平成|昭和|大正|明治|[\d０-９]{1,2}[:：][\d０-９]{2}|"
                            r"[\d０-９]{4}[/／.\-－][\d０-９]{1,2}")
_BLOCK_NUMBER = re.compile(r"^[\d０-９一二三四五六七八九十]+(?:丁目|番地?|号)$")


def find_honorific_names(text: str) -> list[Finding]:
    """Names right before an honorific: 田中さん, ヤマダ様, 山田太郎氏, 営業部の鈴木課長 (kanji runs that end in a
    common noun such as 社長 or 患者 are not names)."""
    names = ja_names()
    out: list[Finding] = []
    for m in _BEFORE_HONORIFIC.finditer(text):
        name, start = m.group("name"), m.start("name")
        script = script_of(name.replace("・", "").replace("ー", "") or "x")
        if script == "kanji":
            cand = _kanji_name_suffix(name)
            if cand is None:
                continue
            start += len(name) - len(cand)
            name = cand
        elif script == "hiragana":
            if token_key(name) not in names.given_keys and token_key(name) not in names.family_keys:
                continue
        elif script == "katakana":
            if name.strip("・ー") in _NOT_NAMES or len(name.strip("・ー")) < 2:
                continue
        if name in _NOT_NAMES:
            continue
        score = 0.6 if (name in names.family_kanji or name in names.given_kanji or
                        token_key(name) in names.family_keys) else 0.5
        out.append(Finding(start, start + len(name), "PERSON", score, "ja_honorific"))
    return out


def _kanji_name_suffix(run: str) -> str | None:
    """The name at the end of a kanji run before an honorific (営業部山田 → 山田), or ``None``."""
    names = ja_names()
    for cut in range(0, len(run) - 1):
        tail = run[cut:]
        if len(tail) > 5:
            continue
        head = next((tail[:n] for n in (3, 2, 1) if tail[:n] in names.family_kanji and len(tail) >= n), None)
        if head and (len(tail) == len(head) or len(tail) - len(head) <= 3):
            return tail
    if 2 <= len(run) <= 4 and run[-1] not in _NOT_NAME_END and run not in _NOT_NAMES:
        return run
    return None


def find_romaji_names(text: str) -> list[Finding]:
    """Romaji names whose two parts are a Japanese given and family name (Taro Yamada, YAMADA Taro)."""
    names = ja_names()
    out = []
    for m in _ROMAJI_PAIR.finditer(text):
        a, b = (token_key(w.lower()) for w in m.groups())
        known = {a, b} & (names.given_keys | names.family_keys)
        if len(known) == 2 or (known and (a in names.family_keys or b in names.family_keys) and
                               (m.group(1).isupper() or m.group(2).isupper())):
            out.append(Finding(m.start(), m.end(), "PERSON", 0.6, "ja_romaji_name"))
    return out


def _latin_names(text: str) -> list[Finding]:
    return find_names(text) if re.search(r"[A-Z][a-z]+[ \t]+[A-Z]", text) else []


#: Extra finders for Japanese text (each: text -> findings).
FINDERS: tuple[Callable[[str], list[Finding]], ...] = (find_honorific_names, find_romaji_names, _latin_names)


def _strip(text: str, f: Finding) -> Finding | None:
    start, end = f.start, f.end
    while start < end and text[start] in _EDGE_JUNK:
        start += 1
    while end > start and text[end - 1] in _EDGE_JUNK:
        end -= 1
    if f.entity_type == "PERSON":
        m = _TRAILING_HONORIFIC.search(text[start:end])
        if m and m.start() > 0:
            end = start + m.start()
    if end <= start:
        return None
    return Finding(start, end, f.entity_type, f.score, f.recognizer)


def refine(text: str, findings: list[Finding]) -> list[Finding]:
    """Fix spans GiNZA gets wrong: honorifics and brackets out of names, block numbers and durations out of
    dates, a bare postal code left to the postal-code recognizer."""
    out: list[Finding] = []
    for f in findings:
        if not f.recognizer.startswith("spacy"):
            out.append(f)
            continue
        g = _strip(text, f)
        if g is None:
            continue
        span = text[g.start:g.end]
        if g.entity_type == "PERSON":
            if span in _NOT_NAMES or span in HONORIFICS or len(span) < 2 and script_of(span) != "kanji":
                continue
            if re.fullmatch(r"[\d\W_]+", span):
                continue
        elif g.entity_type == "DATE_TIME":
            if _BLOCK_NUMBER.match(span) or re.match(r"^[\d０-９]+$", span):
                continue
            after = text[g.end:g.end + 2]
            if after.startswith(("丁目", "番", "号")) or not _HAS_DATE_PART.search(span):
                continue
            if _VAGUE_DATE.search(span) and not re.search(r"[\d０-９]{1,4}\s*年\s*[\d０-９]{1,2}\s*月", span):
                continue
        elif g.entity_type == "ADDRESS" and re.fullmatch(r"〒?\s*[\d０-９]{3}[-－]?[\d０-９]{4}", span):
            continue  # a postal code alone: the postal-code recognizer owns it
        elif g.entity_type in ("LOCATION", "ADDRESS") and re.fullmatch(r"[\d０-９\-－]+", fold_width(span)):
            continue
        out.append(g)
    return out
