"""Augmentation: n distinct, reproducible variants per text (derived sub-keys), never containing the originals."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import privsynth
from privsynth.augment_cli import augment_command
from privsynth.errors import ConfigError

TEXT = ("John Smith (john.smith@gmail.com, +1 415-555-0132) was admitted on 2020-03-04; "
        "card 5425 2334 3010 9903, SSN 460-89-9847. Smith was discharged on 2020-03-10.")
ORIGINALS = ["John", "Smith", "john.smith@gmail.com", "415-555-0132", "5425 2334 3010 9903", "460-89-9847",
             "2020-03-04", "2020-03-10"]


@pytest.fixture(scope="module")
def scrubber():
    return privsynth.Scrubber(key="augment-tests", ner=False)


def test_n_distinct_variants_without_originals(scrubber):
    variants = scrubber.augment(TEXT, 5)
    assert len(variants) == 5
    assert len({v.text for v in variants}) == 5
    for v in variants:
        assert not any(o in v.text for o in ORIGINALS), v.text
        assert v.text != scrubber.scrub(TEXT).text  # variants use sub-keys, not the scrub key
        for r in v.replacements:  # spans point at the surrogates
            assert v.text[r.output_start:r.output_end] not in ORIGINALS


def test_variants_are_reproducible_and_keyed(scrubber):
    a = [v.text for v in scrubber.augment(TEXT, 3)]
    assert a == [v.text for v in privsynth.Scrubber(key="augment-tests", ner=False).augment(TEXT, 3)]
    assert a[:2] == [v.text for v in scrubber.augment(TEXT, 2)]  # variant i does not depend on n
    other = [v.text for v in privsynth.Scrubber(key="another-passphrase", ner=False).augment(TEXT, 3)]
    assert not set(a) & set(other)


def test_variant_keeps_one_person_across_documents_and_intervals(scrubber):
    docs = ["Call John Smith at 415-555-0132.", "John Smith moved; his phone is 415-555-0132."]
    first, second = scrubber.augment_batch(docs, 2)
    for i in range(2):
        phone_a = [first[i].text[r.output_start:r.output_end] for r in first[i].replacements
                   if r.entity_type == "PHONE_NUMBER"]
        phone_b = [second[i].text[r.output_start:r.output_end] for r in second[i].replacements
                   if r.entity_type == "PHONE_NUMBER"]
        assert phone_a == phone_b
    import datetime as dt
    for v in scrubber.augment(TEXT, 3):
        days = [r for r in v.replacements if r.entity_type == "DATE_TIME"]
        a, b = (dt.date.fromisoformat(v.text[r.output_start:r.output_end]) for r in days)
        assert (b - a).days == 6  # per-document date shift keeps the interval in every variant


def test_augment_under_another_bias(scrubber):
    names = ["James", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles",
             "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Paul", "Andrew"]
    before = scrubber.bias_report(reset=True)
    del before
    for name in names:
        scrubber.augment(f"{name} Brown was seen today.", 4, bias={"gender": {"female": 1.0}})
    counts = scrubber.bias_report(reset=True)
    assert counts["surrogates"]["gender"] == {"female": 4 * len(names)}
    assert counts["originals"]["gender"] == {"male": 4 * len(names)}


def test_text_without_personal_data_and_bad_n(scrubber):
    assert [v.text for v in scrubber.augment("Nothing personal here.", 3)] == ["Nothing personal here."] * 3
    for bad in (0, -1, 2.5, True):
        with pytest.raises(ConfigError):
            scrubber.augment(TEXT, bad)
    with pytest.raises(ConfigError):
        scrubber.augment(TEXT, 2, bias="skewed")


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_cli_writes_n_variants_per_record(tmp_path):
    key = tmp_path / "k"
    key.write_text("cli-augment-key\n")
    src = tmp_path / "corpus.jsonl"
    _write_jsonl(src, [{"id": "a1", "text": "Call John Smith at 415-555-0132.", "lang": "en"},
                       {"text": "Email mary.jones@yahoo.com about SSN 460-89-9847."}])
    out = tmp_path / "augmented.jsonl"
    report = tmp_path / "bias.json"
    args = [str(src), "-n", "3", "-o", str(out), "--key-file", str(key), "--no-ner", "--bias", "balanced",
            "--bias-report", str(report)]
    result = CliRunner().invoke(augment_command, args)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["parent_id"], r["variant"]) for r in rows] == [("a1", 0), ("a1", 1), ("a1", 2), (2, 0), (2, 1), (2, 2)]
    assert all(r["lang"] == "en" for r in rows[:3])
    assert len({r["text"] for r in rows[:3]}) == 3 and len({r["text"] for r in rows[3:]}) == 3
    for r in rows:
        assert not any(o in r["text"] for o in ("John", "Smith", "415-555-0132", "mary.jones", "460-89-9847"))
    data = json.loads(report.read_text())
    assert data["records"] == 2 and data["variants"] == 6 and data["bias_setting"] == "balanced"
    assert "key" not in json.dumps(data).replace("key_fingerprint", "")
    first = out.read_text()
    assert CliRunner().invoke(augment_command, args).exit_code == 0
    assert out.read_text() == first  # reproducible with the same key


def test_cli_nested_field_and_errors(tmp_path):
    src = tmp_path / "c.jsonl"
    _write_jsonl(src, [{"meta": {"body": "SSN 460-89-9847"}}])
    out = tmp_path / "o.jsonl"
    env = {"PRIVSYNTH_KEY": "env-key-passphrase"}
    ok = CliRunner().invoke(augment_command, [str(src), "-n", "2", "-o", str(out), "--no-ner", "-t", "meta.body"],
                            env=env)
    assert ok.exit_code == 0, ok.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["parent_id"] for r in rows] == [1, 1] and "460-89-9847" not in out.read_text()
    missing = CliRunner().invoke(augment_command, [str(src), "-o", str(tmp_path / "x.jsonl"), "--no-ner"], env=env)
    assert missing.exit_code == 3 and "line 1" in missing.output and not (tmp_path / "x.jsonl").exists()
    bad_bias = CliRunner().invoke(augment_command, [str(src), "-o", str(out), "--bias", "{\"gender\": 1}"], env=env)
    assert bad_bias.exit_code == 2
    nofile = CliRunner().invoke(augment_command, [str(tmp_path / "none.jsonl"), "-o", str(out)], env=env)
    assert nofile.exit_code == 3
