"""NerDetector keeps the first new words' lexemes (cheaper batches) and frees each batch's once past its budget;
either way it finds the same entities."""
from __future__ import annotations

import random
import string

import pytest
from faker import Faker

from privsynth.detect.ner import NerDetector, load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline("privsynth_en_ner")


def _texts(n: int, seed: int) -> list[str]:
    fake = Faker("en_US")
    fake.seed_instance(seed)
    return [f"{fake.name()} moved from {fake.city()} to {fake.address()} on {fake.date()}. "
            + fake.paragraph(nb_sentences=4) for _ in range(n)]


def _new_words(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["q" + "".join(rng.choice(string.ascii_lowercase) for _ in range(12)) for _ in range(n)]


def test_kept_and_freed_lexemes_give_the_same_findings(nlp) -> None:
    texts = _texts(40, 1501)
    kept = NerDetector(nlp)
    zoned = NerDetector(nlp, kept_lexemes=0)  # a memory zone around every batch, as before
    assert kept.vocab_budget > len(nlp.vocab)
    found = kept.detect_batch(texts)
    assert found == zoned.detect_batch(texts)
    assert sum(len(f) for f in found) > 40  # the texts do hold entities


def test_words_are_kept_until_the_budget_then_freed(nlp) -> None:
    detector = NerDetector(nlp, kept_lexemes=300)
    first = _new_words(200, 1502)
    detector.detect_batch([" ".join(first)])
    assert all(w in nlp.vocab for w in first)  # within the budget: kept for the next batches
    detector.detect_batch([" ".join(_new_words(200, 1503))])  # passes the budget
    later = _new_words(200, 1504)
    detector.detect_batch([" ".join(later)])
    assert not any(w in nlp.vocab for w in later)  # past it: each batch's new words are freed again
    assert all(w in nlp.vocab for w in first)
