"""Issue 15 items 1, 4 (English) and 5: names in ALL CAPS or lower case, and names whose parts are words."""
from __future__ import annotations

import pytest
from faker import Faker

EN_TEMPLATES = ("I met {} yesterday.", "Please forward the invoice to {} before Friday.",
                "The form was signed by {} on behalf of the company.")


def _faker_names(n: int, seed: int) -> list[str]:
    fake = Faker("en_US")
    fake.seed_instance(seed)
    return [f"{fake.first_name()} {fake.last_name()}" for _ in range(n)]


def _leaked(scrubber, texts, values) -> list[str]:
    return [v for r, v in zip(scrubber.scrub_batch(texts), values) if v in r.text]


def test_readme_example_upper_case(scrubber):
    out = scrubber.scrub("I met JOHN SMITH yesterday.").text
    assert "JOHN" not in out and "SMITH" not in out
    assert out.split()[2].isupper()  # the surrogate keeps the case


def test_upper_case_names_in_running_text(scrubber):
    names = [n.upper() for n in _faker_names(60, 1501)]
    texts = [EN_TEMPLATES[i % 3].format(n) for i, n in enumerate(names)]
    assert len(_leaked(scrubber, texts, names)) <= 2  # was 50 % and more


@pytest.mark.parametrize("text,name", [("DEAR MR. JONES,", "JONES"), ("SMITH, JOHN A.\nDOB: 01/02/1990", "SMITH"),
                                       ("SIGNED: MARY ELLEN O'CONNOR", "O'CONNOR")])
def test_upper_case_forms(scrubber, text, name):
    assert name not in scrubber.scrub(text).text


@pytest.mark.parametrize("header", ["TERMS AND CONDITIONS", "PLEASE READ CAREFULLY", "MARK AS READ",
                                    "GRANT APPLICATION GUIDELINES", "WILL AND TESTAMENT", "ROSE GARDEN TOUR",
                                    "BILL OF SALE", "HOPE FOR THE BEST", "SUMMER SALE ENDS SOON"])
def test_all_caps_headers_of_ordinary_words_stay(scrubber, header):
    assert scrubber.scrub(header).text == header


def test_lower_case_full_names(scrubber):
    names = [n.lower() for n in _faker_names(60, 1502)]
    templates = ("i met {} yesterday.", "talked to {} about the party", "can you ask {} to send the notes")
    texts = [templates[i % 3].format(n) for i, n in enumerate(names)]
    assert len(_leaked(scrubber, texts, names)) <= 3
    assert "bailey jimenez" not in scrubber.scrub("I met bailey jimenez yesterday.").text


@pytest.mark.parametrize("text", ["i will mark the page and grant you access", "bill the customer and frank will check",
                                  "we walked down the lane to the park", "the house on the hill faces west"])
def test_lower_case_sentences_stay(scrubber, text):
    assert scrubber.scrub(text).text == text


@pytest.mark.parametrize("name,part", [("Kathleen Day", "Day"), ("Laura West", "West"), ("Scott Hill", "Hill"),
                                       ("Henry Lord", "Lord"), ("June Baker", "June"), ("April Lawrence", "April"),
                                       ("Heather Park", "Park"), ("Brian May", "May")])
def test_a_part_of_a_detected_name_is_part_of_it(scrubber, name, part):
    for template in ("{} called about the invoice.", "Thanks, {}, for the notes.", "I met {} on Monday."):
        out = scrubber.scrub(template.format(name)).text
        assert part not in out.replace("Monday", "").replace("Tuesday", ""), out


def test_a_lone_lower_case_noun_is_no_person_but_a_lone_lower_case_name_is():
    """NER's lone lower-case PERSON finding passes the gate only when the word is a known name or no English noun
    or verb: "maze", "molecules", "ones" are the sentence; a surname outside the tables is kept."""
    from faker import Faker

    from privsynth.detect.case_names import gate_uncased_ner
    from privsynth.types import Finding

    fake = Faker("en_US")
    fake.seed_instance(21)
    given = fake.first_name().lower()
    cases = [("and in that maze was one guy", "maze", False), ("freezing molecules always follow rules", "molecules",
             False), ("the early ones were doctors", "ones", False), (f"ask {given} about it", given, True),
             ("thanks zorvakian for the tip", "zorvakian", True)]
    for text, word, kept in cases:
        start = text.index(word)
        found = gate_uncased_ner(text, [Finding(start, start + len(word), "PERSON", 0.85, "spacy")])
        assert bool(found) is kept, (text, word)
