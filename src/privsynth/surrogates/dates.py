"""date.v1: dates shifted by one keyed offset per document (or per subject), re-rendered in their own format.

Every date in a document moves by the same number of days, so intervals (ages at events, time series) survive.
Years alone move by whole years, weekdays and times by the matching part of the offset; anything else with
digits gets its digits redrawn.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Callable

from .base import DocumentContext, Keyed, distinct, match_case, shape_random

VERSION = "date.v1"
MONTHS = [m.lower() for m in calendar.month_name[1:]]
MONTH_ABBR = [m.lower() for m in calendar.month_abbr[1:]]
WEEKDAYS = [d.lower() for d in calendar.day_name]
WEEKDAY_ABBR = [d.lower() for d in calendar.day_abbr]
_MONTH = r"(?P<month>%s)" % "|".join(sorted(MONTHS + MONTH_ABBR + ["sept"], key=len, reverse=True))
_ORD = r"(?P<ord>st|nd|rd|th)?"
_YEAR_TAIL = r"(?:(?P<ysep>,?\s+|\s*,\s*)(?P<year>\d{4}|'\d{2}))?"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?P<year>\d{4})(?P<s1>[-/.])(?P<mnum>\d{1,2})(?P=s1)(?P<day>\d{1,2})(?P<rest>.*)$", re.S), "ymd"),
    (re.compile(r"^(?P<a>\d{1,2})(?P<s1>[-/.])(?P<b>\d{1,2})(?P=s1)(?P<year>\d{4}|\d{2})(?P<rest>.*)$", re.S), "abY"),
    (re.compile(r"^(?P<wd>\w+,?\s+)?%s\.?\s+(?P<day>\d{1,2})%s%s(?P<rest>.*)$" % (_MONTH, _ORD, _YEAR_TAIL),
                re.I | re.S), "mdy"),
    (re.compile(r"^(?P<wd>\w+,?\s+)?(?:the\s+)?(?P<day>\d{1,2})%s(?P<of>\s+of)?\s+%s\.?%s(?P<rest>.*)$"
                % (_ORD, _MONTH, _YEAR_TAIL), re.I | re.S), "dmy"),
    (re.compile(r"^%s\.?(?P<ysep>,?\s+)(?P<year>\d{4})$" % _MONTH, re.I), "my"),
    (re.compile(r"^(?P<year>\d{4})$"), "y"),
]
_TIME = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?P<ampm>\s*[ap]\.?m\.?)?", re.I)
_DECADE = re.compile(r"\b(1[5-9]\d0|20\d0)('?s)\b")
_YEAR_WORD = re.compile(r"(?<![\d'])(?:1[5-9]|20)\d{2}(?![\d's])")
_WEEKDAY_WORD = re.compile(r"\b(%s)\b" % "|".join(WEEKDAYS + WEEKDAY_ABBR), re.I)
_MONTH_WORD = re.compile(r"\b(%s)\b" % "|".join(MONTHS + MONTH_ABBR), re.I)


def document_offset(k: Keyed, doc: DocumentContext | None, scope: str = "document") -> int:
    """Days to shift, ±1…365, keyed by the document (or by the linked subject when ``scope='subject'``)."""
    anchor = doc.subject if scope == "subject" and doc is not None and doc.subject else \
        (doc.text_digest if doc is not None else "")
    rng = k.rng(VERSION + ".offset", anchor)
    return rng.randint(1, 365) * rng.choice((-1, 1))


def _month_index(word: str) -> int:
    w = word.lower().rstrip(".")
    if w == "sept":
        return 9
    return (MONTHS.index(w) if w in MONTHS else MONTH_ABBR.index(w)) + 1


def _month_word(template: str, month: int) -> str:
    full = len(template.rstrip(".")) > 3 and template.lower().rstrip(".") != "sept"
    word = calendar.month_name[month] if full else calendar.month_abbr[month]
    return match_case(template, word)


def _ordinal(day: int) -> str:
    return "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _num(template: str, value: int) -> str:
    return f"{value:0{len(template)}d}" if template.startswith("0") or len(template) > len(str(value)) else str(value)


def _year(template: str, year: int) -> str:
    if template.startswith("'"):
        return f"'{year % 100:02d}"
    return f"{year % 100:02d}" if len(template) == 2 else str(year)


def _full_year(text: str) -> int:
    value = int(text.lstrip("'"))
    if len(text.lstrip("'")) == 2:
        value += 2000 if value < 50 else 1900
    return value


def _weekday_prefix(template: str | None, day: dt.date) -> str:
    if not template:
        return ""
    word = template.rstrip(", \t\n")
    if word.lower() not in WEEKDAYS + WEEKDAY_ABBR:
        return template
    new = calendar.day_name[day.weekday()] if len(word) > 3 else calendar.day_abbr[day.weekday()]
    return match_case(word, new) + template[len(word):]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def shift(span: str, offset_days: int, month_first: bool = True) -> str | None:
    """``span`` moved by ``offset_days`` in its own format, or ``None`` when it is not a date we can parse."""
    text = span.strip()
    lead, trail = span[:len(span) - len(span.lstrip())], span[len(span.rstrip()):]
    for pattern, kind in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        g = m.groupdict()
        rendered = _render(kind, g, offset_days, month_first)
        if rendered is not None:
            return lead + rendered + trail
    return None


def _render(kind: str, g: dict, offset: int, month_first: bool) -> str | None:
    if kind == "y":
        years = (1 + abs(offset) % 3) * (1 if offset > 0 else -1)
        return str(int(g["year"]) + years)
    if kind == "my":
        month = _month_index(g["month"])
        total = int(g["year"]) * 12 + month - 1 + (offset // 30 or (1 if offset > 0 else -1))
        return _month_word(g["month"], total % 12 + 1) + g["ysep"] + str(total // 12)
    if kind == "ymd":
        day = _safe_date(int(g["year"]), int(g["mnum"]), int(g["day"]))
        if day is None:
            return None
        new = day + dt.timedelta(days=offset)
        s = g["s1"]
        return f"{new.year}{s}{_num(g['mnum'], new.month)}{s}{_num(g['day'], new.day)}" + g["rest"]
    if kind == "abY":
        a, b = int(g["a"]), int(g["b"])
        mf = month_first and g["s1"] != "." and a <= 12 or b > 12
        month, day_n = (a, b) if mf else (b, a)
        day = _safe_date(_full_year(g["year"]), month, day_n)
        if day is None:
            return None
        new = day + dt.timedelta(days=offset)
        first, second = (new.month, new.day) if mf else (new.day, new.month)
        s = g["s1"]
        return f"{_num(g['a'], first)}{s}{_num(g['b'], second)}{s}{_year(g['year'], new.year)}" + g["rest"]
    if kind in ("mdy", "dmy"):
        month = _month_index(g["month"])
        year = _full_year(g["year"]) if g.get("year") else 2000
        day = _safe_date(year, month, int(g["day"]))
        if day is None:
            return None
        new = day + dt.timedelta(days=offset)
        if not g.get("year") and new.year != year:  # no year written: keep it implicit
            pass
        wd = _weekday_prefix(g.get("wd"), new) if g.get("year") else (g.get("wd") or "")
        month_text = _month_word(g["month"], new.month)
        dot = "." if g["month"].endswith(".") else ""
        day_text = _num(g["day"], new.day) + (_ordinal(new.day) if g.get("ord") else "")
        year_text = (g["ysep"] + _year(g["year"], new.year)) if g.get("year") else ""
        if kind == "mdy":
            body = f"{month_text}{dot} {day_text}{year_text}"
        else:
            body = f"{day_text}{g.get('of') or ''} {month_text}{dot}{year_text}"
        return wd + body + g["rest"]
    return None


def date_time(span: str, k: Keyed, doc: DocumentContext | None = None, scope: str = "document",
              month_first: bool = True) -> str:
    offset = document_offset(k, doc, scope)
    shifted = shift(span, offset, month_first)
    if shifted is not None and shifted != span:
        return shifted
    try:
        return distinct(lambda a: _fallback(span, offset + a, k), span)
    except RuntimeError:
        # Nothing in the span can be moved (no digit, month or weekday): write the shifted anchor date instead.
        return (dt.date(2000, 1, 1) + dt.timedelta(days=offset)).isoformat()


def _fallback(span: str, offset: int, k: Keyed) -> str:
    """Times move by the offset's minutes, weekday and month names by its days; other digits are redrawn."""
    out = _TIME.sub(lambda m: _shift_time(m, offset), span)
    out = _WEEKDAY_WORD.sub(lambda m: _shift_name(m.group(0), WEEKDAYS, WEEKDAY_ABBR, offset % 6 + 1), out)
    out = _MONTH_WORD.sub(lambda m: _shift_name(m.group(0), MONTHS, MONTH_ABBR, offset % 11 + 1), out)
    if out == span:  # decades move by a decade, years by the year shift, other digits are redrawn; words stay
        years = (1 + abs(offset) % 3) * (1 if offset > 0 else -1)
        out = _DECADE.sub(lambda m: str(int(m.group(1)) + 10 * (1 if offset > 0 else -1)) + m.group(2), span)
        out = _YEAR_WORD.sub(lambda m: str(int(m.group(0)) + years), out)
        if out == span:
            rng = k.rng(VERSION + ".digits", span, offset)
            out = re.sub(r"\d", lambda m: shape_random(m.group(0), rng), span)
    return out


def _shift_name(word: str, full: list[str], abbr: list[str], steps: int) -> str:
    names = full if word.lower() in full else abbr
    index = names.index(word.lower())
    return match_case(word, names[(index + steps) % len(names)].capitalize())


def _shift_time(m: re.Match, offset: int) -> str:
    minutes = (offset * 37) % 600 + 1
    h, mi = int(m.group("h")), int(m.group("m"))
    ampm = m.group("ampm")
    base = (h % 12 + (12 if ampm and "p" in ampm.lower() else 0)) if ampm else h
    total = (base * 60 + mi + minutes) % (24 * 60)
    nh, nm = divmod(total, 60)
    if ampm:
        suffix = ("pm" if nh >= 12 else "am")
        core = ampm.strip()
        suffix = match_case(core, suffix if "." not in core else suffix[0] + "." + suffix[1] + ".")
        nh = nh % 12 or 12
        text = f"{_num(m.group('h'), nh)}:{nm:02d}"
        if m.group("s"):
            text += ":" + m.group("s")
        return text + ampm[:len(ampm) - len(ampm.lstrip())] + suffix
    text = f"{_num(m.group('h'), nh)}:{nm:02d}"
    return text + (":" + m.group("s") if m.group("s") else "")


DateGenerator = Callable[[str, Keyed, DocumentContext | None], str]
