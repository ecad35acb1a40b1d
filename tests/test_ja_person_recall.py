"""Japanese PERSON recall rules in privsynth.detect.ja (issue 10): names the Sudachi dictionary files as persons,
katakana names before a title or listed with a person, ・-names with initials and particles; and the precision rules
that pay for them (common nouns and place compounds are no persons). Real Sudachi; names from Faker or invented."""
from __future__ import annotations

import pytest
from faker import Faker

from privsynth.detect import ja
from privsynth.types import Finding


def _spans(text, findings):
    return {text[f.start:f.end] for f in findings if f.entity_type == "PERSON"}


def _refined(text, findings):
    return _spans(text, ja.refine(text, findings))


def test_family_and_given_name_by_the_dictionary():
    fake = Faker("ja_JP")
    fake.seed_instance(10)
    names = [(fake.last_name(), fake.first_name()) for _ in range(30)]
    found = 0
    for family, given in names:
        text = f"{family}{given}は、日本の政治家。"
        found += f"{family}{given}" in _spans(text, ja.find_dictionary_full_names(text))
    assert found >= 24, f"{found}/30 Faker full names found"


@pytest.mark.parametrize("text", ["山田師範学校に放火した。", "東京都千代田区に本社を置く。"])
def test_family_name_without_given_name_is_not_a_full_name(text):
    assert not ja.find_dictionary_full_names(text)


@pytest.mark.parametrize("text,name", [("1946年、ロベールは香水部門を立ち上げた。", "ロベール"),
                                       ("疑問に思ったサンディだったが、独立した。", "サンディ")])
def test_word_the_dictionary_files_as_a_person(text, name):
    assert name in _spans(text, ja.find_dictionary_person_words(text))


@pytest.mark.parametrize("text", ["ポアソン比の逆数を求める。", "クリントン政権の閣僚だった。", "ボールドウィン社に勤めた。",
                                  "ハーレーダビッドソンは空冷だ。", "ヴィクトリアマイルの開催日。"])
def test_dictionary_name_inside_an_eponym_or_a_longer_word_is_not_a_person(text):
    assert not ja.find_dictionary_person_words(text)


@pytest.mark.parametrize("text,name", [("パリではザルコフ首相の退陣を求めた。", "ザルコフ"),
                                       ("ウィリス・B・ハルトン中将に編成させた。", "ウィリス・B・ハルトン"),
                                       ("新人のトゥルブコフらとともに出撃した。", "トゥルブコフ")])
def test_katakana_name_before_a_title(text, name):
    assert name in _spans(text, ja.find_titled_names(text))


@pytest.mark.parametrize("text", ["松田は、日本のバドミントン選手。", "フランス大統領が来日した。", "ソニー社長が語った。"])
def test_common_noun_country_or_company_before_a_title_is_no_name(text):
    assert not ja.find_titled_names(text)


@pytest.mark.parametrize("text,name", [("局長ダーナ・B・クロウは通った。", "ダーナ・B・クロウ"),
                                       ("ミゲル・デ・ラモスの小説を読んだ。", "ミゲル・デ・ラモス"),
                                       ("原作者のル=グロワは希望していた。", "ル=グロワ"),
                                       ("ビル・ザルコフ大統領が来日した。", "ビル・ザルコフ")])
def test_dotted_names_with_initials_and_particles(text, name):
    assert name in _refined(text, ja.find_dotted_katakana_names(text))


@pytest.mark.parametrize("text", ["ル・マン24時間レースに出た。", "デトロイト・ファルコンズ戦で対戦した。",
                                  "アトレティコ・マドリードが優勝した。"])
def test_place_compounds_are_not_persons(text):
    assert not _refined(text, ja.find_dotted_katakana_names(text))


def test_ner_person_that_is_a_common_noun_is_dropped():
    text = "キャスターのたけしも知らなかった。ベーシストとして貢献した。ザルコフは応じた。"
    findings = [Finding(text.index(w), text.index(w) + len(w), "PERSON", 0.85, "spacy:Person")
                for w in ("キャスター", "ベーシスト", "ザルコフ")]
    assert _refined(text, findings) == {"ザルコフ"}


def test_ner_place_compound_is_dropped():
    text = "パリ・サンジェルマンでの1年目だった。"
    findings = [Finding(0, 10, "PERSON", 0.85, "spacy:Person")]
    assert not _refined(text, findings)


def test_katakana_names_listed_with_a_person():
    text = "アメンとゴッサードは1990年にバンドを結成した。新人のチュブコフ、フヴォストフらが出撃した。"
    found = [Finding(0, 3, "PERSON", 0.85, "spacy:Person"),
             Finding(text.index("フヴォストフ"), text.index("フヴォストフ") + 6, "PERSON", 0.45, "ja_titled_name")]
    assert {"ゴッサード", "チュブコフ"} <= _refined(text, found)


def test_list_neighbour_that_is_a_common_word_is_not_added():
    text = "ザルコフとトランペットの演奏を始めた。"
    assert _refined(text, [Finding(0, 4, "PERSON", 0.85, "spacy:Person")]) == {"ザルコフ"}


def test_one_kanji_family_name_survives_trimming_and_takes_its_given_name():
    from privsynth.detect import _trim

    text = "この時から徐驎はスターとして注目を集めている。林の影が付きまとった。"
    one = Finding(5, 6, "PERSON", 0.85, "spacy:Person")
    assert _trim(text, one) == one
    assert _trim("A wrote", Finding(0, 1, "PERSON", 0.85, "spacy:PERSON")) is None  # one Latin letter: no name
    hayashi = text.index("林")
    found = [one, Finding(hayashi, hayashi + 1, "PERSON", 0.85, "spacy:Person")]
    assert _refined(text, found) == {"徐驎", "林"}


def test_one_kanji_family_name_does_not_take_a_cabinet():
    text = "岸内閣が退陣に追い込まれた。"  # the cabinet named after a prime minister is no mention of a person
    assert _refined(text, [Finding(0, 1, "PERSON", 0.85, "spacy:Person")]) == set()


def test_dictionary_name_that_is_also_an_everyday_word_is_not_taken_alone():
    text = "その名の通り、スライド全面にグラフィックを配置した。"
    assert not ja.find_dictionary_person_words(text)


@pytest.mark.parametrize("text,span", [("第1次橋本内閣が発足した。", "橋本"), ("株式会社クレハは化学メーカー。", "株式会社クレハ"),
                                       ("2011年のFIFA会長選に出た。", "FIFA"), ("長篠の戦いに参加した。", "長篠"),
                                       ("浪江インターチェンジ間が開通した。", "浪江インターチェンジ")])
def test_ner_person_that_is_a_cabinet_company_acronym_or_place_is_dropped(text, span):
    start = text.index(span)
    assert not _refined(text, [Finding(start, start + len(span), "PERSON", 0.85, "spacy:Person")])


@pytest.mark.parametrize("text,span", [("宮崎は翌年に引退した。", "宮崎"), ("John Smithが来日した。", "John Smith")])
def test_ner_person_that_is_a_family_name_or_a_latin_name_is_kept(text, span):
    start = text.index(span)
    assert _refined(text, [Finding(start, start + len(span), "PERSON", 0.85, "spacy:Person")]) == {span}


def test_ner_person_that_is_only_a_place_becomes_a_place():
    text = "信盛は長篠の戦いに参加した。"
    start = text.index("長篠")
    out = ja.refine(text, [Finding(start, start + 2, "PERSON", 0.85, "spacy:Person")])
    assert [(text[f.start:f.end], f.entity_type) for f in out] == [("長篠", "LOCATION")]


@pytest.mark.parametrize("text,name", [("隊員はザルコフの代理人と会った。", "ザルコフ"), ("トゥルブコフの妻は医師だった。", "トゥルブコフ")])
def test_katakana_name_before_a_kinship_noun(text, name):
    assert name in _spans(text, ja.find_kin_names(text))


@pytest.mark.parametrize("text", ["カメラの父と呼ばれた。", "アメリカの母校に戻った。", "テレビの後任番組が始まった。"])
def test_common_word_before_a_kinship_noun_is_no_name(text):
    assert not ja.find_kin_names(text)
