"""Japanese dates: 和暦 and 西暦, kanji or digits, shifted by the document offset in their own notation."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from .. import dates as western
from ..base import DocumentContext, Keyed, distinct
from ._common import KANJI_DIGITS, VERSION, kanji_number, widen_digits

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
_WEEKDAY_WORD = re.compile(r"([月火水木金土日])(?=曜)")


def _to_int(text: str) -> int:
    if text == "元":
        return 1
    if text[0] in "〇一二三四五六七八九十":
        if "十" in text:
            tens, _, ones = text.partition("十")
            return (KANJI_DIGITS.index(tens) if tens else 1) * 10 + (KANJI_DIGITS.index(ones) if ones else 0)
        return int("".join(str(KANJI_DIGITS.index(c)) for c in text))
    return int(unicodedata.normalize("NFKC", text))


def _like(template: str, value: int, year_one: bool = False, pad: bool = False) -> str:
    """``value`` written like ``template``: 元, kanji numerals, full-width or ASCII digits, zero padding."""
    if year_one and value == 1:
        return "元"  # 令和元年: the first year of an era is written 元年
    if template == "元":
        return str(value)
    if template[0] in "〇一二三四五六七八九十":
        return kanji_number(value)
    text = f"{value:0{max(len(template), 2) if pad else len(template)}d}" \
        if pad or template.startswith(("0", "０")) else str(value)
    return widen_digits(text, template)


def _padded(g: dict) -> bool:
    """Month and day are zero-padded together (2021年03月14日): one padded number shows the style."""
    return any(t and t[0] in "0０" and len(t) > 1 for t in (g.get("month"), g.get("day")))


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
            if g["rest"].startswith("代") and year % 10 == 0:  # 1970年代 → 1980年代: a decade stays a decade
                years = 10 if offset >= 0 else -10
            new_year = year + years
            if new_year < 1:  # 1年間 must not become 0年間 or -2年間: count up instead
                new_year = year + abs(years)
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
    pad = _padded(g)
    if g["year"] is None and new.year != year:
        new = new.replace(year=year) if not (new.month == 2 and new.day == 29) else new
    head = (_era_year(g, new, new.year) + g["s1"] + "年" + g["s2"]) if g["year"] is not None else ""
    body = (head + _like(g["month"], new.month, pad=pad) + g["s3"] + "月" + g["s4"] +
            _like(g["day"], new.day, pad=pad) + g["s5"] +
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
    sep, pad = g["sep"], _padded(g)
    out = head + sep + _like(g["month"], new.month, pad=pad) + sep + _like(g["day"], new.day, pad=pad) + \
        _weekday(g["rest"], new)
    return span[:len(span) - len(span.lstrip())] + out + span[len(span.rstrip()):]


_TIME_JA = re.compile(r"(?P<h>[\d０-９]{1,2})時(?:(?P<m>[\d０-９]{1,2})分)?")
_VAGUE = ("ある日", "先日", "その日", "後日")


def date_time(span: str, k: Keyed, doc: DocumentContext | None = None, scope: str = "document") -> str:
    offset = western.document_offset(k, doc, scope)
    shifted = shift_ja(span, offset)
    if shifted is not None and shifted != span:
        return shifted
    if re.search(r"[A-Za-z]", span) and not re.search(r"[\u3040-\u30ff\u3400-\u9fff]", span):
        return western.date_time(span, k, doc, scope, False)
    return distinct(lambda a: _fallback(span, offset + a, k), span)


def _vague_count(span: str) -> str:
    """Counts without a number, rewritten so they still read naturally and hold no part of the original:
    数年前 → 二、三年前, 十数年前 → 数十年前, 半年 → 1年, 土日 → 週末."""
    if "十数" in span:
        return span.replace("十数", "数十", 1)
    if "数" in span:
        return span.replace("数", "二、三", 1)
    if "半" in span:
        return span.replace("半", "1", 1)
    if span.startswith("土日"):
        return "週末" + span[2:].removeprefix("祝日").removeprefix("祝")
    return span


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
        out = _vague_count(span)
    if out == span:
        # 毎週土曜日 → 毎週火曜日: a weekday stays a weekday, moved by the document offset (never by 0 days).
        step = offset % 7 or 1
        out = _WEEKDAY_WORD.sub(lambda m: _WEEKDAYS[(_WEEKDAYS.index(m.group(1)) + step) % 7], span)
    if out == span:
        out = western._fallback(span, offset, k)
    if out == span:
        out = k.rng(VERSION + ".vague", span, offset).choice(_VAGUE)
    return out
