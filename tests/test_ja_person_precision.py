"""Japanese PERSON precision rules in privsynth.detect.ja: organisation and facility names, katakana compounds of
known common words, and honorific kanji inside ordinary words are not names (hand-written text)."""
from __future__ import annotations

import pytest

from privsynth.detect import ja


def _persons(text, findings):
    return {text[f.start:f.end] for f in ja.refine(text, findings) if f.entity_type == "PERSON"}


@pytest.mark.parametrize("text", ["新しいデジタル・ガレージを借りた。", "シニア・バイス・プレジデントに就任した。",
                                  "アイビー・スタイルの服を買った。", "シカゴ・ドラゴンズに入団した。"])
def test_katakana_compound_of_common_words_is_not_a_name(text):
    found = ja.find_dotted_katakana_names(text)
    assert found, "the ・ finder proposes the compound"
    assert not _persons(text, found)


@pytest.mark.parametrize("text,name", [("隣のジョン・スミスが来た。", "ジョン・スミス"),
                                       ("作家のマイケル・ジャクソンに会った。", "マイケル・ジャクソン"),
                                       ("ヴァシリ・オルロフスキーが訪ねてきた。", "ヴァシリ・オルロフスキー")])
def test_katakana_person_names_kept(text, name):
    assert name in _persons(text, ja.find_dotted_katakana_names(text))


@pytest.mark.parametrize("text", ["佐藤工業が新工場を建てた。", "山本酒造が発表した。"])
def test_company_named_after_a_family_is_not_a_person(text):
    assert not _persons(text, ja.find_dictionary_names(text))


@pytest.mark.parametrize("text", ["父は野球殿堂入りを果たした。", "立憲君主制の国だ。", "要求仕様書を読んだ。",
                                  "同様の事例がある。"])
def test_honorific_kanji_inside_a_word_is_not_an_honorific(text):
    assert not ja.find_honorific_names(text)


@pytest.mark.parametrize("text,name", [("田中様宛に送った。", "田中"), ("山田殿、ご確認ください。", "山田"),
                                       ("鈴木君は休みだ。", "鈴木")])
def test_honorific_names_still_found(text, name):
    assert name in {text[f.start:f.end] for f in ja.find_honorific_names(text)}


def test_numeric_dates_survive_refinement():
    text = "令和3年4月1日の午後3時ごろ、約20年ぶりに会った。今年の夏の話だ。"
    spans = [("令和3年4月1日", "spacy:Date"), ("午後3時ごろ", "spacy:Time"), ("約20年ぶり", "spacy:Period_Year"),
             ("今年", "spacy:Date"), ("夏", "spacy:Date")]
    findings = [ja.Finding(text.index(s), text.index(s) + len(s), "DATE_TIME", 0.85, r) for s, r in spans]
    kept = {text[f.start:f.end] for f in ja.refine(text, findings)}
    assert kept == {"令和3年4月1日", "午後3時", "20年"}
