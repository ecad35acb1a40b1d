"""Countries and regions by name (detect.places): the ISO 3166 list in Title Case or capitals, never common words."""
from __future__ import annotations

import pytest
from privsynth.detect.places import find_place_names, place_names


def _found(text: str) -> list[str]:
    return [text[f.start:f.end] for f in find_place_names(text)]


@pytest.mark.parametrize("text, places", [
    ("RUGBY UNION - MADAGASCAR SQUAD FOR TOUR", ["MADAGASCAR"]),
    ("Netherlands , Eritrea ( Reuters ) - prices rose", ["Netherlands", "Eritrea"]),
    ("Visit Schleswig-Holstein and Benin this summer", ["Schleswig-Holstein", "Benin"]),
    ("she moved to West Virginia", ["West Virginia"]),  # the longest name, not "Virginia" inside it
    ("a plant in Telangana and one in Zürich", ["Telangana", "Zürich"]),  # ISO writes Telangāna
])
def test_listed_places_in_title_case_or_capitals(text, places):
    assert _found(text) == places


@pytest.mark.parametrize("text", [
    "Reading is fun and the Central line was late",  # everyday words that are also region names
    "Victoria went to the Store",  # a given name is left to the name finders; Štore without its accent
    "madagascar in lower case is no evidence",
    "the Benincasa family",  # inside a longer word
])
def test_everyday_words_given_names_and_partial_words_are_no_places(text):
    assert _found(text) == []


def test_every_faker_country_that_iso_lists_is_found():
    # Faker's English country names as sentences; ISO short names cover most of them (Faker adds historical and
    # long-form names such as "Holy See (Vatican City State)", which are left to the country recognizer).
    listed = place_names()
    countries = [n for n in _faker_countries() if n in listed]
    assert len(countries) > 150
    for name in countries:
        assert _found(f"We flew to {name} on Monday.") == [name], name


def _faker_countries() -> list[str]:
    from faker.providers.address.en_US import Provider
    return list(Provider.countries)
