"""Render the Japanese templates into labelled documents with exact character spans, deterministically by seed.

    from privsynth.training.ja.corpus import generate
    docs = generate(1000, seed=7)      # [Sample(text, spans=((start, end, label), ...), missing=((start, end), ...))]

Labels are GiNZA's own (Sekine's extended named-entity hierarchy) so the fine-tuned ``ner`` keeps its label set:
``Person``, ``Province``, ``City``, ``Country``, ``Company``. The part of a postal address after the city (town,
block numbers, building) is left *missing* (neither entity nor outside), since GiNZA labels it in several ways.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass

from faker.providers.job.ja_JP import Provider as _Jobs

from . import values as V
from .templates import TEMPLATES

LABELS = ("Person", "Province", "City", "Country", "Company")
_SLOT = re.compile(r"\{([a-z]+\d?)(?:\.([a-z_]+))?\}")
_HONORIFICS = ("", "", "", "", "さん", "様", "氏", "先生", "くん", "ちゃん", "部長", "課長", "社長")
#: Share of free-form ``{pN}`` slots filled with a noun that is not a name. Off: 0.15-0.2 lowered the head's
#: recall on the stockmark dev file without removing its false names (organisations, works), which the
#: dictionary check at load time (privsynth._models) removes instead; the "thing" genre still carries nouns.
DECOY_RATE = 0.0
_GENRES = tuple(sorted({g for g, _ in TEMPLATES}))
#: Genre weights (default 1): biographies, the register of encyclopaedic text, twice as often.
_GENRE_WEIGHT = {"thing": 1, "bio": 2}
_BY_GENRE = {g: [t for gg, t in TEMPLATES if gg == g] for g in _GENRES}


@dataclass(frozen=True)
class Sample:
    text: str
    spans: tuple[tuple[int, int, str], ...]
    missing: tuple[tuple[int, int], ...] = ()
    decoys: tuple[tuple[int, int], ...] = ()    # nouns in name positions: not a Person, else the base model's say


class _Doc:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[tuple[int, int, str]] = []
        self.missing: list[tuple[int, int]] = []
        self.decoys: list[tuple[int, int]] = []
        self.length = 0

    def add(self, text: str, label: str | None = None, missing: bool = False, decoy: bool = False) -> None:
        if not text:
            return
        if label:
            self.spans.append((self.length, self.length + len(text), label))
        elif missing:
            self.missing.append((self.length, self.length + len(text)))
        elif decoy:
            self.decoys.append((self.length, self.length + len(text)))
        self.parts.append(text)
        self.length += len(text)

    def sample(self) -> Sample:
        return Sample("".join(self.parts), tuple(self.spans), tuple(self.missing), tuple(self.decoys))


def _date(rng: random.Random) -> str:
    y, m, d = rng.randint(1930, 2025), rng.randint(1, 12), rng.randint(1, 28)
    style = rng.random()
    if style < 0.6:
        return f"{y}年{m}月{d}日"
    if style < 0.8:
        return f"{m}月{d}日"
    return f"{y}/{m:02d}/{d:02d}"


def _phone(rng: random.Random) -> str:
    return rng.choice(("0{}-{}-{}", "0{}0-{}-{}")).format(rng.randint(1, 99), rng.randint(100, 9999),
                                                          rng.randint(1000, 9999))


def _email(rng: random.Random, p: V.Person) -> str:
    user = (p.given_romaji or "user").lower() + rng.choice((".", "_", "")) + (p.family_romaji or "x").lower()
    return f"{user}{rng.randint(1, 99)}@" + rng.choice(("example.jp", "example.com", "mail.example.ne.jp"))


def _address(doc: _Doc, rng: random.Random) -> None:
    if rng.random() < 0.4:
        doc.add(f"〒{rng.randint(100, 999)}-{rng.randint(0, 9999):04d} ")
    doc.add(V.prefecture(rng), "Province")
    doc.add(V.city(rng), "City")
    rest = V.ward_or_town(rng) + f"{rng.randint(1, 9)}丁目{rng.randint(1, 30)}番{rng.randint(1, 20)}号"
    if rng.random() < 0.3:
        rest = V.ward_or_town(rng) + f"{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
    doc.add(rest, missing=True)


def _person_slot(doc: _Doc, p: V.Person, attr: str | None, rng: random.Random) -> None:
    if attr == "foreign":
        g, f = rng.choice(V.FOREIGN_GIVEN), rng.choice(V.FOREIGN_FAMILY)
        doc.add(V.render_name(V.Person(f, g, f, g, "", "", foreign=True), "full", rng), "Person")
        return
    if attr == "kana_full":
        doc.add(p.family_kana + rng.choice(("", " ", "　")) + p.given_kana, "Person")
        return
    if attr == "romaji_handle":
        if p.foreign:
            doc.add("user" + str(rng.randint(1, 999)))
            return
        doc.add(p.given_romaji.lower() + rng.choice(("", "_", ".")) + p.family_romaji.lower(), "Person")
        return
    form = attr if attr else V.name_form(rng)
    doc.add(V.render_name(p, form, rng), "Person")


def render(template: str, rng: random.Random) -> Sample:
    doc = _Doc()
    people: dict[str, V.Person] = {}
    pos = 0
    for m in _SLOT.finditer(template):
        doc.add(template[pos:m.start()])
        pos = m.end()
        slot, attr = m.group(1), m.group(2)
        if slot.startswith("p") and slot[1:].isdigit():
            person = people.setdefault(slot, V.person(rng))
            if attr is None and rng.random() < DECOY_RATE:
                doc.add(V.thing(rng), decoy=True)  # a noun where a name could stand: context is not enough
            else:
                _person_slot(doc, person, attr, rng)
        elif slot.startswith("thing"):
            doc.add(V.thing(rng), decoy=True)
        elif slot == "hon":
            doc.add(rng.choice(_HONORIFICS))
        elif slot == "pref":
            doc.add(V.prefecture(rng), "Province")
        elif slot == "city":
            doc.add(V.city(rng), "City")
        elif slot.startswith("country"):
            doc.add(V.country(rng), "Country")
        elif slot.startswith("company"):
            doc.add(V.company(rng), "Company")
        elif slot == "addr":
            _address(doc, rng)
        elif slot == "date":
            doc.add(_date(rng))
        elif slot == "year":
            doc.add(str(rng.randint(1850, 2025)))
        elif slot == "num":
            doc.add(str(rng.randint(2, 99)))
        elif slot == "phone":
            doc.add(_phone(rng))
        elif slot == "email":
            doc.add(_email(rng, people.get("p1") or V.person(rng)))
        elif slot == "job":
            doc.add(rng.choice(_Jobs.jobs))
        else:
            raise KeyError(f"unknown slot {slot!r} in a Japanese template")
    doc.add(template[pos:])
    return doc.sample()


def _join(samples: list[Sample], sep: str) -> Sample:
    text, spans, missing, decoys, off = [], [], [], [], 0
    for i, s in enumerate(samples):
        if i:
            text.append(sep)
            off += len(sep)
        spans += [(a + off, b + off, lab) for a, b, lab in s.spans]
        missing += [(a + off, b + off) for a, b in s.missing]
        decoys += [(a + off, b + off) for a, b in s.decoys]
        text.append(s.text)
        off += len(s.text)
    return Sample("".join(text), tuple(spans), tuple(missing), tuple(decoys))


def generate(n: int, seed: int = 0) -> list[Sample]:
    """``n`` documents of one to three templates of one genre each; the same ``n`` and ``seed`` give the same
    documents (one ``random.Random(seed)``, no global state)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        genre = rng.choices(_GENRES, [_GENRE_WEIGHT.get(g, 1) for g in _GENRES])[0]
        k = rng.choices((1, 2, 3), (5, 3, 1))[0]
        parts = [render(rng.choice(_BY_GENRE[genre]), rng) for _ in range(k)]
        out.append(_join(parts, rng.choice(("", "\n", "\n\n")) if genre not in ("bio", "news", "prose") else ""))
    return out
