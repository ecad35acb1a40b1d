"""Render the templates into labelled documents with exact character spans, deterministically by seed.

    from privsynth.training.corpus import generate
    docs = generate(1000, seed=7)      # [Sample(text, spans=((start, end, label), ...)), ...]

Labels: ``PERSON``, ``GPE`` (cities, countries), ``ADDRESS`` (street address lines), ``ORG``, ``DATE`` (the date
slots, so the model does not unlearn dates the base model misses in our text), ``PRODUCT`` and ``WORK_OF_ART``
(made-up brands, films, games and shows in posts: capitalised names that are not people). Companies, teams and bands
are labelled ``ORG`` so the model learns they are not people; social-media handles and user names
(``@dswan_88``, ``user=dswan``) are ``USERNAME``: account names get a handle-like surrogate, and a handle is not
a person's name in the text (WNUT-17 does not mark it PERSON); phone numbers, e-mails, times, ids are left to the base model's own labels (pseudo-rehearsal, see :mod:`.train`) and to privsynth's pattern recognizers.
"""
from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass
from typing import Callable

from . import values as V
from .templates import TEMPLATES

LABELS = ("PERSON", "GPE", "ADDRESS", "ORG", "DATE", "PRODUCT", "WORK_OF_ART", "USERNAME")
_SLOT = re.compile(r"\{\{|\}\}|\{([a-z]+\d?)(?:\.([a-z_]+))?\}")
_PUNCT = re.compile(r"[.,;:!?]")


@dataclass(frozen=True)
class Sample:
    text: str
    spans: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class Noise:
    lower_doc: float = 0.0      # the whole document in lower case
    upper_doc: float = 0.0      # the whole document in capitals
    drop_punct: float = 0.0     # no punctuation in the template text
    name_lower: float = 0.05    # one name in lower case
    name_upper: float = 0.04    # one name in capitals
    tokenized: float = 0.0      # punctuation split off by spaces, as in tokenized corpora ("Neville ' s", "@ bob")


GENRE_NOISE = {
    "chat": Noise(lower_doc=0.3, drop_punct=0.3, name_lower=0.15, tokenized=0.3),
    "forum": Noise(lower_doc=0.1, drop_punct=0.12, name_lower=0.08, tokenized=0.3),
    "social": Noise(lower_doc=0.15, drop_punct=0.25, name_lower=0.12, tokenized=0.4),
    "email": Noise(lower_doc=0.06, drop_punct=0.05, name_lower=0.08),
    "ticket": Noise(lower_doc=0.08, upper_doc=0.04, drop_punct=0.1),
    "cv": Noise(upper_doc=0.03, name_upper=0.15),
    "letter": Noise(lower_doc=0.03, name_upper=0.06),
    "clinical": Noise(lower_doc=0.1, upper_doc=0.05, drop_punct=0.1, name_upper=0.1),
    "court": Noise(name_upper=0.12, tokenized=0.1),
    "form": Noise(upper_doc=0.12, lower_doc=0.05, name_upper=0.12, name_lower=0.08),
    "log": Noise(lower_doc=0.05, name_lower=0.1),
    "prose": Noise(lower_doc=0.06, drop_punct=0.05, name_lower=0.06, tokenized=0.35),
    "news": Noise(upper_doc=0.03, name_upper=0.03, name_lower=0.02, tokenized=0.45),
    # video and music comments: mostly lower case, names of singers, players and friends typed in lower case
    "comment": Noise(lower_doc=0.35, upper_doc=0.05, drop_punct=0.35, name_lower=0.3, name_upper=0.05,
                     tokenized=0.3),
}
_PERSON_STYLES = ("full",) * 8 + ("initial_last", "first_initial", "last_comma_first", "first", "last")
_RANKS = ("President", "Senator", "Governor", "Minister", "Prime Minister", "Colonel", "General", "Captain",
          "Coach", "Judge", "Justice", "Inspector", "Sergeant", "Detective", "Officer", "Professor", "Father",
          "Sister", "Uncle", "Aunt", "Chancellor", "Mayor", "Ambassador", "Spokesman", "Rep.", "Sen.", "Gov.",
          "Gen.", "Col.", "Lt.", "Capt.", "Sgt.", "Det.", "Supt.", "Rev.", "Pastor", "Chairman", "CEO", "striker",
          "midfielder", "defender", "goalkeeper", "manager", "forward", "coach", "president", "singer", "rapper")
#: Slots for capitalised names that are not people, and their labels (``tag`` is a hashtag: no label).
_NOT_PEOPLE: dict[str, tuple[Callable[[random.Random], str], str | None]] = {
    "work": (V.work_title, "WORK_OF_ART"), "product": (V.product, "PRODUCT"), "team": (V.team, "ORG"),
    "band": (V.band, "ORG"), "app": (V.product, "ORG"), "tag": (V.hashtag, None),
}
_TOKENIZE = re.compile(r"([.,;:!?()\[\]\"'@/&*]|n't)")
_SPACES = re.compile(r" {2,}")
_RELATIONS = ("mother", "father", "wife", "husband", "partner", "son", "daughter", "friend", "neighbour")


def _moment(rng: random.Random) -> datetime.datetime:
    """A date and time from the seed alone (Faker's dates end at "now", which would change the corpus daily)."""
    return datetime.datetime(1950, 1, 1) + datetime.timedelta(seconds=rng.randrange(75 * 365 * 86400))


class _Doc:
    """Accumulates text pieces and spans; ``case`` is applied to every piece so offsets stay exact."""

    def __init__(self, case: Callable[[str], str]) -> None:
        self.parts: list[str] = []
        self.spans: list[tuple[int, int, str]] = []
        self.length = 0
        self.case = case

    def add(self, piece: str, label: str | None = None) -> None:
        piece = self.case(piece)
        if label:
            core = piece.rstrip(" .,;:") if label == "ADDRESS" else piece.rstrip(" ,;:")
            lead = len(core) - len(core.lstrip())
            if core.strip():
                self.spans.append((self.length + lead, self.length + len(core), label))
        self.parts.append(piece)
        self.length += len(piece)


class _Slots:
    """The values of one template instance: each slot drawn once, so repeats agree."""

    def __init__(self, rng: random.Random, noise: Noise) -> None:
        self.rng, self.noise = rng, noise
        self.people: dict[str, V.Person] = {}
        self.cache: dict[str, object] = {}

    def person(self, name: str) -> V.Person:
        if name not in self.people:
            self.people[name] = V.person(self.rng)
        return self.people[name]

    def value(self, name: str, attr: str | None) -> tuple[list[tuple[str, str | None]], bool]:
        """Pieces (text, label) for one slot; ``True`` when the slot is a block of lines."""
        rng = self.rng
        if name.startswith("p") and name[1:].isdigit():
            p = self.person(name)
            style = {"first": "first", "last": "last", "nick": "nick", "initial": "initial_last",
                     "handle": "handle"}.get(attr or "")
            if attr == "formal":
                title = rng.choice(V.TITLES) + rng.choice((".", "", " "))
                return [(title.strip() + " ", None), (self._case(p.last), "PERSON")], False
            if style == "handle":  # an account name, not a person's name as written
                return [(V.render_person(p, style, rng), "USERNAME")], False
            if style is None:
                key = f"{name}.style"
                style = self.cache.setdefault(key, rng.choice(_PERSON_STYLES))
            return [(self._case(V.render_person(p, style, rng)), "PERSON")], False
        if name.startswith("addr"):
            a = self.cache.setdefault(name, V.address(rng))
            assert isinstance(a, V.Address)
            if attr == "street":
                return [(a.lines[0], "ADDRESS")], False
            if attr == "place":
                return [(a.lines[-1], "ADDRESS")], False
            return [(line, "ADDRESS") for line in a.lines], True
        if name == "city":
            return [(self.cache.setdefault(name, V.city(rng)), "GPE")], False
        if name.startswith("country"):
            return [(self.cache.setdefault(name, V.country(rng)), "GPE")], False
        if name.startswith("org"):
            return [(self.cache.setdefault(name, V.company(rng)), "ORG")], False
        if name.startswith("date") and name != "datetime":
            return [(str(self.cache.setdefault(name, self._context(name))), "DATE")], False
        kind = name.rstrip("0123456789")
        if kind in _NOT_PEOPLE:
            make, label = _NOT_PEOPLE[kind]
            return [(str(self.cache.setdefault(name, make(rng))), label)], False
        label = "USERNAME" if name == "user" else None
        return [(str(self.cache.setdefault(name, self._context(name))), label)], False

    def _case(self, value: str) -> str:
        return V.case_noise(value, self.rng, self.noise.name_lower, self.noise.name_upper)

    def _context(self, name: str) -> str:
        rng = self.rng
        f = V.faker(rng.choice(("en_US", "en_GB", "de_DE", "fr_FR", "en_AU")), rng)
        if name.startswith("date") and name != "datetime":
            return _moment(rng).strftime(rng.choice(("%d %B %Y", "%Y-%m-%d", "%d/%m/%Y", "%B %d, %Y", "%d.%m.%Y",
                                                     "%b %Y", "%Y", "%-d/%-m/%Y")))
        if name == "datetime":
            return _moment(rng).isoformat()
        if name == "time":
            return _moment(rng).strftime("%H:%M")
        if name == "phone":
            return f.phone_number()
        if name == "email":
            p = self.person("p1")
            user = re.sub(r"[^a-z]", "", p.first.lower()) or "info"
            return f"{user}.{re.sub(r'[^a-z]', '', p.last.lower())[:10] or 'x'}@{f.free_email_domain()}"
        if name == "num":
            return str(rng.randint(1000, 99999999))
        if name == "url":
            return f.url()
        if name == "user":
            return V.username(self.person("p1"), rng)
        if name == "ip":
            return f.ipv4()
        if name == "job":
            return V.faker("en_US", rng).job().split(",")[0]
        if name == "amount":
            return f"{rng.choice(('$', '€', '£'))}{rng.randint(5, 900)}.{rng.randint(0, 99):02d}"
        if name == "rank":
            return rng.choice(_RANKS)
        if name == "rel":
            return rng.choice(_RELATIONS)
        if name == "age":
            return str(rng.randint(18, 95))
        raise KeyError(f"template slot {{{name}}} has no value generator")


def render(template: str, genre: str, rng: random.Random) -> Sample:
    """One labelled document from one template."""
    noise = GENRE_NOISE[genre]
    r = rng.random()
    case = str.lower if r < noise.lower_doc else str.upper if r < noise.lower_doc + noise.upper_doc else str
    drop = rng.random() < noise.drop_punct
    tok = not drop and rng.random() < noise.tokenized
    doc, slots = _Doc(case), _Slots(rng, noise)
    pos = 0

    def literal_text(literal: str) -> str:
        if drop:
            return _PUNCT.sub("", literal)
        if tok:  # "'s place." -> " ' s place ." (offsets stay exact: only literals change)
            return _SPACES.sub(" ", _TOKENIZE.sub(r" \1 ", literal).replace("n't", "n ' t"))
        return literal

    for m in _SLOT.finditer(template):
        literal = template[pos:m.start()]
        doc.add(literal_text(literal))
        pos = m.end()
        if m.group(0) in ("{{", "}}"):
            doc.add(m.group(0)[0])
            continue
        pieces, block = slots.value(m.group(1), m.group(2))
        own_line = (m.start() == 0 or template[m.start() - 1] == "\n") and \
            (m.end() == len(template) or template[m.end()] == "\n")
        if block and len(pieces) > 1 and not own_line:
            # An address inside a sentence: one line, one span ("Sigurdsvej 2, 4748 Tørring").
            sep = " " if drop else rng.choice((", ", ", ", " "))
            pieces = [(sep.join(p for p, _ in pieces), "ADDRESS")]
        for i, (text, label) in enumerate(pieces):
            if i and block:
                doc.add("\n")
            doc.add(text, label)
    doc.add(literal_text(template[pos:]))
    text = "".join(doc.parts)
    lead = len(text) - len(text.lstrip(" "))
    merged: list[tuple[int, int, str]] = []
    for a, b, lab in doc.spans:  # "{p1.first} {p1.last}" is one name, not two
        if merged and lab == "PERSON" == merged[-1][2] and text[merged[-1][1]:a] == " ":
            merged[-1] = (merged[-1][0], b, lab)
        else:
            merged.append((a, b, lab))
    return Sample(text[lead:], tuple((a - lead, b - lead, lab) for a, b, lab in merged))


_FIELDS = ("When", "Where", "Website", "Number", "Status", "Priority", "Subject", "Personal Info", "Summary",
           "Notes", "Category", "Department", "Reference", "Total", "Type", "Model", "Version", "Product", "Colour",
           "Result", "Diagnosis", "Comment", "Description", "Title", "Position", "Role", "Skills", "Hobbies",
           "Interests", "Languages", "Plan", "Outcome", "Action", "Channel", "Source", "Team", "Project", "Task")


_INTERJECTIONS = ("Hmm", "Nope", "Yep", "Yeah", "Geez", "Bingo", "Wow", "Meh", "Ugh", "Oops", "Yikes", "Well", "Ok",
                  "Okay", "Indeed", "Agreed", "Exactly", "Sure", "Lol", "LOL", "Lmao", "Omg", "OMG", "Haha", "Nah",
                  "Damn", "Welp", "Ahh", "Ack", "Bah", "Whoa", "Huh", "TL;DR", "TIL", "IMO", "AMA", "Edit", "Update",
                  "PSA", "FYI", "Cheers", "Thanks", "Congrats", "Amen", "Bravo", "Rather", "Honestly", "Literally")


_FOREIGN = ("de_DE", "fr_FR", "ru_RU", "es_ES", "it_IT", "nl_NL", "pl_PL")
_SLANG = ("Staaaahp", "Noooo", "Yesss", "LMAOOO", "Hahaha", "Ughhh", "Arghh", "Heh", "Umm", "Aah", "STFU", "ITT",
          "TLDR", "IIRC", "AFAIK", "SMH", "NGL", "Bruh", "Dude", "Mate", "Bro", "Sis", "OP", "Mods", "Edit 2",
          "Source", "Sauce", "Fake News", "Presently", "Biased", "Legit", "Mood", "Same", "Big if true", "Savage")


_QUANTITIES = ("{a} . {b} %", "{a} / {b} th", "{a} - {b}", "{a} x {b}", "{a} unique {w} / h", "v {a} . {b}",
               "$ {a}", "{a} k", "{a} : {b} pm", "{a} % of {w}", "{a} {w} per day", "top {a}", "{a} / 10",
               "{a} , {b}00 {w}", "# {a}", "{a} . {b} . {c}", "{a} mg", "{a} - {b} - {c}")


def _numbers_post(rng: random.Random) -> str:
    """A tokenized post full of numbers that are no address ("98 . 2 % of the power", "1 / 6 th price")."""
    f = V.faker("en_US", rng)
    q = rng.choice(_QUANTITIES).format(a=rng.randint(1, 999), b=rng.randint(0, 99), c=rng.randint(0, 9),
                                       w=rng.choice(f.words(3)))
    words = f.sentence(nb_words=rng.randint(3, 9)).rstrip(".").split()
    words.insert(rng.randint(0, len(words)), q)
    return " ".join(words) + rng.choice((" .", " ?", "", " !"))


def _social_filler(rng: random.Random) -> str:
    """Posts with no names: slang, elongated interjections, other languages, bare links, lower case, numbers."""
    f = V.faker("en_US", rng)
    r = rng.random()
    if r < 0.15:
        return _numbers_post(rng)
    if r < 0.35:
        return f"{rng.choice(_SLANG)}{rng.choice((' ', ' . ', '! ', ' - ', ', '))}{f.sentence(nb_words=rng.randint(3, 9))}"
    if r < 0.5:
        return V.faker(rng.choice(_FOREIGN), rng).sentence(nb_words=rng.randint(3, 10))
    if r < 0.7:
        words = "_".join(f.words(rng.randint(3, 7)))
        return f"{f.sentence(nb_words=rng.randint(2, 6))} {f.url()}r/{f.word()}/comments/{f.lexify('?????')}/{words}/"
    words = [w.capitalize() if rng.random() < 0.25 else w for w in f.words(rng.randint(4, 12))]
    return " ".join(words) + rng.choice(("", ".", "!", " ?", " ..."))


def filler(rng: random.Random) -> Sample:
    """Text with no personal data and many capitalised words (sentence starts, field labels, headings): every
    token is outside any entity, except what the base model labels as dates, numbers etc. (rehearsal)."""
    f = V.faker("en_US", rng)
    r = rng.random()
    if r < 0.3:
        return Sample(_social_filler(rng), ())
    if r < 0.45:  # chatter: interjections and slang at the start of a post are not names
        text = f"{rng.choice(_INTERJECTIONS)}{rng.choice((' ', ', ', '. ', ' ... ', '! '))}" \
               f"{f.sentence(nb_words=rng.randint(3, 10)).lower()}"
    elif r < 0.6:
        text = " ".join(f.sentence(nb_words=rng.randint(4, 12)) for _ in range(rng.randint(1, 3)))
    elif r < 0.8:
        lines = []
        for _ in range(rng.randint(1, 4)):
            value = rng.choice((f.catch_phrase(), f.bs(), f.sentence(nb_words=4), str(rng.randint(1, 9999)),
                                f.word().capitalize(), _moment(rng).strftime("%Y-%m-%d")))
            lines.append(f"{rng.choice(_FIELDS)}{rng.choice((': ', ':', ' - ', ' | '))}{value}")
        text = "\n".join(lines)
    else:
        text = f"{f.catch_phrase().title()}\n\n{f.sentence(nb_words=rng.randint(5, 14))}"
    if rng.random() < 0.15:
        text = text.lower()
    return Sample(text, ())


def generate(n: int, seed: int = 0) -> list[Sample]:
    """``n`` documents, each one or two rendered templates and sometimes unlabelled filler text; the same
    ``(n, seed)`` gives the same corpus."""
    out = []
    for i in range(n):
        rng = random.Random(f"privsynth-train:{seed}:{i}")
        parts = [render(t, g, rng) for g, t in rng.sample(TEMPLATES, 2 if rng.random() < 0.25 else 1)]
        if rng.random() < 0.45:
            parts.insert(rng.randint(0, len(parts)), filler(rng))
        text, spans, offset = "", [], 0
        for k, part in enumerate(parts):
            if k:
                text += "\n\n"
                offset += 2
            text += part.text
            spans.extend((s + offset, e + offset, lab) for s, e, lab in part.spans)
            offset += len(part.text)
        out.append(Sample(text, tuple(spans)))
    return out
