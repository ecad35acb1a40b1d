"""Issue 15 item 9 (linking) and the threat model's controls: consistency="document", date_shift="year"."""
from __future__ import annotations

import re

import pytest
from faker import Faker

import privsynth
from privsynth.errors import ConfigError
from privsynth.keys import SecretKey
from privsynth.locales import load_locale
from privsynth.surrogates import SurrogateEngine
from privsynth.types import Finding

KEY = SecretKey(b"threat-controls-key-00001")


def _person(text: str, start: int, end: int) -> Finding:
    return Finding(start, end, "PERSON", 0.85, "spacy")


def _surname_of_full(engine: SurrogateEngine, first: str, last: str) -> str:
    text = f"{first} {last} called."
    return engine.surrogates(text, [_person(text, 0, len(first) + 1 + len(last))])[0].split()[-1]


def _titled(engine: SurrogateEngine, title: str, last: str) -> str:
    text = f"We met {title} {last} yesterday."
    start = text.index(last)  # the detector finds the name without its title
    return engine.surrogates(text, [_person(text, start, start + len(last))])[0]


def test_after_a_title_a_lone_name_is_the_surname_of_the_full_name():
    engine = SurrogateEngine(KEY, load_locale("en_US"))
    fake = Faker("en_US")
    fake.seed_instance(11)
    names = {(fake.first_name(), fake.last_name()) for _ in range(600)}
    titles = ["Mr.", "Mrs", "Ms.", "Dr", "Prof."]
    mismatched = [(f, l) for i, (f, l) in enumerate(sorted(names))
                  if _titled(engine, titles[i % len(titles)], l) != _surname_of_full(engine, f, l)]
    assert not mismatched, mismatched[:5]


@pytest.mark.parametrize("span,surname", [("Dr Carter", "Carter"), ("Mrs. Day", "Day"), ("Prof. June Hill", "Hill")])
def test_titled_names_inside_the_span_follow_the_same_rule(span, surname):
    engine = SurrogateEngine(KEY, load_locale("en_US"))
    text = span + " will see you."
    titled = engine.surrogates(text, [_person(text, 0, len(span))])[0]
    assert titled.endswith(" " + _surname_of_full(engine, "Emma", surname)), titled


def test_document_consistency_gives_each_document_its_own_surrogates():
    corpus = SurrogateEngine(KEY, load_locale("en_US"))
    per_doc = SurrogateEngine(KEY, load_locale("en_US"), consistency="document")
    a, b = "Emma Carter called.", "Emma Carter wrote."
    span = [_person(a, 0, 11)]
    assert corpus.surrogates(a, span) == corpus.surrogates(b, span)
    assert per_doc.surrogates(a, span) != per_doc.surrogates(b, span)
    assert per_doc.surrogates(a, span) == per_doc.surrogates(a, span)  # still consistent within a document
    text = "Emma Carter met Carter."
    inside = per_doc.surrogates(text, [_person(text, 0, 11), _person(text, 16, 22)])
    assert inside[0].split()[-1] == inside[1]


def test_consistency_option_is_validated():
    with pytest.raises(ConfigError, match="consistency"):
        privsynth.Scrubber(key="threat-controls-passphrase", consistency="nope")


def test_year_generalization_leaves_no_day_to_reveal_the_offset():
    scrubber = privsynth.Scrubber(key="threat-controls-passphrase", ner=False, date_shift="year")
    new = scrubber.scrub("Admitted 2021-03-04, discharged 03/14/2021.").text
    assert new == "Admitted 2021, discharged 2021.", new
    assert not re.search(r"\d{1,2}[/-]\d{1,2}", new)
