"""Check digits that detection validates and surrogates must produce, where python-stdnum has no module."""
from __future__ import annotations

#: Transliteration of VIN characters to numbers (I, O and Q never occur in a VIN).
VIN_VALUES = {**{str(d): d for d in range(10)}, **dict(zip("ABCDEFGH", range(1, 9))),
              **dict(zip("JKLMN", range(1, 6))), "P": 7, "R": 9, **dict(zip("STUVWXYZ", range(2, 10)))}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_check_digit(vin: str) -> str:
    """ISO 3779 / 49 CFR 565 check digit (position 9); python-stdnum has no VIN module."""
    total = sum(VIN_VALUES[ch] * w for ch, w in zip(vin, _VIN_WEIGHTS))
    return "X" if total % 11 == 10 else str(total % 11)
