"""Japanese phone numbers: same type (mobile, IP, toll-free, landline), area-code length and grouping."""
from __future__ import annotations

import re
import string
import unicodedata

import phonenumbers

from ...lexicon.fold import fold_width
from .. import contact
from ..base import DocumentContext, Keyed, distinct, put_digits, shape_random
from ._common import VERSION

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


def _anything(span: str, k: Keyed) -> str:
    """Last resort for a span no generator can read: same shape, or a neutral word when it has no letters."""
    new = shape_random(span, k.rng(VERSION + ".shape", span))
    return new if new != span else "＊" * max(1, len(span))
