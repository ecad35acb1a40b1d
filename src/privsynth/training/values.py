"""Slot values for the synthetic training corpus: names, places, addresses and companies from Faker's locales,
with the noise real text has (case, initials, particles, nicknames, missing punctuation).

Everything draws from one ``random.Random`` handed in by the caller, and Faker instances are seeded from it,
so a corpus is a pure function of its seed.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

import regex
from faker import Faker

_LATIN = regex.compile(r"^[\p{Latin}\p{M}\p{N}\p{Zs}.,'’\-/#()°\n]+$")

#: Locales whose person names are written in Latin script (names of many cultures, as they appear in English).
NAME_LOCALES = (
    "en_US", "en_GB", "en_IE", "en_AU", "en_NZ", "en_CA", "en_IN", "en_NG", "en_KE", "en_PK", "en_PH", "en_TH",
    "en_MS", "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CH", "fr_CA", "fr_DZ", "nl_NL", "nl_BE", "it_IT", "es_ES",
    "es_MX", "es_AR", "es_CO", "es_CL", "pt_PT", "pt_BR", "da_DK", "no_NO", "sv_SE", "fi_FI", "is_IS", "et_EE",
    "lv_LV", "lt_LT", "pl_PL", "cs_CZ", "sk_SK", "sl_SI", "hr_HR", "hu_HU", "ro_RO", "tr_TR", "az_AZ", "uz_UZ",
    "ga_IE", "id_ID", "vi_VN", "fil_PH", "sw", "ha_NG", "ig_NG", "yo_NG", "tw_GH", "zu_ZA", "fr_BE", "it_CH",
)
#: Locales with romanized names (Faker's ``first_romanized_name``): Japanese and Chinese names in Latin letters.
ROMANIZED_LOCALES = ("ja_JP", "zh_CN", "zh_TW")
#: Locales whose address provider writes the country's own format (street first or last, postcode before or
#: after the city, "H-2907", "9483-378", "02-931", ...): 40 countries.
ADDRESS_LOCALES = (
    "en_US", "en_GB", "en_IE", "en_AU", "en_NZ", "en_CA", "en_IN", "en_BD", "en_MS", "en_PH", "zu_ZA", "de_DE",
    "de_AT", "de_CH", "fr_FR", "fr_CH", "fr_CA", "fr_DZ", "nl_NL", "nl_BE", "it_IT", "es_ES", "es_MX", "es_AR",
    "es_CL", "es_CO", "pt_PT", "pt_BR", "da_DK", "no_NO", "sv_SE", "fi_FI", "pl_PL", "cs_CZ", "sk_SK", "sl_SI",
    "hr_HR", "hu_HU", "ro_RO", "id_ID", "vi_VN", "az_AZ",
)
PARTICLES = ("van", "van der", "van den", "de", "de la", "del", "da", "dos", "von", "di", "le", "bin", "binti",
             "al-", "el-", "ibn", "O'", "Mac", "Mc", "ben", "ter", "St.")
TITLES = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Mx", "Miss", "Sir")


@lru_cache(maxsize=None)
def _faker(locale: str) -> Faker:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Faker(locale)


def faker(locale: str, rng: random.Random) -> Faker:
    """The shared Faker for ``locale``, reseeded from ``rng`` (so values depend only on the corpus seed)."""
    f = _faker(locale)
    f.seed_instance(rng.getrandbits(32))
    return f


def _latin(value: str) -> bool:
    return bool(value) and bool(_LATIN.match(value))


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    middle: str = ""
    family_first: bool = False   # Hungarian, Japanese, Chinese, Vietnamese order


def person(rng: random.Random) -> Person:
    """A person of a random culture, with optional particles, double surnames and middle names."""
    for _ in range(20):
        if rng.random() < 0.12:
            loc = rng.choice(ROMANIZED_LOCALES)
            f = faker(loc, rng)
            first, last = f.first_romanized_name(), f.last_romanized_name()
            family_first = rng.random() < 0.4
        else:
            loc = rng.choice(NAME_LOCALES)
            f = faker(loc, rng)
            first, last = f.first_name(), f.last_name()
            family_first = loc in ("hu_HU", "vi_VN") and rng.random() < 0.6
        if _latin(first) and _latin(last):
            break
    middle = ""
    r = rng.random()
    if r < 0.08:
        p = rng.choice(PARTICLES)
        last = f"{p}{last}" if p.endswith(("'", "-")) else f"{p} {last}"
    elif r < 0.14:
        last = f"{last}-{faker(rng.choice(NAME_LOCALES), rng).last_name()}"
    elif r < 0.2:
        middle = faker(rng.choice(NAME_LOCALES), rng).first_name()
    return Person(first, last, middle, family_first)


def nickname(first: str, rng: random.Random) -> str:
    """A short or pet form of a given name ("Katarzyna" → "Kat", "Kasia"-like "Katty")."""
    base = first.split()[0].split("-")[0]
    if len(base) <= 4:
        return base
    stem = base[: rng.choice((3, 3, 4))]
    return rng.choice((stem, stem + "y", stem + "ie", stem + "i", stem + "o"))


def render_person(p: Person, style: str, rng: random.Random) -> str:
    """One written form of a person's name."""
    if style == "first":
        return p.first
    if style == "last":
        return p.last
    if style == "nick":
        return nickname(p.first, rng)
    if style == "initial_last":
        return f"{p.first[0]}. {p.last}"
    if style == "first_initial":
        return f"{p.first} {p.last[0]}."
    if style == "last_comma_first":
        return f"{p.last}, {p.first}"
    if style == "handle":
        return handle(p, rng)
    if style == "initials":
        return f"{p.first[0]}.{p.last[0]}."
    mid = f" {p.middle}" if p.middle else (f" {rng.choice('ABCDEFGHJKLMNPRSTW')}." if rng.random() < 0.1 else "")
    if p.family_first:
        return f"{p.last} {p.first}{mid}"
    return f"{p.first}{mid} {p.last}"


def case_noise(value: str, rng: random.Random, lower: float = 0.06, upper: float = 0.05) -> str:
    r = rng.random()
    if r < lower:
        return value.lower()
    if r < lower + upper:
        return value.upper()
    return value


@dataclass(frozen=True)
class Address:
    lines: tuple[str, ...]   # street line(s) first, then postcode/city line(s), as the locale writes them
    city: str
    country: str


def address(rng: random.Random) -> Address:
    """A street address in one country's own format, with the ways people write it."""
    for _ in range(20):
        loc = rng.choice(ADDRESS_LOCALES)
        f = faker(loc, rng)
        raw = f.address()
        if _latin(raw):
            break
    lines = [ln.strip() for ln in raw.split("\n") if ln.strip()]
    try:
        city = f.city()
    except AttributeError:
        city = lines[-1]
    country = _country(loc)
    if loc in _CENTRAL and len(lines) > 1:
        lines = _central_european(lines, loc, rng)
    r = rng.random()
    if r < 0.15:  # city line in capitals (Nordic, French, UK post)
        lines[-1] = lines[-1].upper()
    elif r < 0.25 and len(lines) > 1:  # postcode after the city: "Moen 4833"
        parts = lines[-1].split(" ", 1)
        if len(parts) == 2 and any(ch.isdigit() for ch in parts[0]):
            lines[-1] = f"{parts[1]} {parts[0]}"
    elif r < 0.3:
        lines = [ln.lower() for ln in lines]
    return Address(tuple(lines), city if _latin(city) else "", country)


_CENTRAL = {"hu_HU": "H", "cs_CZ": "CZ", "sk_SK": "SK", "pl_PL": "PL", "sl_SI": "SI", "hr_HR": "HR",
            "de_AT": "A", "de_DE": "D", "de_CH": "CH", "ro_RO": "RO"}
#: Hungarian public-space types (Faker writes mostly "utca"): "Csabai kapu 39.", "Petőfi tér 2.".
_HU_STREET_TYPES = ("utca", "út", "tér", "kapu", "köz", "sor", "körút", "fasor", "sétány", "lejtő", "dűlő", "park",
                    "rakpart", "liget", "lakótelep")


def _central_european(lines: list[str], loc: str, rng: random.Random) -> list[str]:
    """The ways Central Europeans write a street and postcode line: with or without the country prefix
    ("H-1234", "CZ 602 00"), a house number with a trailing dot, the postcode line first, floor/door suffixes."""
    street, place = lines[0], lines[-1]
    if loc == "hu_HU":
        street = regex.sub(r"\butca\b", rng.choice(_HU_STREET_TYPES), street)
        if rng.random() < 0.25:
            street += rng.choice((" II. em. 4.", " fszt. 2.", " 3/12", " IV/2."))
        if rng.random() < 0.7:
            place = regex.sub(r"^H-", "", place)
    elif rng.random() < 0.3 and place[:1].isdigit():
        place = f"{_CENTRAL[loc]}-{place}"
    r = rng.random()
    if r < 0.25:
        return [place, street]
    if r < 0.4:
        city = place.split(" ", 1)[-1] if place[:1].isdigit() or "-" in place[:3] else place
        code = place.split(" ", 1)[0]
        return [city, street, code] if loc == "hu_HU" else [street, place]
    return [street, place] + lines[1:-1]


_COUNTRIES = {
    "en_US": "USA", "en_GB": "United Kingdom", "en_IE": "Ireland", "en_AU": "Australia", "en_NZ": "New Zealand",
    "en_CA": "Canada", "en_IN": "India", "en_BD": "Bangladesh", "en_MS": "Malaysia", "en_PH": "Philippines",
    "zu_ZA": "South Africa", "de_DE": "Germany", "de_AT": "Austria", "de_CH": "Switzerland", "fr_FR": "France",
    "fr_CH": "Switzerland", "fr_CA": "Canada", "fr_DZ": "Algeria", "nl_NL": "Netherlands", "nl_BE": "Belgium",
    "it_IT": "Italy", "es_ES": "Spain", "es_MX": "Mexico", "es_AR": "Argentina", "es_CL": "Chile",
    "es_CO": "Colombia", "pt_PT": "Portugal", "pt_BR": "Brazil", "da_DK": "Denmark", "no_NO": "Norway",
    "sv_SE": "Sweden", "fi_FI": "Finland", "pl_PL": "Poland", "cs_CZ": "Czech Republic", "sk_SK": "Slovakia",
    "sl_SI": "Slovenia", "hr_HR": "Croatia", "hu_HU": "Hungary", "ro_RO": "Romania", "id_ID": "Indonesia",
    "vi_VN": "Vietnam", "az_AZ": "Azerbaijan",
}


def _country(locale: str) -> str:
    return _COUNTRIES.get(locale, "")


def city(rng: random.Random) -> str:
    for _ in range(20):
        f = faker(rng.choice(ADDRESS_LOCALES), rng)
        value = f.city()
        if _latin(value):
            return value
    return faker("en_US", rng).city()


def country(rng: random.Random) -> str:
    return faker("en_US", rng).country()


def company(rng: random.Random) -> str:
    for _ in range(20):
        value = faker(rng.choice(NAME_LOCALES), rng).company()
        if _latin(value):
            return value
    return faker("en_US", rng).company()


def handle(p: Person, rng: random.Random) -> str:
    """A social-media handle made from a name, as people pick them ("DonnaSwan", "dswan_88", "Swan_Don")."""
    first = regex.sub(r"[^\p{Latin}]", "", p.first) or "Sam"
    last = regex.sub(r"[^\p{Latin}]", "", p.last) or "Lee"
    r = rng.random()
    if r < 0.3:
        return first + last
    if r < 0.5:
        return f"{first.lower()}{rng.choice(('', '_', '.'))}{last.lower()}{rng.choice(('', '', str(rng.randint(1, 99))))}"
    if r < 0.65:
        return f"{last}_{first[:3]}"
    if r < 0.8:
        return f"{first[0].lower()}{last.lower()}{rng.randint(1, 999)}"
    return f"{first}{rng.choice(('', '_', ''))}{rng.randint(1, 99)}" if rng.random() < 0.5 else first.lower()


def username(p: Person, rng: random.Random) -> str:
    base = regex.sub(r"[^\p{Latin}]", "", p.first.lower())[:8] or "user"
    return rng.choice((base, base + str(rng.randint(1, 99)), base[0] + regex.sub(r"[^a-z]", "", p.last.lower())[:6]))


# ---- capitalised names that are not people: works, products, teams, bands, apps (negatives for PERSON) ----------
#: Title words of made-up films, shows, books and games ("The Hollow Crown", "Iron Orchard", "Echoes of Dawn").
_TITLE_WORDS = (
    "Crown", "Orchard", "Dawn", "Empire", "Harbor", "Legacy", "Frontier", "Shadow", "Signal", "Rebellion", "Storm",
    "Horizon", "Kingdom", "Protocol", "Winter", "Garden", "Machine", "Voyage", "Ember", "Hunter", "Circus", "Tide",
    "Station", "Mirror", "Throne", "Wolves", "Outpost", "Knights", "Ashes", "Galaxy", "Odyssey", "Paradise", "Vault",
    "Rift", "Citadel", "Blade", "Requiem", "Chronicles", "Saga", "Quest", "Arcade", "Mansion", "Academy", "Patrol",
    "Island", "Lagoon", "Dynasty", "Squad", "Trek", "Wars", "Man", "Girl", "Boys", "Fire", "Sky", "Moon", "Sun",
)
_TITLE_ADJS = (
    "Hollow", "Iron", "Silent", "Broken", "Dark", "Lost", "Last", "Golden", "Crimson", "Frozen", "Wild", "Hidden",
    "Burning", "Eternal", "Savage", "Little", "Big", "Black", "Electric", "Final", "Endless", "Secret", "Brave",
    "Cursed", "Rogue", "Star", "Sacred", "Twisted", "Northern", "Demolition", "Stranger", "Peculiar", "Fallen",
)
_SERIES = ("", "", "", " 2", " II", " 3", ": Origins", ": Reborn", " Remastered", " Season 2", " 4")
_SYLLABLES = ("zen", "tri", "vor", "lia", "qua", "nex", "ora", "pix", "tek", "mo", "bri", "sol", "kai", "dro", "ly",
              "fy", "vi", "ra", "xo", "lum", "ion", "sta", "gen", "zo", "ka", "flo", "ster", "ify", "ble", "go")
_MODELS = ("", "", " Pro", " X", " 5", " S 3", " Max", " Mini", " 2", " Ultra", " One", " Air", " Plus", " 360")
_TEAM_SUFFIX = ("United", "City", "Rovers", "Athletic", "FC", "Wanderers", "Rangers", "Hawks", "Lions", "Sharks")
_BAND_NOUNS = ("Foxes", "Ravens", "Machines", "Strangers", "Lanterns", "Pilots", "Kings", "Wolves", "Echoes",
               "Arrows", "Saints", "Tigers", "Monkeys", "Killers", "Lumineers", "Heartbreakers", "Giants")


def _coined(rng: random.Random) -> str:
    """A made-up brand word ("Zentrixo", "Pixora", "Lumify")."""
    word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
    return word.capitalize() if rng.random() < 0.8 else word[0].upper() + word[1:-2] + word[-2:].upper()


def work_title(rng: random.Random) -> str:
    """A made-up film, show, book or game title."""
    n, a = rng.choice(_TITLE_WORDS), rng.choice(_TITLE_ADJS)
    r = rng.random()
    if r < 0.3:
        base = f"{a} {n}"
    elif r < 0.5:
        base = f"The {a} {n}"
    elif r < 0.65:
        base = f"{n} of {rng.choice(_TITLE_WORDS)}"
    elif r < 0.8:
        base = f"{rng.choice(_TITLE_WORDS)} {n}"
    else:
        base = f"{_coined(rng)}{rng.choice(('', ' ' + n))}"
    return base + rng.choice(_SERIES)


def product(rng: random.Random) -> str:
    """A made-up product, app or device ("Pixora Pro", "Zenkai S 3")."""
    return _coined(rng) + rng.choice(_MODELS)


def team(rng: random.Random) -> str:
    """A sports club: a city alone or with a club word ("Tørring", "Leeds Rovers", "FC Moen")."""
    place = city(rng).split(",")[0].strip() or "Dunmore"
    r = rng.random()
    if r < 0.4:
        return place
    if r < 0.55:
        return f"FC {place}"
    return f"{place} {rng.choice(_TEAM_SUFFIX)}"


def band(rng: random.Random) -> str:
    """A band or group ("The Electric Foxes", "Pixora")."""
    r = rng.random()
    if r < 0.6:
        return f"The {rng.choice(_TITLE_ADJS)} {rng.choice(_BAND_NOUNS)}"
    if r < 0.8:
        return f"{rng.choice(_TITLE_ADJS)} {rng.choice(_BAND_NOUNS)}"
    return _coined(rng)


def hashtag(rng: random.Random) -> str:
    """A hashtag made of capitalised words ("#ThrowbackThursday", "#HollowCrown"): not a name."""
    words = rng.sample(_TITLE_WORDS + _TITLE_ADJS + ("Monday", "Friday", "Goals", "Vibes", "Life", "Fail", "News",
                                                      "Love", "Game", "Day", "Night", "Throwback", "Motivation"),
                       rng.choice((1, 2, 2, 3)))
    return "#" + "".join(words)
