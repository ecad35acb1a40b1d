"""ja.v1: Japanese surrogates — names without spaces in their own script, phones of the same type and grouping,
addresses rebuilt part by part, 和暦/西暦 dates shifted by the document offset, ages, e-mail local parts that
follow the person's surrogate name.

Name parts are keyed by their *reading* (see :mod:`privsynth._ja_names`), so 山田, ヤマダ, やまだ and Yamada all
become the matching forms of one surrogate family name (佐藤, サトウ, さとう, Sato) in every document that shares
the key, with no mapping table. Unknown kanji are keyed by themselves; the document context records which
unknown parts are family or given names so a lone 澤入 follows 澤入太郎.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import string
import unicodedata
from typing import Callable, Sequence

import phonenumbers

from .._ja_names import JaName, ja_names, kata_to_hira, script_of, split_full_name, token_key
from ..detect.fold import fold_width
from . import contact, dates, places
from .base import DocumentContext, Keyed, distinct, match_case, put_digits, shape_random

VERSION = "ja.v1"
HONORIFICS = ("さん", "様", "さま", "氏", "君", "くん", "ちゃん", "先生", "殿", "先輩", "社長", "部長", "課長",
              "係長", "教授", "博士", "選手", "夫人", "嬢", "たん", "どの")
_HONORIFIC_TAIL = re.compile("(?:%s)$" % "|".join(sorted(HONORIFICS, key=len, reverse=True)))
_SEP = re.compile(r"([ \u3000・･]+)")
_KANJI_DIGITS = "〇一二三四五六七八九"


# ------------------------------------------------------------------------------------------------ persons
def _draw(pool: Sequence[JaName], k: Keyed, family: str, key: str, original: JaName | None, attempt: int) -> JaName:
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


def learn_people(names: Sequence[str], doc: DocumentContext) -> None:
    """Record the roles of the parts of every full name in the document (for lone mentions elsewhere)."""
    for name in names:
        core = _strip_honorific(name)[0]
        pieces = split_name(core)
        if len(pieces) < 2:
            continue
        for text, role in pieces:
            if role in ("family", "given"):
                doc.roles["ja:" + text] = role
                doc.roles["ja:" + token_key(text)] = role


def _strip_honorific(span: str) -> tuple[str, str]:
    m = _HONORIFIC_TAIL.search(span)
    if m and m.start() > 0:
        return span[:m.start()], span[m.start():]
    return span, ""


_HEPBURN_WORD = re.compile(r"^(?:(?:[kgsztdnhbpmrfj]|sh|ch|ts|[kgnhbpmr]y|w|y)?[aiueo]|n(?![aiueoy])|"
                           r"[kstpgdbmc](?=[kstpgdbcm]))+$")


def _western(core: str) -> bool:
    """A Latin-script name that is not Japanese romaji (John Smith in a Japanese text)."""
    words = [w for w in re.split(r"[\s.]+", core) if w]
    if not words or not all(script_of(w) == "latin" for w in words):
        return False
    names = ja_names()
    known = names.family_keys | names.given_keys
    return not any(token_key(w) in known for w in words) and \
        not all(_HEPBURN_WORD.match(w.lower()) for w in words if len(w) > 1)


def person(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    core, honorific = _strip_honorific(span)
    if _western(core.strip()):
        from ..locales import load_locale
        from . import person as western
        english = k.__dict__.get("_western")
        if english is None:
            english = k.__dict__["_western"] = Keyed(k.key, load_locale("en_US"), k.profile)
        return western.person(core, english, doc) + honorific
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


def _anything(span: str, k: Keyed) -> str:
    """Last resort for a span no generator can read: same shape, or a neutral word when it has no letters."""
    new = shape_random(span, k.rng(VERSION + ".shape", span))
    return new if new != span else "＊" * max(1, len(span))


# ------------------------------------------------------------------------------------------------ e-mail
_LOCAL_RUN = re.compile(r"[A-Za-z]+|\d+|[^A-Za-z\d]+")


def email(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """Name-like parts of the local part follow the person's surrogate in romaji (taro.yamada → kenichi.sato)."""
    local, _, domain = span.rpartition("@")
    if not local:
        return contact.email(span, k, doc)
    names = ja_names()

    def make(attempt: int) -> str:
        out = []
        for run in _LOCAL_RUN.findall(local):
            if run.isdigit():
                out.append(shape_random(run, k.rng(VERSION + ".mail.digits", run, attempt)))
            elif run.isascii() and run.isalpha():
                key = token_key(run.lower())
                if key in names.given_keys and key not in names.family_keys:
                    new = given_entry(run.lower(), k).romaji
                elif key in names.family_keys:
                    new = family_entry(run.lower(), k).romaji
                elif len(run) <= 2:
                    new = "".join(k.rng(VERSION + ".mail.letters", run, attempt).choice(string.ascii_lowercase)
                                  for _ in run)
                else:
                    new = family_entry(run.lower() + ("" if not attempt else str(attempt)), k).romaji
                out.append(match_case(run, new.lower()) if attempt == 0 else
                           match_case(run, new.lower() + str(attempt)))
            else:
                out.append(run)
        return "".join(out) + "@" + contact._email_domain(domain, k, attempt)
    return distinct(make, span)


# ------------------------------------------------------------------------------------------------ phones
def _groups(text: str) -> list[int]:
    return [len(g) for g in re.findall(r"\d+", text)]


def phone(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """Mobile stays mobile (070/080/090 kept), 050/0120/0800 keep their prefix, landlines get a valid number
    with the same area-code length and grouping; full-width digits and the original separators stay."""
    folded = unicodedata.normalize("NFKC", fold_width(span)).replace("ー", "-")
    digits = "".join(ch for ch in folded if ch.isdigit())
    if len(digits) < 6:
        return _anything(span, k)
    international = folded.lstrip().startswith("+") or folded.lstrip().startswith("0081")
    if international:
        cc_len = 2 if digits.startswith("81") else (4 if digits.startswith("0081") else 0)
        if not cc_len:
            return contact.phone(span, k, doc)
        trunk = "0" if "(0)" in folded else ""
        prefix = digits[:cc_len + len(trunk)]
        national = "0" + digits[cc_len + len(trunk):]
    else:
        prefix, national = "", digits
    try:
        parsed = phonenumbers.parse(national, "JP")
        valid = phonenumbers.is_valid_number(parsed)
    except phonenumbers.NumberParseException:
        valid = False
    if not valid or not national.startswith("0"):
        return contact.phone(span, k, doc)
    kind = phonenumbers.number_type(parsed)
    if national[:3] in ("070", "080", "090", "050"):
        keep = 3
    elif national[:4] in ("0120", "0800", "0570"):
        keep = 4
    else:
        keep = 1
    groups = _groups(national if not international else folded)[(1 if international else 0):]
    grouped = len(groups) > 1

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".phone", digits, attempt)
        candidate = national
        for tries in range(200):
            lock = keep if tries < 150 else max(keep, len(groups[0]) if grouped and not international else keep)
            candidate = national[:lock] + "".join(rng.choice(string.digits) for _ in range(len(national) - lock))
            try:
                num = phonenumbers.parse(candidate, "JP")
            except phonenumbers.NumberParseException:
                continue
            if not phonenumbers.is_valid_number(num) or phonenumbers.number_type(num) != kind:
                continue
            if grouped and not international and keep == 1:
                fmt = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)
                if _groups(fmt)[:1] != groups[:1]:
                    continue
            break
        new_digits = prefix + (candidate[1:] if international else candidate)
        return put_digits(span, new_digits)
    return distinct(make, span, same=lambda a, b: a == b)


# ------------------------------------------------------------------------------------------------ places
_PREFS = ("北海道|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県|埼玉県|千葉県|東京都|神奈川県|新潟県|"
          "富山県|石川県|福井県|山梨県|長野県|岐阜県|静岡県|愛知県|三重県|滋賀県|京都府|大阪府|兵庫県|奈良県|和歌山県|"
          "鳥取県|島根県|岡山県|広島県|山口県|徳島県|香川県|愛媛県|高知県|福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|"
          "鹿児島県|沖縄県")
_ADDRESS = re.compile(
    r"^(?P<zip>〒?[ 　]?[\d０-９]{3}[-－ー]?[\d０-９]{4}[ 　]*)?(?P<pref>%s)?(?P<sp1>[ 　]?)"
    r"(?P<muni>(?:[^\d０-９ 　]{1,7}?(?:市|区|郡|町|村))*)(?P<sp2>[ 　]?)"
    r"(?P<town>[^\d０-９ 　一二三四五六七八九十]*?)(?P<rest>(?:[\d０-９]|[一二三四五六七八九十]+丁目).*)?$" % _PREFS,
    re.S)
_BUILDING_SUFFIX = re.compile(r"(ビルディング|ビル|マンション|ハイツ|コーポ|荘|タワー|レジデンス|ハウス|パレス|プラザ|"
                              r"コート|メゾン|ヒルズ|テラス|ガーデン|アパート|寮|ヴィラ|シャトー|センター)")


def _pack_list(k: Keyed, name: str) -> list:
    return list(k.pack.extra.get(name) or ())


def _number(text: str, rng, low: int, high: int) -> str:
    value = rng.randint(low, high)
    if text and "０" <= text[0] <= "９":
        return "".join(chr(ord("０") + int(d)) for d in str(value))
    return str(value)


def _kanji_number(n: int) -> str:
    if n < 10:
        return _KANJI_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _KANJI_DIGITS[tens]) + "十" + (_KANJI_DIGITS[ones] if ones else "")


def _rest(rest: str, rng, k: Keyed) -> str:
    """Block numbers redrawn in the same notation and width; a building name rebuilt; room numbers reshaped."""
    out = []
    pos = 0
    numbers = 0
    for m in re.finditer(r"[\d０-９]+|[一二三四五六七八九十]+(?=丁目)|[^\d０-９\s　\-－]+?(?:%s)|(?<=[ 　])[^\d０-９\s　]+"
                         % _BUILDING_SUFFIX.pattern, rest):
        out.append(rest[pos:m.start()])
        token = m.group(0)
        if token[0] in "一二三四五六七八九十":
            out.append(_kanji_number(rng.randint(1, 9)))
        elif token[0].isdigit():
            numbers += 1
            after = rest[m.end():m.end() + 2]
            if after.startswith("号室") or len(token) >= 3 and numbers > 3:
                out.append(shape_random(token, rng))
            elif after.startswith("丁目") or numbers == 1:
                out.append(_number(token, rng, 1, 9 if len(token) == 1 else 40))
            elif len(token) >= 3:
                out.append(shape_random(token, rng))
            else:
                out.append(_number(token, rng, 1, 30))
        elif not _BUILDING_SUFFIX.search(token):  # a building without a type word (クレスト戸山): rebuild it
            types = _pack_list(k, "buildings") or ["ハイツ"]
            out.append(rng.choice(_pack_list(k, "building_words") or ["サン"]) + rng.choice(types))
        else:
            suffix = _BUILDING_SUFFIX.search(token).group(0)
            words = _pack_list(k, "building_words") or ["サン"]
            out.append(rng.choice(words) + suffix)
        pos = m.end()
    out.append(rest[pos:])
    return "".join(out)


def address(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """Same structure (〒, prefecture, municipality, town, block numbers, building, room) with new values;
    the prefecture and municipality are drawn as a real pair from the locale pack."""
    m = _ADDRESS.match(span)
    if not m or not (m.group("pref") or m.group("muni") or m.group("rest")):
        return location(span, k, doc)
    normalized = re.sub(r"\s+", "", fold_width(span))

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".address", normalized, attempt)
        table = k.pack.extra.get("municipalities") or {"東京都": ["千代田区"]}
        pref = rng.choice(sorted(table))
        muni = rng.choice(table[pref])
        parts = []
        if m.group("zip"):
            parts.append(shape_random(m.group("zip"), rng))
        if m.group("pref"):
            parts.append(pref)
        parts.append(m.group("sp1"))
        muni_text, town_text = m.group("muni"), m.group("town")
        units = re.findall(r"[^市区郡町村]+[市区郡町村]", muni_text or "")
        if not town_text and len(units) >= 2 and units[-1].endswith("町"):
            muni_text, town_text = "".join(units[:-1]), units[-1]  # 栄町 in 横浜市中区栄町 is the town
        if muni_text:
            if not m.group("pref") and "市" in muni and muni.endswith("区") and muni.count("市") == 1 and \
                    not muni_text.count("市"):
                muni = muni.split("市", 1)[1]  # the original wrote only the ward
            parts.append(muni)
        parts.append(m.group("sp2"))
        if town_text:
            parts.append(rng.choice(_pack_list(k, "towns") or ["本町"]))
        if m.group("rest"):
            parts.append(_rest(m.group("rest"), rng, k))
        return "".join(parts)
    return distinct(make, span)


def location(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """A prefecture stays a prefecture, a city/ward/town a municipality, a country a country, a bare place name
    a place name."""
    table = k.pack.extra.get("municipalities") or {}
    stripped = span.strip()

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".location", stripped, attempt)
        fake = k.faker(VERSION + ".location", stripped, attempt)
        if re.fullmatch(_PREFS, stripped) or (stripped.endswith(("県", "府", "都")) and len(stripped) <= 4):
            return rng.choice(sorted(table)) if table else fake.prefecture()
        if re.fullmatch(r"(?:%s)\S+" % _PREFS, stripped):
            pref = rng.choice(sorted(table))
            return pref + rng.choice(table[pref])
        if stripped.endswith(("市", "区", "町", "村", "郡")) and script_of(stripped) == "kanji":
            munis = [x for v in table.values() for x in v if x.endswith(stripped[-1])] or [fake.city()]
            choice = rng.choice(munis)
            return choice.split("市", 1)[1] if stripped.endswith("区") and "市" in choice and \
                "市" not in stripped else choice
        if script_of(stripped) == "latin" or not re.search(r"[\u3040-\u30ff\u3400-\u9fff]", stripped):
            return places.location(stripped, k, doc)
        if stripped in _ja_countries() or script_of(stripped) == "katakana":
            return fake.country()
        cities = [x for v in table.values() for x in v if "区" not in x]
        base = rng.choice(cities or [fake.city()]).rstrip("市町村")
        suffix = re.search(r"(?:駅|線|空港|港|山|川|島|湖|橋|公園|通り|温泉)$", stripped)
        if suffix and len(stripped) > len(suffix.group(0)):
            return base + suffix.group(0)  # 渋谷駅 → 奈良駅: a station stays a station
        return base
    return span[:len(span) - len(span.lstrip())] + distinct(make, stripped) + span[len(span.rstrip()):]


@functools.lru_cache(maxsize=1)
def _ja_countries() -> frozenset[str]:
    from faker.providers.address.ja_JP import Provider as JaAddress
    return frozenset(JaAddress.countries) | {"日本", "アメリカ", "米国", "英国", "中国", "韓国"}


def zip_code(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    return distinct(lambda a: shape_random(span, k.rng(VERSION + ".zip", fold_width(span), a)), span)


def age(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """35歳 → 37歳: the number moves by 1–5 years (keyed), in the same digit width; the counter stays."""
    m = re.search(r"[\d０-９]+", span)
    if not m:
        return span
    value = int(unicodedata.normalize("NFKC", m.group(0)))

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".age", str(value), attempt)
        delta = rng.randint(1, 5) * rng.choice((-1, 1))
        new = value + delta if value + delta >= 1 else value + abs(delta)
        text = str(new)
        if "０" <= m.group(0)[0] <= "９":
            text = "".join(chr(ord("０") + int(d)) for d in text)
        return span[:m.start()] + text + span[m.end():]
    return distinct(make, span)


# ------------------------------------------------------------------------------------------------ dates
ERAS = (("令和", dt.date(2019, 5, 1)), ("平成", dt.date(1989, 1, 8)), ("昭和", dt.date(1926, 12, 25)),
        ("大正", dt.date(1912, 7, 30)), ("明治", dt.date(1868, 1, 25)))
_ERA_ABBR = {"R": "令和", "H": "平成", "S": "昭和", "T": "大正", "M": "明治"}
_WEEKDAYS = "月火水木金土日"
_NUM = r"[\d０-９]+|[〇一二三四五六七八九十]+|元"
_JA_DATE = re.compile(
    r"^(?P<era>令和|平成|昭和|大正|明治)?(?P<s0>[ 　]?)(?:(?P<year>%s)(?P<s1>[ 　]?)年(?P<s2>[ 　]?))?"
    r"(?:(?P<month>%s)(?P<s3>[ 　]?)月(?P<s4>[ 　]?)(?:(?P<day>%s)(?P<s5>[ 　]?)日)?)?(?P<rest>.*)$" % (_NUM, _NUM, _NUM),
    re.S)
_NUMERIC = re.compile(r"^(?P<era>[RHSTMrhstm])?(?P<year>[\d０-９]{1,4})(?P<sep>[/／.\-－])(?P<month>[\d０-９]{1,2})"
                      r"(?P=sep)(?P<day>[\d０-９]{1,2})(?P<rest>.*)$", re.S)
_WEEKDAY = re.compile(r"([（(])([月火水木金土日])((?:曜日?)?[）)])")


def _to_int(text: str) -> int:
    if text == "元":
        return 1
    if text[0] in "〇一二三四五六七八九十":
        if "十" in text:
            tens, _, ones = text.partition("十")
            return (_KANJI_DIGITS.index(tens) if tens else 1) * 10 + (_KANJI_DIGITS.index(ones) if ones else 0)
        return int("".join(str(_KANJI_DIGITS.index(c)) for c in text))
    return int(unicodedata.normalize("NFKC", text))


def _like(template: str, value: int, year_one: bool = False) -> str:
    """``value`` written like ``template``: 元, kanji numerals, full-width or ASCII digits, zero padding."""
    if year_one and value == 1:
        return "元"  # 令和元年: the first year of an era is written 元年
    if template == "元":
        return str(value)
    if template[0] in "〇一二三四五六七八九十":
        return _kanji_number(value)
    text = f"{value:0{len(template)}d}" if template.startswith(("0", "０")) else str(value)
    if "０" <= template[0] <= "９":
        text = "".join(chr(ord("０") + int(d)) for d in text)
    return text


def to_era(day: dt.date) -> tuple[str, int]:
    for era, start in ERAS:
        if day >= start:
            return era, day.year - start.year + 1
    return "明治", day.year - 1867


def from_era(era: str, year: int) -> int:
    start = dict(ERAS)[era]
    return start.year + year - 1


def _weekday(rest: str, day: dt.date) -> str:
    return _WEEKDAY.sub(lambda m: m.group(1) + _WEEKDAYS[day.weekday()] + m.group(3), rest, count=1)


def shift_ja(span: str, offset: int) -> str | None:
    """A Japanese date moved by ``offset`` days in its own notation (era kept when the new date is in it,
    otherwise the correct era), or ``None`` when it is not a date we can read."""
    m = _NUMERIC.match(span.strip())
    if m:
        return _shift_numeric(span, m, offset)
    m = _JA_DATE.match(span.strip())
    if not m or not (m.group("year") or m.group("month")):
        return None
    g = m.groupdict()
    lead = span[:len(span) - len(span.lstrip())]
    trail = span[len(span.rstrip()):]
    try:
        if g["year"] is not None:
            year = _to_int(g["year"])
            if g["era"]:
                year = from_era(g["era"], year)
        else:
            year = 2000
        if g["month"] is None:  # year only: move by whole years
            years = (1 + abs(offset) % 3) * (1 if offset > 0 else -1)
            new_year = year + years
            return lead + _era_year(g, dt.date(new_year, 12, 31) if g["era"] else None, new_year) + \
                g["s1"] + "年" + g["s2"] + g["rest"] + trail
        month = _to_int(g["month"])
        if g["day"] is None:  # year and month: move by whole months
            total = year * 12 + month - 1 + (offset // 30 or (1 if offset > 0 else -1))
            new = dt.date(total // 12, total % 12 + 1, 1)
            head = (_era_year(g, new, new.year) + g["s1"] + "年" + g["s2"]) if g["year"] is not None else ""
            return lead + head + _like(g["month"], new.month) + g["s3"] + "月" + g["s4"] + g["rest"] + trail
        day = dt.date(year, month, _to_int(g["day"]))
    except (ValueError, KeyError, OverflowError):
        return None
    new = day + dt.timedelta(days=offset)
    if g["year"] is None and new.year != year:
        new = new.replace(year=year) if not (new.month == 2 and new.day == 29) else new
    head = (_era_year(g, new, new.year) + g["s1"] + "年" + g["s2"]) if g["year"] is not None else ""
    body = (head + _like(g["month"], new.month) + g["s3"] + "月" + g["s4"] + _like(g["day"], new.day) + g["s5"] +
            "日")
    return lead + body + _weekday(g["rest"], new) + trail


def _era_year(g: dict, new: dt.date | None, new_year: int) -> str:
    if not g["era"]:
        return g["s0"] + _like(g["year"], new_year)
    era, year = to_era(new) if new is not None else (g["era"], new_year - dict(ERAS)[g["era"]].year + 1)
    return era + g["s0"] + _like(g["year"], year, year_one=True)


def _shift_numeric(span: str, m: re.Match, offset: int) -> str | None:
    g = m.groupdict()
    try:
        year = _to_int(g["year"])
        if g["era"]:
            year = from_era(_ERA_ABBR[g["era"].upper()], year)
        elif year < 100:
            return None
        day = dt.date(year, _to_int(g["month"]), _to_int(g["day"]))
    except (ValueError, KeyError):
        return None
    new = day + dt.timedelta(days=offset)
    if g["era"]:
        era, era_year = to_era(new)
        abbr = {v: k for k, v in _ERA_ABBR.items()}[era]
        head = (abbr if g["era"].isupper() else abbr.lower()) + _like(g["year"], era_year)
    else:
        head = _like(g["year"], new.year)
    sep = g["sep"]
    out = head + sep + _like(g["month"], new.month) + sep + _like(g["day"], new.day) + _weekday(g["rest"], new)
    return span[:len(span) - len(span.lstrip())] + out + span[len(span.rstrip()):]


_TIME_JA = re.compile(r"(?P<h>[\d０-９]{1,2})時(?:(?P<m>[\d０-９]{1,2})分)?")
_VAGUE = ("ある日", "先日", "その日", "後日")


def date_time(span: str, k: Keyed, doc: DocumentContext | None = None, scope: str = "document") -> str:
    offset = dates.document_offset(k, doc, scope)
    shifted = shift_ja(span, offset)
    if shifted is not None and shifted != span:
        return shifted
    if re.search(r"[A-Za-z]", span) and not re.search(r"[\u3040-\u30ff\u3400-\u9fff]", span):
        return dates.date_time(span, k, doc, scope, False)
    return distinct(lambda a: _fallback(span, offset + a, k), span)


def _fallback(span: str, offset: int, k: Keyed) -> str:
    minutes = (offset * 37) % 600 + 1

    def shift_time(m: re.Match) -> str:
        h = _to_int(m.group("h"))
        mi = _to_int(m.group("m")) if m.group("m") else 0
        total = (h * 60 + mi + (minutes if m.group("m") else minutes // 60 * 60 or 60)) % (24 * 60)
        text = _like(m.group("h"), total // 60) + "時"
        return text + (_like(m.group("m"), total % 60) + "分" if m.group("m") else "")
    out = _TIME_JA.sub(shift_time, span)
    if out == span:
        out = dates._fallback(span, offset, k)
    if out == span:
        out = k.rng(VERSION + ".vague", span, offset).choice(_VAGUE)
    return out


#: entity type -> generator(span, keyed, document context) overriding the defaults for Japanese.
GENERATORS: dict[str, Callable] = {
    "PERSON": person,
    "EMAIL_ADDRESS": email,
    "PHONE_NUMBER": phone, "FAX_NUMBER": phone,
    "ADDRESS": address,
    "LOCATION": location,
    "ZIP_CODE": zip_code,
    "AGE": age,
    "DATE_TIME": lambda span, k, doc: date_time(span, k, doc, "document"),
}


def generators(date_shift: str = "document") -> dict[str, Callable]:
    """:data:`GENERATORS` with dates shifted per ``date_shift`` scope (document or subject)."""
    return {**GENERATORS, "DATE_TIME": lambda span, k, doc: date_time(span, k, doc, date_shift)}
