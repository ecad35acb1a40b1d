"""fr.v1: French identifiers with valid checksums — NIR (mod-97 key), SIREN and SIRET (Luhn).

Drawn with Faker's fr_FR providers, re-seeded per value by the key, re-checked with python-stdnum, and written
into the original's digit positions (spacing kept). Keyed on the digits alone, so "2 95 10 …" and "29510…" get
the same surrogate.
"""
from __future__ import annotations

import re

from stdnum.fr import nir as std_nir
from stdnum.fr import siren as std_siren
from stdnum.fr import siret as std_siret

from .base import DocumentContext, Keyed, distinct, put_digits

VERSION = "fr.v1"
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")


def _draw(span: str, k: Keyed, kind: str, make, valid) -> str:  # noqa: ANN001
    compact = _NOT_ALNUM.sub("", span).upper()
    digits = re.sub(r"\D", "", span)

    def attempt(a: int) -> str:
        for retry in range(20):
            value = re.sub(r"\D", "", make(k.faker(f"{VERSION}.{kind}", compact, a * 20 + retry, locale="fr_FR")))
            if valid(value):
                break
        # same digit count: keep the original's layout; otherwise (Corsican 2A/2B) the plain value
        return put_digits(span, value) if len(value) == len(digits) and digits.isdigit() else value
    return distinct(attempt, span, same=lambda a, b: _NOT_ALNUM.sub("", a) == _NOT_ALNUM.sub("", b))


def nir(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    return _draw(span, k, "nir", lambda f: f.ssn(), std_nir.is_valid)


def siren(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    return _draw(span, k, "siren", lambda f: f.siren(), std_siren.is_valid)


def siret(span: str, k: Keyed, doc: DocumentContext | None = None) -> str:
    return _draw(span, k, "siret", lambda f: f.siret(), std_siret.is_valid)
