"""date.v2: dates shifted by one keyed offset per document (or per subject), re-rendered in their own format.

Every date in a document moves by the same number of days, so intervals (ages at events, time series) survive.
A date is parsed as a whole (weekday, day with or without ordinal, month number or name, two- or four-digit
year) and written back with exactly its separators, month-name style, letter case, zero padding and year width;
a weekday moves with the date. Month–year dates move by the offset in whole months, years alone by it in whole
years (at least one). Anything the parser does not recognise as a whole date is never partly rewritten: times
move by minutes, names of days and months by steps, four-digit years by the year shift, other digits are redrawn.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from .base import DocumentContext, Keyed, distinct, match_case, shape_random

VERSION = "date.v2"  # v2: whole-date parsing (v1 could read "14 March 1962" as "March 19" + "62")
MONTHS = [m.lower() for m in calendar.month_name[1:]]
MONTH_ABBR = [m.lower() for m in calendar.month_abbr[1:]]
WEEKDAYS = [d.lower() for d in calendar.day_name]
WEEKDAY_ABBR = [d.lower() for d in calendar.day_abbr]
_WD_EXTRA = {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
_MON = r"(?P<month>%s)(?P<mdot>\.)?" % "|".join(sorted(MONTHS + MONTH_ABBR + ["sept"], key=len, reverse=True))
_WD = r"(?:(?P<wd>%s)(?P<wdot>\.)?(?P<wsep>,?\s+|\s*,\s*))?" % "|".join(
    sorted(WEEKDAYS + WEEKDAY_ABBR + list(_WD_EXTRA), key=len, reverse=True))
_DAY = r"(?P<day>\d{1,2})(?P<ord>st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4}|'\d{2}|\d{2})"
_END = r"(?!(?!T\d)[\w']|[:.]\d)(?P<rest>.*)$"  # a date ends at a word boundary, not inside a time
_PATTERNS: list[tuple[re.Pattern[str], str]] = [(re.compile("^" + p + _END, re.I | re.S), kind) for p, kind in [
    (r"(?P<year>\d{4})(?P<s1>[-/.])(?P<mnum>\d{1,2})(?P=s1)(?P<day>\d{1,2})(?=T\d|\b)", "ymd"),
    (_WD + r"(?P<a>\d{1,2})(?P<s1>[-/.])(?P<b>\d{1,2})(?P=s1)(?P<year>\d{4}|\d{2})", "numeric"),
    (_WD + r"(?P<the>the\s+)?" + _DAY + r"(?P<of>\s+of)?(?P<s1>\s+|-|/|\.\s*)" + _MON +
     r"(?:(?P<ysep>,?\s+|\s*,\s*|(?P=s1))" + _YEAR + r")?", "dmy"),
    (_WD + _MON + r"(?P<s1>\s+|-|/)(?P<the>the\s+)?" + _DAY + r"(?![\d])(?:(?P<ysep>,?\s+|\s*,\s*|(?P=s1))" +
     r"(?P<year>\d{4}|'\d{2}))?", "mdy"),
    (_MON + r"(?P<ysep>,?\s+|-|/)(?P<year>\d{4}|'\d{2})", "my"),
    (r"(?P<year>(?:1[6-9]|20|21)\d{2})(?![-/.]\d)", "y"),
]]
_TIME = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?P<ampm>\s*[ap]\.?m\.?)?", re.I)
_DECADE = re.compile(r"\b(1[5-9]\d0|20\d0)('?s)\b")
_YEAR_WORD = re.compile(r"(?<![\d'])(?:1[5-9]|20)\d{2}(?![\d's])")
_WEEKDAY_WORD = re.compile(r"\b(%s)\b" % "|".join(WEEKDAYS + WEEKDAY_ABBR), re.I)
_MONTH_WORD = re.compile(r"\b(%s)\b" % "|".join(MONTHS + MONTH_ABBR), re.I)
_PIVOT = 50  # two-digit years: 00–49 → 2000s, 50–99 → 1900s (fixed, so outputs do not change with the clock)
_REFERENCE_YEAR = 2000  # a leap year, for a day and month written without a year


@dataclass(frozen=True)
class ParsedDate:
    """A date read from a span: the calendar date, what was written, and where each part is in the span."""

    date: dt.date
    kind: str  # "ymd" | "numeric" | "dmy" | "mdy" | "my" | "y"
    has_year: bool
    match: re.Match
    month_first: bool = True  # numeric dates: which of the first two numbers is the month


def document_offset(k: Keyed, doc: DocumentContext | None, scope: str = "document") -> int:
    """Days to shift, ±1…365, keyed by the document (or by the linked subject when ``scope='subject'``)."""
    anchor = doc.subject if scope == "subject" and doc is not None and doc.subject else \
        (doc.text_digest if doc is not None else "")
    memo_key = (k.key, k.pack.locale, anchor)  # all the draw depends on
    if doc is not None and memo_key in doc.offsets:
        return doc.offsets[memo_key]
    rng = k.rng(VERSION + ".offset", anchor)
    offset = rng.randint(1, 365) * rng.choice((-1, 1))
    if doc is not None:
        doc.offsets[memo_key] = offset
    return offset


def _month_index(word: str) -> int:
    w = word.lower().rstrip(".")
    if w == "sept":
        return 9
    return (MONTHS.index(w) if w in MONTHS else MONTH_ABBR.index(w)) + 1


def _weekday_index(word: str) -> int:
    w = word.lower()
    if w in _WD_EXTRA:
        return _WD_EXTRA[w]
    return WEEKDAYS.index(w) if w in WEEKDAYS else WEEKDAY_ABBR.index(w)


def _month_word(template: str, month: int, abbreviated: bool) -> str:
    if template.lower() == "sept" and month == 9:
        word = "Sept"
    elif abbreviated or template.lower() not in MONTHS:  # "May" alone is the full name
        word = calendar.month_abbr[month]
    else:
        word = calendar.month_name[month]
    return match_case(template, word)


def _abbreviated(g: dict) -> bool:
    """Whether the month name is abbreviated; "May" is both, so the rest of the date decides (Mon May 1, 01-May-21,
    May '21 are abbreviated styles)."""
    if g.get("mdot"):
        return True
    if g["month"].lower() != "may":
        return g["month"].lower() not in MONTHS
    wd = (g.get("wd") or "").lower()
    year = g.get("year") or ""
    return (bool(wd) and wd not in WEEKDAYS) or g.get("s1") in ("-", "/") or len(year.lstrip("'")) == 2


def _weekday_word(template: str, index: int) -> str:
    w = template.lower()
    if w in WEEKDAYS:
        word = calendar.day_name[index]
    elif w in _WD_EXTRA:  # Tues, Thurs: four-letter forms where they exist, else the usual abbreviation
        word = {1: "Tues", 2: "Weds", 3: "Thurs"}.get(index, calendar.day_abbr[index])
    else:
        word = calendar.day_abbr[index]
    return match_case(template, word)


def _ordinal(day: int) -> str:
    return "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _full_year(text: str) -> int:
    digits = text.lstrip("'")
    value = int(digits)
    if len(digits) == 2:
        value += 2000 if value < _PIVOT else 1900
    return value


def _year_text(template: str, year: int) -> str:
    if template.startswith("'"):
        return f"'{year % 100:02d}"
    return f"{year % 100:02d}" if len(template) == 2 else str(year)


def _padded(g: dict, kind: str) -> bool:
    """Whether day and month numbers are zero-padded: what the span shows, else the format's custom."""
    fields = [g.get(n) for n in ("day", "mnum", "a", "b") if g.get(n)]
    if any(f.startswith("0") for f in fields):
        return True
    if any(len(f) == 1 for f in fields):
        return False
    # 2021-03-14, 03/14/2021 and 14-Mar-2021 are padded by custom; 14 March 2021 is not.
    return kind in ("ymd", "numeric") or g.get("s1") in ("-", "/")


def parse(span: str, month_first: bool = True) -> ParsedDate | None:
    """The date a span writes as a whole, or ``None`` (also for impossible or implausible dates)."""
    for pattern, kind in _PATTERNS:
        m = pattern.match(span)
        if not m:
            continue
        g = m.groupdict()
        try:
            day = _read(kind, g, month_first)
        except ValueError:
            day = None
        if day is not None and 1000 <= day.year <= 9998:
            return ParsedDate(day, kind, bool(g.get("year")), m, _month_first(g, month_first))
    return None


def _month_first(g: dict, month_first: bool) -> bool:
    if g.get("a") is None:
        return True
    a, b = int(g["a"]), int(g["b"])
    return (month_first and g["s1"] != "." and a <= 12) or b > 12


def _read(kind: str, g: dict, month_first: bool) -> dt.date | None:
    if kind == "y":
        return dt.date(int(g["year"]), 7, 1)
    if kind == "my":
        return dt.date(_full_year(g["year"]), _month_index(g["month"]), 15)
    if kind == "ymd":
        return dt.date(int(g["year"]), int(g["mnum"]), int(g["day"]))
    if kind == "numeric":
        a, b = int(g["a"]), int(g["b"])
        month, day = (a, b) if _month_first(g, month_first) else (b, a)
        return dt.date(_full_year(g["year"]), month, day)
    year = _full_year(g["year"]) if g.get("year") else _REFERENCE_YEAR
    return dt.date(year, _month_index(g["month"]), int(g["day"]))


def shift(span: str, offset_days: int, month_first: bool = True) -> str | None:
    """``span`` moved by ``offset_days`` in its own format, or ``None`` when it is not a whole date we can read."""
    text = span.strip()
    lead, trail = span[:len(span) - len(span.lstrip())], span[len(span.rstrip()):]
    parsed = parse(text, month_first)
    if parsed is None:
        return None
    return lead + _render(parsed, offset_days) + trail


def _render(p: ParsedDate, offset: int) -> str:
    m, g, kind = p.match, p.match.groupdict(), p.kind
    sign = 1 if offset > 0 else -1
    if kind == "y":
        return _substitute(m, {"year": str(p.date.year + (1 + abs(offset) % 3) * sign)})
    if kind == "my":
        total = p.date.year * 12 + p.date.month - 1 + (offset // 30 or sign)
        year, month = divmod(total, 12)
        return _substitute(m, {"month": _month_word(g["month"], month + 1, _abbreviated(g)),
                               **({"mdot": ""} if g.get("mdot") and month + 1 == 5 else {}),
                               "year": _year_text(g["year"], year)})
    new = p.date + dt.timedelta(days=offset)
    pad = _padded(g, kind)

    def num(value: int) -> str:
        return f"{value:02d}" if pad else str(value)
    repl: dict[str, str] = {}
    if g.get("wd"):
        repl["wd"] = _weekday_word(g["wd"], (_weekday_index(g["wd"]) + offset) % 7)
    if g.get("year"):
        repl["year"] = _year_text(g["year"], new.year)
    if kind == "ymd":
        repl.update(mnum=num(new.month), day=num(new.day))
    elif kind == "numeric":
        first, second = (new.month, new.day) if p.month_first else (new.day, new.month)
        repl.update(a=num(first), b=num(second))
    else:
        repl.update(day=num(new.day), month=_month_word(g["month"], new.month, _abbreviated(g)))
        if g.get("mdot") and new.month == 5:
            repl["mdot"] = ""  # "Sep." → "May": May has no abbreviation to mark
        if g.get("ord"):
            repl["ord"] = match_case(g["ord"], _ordinal(new.day))
    return _substitute(m, repl)


def _substitute(m: re.Match, repl: dict[str, str]) -> str:
    """The matched text with the named groups in ``repl`` replaced; everything else (separators) verbatim."""
    text = m.string
    spans = sorted((m.span(name), value) for name, value in repl.items() if m.group(name) is not None)
    out, pos = [], 0
    for (start, end), value in spans:
        out.append(text[pos:start])
        out.append(value)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def date_time(span: str, k: Keyed, doc: DocumentContext | None = None, scope: str = "document",
              month_first: bool = True) -> str:
    if scope == "year":
        return to_year(span, k, doc, month_first)
    offset = document_offset(k, doc, scope)
    shifted = shift(span, offset, month_first)
    if shifted is not None and shifted != span:
        return shifted
    try:
        return distinct(lambda a: _fallback(span, offset + a, k), span)
    except RuntimeError:
        # Nothing in the span can be moved (no digit, month or weekday): write the shifted anchor date instead.
        return (dt.date(2000, 1, 1) + dt.timedelta(days=offset)).isoformat()


def to_year(span: str, k: Keyed, doc: DocumentContext | None = None, month_first: bool = True) -> str:
    """``date_shift="year"``: a whole date is generalized to its (unshifted) year; no day or month is left for a
    known date to reveal a document's offset. A year alone is kept; what is not a whole date is redrawn."""
    text = span.strip()
    parsed = parse(text, month_first)
    if parsed is None:
        return date_time(span, k, doc, "document", month_first)
    year = str(parsed.date.year)
    lead, trail = span[:len(span) - len(span.lstrip())], span[len(span.rstrip()):]
    return lead + year + parsed.match.group("rest") + trail if parsed.kind != "y" else span


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
    hour = f"{nh % 12 or 12 if ampm else nh:0{len(m.group('h'))}d}" if m.group("h").startswith("0") else \
        str(nh % 12 or 12 if ampm else nh)
    text = f"{hour}:{nm:02d}" + (":" + m.group("s") if m.group("s") else "")
    if ampm:
        core = ampm.strip()
        suffix = "pm" if nh >= 12 else "am"
        suffix = match_case(core, suffix if "." not in core else suffix[0] + "." + suffix[1] + ".")
        return text + ampm[:len(ampm) - len(ampm.lstrip())] + suffix
    return text


DateGenerator = Callable[[str, Keyed, DocumentContext | None], str]
