"""hipaa.v1: surrogates for HIPAA Safe Harbor identifiers without a generator of their own, and the
quasi-identifier hooks (age cap, age buckets, ZIP3) that wrap the engine's AGE/DATE_TIME/ZIP_CODE generators.

Licence plates keep their shape (UK plates a valid age identifier, Japanese plates a plate kana); device UDIs keep
their GS1 application identifiers with a valid GTIN check digit; other IDs keep their shape (digit → digit,
letter → letter of the same case, separators kept).
"""
from __future__ import annotations

import re
import string
from typing import Callable

from .. import quasi
from .base import DocumentContext, Keyed, distinct, shape_random

VERSION = "hipaa.v1"
_UK_PLATE = re.compile(r"^(?P<area>[A-Z]{2})(?P<age>\d{2})(?P<sep>\s?)(?P<rand>[A-Z]{3})$")
_UK_AGE_IDS = [f"{n:02d}" for n in range(2, 25)] + [f"{n:02d}" for n in range(51, 75)]
_UK_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"  # I, Q and Z are not used in the random part
_JP_PLATE_KANA = "さすせそたちつてとなにぬねのはひふほまみむめもやゆよらりるろれわ"
_UDI = re.compile(r"\(01\)(?P<gtin>\d{14})")
_CASE_LEAD = re.compile(r"^(?:[^\W\d_]+\s+)+(?=\S*\d)")

Generator = Callable[[str, Keyed, "DocumentContext | None"], str]


def license_plate(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    compact = span.strip()
    m = _UK_PLATE.match(compact)

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".plate", compact.upper(), attempt)
        if m:
            area = rng.choice(_UK_LETTERS) + rng.choice(_UK_LETTERS)
            rand = "".join(rng.choice(_UK_LETTERS) for _ in range(3))
            return span.replace(compact, area + rng.choice(_UK_AGE_IDS) + m.group("sep") + rand)
        out = shape_random(span, rng)
        return "".join(rng.choice(_JP_PLATE_KANA) if ch in _JP_PLATE_KANA else ch for ch in out)
    return distinct(make, span)


def _gs1_check_digit(body: str) -> str:
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def device_id(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """A GS1 UDI keeps its application identifiers and gets a valid GTIN; a serial number keeps its shape."""
    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".device", span, attempt)
        m = _UDI.search(span)
        if not m:
            return shape_random(span, rng)
        out = re.sub(r"(?<=\))[^()]+", lambda part: shape_random(part.group(0), rng), span)
        gtin = "".join(rng.choice(string.digits) for _ in range(13))
        gtin += _gs1_check_digit(gtin)
        return re.sub(r"\(01\)\d{14}", "(01)" + gtin, out, count=1)
    return distinct(make, span)


def shaped_id(family: str) -> Generator:
    """Same shape, keyed per family (health-plan, licence, biometric IDs)."""
    def generate(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
        return distinct(lambda a: shape_random(span, k.rng(f"{VERSION}.{family}", span, a)), span)
    return generate


def case_number(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """Court case numbers keep their letters (C-/T- court prefixes, cv/cr case types, ECLI parts) and separators;
    every digit is redrawn, so the case cannot be looked up. Leading words ("Case", "Joined Cases") are not part
    of the key: "Case C-402/05" and "C-402/05" get the same number."""
    lead = _CASE_LEAD.match(span)
    prefix, core = (span[:lead.end()], span[lead.end():]) if lead else ("", span)

    def make(attempt: int) -> str:
        rng = k.rng(f"{VERSION}.case", core, attempt)
        return prefix + "".join(_same_digit(ch, rng) if ch.isdigit() else ch for ch in core)
    return distinct(make, span)


def _same_digit(ch: str, rng) -> str:
    digit = rng.choice(string.digits)
    return chr(ord("０") + int(digit)) if "０" <= ch <= "９" else digit


GENERATORS: dict[str, Generator] = {
    "LICENSE_PLATE": license_plate, "DEVICE_ID": device_id,
    "HEALTH_PLAN_NUMBER": shaped_id("health_plan"), "LICENSE_NUMBER": shaped_id("license"),
    "BIOMETRIC_ID": shaped_id("biometric"), "ID_NUMBER": shaped_id("id_number"), "CASE_NUMBER": case_number,
}


# ------------------------------------------------------------------------------------------------ quasi hooks
def quasi_generators(generators: dict[str, Generator], age_cap: int | None, age_bucket: int | None,
                     zip3: bool) -> dict[str, Generator]:
    """``generators`` with AGE, DATE_TIME and ZIP_CODE wrapped so ages and ZIP codes are generalized per the
    options (see quasi.py); ``generators`` itself is not changed."""
    base_age = generators["AGE"]
    base_date = generators["DATE_TIME"]
    base_zip = generators["ZIP_CODE"]

    def age(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
        if age_cap is not None:
            capped = quasi.cap_age(span, age_cap)
            if capped is not None:
                return capped
        if age_bucket:
            bucketed = quasi.bucket_age(span, age_bucket, age_cap)
            if bucketed is not None and bucketed != span:
                return bucketed
        new = base_age(span, k, doc)
        value = quasi.age_value(new)
        if age_cap is not None and value is not None and value > age_cap:
            # A moved age never crosses the cap: it moves down instead (or stays just below the cap).
            original = quasi.age_value(span) or age_cap
            target = age_cap if original != age_cap else age_cap - 1
            new = re.sub(r"[0-9０-９]{1,3}", str(target), new, count=1)
        return new

    def date_time(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
        if quasi.is_age_phrase(span) or (quasi.spelled_age(span) and re.search(r"(?i)\b(?:years?|aged?)\b", span)):
            return age(span, k, doc)  # "93 years old" / "ninety-three years old" found by NER as a DATE
        if age_cap is not None:  # a full date so old it implies an age over the cap: one category (quasi.py)
            from .dates import parse
            parsed = parse(span.strip(), k.pack.phone_region in ("US", "CA", "PH"))
            old = quasi.generalize_old_date(parsed.date if parsed else None,
                                            bool(parsed and parsed.kind in ("ymd", "numeric", "dmy", "mdy")
                                                 and parsed.has_year), age_cap)
            if old is not None:
                return span[:len(span) - len(span.lstrip())] + old + span[len(span.rstrip()):]
        return base_date(span, k, doc)

    def zip_code(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
        if zip3:
            general = quasi.zip3(span)
            if general is not None:
                return general
        return base_zip(span, k, doc)

    return {**generators, "AGE": age, "DATE_TIME": date_time, "ZIP_CODE": zip_code}


# ------------------------------------------------------------------------------------------------ date subject
_CLINICIAN = re.compile(r"(?:\b(?:dr|doctor|prof|professor|nurse|np|pa|rn|md|physician|surgeon)\.?\s*)$",
                        re.IGNORECASE)


def subject_of(text: str, people: list[tuple[int, int]]) -> str | None:
    """The person a document is about, for per-subject date shifting (``date_shift="subject"``).

    Mentions are grouped by name (a lone "Smith" joins "John Smith"); the most mentioned person wins, ties go to
    the first mentioned, and a name right after a clinician's title ("Dr. Carter") is only chosen when nobody
    else is named. Returned as its longest written form, case-folded ("john smith"), so the same person in two
    documents gets the same date offset when their full name (or their single name) is written the same way.
    """
    from ..lexicon.names import name_tokens

    groups: list[dict] = []
    # token → numbers of the groups holding it: a group that contains the mention's tokens, or is contained in
    # them, shares a token with it, so only those groups are tested (a long document names thousands of people).
    holding: dict[str, list[int]] = {}
    for start, end in sorted(people):
        tokens = [t.casefold() for t in name_tokens(text[start:end])]
        if not tokens:
            continue
        clinician = bool(_CLINICIAN.search(text[max(0, start - 16):start]))
        mention = set(tokens)
        near = sorted({n for t in mention for n in holding.get(t, ())})
        number = next((n for n in near if mention <= groups[n]["tokens"] or groups[n]["tokens"] <= mention), None)
        if number is None:
            number = len(groups)
            groups.append({"tokens": set(), "names": [], "count": 0, "first": start, "clinician": 0})
        group = groups[number]
        for t in mention - group["tokens"]:
            holding.setdefault(t, []).append(number)
        group["tokens"] |= mention
        group["names"].append(" ".join(tokens))
        group["count"] += 1
        group["clinician"] += clinician
    if not groups:
        return None
    patients = [g for g in groups if g["clinician"] < g["count"]] or groups
    best = max(patients, key=lambda g: (g["count"], -g["first"]))
    return max(best["names"], key=lambda n: (len(n.split()), len(n)))
