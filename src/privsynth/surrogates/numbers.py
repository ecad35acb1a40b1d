"""ids.v1: format-preserving identifiers with valid check digits (python-stdnum computes them)."""
from __future__ import annotations

import hashlib
import string

from stdnum import iban as stdnum_iban
from stdnum import luhn
from stdnum.jp import cn as jp_corporate
from stdnum.jp import in_ as jp_my_number

from ..lexicon.checksums import vin_check_digit
from ..lexicon.fold import digits_only
from .base import DocumentContext, Keyed, distinct, put_digits, random_digits, shape_random

VERSION = "ids.v1"
# Issuer prefixes by brand: a surrogate card keeps its brand (first digits class) and its length.
_BRANDS = (
    ("amex", ("34", "37")), ("diners", ("300", "301", "302", "303", "304", "305", "36", "38")),
    ("discover", ("6011", "65")), ("jcb", tuple(str(p) for p in range(3528, 3590))),
    ("mastercard", tuple(str(p) for p in range(51, 56)) + tuple(str(p) for p in range(2221, 2721))),
    ("visa", ("4",)), ("maestro", ("5018", "5020", "5038", "6304", "6759", "6761", "6763")),
    ("unionpay", ("62",)),
)


#: Issuer prefix → (brand, the brand's prefixes), the first brand listing a prefix winning, as the scan in order did.
_BY_PREFIX: dict[str, tuple[str, tuple[str, ...]]] = {}
for _brand, _prefixes in _BRANDS:
    for _p in _prefixes:
        _BY_PREFIX.setdefault(_p, (_brand, _prefixes))
_LONGEST_PREFIX = max(len(p) for p in _BY_PREFIX)


def card_brand(digits: str) -> tuple[str, tuple[str, ...]]:
    """The brand of the longest issuer prefix ``digits`` starts with (``"other"``: none): one dict look-up per
    prefix length instead of a scan of every prefix (tests/test_surrogate_speed.py compares it with the scan)."""
    for length in range(min(_LONGEST_PREFIX, len(digits)), 0, -1):
        found = _BY_PREFIX.get(digits[:length])
        if found is not None:
            return found
    return ("other", (digits[:1],))


#: Issuers' and processors' published test card numbers (never issued to a cardholder), by brand.
TEST_CARDS = {
    "visa": ("4111111111111111", "4012888888881881", "4222222222222", "4000056655665556"),
    "mastercard": ("5555555555554444", "5105105105105100", "2223003122003222", "5200828282828210"),
    "amex": ("378282246310005", "371449635398431", "378734493671000"),
    "discover": ("6011111111111117", "6011000990139424"),
    "diners": ("30569309025904", "38520000023237", "36227206271667"),
    "jcb": ("3530111333300000", "3566002020360505"),
    "unionpay": ("6200000000000005",),
    "maestro": ("6759649826438453",),
}


def credit_card(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    digits = digits_only(span)
    if k.reserved:
        return _test_card(span, digits, k)

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".card", digits, attempt)
        _, prefixes = card_brand(digits)
        prefix = rng.choice([p for p in prefixes if len(p) < len(digits)] or [digits[:1]])
        body = prefix + random_digits(rng, len(digits) - len(prefix) - 1)
        return put_digits(span, body + luhn.calc_check_digit(body))
    return distinct(make, span, same=lambda a, b: digits_only(a) == digits_only(b))


def _test_card(span: str, digits: str, k: Keyed) -> str:
    """``profile="reserved"``: a published test number of the same brand (same length where one exists),
    written in the original's grouping when the length matches, else in groups of four."""
    brand, _ = card_brand(digits)
    pool = TEST_CARDS.get(brand, TEST_CARDS["visa"])
    same_length = [c for c in pool if len(c) == len(digits) and c != digits] or [c for c in pool if c != digits]

    def make(attempt: int) -> str:
        card = k.rng(VERSION + ".card.reserved", digits, attempt).choice(same_length)
        if len(card) == len(digits):
            return put_digits(span, card)
        sep = next((ch for ch in span if not ch.isdigit()), "")
        return sep.join(card[i:i + 4] for i in range(0, len(card), 4)) if sep else card
    return distinct(make, span, same=lambda a, b: digits_only(a) == digits_only(b))


def iban(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """Same country and length, the BBAN's letter/digit pattern kept, valid ISO 7064 mod-97 check digits."""
    compact = "".join(ch for ch in span if ch.isalnum()).upper()
    country = compact[:2]

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".iban", compact, attempt)
        bban = shape_random(compact[4:], rng).upper()
        if k.reserved:  # no bank has code 0000/ZZZZ: the account cannot exist at any real bank
            bban = "".join(("0" if ch.isdigit() else "Z") if i < 4 else ch for i, ch in enumerate(bban))
        check = stdnum_iban.calc_check_digits(country + "00" + bban)
        new = country + check + bban
        out, it = [], iter(new)
        for ch in span:
            out.append(next(it) if ch.isalnum() else ch)
        result = "".join(out)
        return result if not span[4:].islower() else result[:4] + result[4:].lower()
    return distinct(make, span)


_SSN_AREAS = tuple(a for a in range(1, 900) if a != 666)  # choice() draws an index: a list or tuple alike


def us_ssn(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """Area 001–899 but not 666, group 01–99, serial 0001–9999: a valid-format SSN. ``profile="reserved"``:
    area 666, which the SSA never issues (and, unlike 9xx, is not an ITIN either)."""
    digits = digits_only(span)

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".ssn", digits, attempt)
        area = 666 if k.reserved else rng.choice(_SSN_AREAS)
        return put_digits(span, f"{area:03d}{rng.randrange(1, 100):02d}{rng.randrange(1, 10000):04d}")
    return distinct(make, span)


def uk_nhs(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """Ten digits with a valid modulus-11 check digit."""
    digits = digits_only(span)

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".nhs", digits, attempt)
        while True:
            body = random_digits(rng, 9)
            check = 11 - sum(int(d) * w for d, w in zip(body, range(10, 1, -1))) % 11
            if check == 11:
                check = 0
            if check != 10:
                return put_digits(span, body + str(check))
    return distinct(make, span)


_NINO_LETTERS = "ABCEGHJKLMNOPRSTWXYZ"


def uk_nino(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    compact = "".join(ch for ch in span if ch.isalnum()).upper()

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".nino", compact, attempt)
        while True:
            prefix = rng.choice(_NINO_LETTERS) + rng.choice(_NINO_LETTERS.replace("O", ""))
            if prefix not in {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}:
                break
        new = prefix + "".join(rng.choice(string.digits) for _ in range(6)) + rng.choice("ABCD")
        out, it = [], iter(new + compact[len(new):])
        for ch in span:
            out.append(next(it) if ch.isalnum() else ch)
        return "".join(out)
    return distinct(make, span)


def with_check_digit(calc) -> callable:
    """A generator for an all-digit ID whose last digit is ``calc(body)`` (My Number, IMEI, …)."""
    def generate(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
        digits = digits_only(span)

        def make(attempt: int) -> str:
            rng = k.rng(VERSION + ".check." + calc.__module__, digits, attempt)
            body = random_digits(rng, len(digits) - 1)
            if calc is jp_corporate.calc_check_digit:  # the corporate number's check digit comes first
                return put_digits(span, calc(body) + body)
            return put_digits(span, body + calc(body))
        return distinct(make, span)
    return generate


my_number = with_check_digit(jp_my_number.calc_check_digit)
jp_corporate_number = with_check_digit(jp_corporate.calc_check_digit)
imei = with_check_digit(luhn.calc_check_digit)


def vin(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    compact = span.upper()
    alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"

    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".vin", compact, attempt)
        chars = [rng.choice(alphabet) for _ in range(17)]
        chars[8] = "0"
        chars[8] = vin_check_digit("".join(chars))
        return "".join(chars)
    return distinct(make, span)


_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _base58check(payload: bytes) -> str:
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = _B58[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def crypto(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """Bitcoin base58 addresses get a valid checksum and the same version byte; other forms keep their shape."""
    def make(attempt: int) -> str:
        rng = k.rng(VERSION + ".crypto", span, attempt)
        if span[:1] in "13" and 25 <= len(span) <= 35:
            version = b"\x00" if span[0] == "1" else b"\x05"
            return _base58check(version + bytes(rng.randrange(256) for _ in range(20)))
        return shape_random(span, rng, keep_prefix=3 if span.lower().startswith("bc1") else 2)
    return distinct(make, span)


def generic_id(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    """Any other identifier: same shape (digits → digits, letters → letters of the same case)."""
    return distinct(lambda a: shape_random(span, k.rng(VERSION + ".generic", span, a)), span)
