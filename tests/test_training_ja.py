"""The Japanese synthetic training corpus and the shipped Japanese NER head (privsynth_ja_ner)."""
from __future__ import annotations

import random
import re

import pytest
from conftest import persons_found, weights_of_two_builds
from faker import Faker

from privsynth._models import model_version, packaged_path
from privsynth.lexicon.ja_names import HONORIFICS, script_of
from privsynth.training.ja.corpus import LABELS, generate


# ------------------------------------------------------------------------------------------------ the corpus
def test_corpus_is_a_function_of_its_seed():
    assert generate(40, seed=3) == generate(40, seed=3)
    assert generate(40, seed=3) != generate(40, seed=4)


def test_spans_are_exact_tight_and_disjoint():
    labels = set()
    for doc in generate(400, seed=11):
        marked = sorted([(a, b) for a, b, _ in doc.spans] + list(doc.missing))
        assert all(x[1] <= y[0] for x, y in zip(marked, marked[1:])), "spans overlap"
        for start, end, label in doc.spans:
            span = doc.text[start:end]
            assert label in LABELS
            assert span and span == span.strip() and span.strip("　") == span, (span, label)
            labels.add(label)
    assert labels == set(LABELS)


def test_names_come_in_every_script_mostly_without_honorifics():
    docs = generate(1500, seed=8)
    people = [(d.text, a, b) for d in docs for a, b, lab in d.spans if lab == "Person"]
    scripts = {script_of(t[a:b].replace(" ", "").replace("　", "").replace("・", "")) for t, a, b in people}
    assert {"kanji", "katakana", "hiragana"} <= scripts
    assert any(re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+|[A-Z]+ [A-Z][a-z]+", t[a:b]) for t, a, b in people)
    bare = sum(not t[b:].startswith(HONORIFICS) for t, a, b in people)
    assert bare > 0.7 * len(people)
    # Both listed names and names composed from name characters (the model must learn context, not a list).
    from privsynth.lexicon.ja_names import ja_names

    kanji_full = {t[a:b] for t, a, b in people if script_of(t[a:b]) == "kanji" and b - a >= 3}
    listed = {n for n in kanji_full if n[:2] in ja_names().family_kanji}
    assert listed and len(kanji_full - listed) > 50


@pytest.mark.slow
def test_training_twice_gives_byte_identical_weights(tmp_path):
    """Same code and seed, two processes (with the caller's thread/hash settings unset): identical weights."""
    import hashlib

    outs = weights_of_two_builds("privsynth.training.ja.train", tmp_path, "--n-synthetic", "40", "--epochs", "1",
                                 "--n-dev", "5")
    digests = [hashlib.sha256((out / "ner" / "model").read_bytes()).hexdigest() for out in outs]
    assert not any((out / "ner" / "vocab").exists() for out in outs), \
        "the base model's vocabulary must not be shipped again"
    assert digests[0] == digests[1]


# ------------------------------------------------------------------------------------------------ the model
needs_model = pytest.mark.skipif(packaged_path("privsynth_ja_ner") is None,
                                 reason="the shipped Japanese model is missing: run `make train`")


@needs_model
def test_shipped_japanese_model_is_named_and_versioned():
    import privsynth

    s = privsynth.Scrubber(language="ja", key="test-key-training-ja", spacy_model="privsynth_ja_ner")
    version = s.versions()["model:privsynth_ja_ner"]
    assert re.fullmatch(r"\d+\.\d+\.\d+ sha256:[0-9a-f]{16}", version)
    assert version == model_version("privsynth_ja_ner")
    old = privsynth.Scrubber(language="ja", key="test-key-training-ja", spacy_model="ja_ginza")
    assert "model:ja_ginza" in old.versions()


def _bare_name_cases(seed: int) -> list[tuple[str, str]]:
    """(text, name): Faker ja_JP names without an honorific, in sentences written here (not the templates)."""
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    frames = ("{n}は来月から大阪の支社で働く予定だ。", "会議の議事録は{n}がまとめた。", "写真を撮ってくれたのは{n}だった。",
              "週末、{n}と一緒に山へ登った。", "この報告書の作成者：{n}", "{n}によると、工事は三月に終わる。")
    cases = []
    for i in range(18):
        name = fake.last_name() + fake.first_name() if i % 3 else fake.last_name()
        cases.append((rng.choice(frames).format(n=name), name))
    return cases


@needs_model
def test_shipped_japanese_model_finds_bare_names_ginza_misses():
    cases = _bare_name_cases(seed=5)
    new, old = persons_found("privsynth_ja_ner", cases), persons_found("ja_ginza", cases)
    assert new >= 0.8 * len(cases), (new, old)
    assert new >= old, (new, old)


@needs_model
def test_shipped_japanese_model_keeps_dates_and_places():
    from privsynth.detect.ner import NerDetector, load_pipeline

    detector = NerDetector(load_pipeline("privsynth_ja_ner"))
    fake = Faker("ja_JP")
    fake.seed_instance(4)
    texts = [f"{fake.prefecture()}{fake.city()}の会場で{fake.date_between('-30y', '-1y').strftime('%Y年%m月%d日')}"
             f"に説明会が開かれた。" for _ in range(10)]
    results = detector.detect_batch(texts)
    assert sum(any(f.entity_type == "DATE_TIME" for f in r) for r in results) >= 8
    assert sum(any(f.entity_type == "LOCATION" for f in r) for r in results) >= 8
    assert sum(any(f.entity_type == "PERSON" for f in r) for r in results) <= 2


@needs_model
def test_shipped_head_keeps_every_entity_ginza_finds():
    """The head runs after GiNZA's own ner and only adds: every entity ja_ginza finds is still there, same label."""
    from privsynth.detect.ner import load_pipeline

    fake = Faker("ja_JP")
    fake.seed_instance(9)
    texts = [f"{fake.company()}の{fake.last_name()}部長は{fake.prefecture()}{fake.city()}で{fake.name()}と会った。"
             f"{fake.country()}の工場は{fake.year()}年に閉鎖された。" for _ in range(12)]
    base, new = load_pipeline("ja_ginza"), load_pipeline("privsynth_ja_ner")
    for b, n in zip(base.pipe(texts), new.pipe(texts)):
        kept = {(e.start_char, e.end_char, e.label_) for e in n.ents}
        assert {(e.start_char, e.end_char, e.label_) for e in b.ents} <= kept, b.text
