"""The scorer on hand-made cases; every expected number is computed by hand in the comments."""
from __future__ import annotations

import pytest

from privsynth.evaluation.scoring import (
    ALL_FAMILIES, OTHER, Scorer, Span, gold_family, parse_exhaustive, predicted_family, score_documents,
)

#            0         1         2         3         4
#            0123456789012345678901234567890123456789012345678
TEXT = "John Smith met Mary Jones in Paris on 2020-01-02."
GOLD = [Span(0, 10, "PERSON"), Span(15, 25, "PERSON"), Span(29, 34, "LOCATION"), Span(38, 48, "DATE_TIME")]
PRED = [
    Span(0, 5, "PERSON"),          # "John " covers 5/10 of "John Smith": exactly half → found
    Span(15, 19, "PERSON"),        # "Mary" covers 4/10 → not found
    Span(15, 25, "ORGANIZATION"),  # never counts, neither for recall nor for precision
    Span(29, 34, "LOCATION"),      # exact
    Span(38, 48, "PERSON"),        # wrong type on the date: found for recall-any, not for typed recall
]
OUTPUT = "Mark Smith met Mary Jones in Lyon on ZZZ."


def approx(x: float) -> object:
    return pytest.approx(x, abs=1e-9)


def test_surface_text_offsets() -> None:
    assert [TEXT[g.start:g.end] for g in GOLD] == ["John Smith", "Mary Jones", "Paris", "2020-01-02"]


def test_recall_precision_f_and_leak_by_hand() -> None:
    s = Scorer()
    s.add(TEXT, GOLD, PRED, output=OUTPUT, source="presidio_research_synth_v2")  # exhaustive on all families
    r = s.result()
    o = r.overall
    assert o.gold == 4
    assert o.recall_any == approx(3 / 4)     # John, Paris, date
    assert o.recall == approx(2 / 4)         # John, Paris
    # scored predictions: 3 PERSON (2 right) + 1 LOCATION (right); ORGANIZATION skipped
    assert o.predicted == 4
    assert o.precision == approx(3 / 4)
    assert o.precision_any == approx(4 / 4)  # the PERSON on the date is still on gold PII
    assert o.f1 == approx(2 * 0.75 * 0.5 / (0.75 + 0.5))              # 0.6
    assert o.f2 == approx(5 * 0.75 * 0.5 / (4 * 0.75 + 0.5))          # 0.5357…
    # "Mary Jones" is still in the output; "Smith" alone is, but not the whole "John Smith"
    assert (o.leak_total, o.leaked) == (4, 1)
    assert o.leak_rate == approx(0.25)

    p = r.families["PERSON"]
    assert (p.gold, p.predicted) == (2, 3)
    assert p.recall_any == approx(0.5) and p.recall == approx(0.5)
    assert p.precision == approx(2 / 3)
    assert p.f1 == approx(4 / 7)           # 2·(2/3)·(1/2) / (2/3 + 1/2)
    assert p.f2 == approx(10 / 19)         # 5·(1/3) / (8/3 + 1/2)
    assert p.leak_rate == approx(0.5)

    loc = r.families["LOCATION/ADDRESS"]
    assert (loc.recall, loc.precision, loc.f1) == (approx(1.0), approx(1.0), approx(1.0))
    d = r.families["DATE"]
    assert (d.recall_any, d.recall, d.predicted, d.precision) == (approx(1.0), approx(0.0), 0, None)
    assert d.f1 == approx(0.0)             # something to find, nothing of the type predicted
    e = r.families["EMAIL"]
    assert (e.gold, e.recall, e.precision, e.f1) == (0, None, None, None)
    assert r.predicted_types["ORGANIZATION"] == 1


def test_union_of_several_predictions_covers_an_address() -> None:
    text = "12 Main St, Springfield"
    gold = [Span(0, 23, "ADDRESS")]
    # "12 Main St" (10) + "Springfield" (11) = 21 of 23 characters, both in the LOCATION/ADDRESS family
    pred = [Span(0, 10, "ADDRESS"), Span(12, 23, "LOCATION")]
    r = score_documents([(text, gold, pred, None, "presidio_research_synth_v2")])
    f = r.families["LOCATION/ADDRESS"]
    assert (f.recall, f.predicted, f.precision) == (approx(1.0), 2, approx(1.0))
    assert f.leak_rate is None and r.overall.leak_rate is None  # no outputs given


def test_below_half_is_missed_and_zip_is_location_family() -> None:
    text = "zip 90210-1234"
    gold = [Span(4, 14, "ZIP_CODE")]
    r = score_documents([(text, gold, [Span(4, 8, "ZIP_CODE")], None, None)])  # 4/10 < half
    assert r.families["LOCATION/ADDRESS"].recall == approx(0.0)
    r = score_documents([(text, gold, [Span(4, 9, "ZIP_CODE")], None, None)])  # 5/10 = half
    assert r.families["LOCATION/ADDRESS"].recall == approx(1.0)


def test_precision_only_on_exhaustive_families_and_optional_spans() -> None:
    #       0         1         2         3
    #       0123456789012345678901234567890123456
    text = "Acme hired Bob on Monday via @bobby"
    gold = [Span(0, 4, "ORGANIZATION"), Span(11, 14, "PERSON"), Span(29, 35, "OPTIONAL"), Span(18, 24, "MISC")]
    pred = [
        Span(0, 4, "PERSON"),        # PERSON on an organisation: a false positive (PERSON is exhaustive)
        Span(11, 14, "PERSON"),      # right
        Span(18, 24, "DATE_TIME"),   # DATE is not marked by WNUT-17: not scored
        Span(29, 35, "USERNAME"),    # inside an OPTIONAL gold span: neither right nor wrong
    ]
    r = score_documents([(text, gold, pred, None, "wnut17_test")])
    assert r.exhaustive == {"wnut17_test": ["PERSON", "LOCATION/ADDRESS"]}
    p = r.families["PERSON"]
    assert (p.gold, p.recall, p.predicted, p.precision) == (1, approx(1.0), 2, approx(0.5))
    assert r.families["DATE"].precision is None and r.families["DATE"].predicted == 0
    assert r.families["ID"].precision is None
    assert r.overall.precision == approx(0.5)
    assert r.ignored_gold_labels == {"ORGANIZATION": 1, "MISC": 1}


def test_unknown_source_has_no_precision_unless_declared() -> None:
    text, gold, pred = "Bob", [Span(0, 3, "PERSON")], [Span(0, 3, "PERSON")]
    r = score_documents([(text, gold, pred, "x", "somewhere")])
    assert r.overall.precision is None and r.overall.f1 is None and r.overall.recall == approx(1.0)
    s = Scorer()
    s.add(text, gold, pred, output="x", source="somewhere", exhaustive=["PERSON"])  # per-record declaration
    assert s.result().overall.precision == approx(1.0)
    assert Scorer(exhaustive="all").exhaustive_for("somewhere") == ALL_FAMILIES  # run-wide override


def test_leak_ignores_short_strings_and_counts_each_gold_span() -> None:
    text = "Al and Bob and Bob"
    gold = [Span(0, 2, "PERSON"), Span(7, 10, "PERSON"), Span(15, 18, "PERSON")]
    r = score_documents([(text, gold, [Span(7, 10, "PERSON")], "Al and Tom and Bob", None)])
    o = r.overall
    # "Al" (2 chars) is not counted; both "Bob" spans are, and "Bob" is still in the output
    assert (o.leak_total, o.leaked) == (2, 2)
    assert o.recall == approx(1 / 3)


def test_unknown_predicted_types_count_for_recall_any_only_and_duplicates_once() -> None:
    text = "TFN 123 456 782"
    gold = [Span(4, 15, "ID_CODE")]
    pred = [Span(4, 15, "AU_TFN"), Span(4, 15, "AU_TFN")]
    r = score_documents([(text, gold, pred, None, "presidio_research_synth_v2")])
    assert predicted_family("AU_TFN") == OTHER
    assert r.overall.recall_any == approx(1.0) and r.overall.recall == approx(0.0)
    assert r.predicted_types == {"AU_TFN": 2}
    assert r.overall.predicted == 0  # OTHER is not a scored family


def test_family_mapping() -> None:
    assert gold_family("ZIP_CODE") == "LOCATION/ADDRESS"
    assert gold_family("US_SSN") == gold_family("US_DRIVER_LICENSE") == gold_family("ID_CODE") == "ID"
    assert gold_family("US_PASSPORT") == "ID"
    for label in ("ORGANIZATION", "TITLE", "NRP", "MISC", "OPTIONAL", "PRODUCT", "CREATIVE_WORK"):
        assert gold_family(label) is None
        assert predicted_family(label) is None
    assert predicted_family("DATE_TIME") == "DATE"


def test_parse_exhaustive() -> None:
    assert parse_exhaustive("all") == ALL_FAMILIES
    assert parse_exhaustive("PERSON,location") == {"PERSON", "LOCATION/ADDRESS"}
    assert parse_exhaustive(["EMAIL_ADDRESS", "ID"]) == {"EMAIL", "ID"}
    with pytest.raises(ValueError, match="Unknown family"):
        parse_exhaustive(["NOPE"])


def test_empty_scorer() -> None:
    r = Scorer().result()
    assert r.docs == 0 and r.overall.recall is None and r.overall.leak_rate is None


def test_errors_lists_missed_gold_and_spurious_predictions() -> None:
    from privsynth.evaluation.scoring import errors

    missed, spurious = errors(TEXT, GOLD, PRED)
    assert [(g.start, g.end, f) for g, f in missed] == [(15, 25, "PERSON")]  # only "Mary Jones" is missed
    assert spurious == []  # the ORGANIZATION prediction is not PII; every other prediction is on gold PII
    _, spurious = errors("x Bob", [], [Span(2, 5, "PERSON"), Span(0, 1, "NRP")])
    assert [(p.start, f) for p, f in spurious] == [(2, "PERSON")]
