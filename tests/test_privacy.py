"""Privacy is the product: no original value in logs, exceptions or output; re-scanning the output finds none."""
from __future__ import annotations

import logging

import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

import privsynth
from privsynth.errors import PrivsynthError


def _corpus(n: int = 40) -> list[tuple[str, list[str]]]:
    fake = Faker("en_US")
    fake.seed_instance(7)
    docs = []
    for _ in range(n):
        values = [fake.name(), fake.email(), fake.phone_number(), fake.credit_card_number(), fake.ssn(),
                  fake.ipv4_public()]
        text = (f"Dear {values[0]}, we wrote to {values[1]} and called {values[2]}. Card {values[3]} "
                f"and SSN {values[4]} were seen from {values[5]}.")
        docs.append((text, values))
    return docs


def test_no_original_in_debug_logs(scrubber, caplog):
    caplog.set_level(logging.DEBUG)
    docs = _corpus(10)
    list(scrubber.scrub_batch([t for t, _ in docs]))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for _, values in docs:
        for value in values:
            assert value not in logged


def test_faker_corpus_leaves_no_original_behind(scrubber):
    docs = _corpus()
    for (text, values), result in zip(docs, scrubber.scrub_batch([t for t, _ in docs])):
        for value in values:
            assert value not in result.text, "an original value survived"


def test_output_rescan_finds_no_original(scrubber):
    """Scrubbing the output again finds values there, but none of them is an original."""
    docs = _corpus(10)
    first = list(scrubber.scrub_batch([t for t, _ in docs]))
    second = list(scrubber.scrub_batch([r.text for r in first]))
    for (text, values), again in zip(docs, second):
        found = {again_text for again_text in (first[0].text,)}  # the surrogates are found as data again
        assert again.replacements  # the output still reads like personal data (realistic surrogates)
        for value in values:
            assert value not in again.text
        del found


def test_exception_messages_never_quote_the_input(scrubber):
    secret = "Jonathan Secretperson 4111 1111 1111 1111"
    with pytest.raises(PrivsynthError) as info:
        scrubber.scrub(secret.encode())
    assert "Secretperson" not in str(info.value) and "4111" not in str(info.value)
    with pytest.raises(PrivsynthError) as info:
        privsynth.Scrubber(key="tests-passphrase-k", entities=[secret])
    assert "Secretperson" not in str(info.value) or "Unknown entity" in str(info.value)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["Call", "Maria", "Lopez", "at", "212-555-0187", "or", "maria@example.org",
                                 ".", ",", "\n", "on", "May 5, 2020", "née", "😀", "東京"]), max_size=25))
def test_offsets_are_valid_for_any_text(text_parts):
    scrubber = _cached()
    text = " ".join(text_parts)
    result = scrubber.scrub(text)
    previous_end = 0
    for r in result.replacements:
        assert 0 <= r.start < r.end <= len(text) and r.start >= previous_end
        assert result.text[r.output_start:r.output_end] != text[r.start:r.end]
        previous_end = r.end
    assert "maria@example.org" not in result.text and "212-555-0187" not in result.text


_SCRUBBER = []


def _cached():
    if not _SCRUBBER:
        _SCRUBBER.append(privsynth.Scrubber(key="hypothesis-key"))
    return _SCRUBBER[0]
