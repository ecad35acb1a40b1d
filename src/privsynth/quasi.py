"""Quasi-identifiers: values that are not names or numbers of a person but single someone out when rare.

HIPAA's Safe Harbor method (45 CFR 164.514(b)(2)(i)) asks for two generalizations that privsynth applies as
options of :class:`~privsynth.Config`:

* ``age_cap`` (default **89**, on by default because Safe Harbor requires it): an age above the cap becomes one
  category, written ``"90+"`` when the detected span is the number ("aged 93" → "aged 90+", "She is 93 years
  old" → "She is 90+ years old", "a 93-year-old" → "a 90+-year-old"), ``"90 or older"`` when it is a whole
  phrase ("93 years old" → "90 or older") and ``"90-plus-year-old"`` for a whole "93-year-old". Ages up to the
  cap move by 1–5 years as before, and never above the cap. ``age_cap=None`` turns it off. Ages that spaCy
  labels as dates ("93 years old" as DATE) are treated as ages.
* ``zip3`` (default off): a US ZIP code keeps only its first three digits, written ``"627**"`` (the stars make the
  generalization visible; a made-up "62700" could be taken for a real ZIP code), and the three-digit areas with
  20,000 or fewer people (the 17 prefixes HHS lists from the 2000 Census) become ``"000**"``. Note that this keeps
  real (coarse) geography instead of a synthetic value. ZIP codes inside a full street address are not affected:
  every part of an address is synthetic already.
* ``age_bucket`` (default off): exact ages become ranges of that width ("47" → "45-49" with 5), for data sets
  where even a shifted exact age is too rare.

Ages written in words ("ninety-three-year-old", "aged ninety three") are read and capped the same way, and
written back in words ("a ninety-plus-year-old", "aged ninety-plus"); ages up to the cap move in words.

Full dates (day, month and year) so old that they imply an age above the cap — a date of birth such as
"DOB 03/14/1925" — are generalized, not shifted: HIPAA counts "all elements of dates (including year)
indicative of such age" as identifying. They become ``"<cutoff> or earlier"`` (the cutoff is the year that
makes one 90 this year), one category for everyone over the cap. A year or month alone is shifted as usual.
"""
from __future__ import annotations

import datetime as dt
import re

#: Three-digit ZIP areas with 20,000 or fewer people (HHS de-identification guidance, 2000 Census): → "000".
RESTRICTED_ZIP3 = frozenset({"036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831",
                             "878", "879", "884", "890", "893"})
_US_ZIP = re.compile(r"^(?P<zip3>\d{3})\d{2}(?:[-\s]?\d{4})?$")
_NUMBER = re.compile(r"\d{1,3}")
#: An age written as a phrase (a span that NER may label DATE): "93 years old", "93-year-old", "93 yrs".
AGE_PHRASE = re.compile(r"^(?P<num>\d{1,3})(?P<sep>\s*|-)(?P<unit>years?|yrs?|y/?o|y\.o\.)"
                        r"(?:(?P<sep2>\s*|-)(?P<old>old))?$", re.IGNORECASE)
_JA_AGE = re.compile(r"^(?P<num>[0-9０-９]{1,3})\s*(?P<unit>歳|才)$")


_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER_WORDS = re.compile(
    r"\b(?:(?:a|one)[\s-]+hundred(?:[\s-]+and)?[\s-]+)?(?:(?:%s)(?:[\s-]+(?:%s))?|%s)\b"
    % ("|".join(_TENS[2:]), "|".join(_UNITS[1:10]), "|".join(sorted(_UNITS[1:], key=len, reverse=True))),
    re.IGNORECASE)


def words_to_int(text: str) -> int | None:
    """``"ninety-three"`` → 93, ``"a hundred and two"`` → 102; ``None`` when ``text`` has no number in words."""
    m = _NUMBER_WORDS.search(text)
    if not m:
        return None
    total = 0
    for word in re.split(r"[\s-]+", m.group(0).lower()):
        if word == "hundred":
            total = max(total, 1) * 100
        elif word in _TENS:
            total += _TENS.index(word) * 10
        elif word in _UNITS:
            total += _UNITS.index(word)
    return total


def int_to_words(value: int, template: str = "") -> str:
    """``93`` → ``"ninety-three"``, written with the template's joiner (hyphen or space) and letter case."""
    joiner = " " if re.search(r"[a-z] [a-z]", template, re.I) and "-" not in template else "-"
    if value >= 100:
        rest = value - 100
        words = "one hundred" + (" and " + int_to_words(rest, template) if rest else "")
    elif value < 20:
        words = _UNITS[value]
    else:
        words = _TENS[value // 10] + (joiner + _UNITS[value % 10] if value % 10 else "")
    if template[:1].isupper():
        words = words[:1].upper() + words[1:]
    return words.upper() if template.isupper() and len(template) > 1 else words


def spelled_age(span: str) -> re.Match | None:
    """The number-words part of an age span written in words, or ``None``."""
    return None if re.search(r"\d", span) else _NUMBER_WORDS.search(span)


def dob_cutoff(today: dt.date | None = None, cap: int = 89) -> int:
    """The latest birth year that makes someone older than ``cap`` this year (1935 in 2025 for 89)."""
    return (today or dt.date.today()).year - cap - 1


def generalize_old_date(day: dt.date | None, has_day: bool, cap: int | None,
                        today: dt.date | None = None) -> str | None:
    """``"<cutoff> or earlier"`` for a full date that implies an age above ``cap``, else ``None``."""
    if cap is None or day is None or not has_day:
        return None
    cutoff = dob_cutoff(today, cap)
    return f"{cutoff} or earlier" if day.year <= cutoff else None


def is_age_phrase(span: str) -> bool:
    """Whether a DATE_TIME span is really an age ("93 years old"), to be handled as one."""
    m = AGE_PHRASE.match(span.strip())
    return bool(m) and (m.group("old") is not None or m.group("unit").lower().startswith("y"))


def age_value(span: str) -> int | None:
    m = _NUMBER.search(_ascii_digits(span))
    return int(m.group(0)) if m else words_to_int(span)


def cap_age(span: str, cap: int) -> str | None:
    """The generalized age when ``span`` states an age above ``cap``, else ``None``."""
    value = age_value(span)
    if value is None or value <= cap:
        return None
    top = cap + 1
    words = spelled_age(span)
    if words is not None:  # "ninety-three" → "ninety-plus", in the writer's case and joiner
        plus = int_to_words(top, words.group(0)) + ("-PLUS" if words.group(0).isupper() else "-plus")
        return span[:words.start()] + plus + span[words.end():]
    stripped = span.strip()
    lead, trail = span[:len(span) - len(span.lstrip())], span[len(span.rstrip()):]
    m = AGE_PHRASE.match(stripped)
    if m and m.group("sep") == "-" and m.group("old"):
        body = f"{top}-plus-{m.group('unit')}{m.group('sep2')}{m.group('old')}"  # a 93-year-old → 90-plus-year-old
    elif m and m.group("old"):
        body = f"{top} or older"
    elif m:
        body = f"{top}+ {m.group('unit')}" if m.group("sep") else f"{top}+{m.group('unit')}"
    elif _JA_AGE.match(stripped):
        body = f"{top}{_JA_AGE.match(stripped).group('unit')}以上"  # type: ignore[union-attr]
    elif stripped.isdigit() or re.fullmatch(r"[0-9０-９]+", stripped):
        body = f"{top}+"
    else:
        n = _NUMBER.search(_ascii_digits(stripped))
        assert n is not None
        body = stripped[:n.start()] + f"{top}+" + stripped[n.end():]
    return lead + body + trail


def bucket_age(span: str, width: int, cap: int | None = None) -> str | None:
    """``span`` with its age replaced by the range of ``width`` years holding it ("47" → "45-49"); ``None`` when
    there is no number. Ranges never reach above ``cap``."""
    value = age_value(span)
    if value is None:
        return None
    low = value // width * width
    high = low + width - 1
    if cap is not None:
        high = min(high, cap)
    text = _ascii_digits(span)
    n = _NUMBER.search(text)
    assert n is not None
    return span[:n.start()] + (f"{low}-{high}" if high > low else str(low)) + span[n.end():]


def zip3(span: str) -> str | None:
    """A US ZIP / ZIP+4 generalized to its first three digits ("62704-1234" → "627**"), ``"000**"`` for the
    restricted areas; ``None`` when ``span`` is not a US ZIP code (UK postcodes and others keep their surrogate)."""
    m = _US_ZIP.match(span.strip())
    if not m:
        return None
    prefix = "000" if m.group("zip3") in RESTRICTED_ZIP3 else m.group("zip3")
    lead, trail = span[:len(span) - len(span.lstrip())], span[len(span.rstrip()):]
    return lead + prefix + "**" + trail


def _ascii_digits(text: str) -> str:
    """Full-width digits as ASCII (same length, so offsets stay valid)."""
    return text.translate({ord("０") + i: str(i) for i in range(10)})
