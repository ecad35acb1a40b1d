"""Overlap resolution and mention linking are pure functions: findings in, entities out."""
from __future__ import annotations

from privsynth.resolve import link_mentions, resolve
from privsynth.types import Finding


def f(start, end, entity, score=0.8, recognizer="test"):
    return Finding(start, end, entity, score, recognizer)


def test_email_beats_the_url_inside_it():
    text = "mail john.smith@acme.com now"
    out = resolve([f(5, 24, "EMAIL_ADDRESS", 0.9), f(16, 24, "URL", 0.5)], text)
    assert [(e.start, e.end, e.entity_type) for e in out] == [(5, 24, "EMAIL_ADDRESS")]


def test_street_address_beats_the_city_inside_it():
    text = "at 1 Main St, Springfield, IL 62704."
    out = resolve([f(3, 35, "ADDRESS", 0.6), f(14, 25, "LOCATION", 0.85, "spacy:GPE")], text)
    assert [(e.entity_type) for e in out] == ["ADDRESS"]


def test_validated_value_beats_a_longer_guess():
    text = "SSN 460-89-9847 ok"
    out = resolve([f(0, 15, "DATE_TIME", 0.85, "spacy:DATE"), f(4, 15, "US_SSN", 1.0, "us_ssn")], text)
    assert [(e.start, e.end, e.entity_type) for e in out] == [(4, 15, "US_SSN")]


def test_partly_overlapped_name_keeps_its_remainder():
    text = "I'm John Smith (john.smith@x.com)"
    out = resolve([f(4, 20, "PERSON", 0.85, "spacy:PERSON"), f(16, 32, "EMAIL_ADDRESS", 0.9)], text)
    assert [(text[e.start:e.end], e.entity_type) for e in out] == [("John Smith", "PERSON"),
                                                                   ("john.smith@x.com", "EMAIL_ADDRESS")]


def test_threshold_and_sorting_and_no_overlaps():
    text = "a b c d e f g h i j"
    findings = [f(0, 3, "PERSON", 0.2), f(4, 9, "LOCATION"), f(6, 13, "PERSON"), f(14, 19, "AGE", 0.9)]
    out = resolve(findings, text, threshold=0.35)
    assert all(a.end <= b.start for a, b in zip(out, out[1:]))
    assert all(e.score >= 0.35 for e in out)
    assert resolve([], text) == []


def test_resolve_does_not_mutate_its_input():
    findings = [f(0, 5, "PERSON"), f(2, 8, "LOCATION")]
    before = list(findings)
    resolve(findings, "abcdefghij")
    assert findings == before


def test_link_mentions_finds_other_capitalized_mentions():
    text = "John Smith came. SMITH left; smithy stayed; Smith's dog."
    extra = link_mentions(text, [f(0, 10, "PERSON")])
    assert sorted(text[e.start:e.end] for e in extra) == ["SMITH", "Smith"]


def test_link_mentions_in_japanese_without_word_boundaries():
    # Name parts come from the detected span's words; splitting an unspaced 山田太郎 is the Japanese module's job.
    text = "山田 太郎さんへ。山田さんは来ます。"
    extra = link_mentions(text, [f(0, 5, "PERSON")])
    assert [text[e.start:e.end] for e in extra] == ["山田"]


def test_repeat_mentions_finds_verbatim_repeats_of_replaced_values():
    from privsynth.resolve import repeat_mentions

    text = "Call 212-555-0187 now. Again: 212-555-0187! Not 1212-555-01870."
    extra = repeat_mentions(text, [f(5, 17, "PHONE_NUMBER", 1.0)])
    assert [(text[e.start:e.end], e.entity_type) for e in extra] == [("212-555-0187", "PHONE_NUMBER")]
    assert extra[0].start == 30


def test_a_structured_value_beats_a_longer_ner_span_around_it():
    text = "May 5, 2020 maria@example.org Lopez"
    out = resolve([f(0, 11, "DATE_TIME", 0.7, "date"), f(12, 29, "EMAIL_ADDRESS", 0.9, "email_address"),
                   f(0, 29, "DATE_TIME", 0.85, "spacy:DATE")], text)
    assert [(text[e.start:e.end], e.entity_type) for e in out] == [("May 5, 2020", "DATE_TIME"),
                                                                   ("maria@example.org", "EMAIL_ADDRESS")]
