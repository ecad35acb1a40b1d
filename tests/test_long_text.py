"""Long documents are split at natural boundaries for NER, never truncated; offsets stay exact."""
from __future__ import annotations

from privsynth.detect.ner import split_points


def test_split_points_respect_limit_and_prefer_paragraphs():
    text = ("A short sentence. " * 40 + "\n\n") * 30
    cuts = split_points(text, 2000)
    assert cuts[0] == 0 and cuts[-1] == len(text)
    assert all(0 < b - a <= 2000 for a, b in zip(cuts, cuts[1:]))
    assert all(text[c - 2:c] == "\n\n" for c in cuts[1:-1])


def test_split_points_without_any_boundary_still_cover_the_text():
    text = "x" * 10_500
    cuts = split_points(text, 1000)
    assert cuts[-1] == len(text) and all(b - a <= 1000 for a, b in zip(cuts, cuts[1:]))


def test_five_megabyte_text_is_scrubbed_completely(test_key):
    import privsynth

    # Structured recognizers only: NER on 5 MB takes minutes on a CI core; NER splitting is tested below.
    scrubber = privsynth.Scrubber(key=test_key, ner=False)
    block = ("Patient Maria Lopez (maria.lopez@example.org, 212-555-0187) was seen on 03/04/2021. "
             "Nothing else happened that day.\n\n")
    text = block * (5_000_000 // len(block) + 1)
    assert len(text) > 5_000_000
    result = scrubber.scrub(text)
    assert "maria.lopez@example.org" not in result.text and "212-555-0187" not in result.text
    assert len(result.replacements) >= 3 * (len(text) // len(block))
    r = result.replacements[-1]
    assert text[r.start:r.end] in block and result.text[r.output_start:r.output_end]


def test_ner_pieces_map_offsets_back_exactly(scrubber):
    from privsynth.detect.ner import NerDetector

    detector = NerDetector(scrubber._pipeline("en").detector.ner.nlp, piece_chars=500)
    paragraph = "Yesterday Maria Lopez met Daniel Brown in Chicago. They talked for hours about the weather.\n\n"
    text = paragraph * 40
    findings = detector.detect_batch([text])[0]
    people = [text[f.start:f.end] for f in findings if f.entity_type == "PERSON"]
    assert people.count("Maria Lopez") >= 35 and people.count("Daniel Brown") >= 35
    assert all(text[f.start:f.end].strip() == text[f.start:f.end] for f in findings)


def test_a_house_number_with_a_dot_does_not_cut_an_address_from_its_city(scrubber):
    """Central-European addresses write the house number with a dot ("Petőfi kapu 12., 4031 Debrecen"): the
    sentencizer must not end a sentence there, or the postcode and city are never seen as part of the address."""
    from faker import Faker

    fake = Faker("hu_HU")
    fake.seed_instance(3)
    leaked = []
    for _ in range(20):
        street, city = f"{fake.street_name()} {fake.random_int(1, 99)}.", fake.city()
        text = f"Send it to {street}, {fake.postcode()} {city} please."
        if city in scrubber.scrub(text).text:
            leaked.append(city)
    assert len(leaked) <= 4, leaked
