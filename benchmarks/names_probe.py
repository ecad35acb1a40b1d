"""Names of many cultures in English text: how many name words survive scrubbing (issue 10).

    .venv/bin/python benchmarks/names_probe.py --set shaping [--n 400] [--show 40]
    .venv/bin/python benchmarks/names_probe.py --set holdout [--n 400]

Faker names of every Latin-script person locale (and the romanized Chinese and Japanese lists) go into templates
written here: posts, chats, e-mail headers and signatures with ``>`` quoting, CVs, forms, lists, lower case, UPPER
CASE, initials, particles (van der, de la, bin, al-), hyphenated names. Counted: the name words of 3+ letters still
in the output verbatim (as written in the input, a whole word). Two template sets with different seeds: ``shaping``
(the rules were written against it; ``--show`` prints leaks) and ``holdout`` (run once before and once after;
it prints counts only, never its leaks). Faker data only: no real people.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import random
import sys
from collections import Counter

import regex

KEY = "names-probe-benchmark-key-5c1e"  # a fixed benchmark key, only for reproducible figures
_LATIN = regex.compile(r"^[\p{Latin}'’\- ]+$")
PARTICLES = ("van", "van der", "van den", "de", "de la", "del", "von", "von der", "da", "dos", "di", "le", "bin",
             "ben", "al-", "el-", "ter", "ó", "mac", "zu")
_PARTICLE_WORDS = frozenset(w.strip("-") for p in PARTICLES for w in p.split())


def _romanized(provider) -> tuple[list[str], list[str]]:
    given = [str(n) for n in getattr(provider, "first_romanized_names", ()) or ()]
    for attr in ("first_romanized_names_male", "first_romanized_names_female"):
        given += [str(n) for n in getattr(provider, attr, ()) or ()]
    return given, [str(n) for n in getattr(provider, "last_romanized_names", ()) or ()]


def name_pools(seed: int) -> list[tuple[str, list[str], list[str]]]:
    """(locale, given names, family names) of every Faker person locale with Latin-script names."""
    from faker import Faker
    import faker.providers.person as person_pkg
    import warnings

    pools = []
    for info in pkgutil.iter_modules(person_pkg.__path__):
        module = importlib.import_module(f"{person_pkg.__name__}.{info.name}")
        given, family = _romanized(module.Provider)
        if not given:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fake = Faker(info.name)
            fake.seed_instance(seed)
            try:
                given = [fake.first_name() for _ in range(60)]
                family = [fake.last_name() for _ in range(60)]
            except Exception:  # noqa: BLE001 - a locale without first/last names
                continue
        given = sorted({g for g in given if _LATIN.match(g) and len(g) >= 3})
        family = sorted({f for f in family if _LATIN.match(f) and len(f) >= 3})
        if len(given) >= 5 and len(family) >= 5:
            pools.append((info.name, given, family))
    return pools


def _case(name: str, style: str) -> str:
    return name.upper() if style == "upper" else name.lower() if style == "lower" else name


SHAPING = (
    # (genre, template); {G}/{F} given/family, {G2}/{F2} another person, {P} a particle family name, {H} hyphenated
    ("post", "{G} {F} posted the pics from saturday, so good"),
    ("post", "just had lunch with {g} lol"),
    ("post", "thanks {G} for the ride!!"),
    ("post", "{g} and {g2} are coming tonight, bring snacks"),
    ("chat", "{G}: are you still at the office?\n{G2}: yes, leaving soon"),
    ("email", "From: {G} {F}\nSent: Tuesday, 4 March 2025 09:12\nTo: {G2} {F2}\nSubject: contract\n\nHi {G2},\n"
              "see attached."),
    ("signature", "Thanks,\n{G} {F}\nSenior Buyer\nNordwind Logistics\n14 Harbour Road"),
    ("signature", "> {GU} {FU}\n> Nordwind Logistics\n> 14 Harbour Road\n> Tel. 040 1234"),
    ("signature", "> Best regards\n> {G} {P}\n> Head of Sales"),
    ("cv", "CURRICULUM VITAE\n{GU} {FU}\nBorn 1988\nReferences: {G2} {F2} (manager)"),
    ("form", "Name: {G}\nSurname: {F}\nNationality: n/a"),
    ("form", "Last name, first name: {F}, {G}"),
    ("list", "The committee: {G} {F}, {G2} {F2} and {G3} {F3}."),
    ("lower", "i met {g} {f} at the bar"),
    ("upper", "ATTN: {GU} {FU}"),
    ("initial", "{I}. {F} signed the lease on monday"),
    ("particle", "Our new colleague is {G} {P} from Rotterdam."),
    ("hyphen", "Please welcome {G} {H} to the team."),
    ("lone", "Ask {G} about it, she knows."),
    ("lone", "{G} will pick you up at eight"),
    ("signature", "-- {G} {F} > Nordwind AB > Storgatan 5 > 114 55 Stockholm"),
    ("signature", "> {GU} {PU}\n> NORDWIND LOGISTICS"),
    ("cue", "hi {g}, thanks for the update"),
    ("cue", "{G} said the meeting moved"),
    ("cue", "cc {G} {F} on the reply"),
    ("lower", "i met {g} {p} at the bar"),
    ("upper", "PREPARED BY: {GU} {HU}"),
)
HOLDOUT = (
    ("ticket", "Ticket 4471 opened by {G} {F}: printer jams again"),
    ("ticket", "assigned to {g} {f} - waiting on customer"),
    ("letter", "Dear {G},\n\nWe are pleased to confirm your booking.\n\nYours sincerely,\n{G2} {F2}"),
    ("quote", "On Mon, {G} {F} wrote:\n> sounds good\n> {G}"),
    ("quote", ">> {GU} {FU} | Procurement | Halden Group"),
    ("clinical", "Pt {G} {F}, 54, seen by Dr {F2} for follow-up."),
    ("chat", "[10:02] {g}: brb\n[10:03] {g2}: ok"),
    ("post", "happy birthday {g}!!! miss u"),
    ("post", "me and {G} went hiking, {G2} stayed home"),
    ("list", "invited: {g}, {g2}, {g3} and {g4}"),
    ("form", "FIRST NAME: {GU}\nLAST NAME: {FU}"),
    ("cv", "{G} {I2}. {F}\nSoftware engineer, 6 years\nReferee: {G2} {P}"),
    ("upper", "SIGNED: {GU} {PU}"),
    ("lower", "{g} {f} is my neighbour"),
    ("hyphen", "Contact person: {G} {H}"),
    ("particle", "Minutes taken by {G} {P}."),
    ("lone", "Can someone tell {G} the meeting moved?"),
    ("lone", "{G} says hi"),
)


def make_texts(templates, n: int, seed: int) -> list[tuple[str, str, list[str]]]:
    """``n`` (genre, text, name words) from ``templates`` with names of every locale in turn."""
    rng = random.Random(seed)
    pools = name_pools(seed)
    out = []
    for i in range(n):
        genre, template = templates[i % len(templates)]
        locale, given, family = pools[rng.randrange(len(pools))]
        g = rng.sample(given, 4)
        f = rng.sample(family, 4)
        particle = rng.choice(PARTICLES)
        fam_p = f"{particle}{f[0]}" if particle.endswith("-") else f"{particle} {f[0]}"
        if particle in ("van", "de", "von", "van der"):  # capitalized in some languages
            fam_p = fam_p[0].upper() + fam_p[1:] if rng.random() < 0.3 else fam_p
        hyph = f"{f[0]}-{f[1]}"
        values = {"G": g[0], "F": f[0], "G2": g[1], "F2": f[1], "G3": g[2], "F3": f[2], "G4": g[3],
                  "P": fam_p, "H": hyph, "I": g[0][0], "I2": g[1][0]}
        fmt = dict(values)
        fmt.update({k.lower(): v.lower() for k, v in values.items()})
        fmt.update({k + "U": v.upper() for k, v in values.items()})
        text = template.format(**fmt)
        used = set(regex.findall(r"\{(\w+)\}", template))
        words: list[str] = []
        for key in used:
            value = fmt[key]
            if key.upper().rstrip("U") in ("I", "I2"):  # initials are not counted
                continue
            words += [w for w in regex.split(r"[\s\-]+", value) if len(w) >= 3 and w.casefold() not in _PARTICLE_WORDS]
        out.append((genre, text, sorted(set(words))))
    return out


def survivors(out_text: str, words: list[str]) -> list[str]:
    return [w for w in words if regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(w)}(?![\p{{L}}\p{{M}}])", out_text)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", choices=("shaping", "holdout"), required=True)
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--show", type=int, default=0, help="print this many leaks (shaping set only)")
    ap.add_argument("--sensitivity", default="balanced")
    a = ap.parse_args()
    import privsynth

    templates, seed = (SHAPING, 1010) if a.set == "shaping" else (HOLDOUT, 2027)
    items = make_texts(templates, a.n, seed)
    scrubber = privsynth.Scrubber(language="en", key=KEY, sensitivity=a.sensitivity)
    results = scrubber.scrub_batch([t for _, t, _ in items])
    total, leaked = Counter(), Counter()
    shown = 0
    for (genre, text, words), result in zip(items, results):
        left = survivors(result.text, words)
        total[genre] += len(words)
        leaked[genre] += len(left)
        if left and a.set == "shaping" and shown < a.show:
            shown += 1
            print(f"--- {genre}: {left}\n{text}\n=> {result.text}\n")
    print(f"{a.set}: {sum(leaked.values())} of {sum(total.values())} name words survive "
          f"({sum(leaked.values()) / max(1, sum(total.values())):.1%})")
    for genre in sorted(total):
        print(f"  {genre:10s} {leaked[genre]:4d} / {total[genre]:4d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
