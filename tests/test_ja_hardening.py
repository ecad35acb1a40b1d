"""Issue 15 items 4 (hiragana names) and 7 (Japanese buildings and blocks)."""
from __future__ import annotations

import random

import pytest

import privsynth
from privsynth.lexicon.ja_names import kata_to_hira

KEY = "privsynth-test-key-not-secret"


@pytest.fixture(scope="module")
def ja():
    return privsynth.Scrubber(language="ja", key=KEY)


def _hiragana_names(n: int, seed: int) -> list[str]:
    from faker.providers.person.ja_JP import Provider

    rng = random.Random(seed)
    family = [p[1] for p in Provider.last_name_pairs]
    given = [p[1] for p in list(Provider.first_name_male_pairs) + list(Provider.first_name_female_pairs)]
    return [kata_to_hira(rng.choice(family) + rng.choice(given)) for _ in range(n)]


def test_issue_example_hiragana(ja):
    assert "やまだたろう" not in ja.scrub("きのうやまだたろうとあいました。").text


def test_hiragana_names_without_honorific(ja):
    templates = ("きのう{}とあいました。", "{}からでんわがありました。", "あしたは{}にあいます。", "ともだちの{}はげんきです。")
    names = _hiragana_names(40, 1507)
    texts = [templates[i % 4].format(n) for i, n in enumerate(names)]
    leaked = [n for r, n in zip(ja.scrub_batch(texts), names) if n in r.text]
    assert len(leaked) <= 3  # was about a third


@pytest.mark.parametrize("text", ["きょうはいいてんきですね。あしたもはれるといいな。", "おかあさんとこうえんにいきました。",
                                  "みんなでおべんとうをたべました。"])
def test_hiragana_prose_stays(ja, text):
    assert ja.scrub(text).text == text


@pytest.mark.parametrize("text,value", [
    ("事務所は札幌時計台ビル301号室にあります。", "札幌時計台ビル"),
    ("住所：北海道札幌市中央区北1条西2丁目1番地 札幌時計台ビル301号室", "時計台"),
    ("住所は北1桜町9丁目5番です。", "北1"),
    ("住所は北1桜町9丁目5番です。", "桜町"),
    ("旭川市北3条西4丁目2-8に住んでいます", "北3条"),
    ("会場は渋谷ヒカリエ11階です。", "ヒカリエ"),
    ("会場は渋谷ヒカリエ11階です。", "渋谷"),
    ("送付先：グランメゾン桜203号室", "グランメゾン桜"),
])
def test_japanese_buildings_and_blocks(ja, text, value):
    out = ja.scrub(text).text
    assert value not in out, out


def test_building_surrogate_stays_a_building(ja):
    out = ja.scrub("事務所は札幌時計台ビル301号室にあります。").text
    assert "ビル" in out and "号室" in out and "札幌時計台" not in out
