"""Issue 15 item 8: every date format is shifted as a whole, keeps its exact format and stays a plausible date.

The expected surrogate of a date ``d`` is ``fmt(d + offset)``: the same writing of the date moved by the
document's offset (one offset per document, so intervals survive). ``fmt`` is written here, independently of
the code under test.
"""
from __future__ import annotations

import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privsynth.keys import SecretKey
from privsynth.locales import load_locale
from privsynth.surrogates import dates
from privsynth.surrogates.base import DocumentContext, Keyed
from privsynth.surrogates.ja import dates as ja_dates

PACK = load_locale("en_US")
KEYS = st.binary(min_size=16, max_size=32)
DAYS = st.dates(min_value=dt.date(1925, 1, 1), max_value=dt.date(2035, 12, 31))


def _ord(n: int) -> str:
    return "th" if 11 <= n <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


# Each format writes a date; month_first says how the engine must read day/month numbers for it.
FORMATS = {
    "d B Y": (lambda d: f"{d.day} {d:%B} {d:%Y}", False),
    "dth B Y": (lambda d: f"{d.day}{_ord(d.day)} {d:%B} {d:%Y}", False),
    "dd-b-Y": (lambda d: f"{d:%d-%b-%Y}", False),
    "d b y": (lambda d: f"{d.day} {d:%b} {d:%y}", False),
    "D B Y upper": (lambda d: f"{d.day} {d:%B} {d:%Y}".upper(), False),
    "iso": (lambda d: f"{d:%Y-%m-%d}", True),
    "iso slash": (lambda d: f"{d:%Y/%m/%d}", True),
    "us": (lambda d: f"{d:%m/%d/%Y}", True),
    "us 2-digit": (lambda d: f"{d:%m/%d/%y}", True),
    "us unpadded": (lambda d: f"{d.month}/{d.day}/{d:%Y}", True),
    "eu dots": (lambda d: f"{d:%d.%m.%Y}", False),
    "eu slash": (lambda d: f"{d:%d/%m/%Y}", False),
    "weekday": (lambda d: f"{d:%A}, {d.day} {d:%B} {d:%Y}", False),
    "abbr weekday us": (lambda d: f"{d:%a} {d:%b} {d.day}, {d:%Y}", True),
    "B dth, Y": (lambda d: f"{d:%B} {d.day}{_ord(d.day)}, {d:%Y}", True),
    "the dth of B, Y": (lambda d: f"the {d.day}{_ord(d.day)} of {d:%B}, {d:%Y}", False),
    "b. d, Y": (lambda d: f"{d:%b}. {d.day}, {d:%Y}".replace("May.", "May"), True),
}
ERAS = (("令和", dt.date(2019, 5, 1)), ("平成", dt.date(1989, 1, 8)), ("昭和", dt.date(1926, 12, 25)))


def _era(d: dt.date) -> str:
    for name, start in ERAS:
        if d >= start:
            year = d.year - start.year + 1
            return f"{name}{'元' if year == 1 else year}年{d.month}月{d.day}日"
    raise ValueError(d)


JA_FORMATS = {"era": _era, "seireki": lambda d: f"{d.year}年{d.month}月{d.day}日",
              "seireki padded": lambda d: f"{d.year}年{d:%m}月{d:%d}日"}


def _offset(key: bytes, doc: str) -> int:
    return dates.document_offset(Keyed(SecretKey(key), PACK, "realistic"), DocumentContext(text_digest=doc))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(FORMATS)), day=DAYS, key=KEYS)
def test_every_format_is_shifted_whole_in_its_own_format(name, day, key):
    fmt, month_first = FORMATS[name]
    k = Keyed(SecretKey(key), PACK, "realistic")
    doc = DocumentContext(text_digest="doc")
    offset = dates.document_offset(k, doc)
    original = fmt(day)
    new = dates.date_time(original, k, doc, month_first=month_first)
    expected_day = day + dt.timedelta(days=offset)
    expected = {fmt(expected_day)}
    if day.month == 5 and "May" in original.title():
        # "May" is both the full and the short month name: where nothing else in the span shows the style,
        # either style of the new month is the same format.
        full, short = f"{expected_day:%B}", f"{expected_day:%b}"
        expected |= {e.replace(full, short) for e in expected} | {e.replace(short + ".", full).replace(
            short + " ", full + " ") for e in expected}
    small = re.findall(r"(?<![\d'])\d{1,2}(?!\d)", original)
    if small and all(len(n) == 2 and n[0] != "0" for n in small):
        # Neither a one-digit number nor a leading zero: the span does not show whether it pads, either is right.
        expected |= {re.sub(r"(?<![\d'])0(\d)(?!\d)", r"\1", e) for e in expected}
        expected |= {re.sub(r"(?<![\d'])(\d)(?!\d)", r"0\1", e) for e in expected}
    assert new in expected, (name, original, new)
    assert new != original and 1900 <= expected_day.year <= 2100


@settings(max_examples=150, deadline=None)
@given(name=st.sampled_from(sorted(JA_FORMATS)),
       day=st.dates(min_value=dt.date(1928, 1, 1), max_value=dt.date(2035, 12, 31)), key=KEYS)
def test_japanese_eras_and_nen_gappi_are_shifted_whole(name, day, key):
    fmt = JA_FORMATS[name]
    offset = _offset(key, "doc")
    new = ja_dates.shift_ja(fmt(day), offset)
    new_day = day + dt.timedelta(days=offset)
    # 10月10日 does not show whether the writer pads: both paddings of the new date are its format.
    ambiguous = day.month >= 10 and day.day >= 10
    assert new == fmt(new_day) or (ambiguous and new in (JA_FORMATS["seireki"](new_day),
                                                         JA_FORMATS["seireki padded"](new_day)))


def test_first_year_of_an_era_is_written_gannen():
    assert ja_dates.shift_ja("令和元年5月10日", 10) == "令和元年5月20日"
    assert ja_dates.shift_ja("平成2年1月5日", -30) == "平成元年12月6日"


@settings(max_examples=100, deadline=None)
@given(day=DAYS, key=KEYS, month_abbr=st.booleans())
def test_month_and_year_stays_a_plausible_month_and_year(day, key, month_abbr):
    k = Keyed(SecretKey(key), PACK, "realistic")
    original = f"{day:%b %Y}" if month_abbr else f"{day:%B %Y}"
    new = dates.date_time(original, k, DocumentContext(text_digest="d"))
    style = "%b %Y" if month_abbr and day.month != 5 else "%B %Y"  # "May 2000" is written in both styles
    try:
        parsed = dt.datetime.strptime(new, style)
    except ValueError:
        assert day.month == 5
        parsed = dt.datetime.strptime(new, "%b %Y")
    if style == "%B %Y" and not month_abbr:
        assert new.split()[0] in [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]
    months = abs((parsed.year * 12 + parsed.month) - (day.year * 12 + day.month))
    assert new != original and 1 <= months <= 13 and 1900 <= parsed.year <= 2100


@settings(max_examples=50, deadline=None)
@given(a=DAYS, b=DAYS, key=KEYS, name=st.sampled_from(["iso", "us", "dth B Y", "weekday", "eu dots"]))
def test_intervals_within_a_document_are_kept(a, b, key, name):
    # formats whose every date shows its style (full month names, padded numbers)
    fmt, month_first = FORMATS[name]
    k = Keyed(SecretKey(key), PACK, "realistic")
    doc = DocumentContext(text_digest="same document")
    new_a = dates.date_time(fmt(a), k, doc, month_first=month_first)
    new_b = dates.date_time(fmt(b), k, doc, month_first=month_first)
    offset = dates.document_offset(k, doc)
    assert (new_a, new_b) == (fmt(a + dt.timedelta(days=offset)), fmt(b + dt.timedelta(days=offset)))


def test_year_alone_moves_by_whole_years_and_stays_four_digits():
    for i in range(50):
        k = Keyed(SecretKey(bytes([i]) * 16), PACK, "realistic")
        new = dates.date_time("1962", k, DocumentContext(text_digest="d"))
        assert re.fullmatch(r"19[56]\d", new) and 1 <= abs(int(new) - 1962) <= 3


def test_the_reported_date_keeps_a_plausible_century(scrubber):
    new = scrubber.scrub("She was born on 14 March 1962 in Leeds.").text
    assert "0262" not in new and "14 March 1962" not in new
    assert re.search(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|"
                     r"December) 19[67]\d\b", new), new


def test_year_generalization_keeps_only_the_year():
    k = Keyed(SecretKey(b"y" * 16), PACK, "realistic")
    assert dates.date_time("14 March 1962", k, DocumentContext(text_digest="d"), scope="year") == "1962"
    assert dates.date_time("03/14/1962", k, DocumentContext(text_digest="d"), scope="year") == "1962"
