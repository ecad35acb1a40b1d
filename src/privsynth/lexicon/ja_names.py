"""Japanese name data (shared by detection, resolution and surrogates): kanji, katakana reading, romaji, gender;
how a name splits into family and given name; the honorifics and titles written after names.

Loaded from ``locales/ja_JP_names.yaml`` and merged with Faker's ja_JP pairs. Readings give one *key* per name
part in every script — 山田, ヤマダ, やまだ and Yamada all have the key ``yamada`` — so a surrogate drawn per key
maps every written form of one name to the matching forms of one surrogate, in any document, with no table.
"""
from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass

import yaml

from .._paths import data_dir

_KANA_ROMAJI = {
    "キャ": "kya", "キュ": "kyu", "キョ": "kyo", "シャ": "sha", "シュ": "shu", "ショ": "sho", "シェ": "she",
    "チャ": "cha", "チュ": "chu", "チョ": "cho", "チェ": "che", "ニャ": "nya", "ニュ": "nyu", "ニョ": "nyo",
    "ヒャ": "hya", "ヒュ": "hyu", "ヒョ": "hyo", "ミャ": "mya", "ミュ": "myu", "ミョ": "myo", "リャ": "rya",
    "リュ": "ryu", "リョ": "ryo", "ギャ": "gya", "ギュ": "gyu", "ギョ": "gyo", "ジャ": "ja", "ジュ": "ju",
    "ジョ": "jo", "ジェ": "je", "ビャ": "bya", "ビュ": "byu", "ビョ": "byo", "ピャ": "pya", "ピュ": "pyu",
    "ピョ": "pyo", "ティ": "ti", "ディ": "di", "ファ": "fa", "フィ": "fi", "フェ": "fe", "フォ": "fo", "ヴァ": "va",
    "ウィ": "wi", "ウェ": "we", "ウォ": "wo",
}
_KANA1 = dict(zip(
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
    "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴァィゥェォャュョ",
    "a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho ma mi mu me mo "
    "ya yu yo ra ri ru re ro wa o n ga gi gu ge go za ji zu ze zo da ji zu de do ba bi bu be bo pa pi pu pe po "
    "vu a i u e o ya yu yo".split()))
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々〆ヶ]")
_HIRA = re.compile(r"^[\u3041-\u3096ー]+$")
_KATA = re.compile(r"^[\u30a1-\u30faー・]+$")
_HALF_KATA = re.compile(r"[\uff66-\uff9f]")
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'\-]*$")
_MALE_END = set("郎夫男雄介助輔太也樹彦司平吉蔵之朗史志治翔斗真輝哉憲隆")
_FEMALE_END = set("子美奈香恵江代乃花菜莉華枝絵穂葉佳紀希")

#: Words written after a name (one list for detection, resolution and surrogates). Personal honorifics mark a
#: name wherever they follow one (田中さん); titles also follow common nouns (バドミントン選手, 音楽監督), so the
#: name before a title must be a listed family name or full name.
PERSONAL_HONORIFICS = ("さん", "様", "さま", "氏", "君", "くん", "ちゃん", "先生", "殿", "先輩", "夫人", "嬢", "たん",
                       "どの")
TITLES = ("選手", "教授", "博士", "部長", "課長", "社長", "係長", "会長", "専務", "常務", "室長", "店長", "院長", "所長",
          "支店長", "監督", "議員", "弁護士", "准教授", "主任")
HONORIFICS = PERSONAL_HONORIFICS + TITLES
HONORIFIC_PATTERN = "|".join(sorted(HONORIFICS, key=len, reverse=True))
_HONORIFIC_TAIL = re.compile("(?:%s)$" % HONORIFIC_PATTERN)
#: A word shaped like Hepburn romanization (taro, yamada, shinichi, kenta): tells Japanese romaji from other
#: Latin-script names.
HEPBURN_WORD = re.compile(r"^(?:(?:[kgsztdnhbpmrfj]|sh|ch|ts|[kgnhbpmr]y|w|y)?[aiueo]|n(?![aiueoy])|"
                          r"[kstpgdbmc](?=[kstpgdbcm]))+$")
_SEP = re.compile(r"([ \u3000・･]+)")


def hira_to_kata(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


def kata_to_hira(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


def script_of(token: str) -> str:
    """``kanji`` (any ideograph), ``katakana``, ``hiragana``, ``latin``, ``halfkana`` or ``other``."""
    if _HAN.search(token):
        return "kanji"
    if _HALF_KATA.search(token):
        return "halfkana"
    if _KATA.match(token):
        return "katakana"
    if _HIRA.match(token):
        return "hiragana"
    if _LATIN.match(token):
        return "latin"
    return "other"


def kana_to_romaji(kana: str) -> str:
    kata = hira_to_kata(kana)
    out: list[str] = []
    i = 0
    double = False
    while i < len(kata):
        pair, ch = kata[i:i + 2], kata[i]
        if ch == "ッ":
            double = True
            i += 1
            continue
        if ch == "ー":
            if out and out[-1]:
                out.append(out[-1][-1])
            i += 1
            continue
        syl = _KANA_ROMAJI.get(pair)
        step = 2
        if syl is None:
            syl, step = _KANA1.get(ch, ""), 1
        if double and syl:
            syl = ("t" if syl.startswith("ch") else syl[0]) + syl
        double = False
        out.append(syl)
        i += step
    return "".join(out)


def reading_key(romaji: str) -> str:
    """Long vowels and spelling variants folded (Ōno, Oono, Ohno → ono), for keys only, never for output."""
    key = romaji.casefold().replace("-", "").replace("'", "").translate(str.maketrans("āīūēôōû", "aiueooo"))
    key = re.sub(r"oh(?=[^aeiou]|$)", "o", key)
    key = re.sub(r"ou|oo", "o", key)
    key = re.sub(r"uu", "u", key)
    return key.translate(str.maketrans("āīūēō", "aiueo"))


@dataclass(frozen=True)
class JaName:
    kanji: str
    kana: str
    romaji: str
    gender: str  # "family", "male" or "female"

    @property
    def key(self) -> str:
        return reading_key(kana_to_romaji(self.kana))


@dataclass(frozen=True)
class JaNames:
    family: tuple[JaName, ...]
    male: tuple[JaName, ...]
    female: tuple[JaName, ...]
    by_kanji: dict
    by_key: dict
    family_kanji: frozenset
    family_keys: frozenset
    given_kanji: frozenset
    given_keys: frozenset

    def lookup(self, token: str, role: str | None = None) -> JaName | None:
        """The entry for a written name part (any script), preferring ``role`` (family/given)."""
        script = script_of(token)
        if script == "kanji":
            found = self.by_kanji.get(token, ())
        else:
            found = self.by_key.get(token_key(token), ())
        if role == "family":
            found = [n for n in found if n.gender == "family"] or found
        elif role == "given":
            found = [n for n in found if n.gender != "family"] or found
        return found[0] if found else None

    def gender(self, token: str) -> str:
        """``male``/``female``/``unknown`` for a given name in any script."""
        script = script_of(token)
        found = self.by_kanji.get(token, ()) if script == "kanji" else self.by_key.get(token_key(token), ())
        genders = {n.gender for n in found if n.gender != "family"}
        if len(genders) == 1:
            return genders.pop()
        if genders:
            return "unknown"
        if script == "kanji":
            if token[-1] in _FEMALE_END:
                return "female"
            if token[-1] in _MALE_END:
                return "male"
        elif script in ("katakana", "hiragana"):
            kata = hira_to_kata(token)
            if kata.endswith(("コ", "ミ", "カ", "ナ", "エ", "ヨ")):
                return "female"
            if kata.endswith(("ロウ", "スケ", "タ", "ヤ", "キ", "オ", "ジ", "ヘイ", "イチ")):
                return "male"
        return "unknown"


def token_key(token: str) -> str:
    """The reading key of a name part written in kana or romaji (kanji: the kanji itself unless known)."""
    script = script_of(token)
    if script in ("katakana", "hiragana"):
        return reading_key(kana_to_romaji(token))
    if script == "halfkana":
        import unicodedata
        return reading_key(kana_to_romaji(unicodedata.normalize("NFKC", token)))
    if script == "latin":
        return reading_key(token)
    names = ja_names()
    found = names.by_kanji.get(token)
    return found[0].key if found else token


def _parse(block: str, gender: str) -> list[JaName]:
    out = []
    for entry in block.replace("\n", ";").split(";"):
        parts = entry.split()
        if len(parts) == 3:
            out.append(JaName(parts[0], parts[1], parts[2], gender))
    return out


@functools.lru_cache(maxsize=1)
def ja_names() -> JaNames:
    spec = yaml.safe_load((data_dir("locales") / "ja_JP_names.yaml").read_text(encoding="utf-8"))
    family = _parse(spec["family"], "family")
    male = _parse(spec["given_male"], "male")
    female = _parse(spec["given_female"], "female")
    try:
        from faker.providers.person.ja_JP import Provider
        seen = {(n.kanji, n.gender) for n in family + male + female}
        for target, pairs, gender in ((family, Provider.last_name_pairs, "family"),
                                      (male, Provider.first_name_male_pairs, "male"),
                                      (female, Provider.first_name_female_pairs, "female")):
            for kanji, kana, romaji in pairs:
                if (kanji, gender) not in seen:
                    target.append(JaName(kanji, kana, romaji, gender))
                    seen.add((kanji, gender))
    except (ImportError, AttributeError):  # pragma: no cover - Faker is a dependency
        pass
    by_kanji: dict[str, list[JaName]] = {}
    by_key: dict[str, list[JaName]] = {}
    for n in family + male + female:
        by_kanji.setdefault(n.kanji, []).append(n)
        by_key.setdefault(n.key, []).append(n)
    return JaNames(tuple(family), tuple(male), tuple(female), by_kanji, by_key,
                   frozenset(n.kanji for n in family), frozenset(n.key for n in family),
                   frozenset(n.kanji for n in male + female), frozenset(n.key for n in male + female))


def split_full_name(token: str) -> tuple[str, str] | None:
    """Split an unspaced family+given name (山田太郎, ヤマダタロウ) at the known family name, or ``None``."""
    names = ja_names()
    script = script_of(token)
    if script == "kanji":
        for cut in range(min(4, len(token) - 1), 0, -1):
            if token[:cut] in names.family_kanji:
                return token[:cut], token[cut:]
        for cut in range(1, len(token)):
            if token[cut:] in names.given_kanji and cut >= 1:
                return token[:cut], token[cut:]
        return None
    if script in ("katakana", "hiragana"):
        for cut in range(min(6, len(token) - 1), 1, -1):
            head, tail = token[:cut], token[cut:]
            if token_key(head) in names.family_keys and (token_key(tail) in names.given_keys or len(tail) >= 2):
                return head, tail
        return None
    return None


def split_name(span: str) -> list[tuple[str, str]]:
    """(text, role) pieces of a name: role is ``family``, ``given``, ``sep`` (kept) or ``single``."""
    pieces = [p for p in _SEP.split(span) if p]
    words = [p for p in pieces if not _SEP.fullmatch(p)]
    names = ja_names()
    if len(words) == 1:
        split = split_full_name(words[0]) if len(words[0]) >= 3 or script_of(words[0]) == "kanji" else None
        word = words[0]
        if split and not (word in names.family_kanji or word in names.given_kanji or
                          (script_of(word) != "kanji" and token_key(word) in names.family_keys | names.given_keys)):
            return [(split[0], "family"), (split[1], "given")]
        if split is None and script_of(word) == "kanji" and len(word) >= 4 and \
                word not in names.family_kanji and word not in names.given_kanji:
            return [(word[:2], "family"), (word[2:], "given")]
        cut = _dictionary_family_cut(word) if split is None and script_of(word) == "kanji" and len(word) == 3 \
            and word not in names.family_kanji and word not in names.given_kanji else None
        if cut:  # 熊谷唯: a family name the lists lack but Sudachi's name dictionary has
            return [(word[:cut], "family"), (word[cut:], "given")]
        if split is None and script_of(word) in ("katakana", "hiragana") and len(word) >= 6:
            return [(word[:3], "family"), (word[3:], "given")]
        return [(word, "single")]
    roles: list[str]
    latin = all(script_of(w) == "latin" for w in words)
    if latin:
        first, last = words[0], words[-1]
        first_family = (token_key(first) in names.family_keys and token_key(first) not in names.given_keys) or \
            (first.isupper() and len(first) > 1 and not last.isupper()) or \
            (token_key(last) in names.given_keys and token_key(last) not in names.family_keys)
        order = "family_given" if first_family else "given_family"
    else:
        order = "family_given"
    roles = ["given"] * len(words)
    roles[0 if order == "family_given" else -1] = "family"
    out, it = [], iter(roles)
    for p in pieces:
        out.append((p, "sep") if _SEP.fullmatch(p) else (p, next(it)))
    return out


_local = threading.local()  # a Sudachi dictionary object per thread


def _dictionary_family_cut(word: str) -> int | None:
    """Where a three-kanji name splits after a family name of Sudachi's dictionary (人名-姓: 熊谷|唯, 林|文察),
    two kanji tried first; ``None`` when neither part is one or Sudachi is missing."""
    dic = getattr(_local, "dictionary", None)
    if dic is None:
        try:
            from sudachipy import dictionary
        except ImportError:  # pragma: no cover - GiNZA brings Sudachi
            return None
        dic = _local.dictionary = dictionary.Dictionary()
    for cut in (2, 1):
        if any(tuple(m.part_of_speech()[2:4]) == ("人名", "姓") for m in dic.lookup(word[:cut])):
            return cut
    return None


def strip_honorific(span: str) -> tuple[str, str]:
    """``(name, honorific)``: 山田さん → (山田, さん); a span that is only an honorific keeps it as the name."""
    m = _HONORIFIC_TAIL.search(span)
    if m and m.start() > 0:
        return span[:m.start()], span[m.start():]
    return span, ""
