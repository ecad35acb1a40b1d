"""Identifiers by shape and context (case, application, docket, claim, policy, ticket, order, account, patient and
record numbers): found end to end, replaced by a surrogate of the same shape, consistently, and bare numbers with
a label word ("no. 5", "order 12") left alone."""
from __future__ import annotations

import re

import pytest
from faker import Faker

from privsynth.config import ALL_ENTITIES, DEFAULT_ENTITIES
from privsynth.evaluation.scoring import LABEL_FAMILY


def _shape(value: str) -> str:
    return re.sub(r"[A-Za-z]", "a", re.sub(r"\d", "9", value))


def _documents(seed: int) -> list[tuple[str, str, str]]:
    """(text, identifier, expected type) built from each format's public specification, values from Faker."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    n = fake.numerify
    out = [
        (f"{fake.name()} lodged application no. {(v := n('#####/##'))} against the State.", v, "CASE_NUMBER"),
        (f"The Court referred to Case {(v := 'C-' + n('###/##'))} and its ruling.", f"Case {v}", "CASE_NUMBER"),
        (f"See {fake.last_name()} v. {fake.company()}, No. {(v := n('#:##-cv-#####'))} (S.D.N.Y.).", v,
         "CASE_NUMBER"),
        (f"Docket No. {(v := n('##-####'))} was argued in {fake.month_name()}.", v, "CASE_NUMBER"),
        (f"Your claim number: {(v := 'CLM-' + n('####-######'))} is being processed.", v, "ID_NUMBER"),
        (f"Policy #{(v := fake.bothify('??#-#######').upper())} renews next year.", v, "ID_NUMBER"),
        (f"Ticket ID: {(v := n('######'))} was closed by {fake.first_name()}.", v, "ID_NUMBER"),
        (f"Order #{(v := n('###-#######-#######'))} has shipped to {fake.city()}.", v, "ID_NUMBER"),
        (f"Customer ID: {(v := fake.bothify('CU#######'))} on file.", v, "ACCOUNT_NUMBER"),
        (f"Patient ID: {(v := 'PT-' + n('####-#####'))} admitted today.", v, "MEDICAL_RECORD_NUMBER"),
        (f"MRN {(v := n('########'))}, seen in clinic.", v, "MEDICAL_RECORD_NUMBER"),
        (f"Employee ID: {(v := 'E-' + n('#####'))} badge renewed.", v, "ID_NUMBER"),
    ]
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_identifiers_are_replaced_by_same_shape_surrogates(scrubber, seed):
    for text, value, entity in _documents(seed):
        result = scrubber.scrub(text)
        assert value not in result.text, f"{entity} survived"
        hits = [r for r in result.replacements if r.start <= text.index(value) < r.end]
        assert hits and hits[0].entity_type == entity, (entity, [r.entity_type for r in result.replacements])
        surrogate = result.text[hits[0].output_start:hits[0].output_end]
        original = text[hits[0].start:hits[0].end]
        assert surrogate != original and _shape(surrogate) == _shape(original)


def test_case_numbers_keep_their_letters_and_are_consistent(scrubber):
    text = "Joined Cases C-402/05 P and T-315/05; docket 1:19-cv-01234-ABC; see again C-402/05."
    result = scrubber.scrub(text)
    spans = [result.text[r.output_start:r.output_end] for r in result.replacements
             if r.entity_type == "CASE_NUMBER"]
    assert len(spans) == 4
    assert spans[0].startswith("Joined Cases C-") and spans[1].startswith("T-") and "-cv-" in spans[2]
    assert spans[2].endswith("-ABC")
    assert spans[3] == spans[0].removeprefix("Joined Cases ")
    assert "402/05" not in result.text and "01234" not in result.text


@pytest.mark.parametrize("text", ["Please see no. 5 below.", "order 12 pizzas for the team", "ticket 4521",
                                  "Under Law no. 123/95 of the Republic.", "The 2019/20 season was long.",
                                  "Case closed at 10:30."])
def test_label_words_with_short_or_other_numbers_stay(scrubber, text):
    kinds = {r.entity_type for r in scrubber.scrub(text).replacements}
    assert not kinds & {"CASE_NUMBER", "ID_NUMBER", "ACCOUNT_NUMBER", "MEDICAL_RECORD_NUMBER"}


def test_new_types_are_replaced_by_default_and_scored_as_identifiers():
    for entity in ("CASE_NUMBER", "ID_NUMBER"):
        assert entity in ALL_ENTITIES and entity in DEFAULT_ENTITIES and LABEL_FAMILY[entity] == "ID"
