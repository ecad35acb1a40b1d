"""Japanese names without honorifics found by their context (issue 10): a kinship noun or a role before or after a
kanji name, hiragana given names after a role, list neighbours and the middle of a list of people, unknown katakana
words as a sentence's topic, ranks trimmed off NER spans, and Sudachi's family names splitting a full name for
linking. Real Sudachi; names from Faker or invented."""
from __future__ import annotations

import pytest
from faker import Faker

from privsynth.detect import ja
from privsynth.lexicon.ja_names import split_name
from privsynth.resolve import link_name_parts
from privsynth.types import Finding


def _spans(text, findings):
    return {text[f.start:f.end] for f in findings if f.entity_type == "PERSON"}


def _faker_full_names(n, seed):
    fake = Faker("ja_JP")
    fake.seed_instance(seed)
    return [fake.last_name() + fake.first_name() for _ in range(n)]


def test_kanji_name_before_a_kinship_noun():
    names = _faker_full_names(20, 3)
    found = sum(name in _spans(f"戦いでは{name}の長男に討ち取られた。", ja.find_kin_names(f"戦いでは{name}の長男に討ち取られた。"))
                for name in names)
    assert found >= 16, f"{found}/20"


@pytest.mark.parametrize("text", ["大統領の妻が来日した。", "日本の父と呼ばれた。", "東京の後任が決まった。"])
def test_office_country_or_place_before_a_kinship_noun_is_no_name(text):
    assert not ja.find_kin_names(text)


@pytest.mark.parametrize("text,name", [("父の林文察は台湾に戻った。", "林文察"), ("長女さくらは大学に進んだ。", "さくら"),
                                       ("主人公・さくらを演じた。", "さくら"), ("行方不明の父親・ザルコフを探す。", "ザルコフ")])
def test_name_after_a_role(text, name):
    assert name in _spans(text, ja.find_role_names(text))


@pytest.mark.parametrize("text", ["父の会社に勤めた。", "全日本選手権大会に出場した。", "首相兼外相が会談した。",
                                  "妻としての務め。", "週刊少年ジャンプに連載した。", "青少年のホッケーで知られる。"])
def test_role_followed_by_a_word_is_no_name(text):
    assert not ja.find_role_names(text)


def test_family_names_listed_next_to_a_person():
    text = "田中、島、池田の3人が審判を務めた。"
    found = _spans(text, ja.refine(text, [Finding(5, 7, "PERSON", 0.85, "spacy:Person")]))
    assert {"田中", "島", "池田"} <= found


@pytest.mark.parametrize("text", ["山田、仲間と出かけた。", "山田と若草号が贈られた。"])
def test_everyday_word_or_a_ship_listed_next_to_a_person_is_no_name(text):
    assert _spans(text, ja.refine(text, [Finding(0, 2, "PERSON", 0.85, "spacy:Person")])) == {"山田"}


def test_the_middle_of_a_list_of_people_is_a_person():
    text = "山田太郎・甕淳・鈴木花子らが挙げられる。"
    people = [Finding(0, 4, "PERSON", 0.85, "spacy:Person"), Finding(8, 12, "PERSON", 0.85, "spacy:Person")]
    assert "甕淳" in _spans(text, ja.refine(text, people))
    text = "山田太郎・東京・鈴木花子"
    assert "東京" not in _spans(text, ja.refine(text, people))


@pytest.mark.parametrize("text,name", [("ヴォルシェンコは1990年に渡米した。", "ヴォルシェンコ"),
                                       ("1985年、ブラゴフスキが就任した。", "ブラゴフスキ")])
def test_unknown_katakana_word_as_the_topic_is_a_person(text, name):
    assert name in _spans(text, ja.refine(text, []))


@pytest.mark.parametrize("text", ["サーモクロミズムは熱による現象である。", "ヤマスズメは鳥の一種。", "ヴェリタンズは解散した。",
                                  "グループは解散した。"])
def test_known_or_compound_loanword_as_the_topic_is_no_person(text):
    assert not _spans(text, ja.refine(text, []))


def test_unknown_katakana_word_tagged_by_ner_as_something_else_is_left_to_ner():
    text = "ヴォルシェンコは買収された。"
    assert not _spans(text, ja.refine(text, [Finding(0, 7, "ORGANIZATION", 0.85, "spacy:Company")]))


@pytest.mark.parametrize("text,span,name", [("ミシガン州のザルコフ中尉が来た。", "ザルコフ中尉", "ザルコフ"),
                                            ("カレルギー伯爵の思想。", "カレルギー伯爵", "カレルギー")])
def test_rank_or_title_is_trimmed_off_a_ner_person(text, span, name):
    start = text.index(span)
    found = _spans(text, ja.refine(text, [Finding(start, start + len(span), "PERSON", 0.85, "spacy:Person")]))
    assert found == {name}


def test_three_kanji_name_splits_at_a_family_name_of_the_dictionary_for_linking():
    assert split_name("熊谷唯") == [("熊谷", "family"), ("唯", "given")]
    text = "熊谷唯は歌手である。唯は翌年にデビューした。唯一の作品。"
    linked = link_name_parts(text, [Finding(0, 3, "PERSON", 0.85, "spacy:Person")], "ja")
    assert [text[f.start:f.end] for f in linked[1:]] == ["唯"]
    assert linked[1].start == text.index("。唯は") + 1


def _hiragana_names(n, seed):
    import random

    from faker.providers.person.ja_JP import Provider

    from privsynth.lexicon.ja_names import kata_to_hira

    rng = random.Random(seed)
    family = [p[1] for p in Provider.last_name_pairs]
    given = [p[1] for p in list(Provider.first_name_male_pairs) + list(Provider.first_name_female_pairs)]
    return list(dict.fromkeys(kata_to_hira(rng.choice(family) + rng.choice(given)) for _ in range(n)))


def test_hiragana_full_names_where_sudachi_cuts_the_prose_badly():
    from privsynth.detect.kana_names import find_kana_names

    names = [n for n in _hiragana_names(200, 7) if len(n) >= 5]
    templates = ("せんしゅう{}にてがみをかきました。", "こうえんで{}とあそびました。", "きょうは{}がきました。")
    found = sum(name in _spans(t.format(name), find_kana_names(t.format(name)))
                for i, name in enumerate(names) for t in [templates[i % 3]])
    assert found >= 0.99 * len(names), f"{found}/{len(names)}"


@pytest.mark.parametrize("text", ["あさごはんをたべてからがっこうにいきました。", "もりのなかにはいろいろなどうぶつがいます。",
                                  "やまのうえからまちがみえました。", "かえりみちにあめがふってきました。",
                                  "あかいはなとしろいはながさいています。", "まちのはずれにちいさなおみせがあります。"])
def test_hiragana_prose_holds_no_kana_name(text):
    from privsynth.detect.kana_names import find_kana_names

    assert not find_kana_names(text)


@pytest.mark.parametrize("text,name", [("会場ではJ.K.ザルコフが登壇した。", "J.K.ザルコフ"),
                                       ("研究者のT. ヴォルシェンコは、", "T. ヴォルシェンコ")])
def test_katakana_name_after_latin_initials(text, name):
    assert name in _spans(text, ja.find_initialled_names(text))


@pytest.mark.parametrize("text", ["U.S.スチールの株を買った。", "F.C.バルセロナ戦に出た。", "ver.アップした。"])
def test_loanword_or_club_after_initials_is_no_name(text):
    assert not ja.find_initialled_names(text)


@pytest.mark.parametrize("span", ["仙台スパークス", "静岡フェニックス", "ABCモルトン", "FCカレルギー", "銀河シリーズ",
                                  "新宿宇宙センター", "横浜駅"])
def test_ner_person_that_is_a_team_club_or_facility_is_dropped(span):
    text = f"{span}に所属した。"
    assert not _spans(text, ja.refine(text, [Finding(0, len(span), "PERSON", 0.85, "spacy:Person")]))


@pytest.mark.parametrize("span", ["宮崎", "岡山太郎", "池田越前守", "ヴォルシェンコ"])
def test_ner_person_that_is_a_family_name_and_a_place_is_kept(span):
    text = f"{span}は翌年に引退した。"
    assert _spans(text, ja.refine(text, [Finding(0, len(span), "PERSON", 0.85, "spacy:Person")]))


def test_dotted_name_inside_a_longer_ner_place_is_dropped():
    text = "カーサ・ヴォルシェンコ博物館が入っている。"
    found = [Finding(0, 11, "PERSON", 0.4, "ja_katakana_name"), Finding(0, 14, "LOCATION", 0.85, "spacy:Facility_Other")]
    assert not _spans(text, ja.refine(text, found))


@pytest.mark.parametrize("text", ["他のエステさんより安心できました。", "とても賢い生徒さんです。", "この様な対応でした。",
                                  "どんな様子でしたか。"])
def test_shop_word_pupil_or_demonstrative_before_an_honorific_is_no_name(text):
    assert not ja.find_honorific_names(text)


def test_katakana_names_that_are_also_everyday_words_keep_their_honorific():
    fake = Faker("ja_JP")
    fake.seed_instance(4)
    names = {fake.last_kana_name() for _ in range(200)} | {fake.first_kana_name() for _ in range(200)}
    names -= {"カナ"}  # the word "kana" itself: a form field's label
    text = "、".join(f"{n}さん" for n in sorted(names)) + "が来ました。"
    assert {n for n in names} <= _spans(text, ja.find_honorific_names(text))


@pytest.mark.parametrize("text,name", [("ベーカーは翌年に引退した。", "ベーカー"), ("1850年、クーパーが就任した。", "クーパー")])
def test_rare_everyday_word_that_is_also_a_name_as_the_subject_is_a_person(text, name):
    assert name in _spans(text, ja.refine(text, []))


@pytest.mark.parametrize("text", ["チームは翌年に解散した。", "ナイフは研磨された。", "スタッフが準備した。"])
def test_common_everyday_word_as_the_subject_is_no_person(text):
    assert not _spans(text, ja.refine(text, []))


def test_rare_everyday_word_listed_with_a_person_is_a_person():
    text = "会議の直前、ヴォルシェンコとベーカーは退席した。"
    found = _spans(text, ja.refine(text, [Finding(6, 13, "PERSON", 0.85, "spacy:Person")]))
    assert "ベーカー" in found
    text = "会議の直前、ヴォルシェンコとチームは退席した。"
    assert "チーム" not in _spans(text, ja.refine(text, [Finding(6, 13, "PERSON", 0.85, "spacy:Person")]))
