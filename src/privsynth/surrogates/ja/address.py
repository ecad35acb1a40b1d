"""Japanese addresses, place names and postal codes, rebuilt part by part from the locale pack."""
from __future__ import annotations

import re

from ...lexicon.fold import fold_width
from ...lexicon.ja_names import script_of
from ...lexicon.ja_words import countries
from .. import places
from ..base import DocumentContext, Keyed, distinct, shape_random
from ._common import VERSION, kanji_number, widen_digits

_PREFS = ("北海道|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県|埼玉県|千葉県|東京都|神奈川県|新潟県|"
          "富山県|石川県|福井県|山梨県|長野県|岐阜県|静岡県|愛知県|三重県|滋賀県|京都府|大阪府|兵庫県|奈良県|和歌山県|"
          "鳥取県|島根県|岡山県|広島県|山口県|徳島県|香川県|愛媛県|高知県|福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|"
          "鹿児島県|沖縄県")
_ADDRESS = re.compile(
    r"^(?P<zip>〒?[ 　]?[\d０-９]{3}[-－ー]?[\d０-９]{4}[ 　]*)?(?P<pref>%s)?(?P<sp1>[ 　]?)"
    r"(?P<muni>(?:[^\d０-９ 　]{1,7}?(?:市|区|郡|町|村))*)(?P<sp2>[ 　]?)"
    # A town may hold grid numbers after a direction (北1条西, 北1桜町): they belong to the town, not the block.
    r"(?P<town>(?:[^\d０-９ 　一二三四五六七八九十]|(?<=[東西南北])[\d０-９]{1,2}(?![丁番号\d０-９\-－]))*?)"
    r"(?P<rest>(?:(?<![東西南北])[\d０-９]|[\d０-９]+(?=[丁番号\-－])|[一二三四五六七八九十]+丁目).*)?$" % _PREFS,
    re.S)
_BUILDING_SUFFIX = re.compile(r"(ビルディング|ビル|マンション|ハイツ|コーポ|荘|タワー|レジデンス|ハウス|パレス|プラザ|"
                              r"コート|メゾン|ヒルズ|テラス|ガーデン|アパート|寮|ヴィラ|シャトー|センター)")


def _pack_list(k: Keyed, name: str) -> list:
    return list(k.pack.extra.get(name) or ())


def _number(text: str, rng, low: int, high: int) -> str:
    return widen_digits(str(rng.randint(low, high)), text)


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
            out.append(kanji_number(rng.randint(1, 9)))
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


def _building(name: str, rng, k: Keyed) -> str:
    """A new building name of the same type (…ビル stays a ビル); one without a type word gets one."""
    suffix = _BUILDING_SUFFIX.search(name)
    words = _pack_list(k, "building_words") or ["サン"]
    return rng.choice(words) + (suffix.group(0) if suffix else rng.choice(_pack_list(k, "buildings") or ["ビル"]))


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
        if town_text and not m.group("pref") and not muni_text and \
                (_BUILDING_SUFFIX.search(town_text) or re.search(r"[\u30a1-\u30fa]{2}", town_text)):
            parts.append(_building(town_text, rng, k))  # 札幌時計台ビル301号室, 渋谷ヒカリエ11階: a building
        elif town_text:
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
        if stripped in countries() or script_of(stripped) == "katakana":
            return fake.country()
        cities = [x for v in table.values() for x in v if "区" not in x]
        base = rng.choice(cities or [fake.city()]).rstrip("市町村")
        suffix = re.search(r"(?:駅|線|空港|港|山|川|島|湖|橋|公園|通り|温泉)$", stripped)
        if suffix and len(stripped) > len(suffix.group(0)):
            return base + suffix.group(0)  # 渋谷駅 → 奈良駅: a station stays a station
        return base
    return span[:len(span) - len(span.lstrip())] + distinct(make, stripped) + span[len(span.rstrip()):]


def zip_code(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    return distinct(lambda a: shape_random(span, k.rng(VERSION + ".zip", fold_width(span), a)), span)
