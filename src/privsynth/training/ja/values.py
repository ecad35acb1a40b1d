"""Slot values for the Japanese corpus: names in every way Japanese text writes them, places, companies.

Names come from privsynth's Japanese name lists (:mod:`privsynth.lexicon.ja_names`, which merge Faker ja_JP's
pairs) and, so the model learns the *context* of a name rather than a list, from names composed here out of common
name characters (a family name such as 石沢 or a given name such as 悠菜 that no list holds). Foreign names are
written in katakana from short lists written for this project. Places and companies come from Faker ``ja_JP``.
"""
from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass

from ...lexicon.ja_names import hira_to_kata, ja_names, kata_to_hira

_FAM_HEAD = "田中山川藤木井村本野原島松石林森沢池谷岡橋高小大上下西東北南内宮長吉加佐鈴清水竹渡辺今古新平桜金丸福菊浅荒飯岩杉坂前後土横市秋"
_FAM_TAIL = "田中山川藤木井村本野原島松沢池谷岡橋口崎部瀬尾浦江坂塚場屋倉森谷内宮城多元見永沼里"
_GIVEN_HEAD = "翔健大悠陽結美咲奈愛優真拓和直正秀光恵智浩亮蓮颯湊葵凛彩千春夏秋冬花友明幸信雅誠"
_MALE_TAIL = ("太", "斗", "介", "輔", "也", "樹", "人", "平", "一", "郎", "司", "彦", "士", "希", "生", "真")
_FEMALE_TAIL = ("子", "美", "奈", "香", "恵", "菜", "花", "乃", "音", "衣", "佳", "里", "紀", "穂", "華", "実")
_KANA_SYL = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフホマミムメモヤユヨラリルレロワ"
_KANA_GIVEN_END = ("コ", "ミ", "カ", "ナ", "エ", "タ", "キ", "ヤ", "スケ", "ト", "ノ", "リ", "ホ")
#: Foreign given and family names in katakana (written for this project).
FOREIGN_GIVEN = ("ジョン", "マイケル", "デイビッド", "ロバート", "ジェームズ", "ウィリアム", "トーマス", "リチャード",
                 "ピーター", "ポール", "マーク", "スティーブン", "アンドリュー", "クリストファー", "ダニエル", "ジョージ",
                 "エドワード", "フランク", "ヘンリー", "チャールズ", "メアリー", "エリザベス", "サラ", "エミリー",
                 "アンナ", "マリア", "ソフィア", "オリビア", "ジェシカ", "カトリーヌ", "ハンス", "カール", "フリードリヒ",
                 "ヴォルフガング", "ピエール", "ジャン", "ミシェル", "アントワーヌ", "ルイ", "マルコ", "ジョヴァンニ",
                 "フランチェスコ", "カルロス", "ホセ", "ミゲル", "イワン", "セルゲイ", "アレクサンドル", "ドミトリー",
                 "ニコライ", "オルガ", "タチアナ", "ヨハン", "ラース", "エリック", "グスタフ", "アフマド", "ラジ",
                 "ウェイ", "ミン", "ジュン", "スンミン", "グエン")
FOREIGN_FAMILY = ("スミス", "ジョンソン", "ウィリアムズ", "ブラウン", "ジョーンズ", "ミラー", "デイヴィス", "ウィルソン",
                  "アンダーソン", "テイラー", "トーマス", "ムーア", "ジャクソン", "マーティン", "トンプソン", "ホワイト",
                  "ハリス", "クラーク", "ルイス", "ロビンソン", "ウォーカー", "ヤング", "アレン", "キング", "ライト",
                  "スコット", "グリーン", "ベイカー", "アダムズ", "ネルソン", "ミュラー", "シュミット", "シュナイダー",
                  "フィッシャー", "ヴェーバー", "ベッカー", "デュボワ", "ルロワ", "モロー", "ロッシ", "ルッソ",
                  "フェラーリ", "ガルシア", "ロドリゲス", "マルティネス", "ゴンザレス", "イワノフ", "ペトロフ",
                  "スミルノフ", "ヨハンソン", "ニルソン", "ハンセン", "コヴァルスキ", "ノヴァク", "キム", "パク",
                  "チェン", "ワン", "リー", "ヘンダーソン", "オコナー", "マクドナルド", "ファン・デル・ベルク")


@dataclass(frozen=True)
class Person:
    """One person's name parts in kanji, katakana and romaji; ``foreign``: a katakana-only foreign name."""
    family: str
    given: str
    family_kana: str
    given_kana: str
    family_romaji: str
    given_romaji: str
    foreign: bool = False


# Faker ja_JP's own lists (class attributes: no Faker instance, no global random state).
from faker.providers.address.ja_JP import Provider as _Addr  # noqa: E402
from faker.providers.company.ja_JP import Provider as _Comp  # noqa: E402


def _composed_kanji(rng: random.Random) -> tuple[str, str]:
    family = rng.choice(_FAM_HEAD) + rng.choice(_FAM_TAIL)
    if rng.random() < 0.15:
        family = rng.choice(_FAM_HEAD) + family[-1] if rng.random() < 0.5 else family + rng.choice(_FAM_TAIL)
    tail = rng.choice(_MALE_TAIL if rng.random() < 0.5 else _FEMALE_TAIL)
    given = (rng.choice(_GIVEN_HEAD) + tail) if rng.random() < 0.8 else rng.choice(_GIVEN_HEAD)
    return family, given


def _composed_kana(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_KANA_SYL) for _ in range(n))


def person(rng: random.Random) -> Person:
    """A person: a foreign name in katakana (12 %), a listed Japanese name (38 %), a name from Sudachi's
    dictionary (35 %, :mod:`.dictionary`) or one composed from name characters (15 %)."""
    from ...lexicon.ja_names import kana_to_romaji
    from .dictionary import pools

    r = rng.random()
    if r < 0.12:
        pool = pools().foreign
        g = rng.choice(FOREIGN_GIVEN) if rng.random() < 0.3 else rng.choice(pool)
        f = rng.choice(FOREIGN_FAMILY) if rng.random() < 0.3 else rng.choice(pool)
        return Person(f, g, f, g, "", "", foreign=True)
    names = ja_names()
    fam = rng.choice(names.family)
    giv = rng.choice(names.male if rng.random() < 0.5 else names.female)
    if r < 0.5:
        return Person(fam.kanji, giv.kanji, fam.kana, giv.kana, fam.romaji, giv.romaji)
    if r < 0.85:
        (family, fkana), (given, gkana) = rng.choice(pools().family), rng.choice(pools().given)
        return Person(family, given, fkana, gkana, kana_to_romaji(fkana).capitalize(),
                      kana_to_romaji(gkana).capitalize())
    family, given = _composed_kanji(rng)
    # A composed name keeps a listed name's reading for its kana/romaji forms (a plausible reading is enough).
    fkana = fam.kana if rng.random() < 0.5 else _composed_kana(rng, rng.randint(2, 4))
    gkana = giv.kana if rng.random() < 0.5 else _composed_kana(rng, rng.randint(1, 2)) + rng.choice(_KANA_GIVEN_END)
    return Person(family, given, fkana, gkana, fam.romaji, giv.romaji)


def render_name(p: Person, form: str, rng: random.Random) -> str:
    """One written form of a name: ``full``, ``family``, ``given``, ``kana`` (full name in katakana),
    ``hira_given``, ``romaji``."""
    if p.foreign:
        if form in ("family",):
            return p.family
        if form in ("given", "hira_given"):
            return p.given
        return p.given + rng.choice(("・", "・", "・", "＝", " ")) + p.family
    sep = rng.choice(("", "", "", " ", "　"))
    if form == "full":
        return p.family + sep + p.given
    if form == "family":
        return p.family
    if form == "given":
        return p.given
    if form == "kana":
        fk, gk = p.family_kana, p.given_kana
        if rng.random() < 0.25:
            fk, gk = kata_to_hira(fk), kata_to_hira(gk)
        return fk + rng.choice(("", " ", "　")) + gk
    if form == "kana_family":
        return p.family_kana if rng.random() < 0.7 else kata_to_hira(p.family_kana)
    if form == "hira_given":
        return kata_to_hira(p.given_kana)
    if form == "romaji":
        style = rng.random()
        if style < 0.5:
            return f"{p.given_romaji} {p.family_romaji}"
        if style < 0.8:
            return f"{p.family_romaji.upper()} {p.given_romaji}"
        return f"{p.family_romaji} {p.given_romaji}"
    raise ValueError(form)


#: Forms of an unmarked ``{p}`` slot and their weights.
NAME_FORMS = (("full", 40), ("family", 22), ("given", 8), ("kana", 8), ("kana_family", 4), ("hira_given", 4),
              ("romaji", 6))


def name_form(rng: random.Random) -> str:
    forms, weights = zip(*NAME_FORMS)
    return rng.choices(forms, weights)[0]


def prefecture(rng: random.Random) -> str:
    return rng.choice(_Addr.prefectures)


def city(rng: random.Random) -> str:
    return rng.choice(_Addr.cities)


def ward_or_town(rng: random.Random) -> str:
    return rng.choice(_Addr.towns)


def country(rng: random.Random) -> str:
    return rng.choice(_Addr.countries)


def company(rng: random.Random) -> str:
    names = ja_names()
    stem = rng.choice(names.family).kanji if rng.random() < 0.6 else rng.choice(_Addr.towns)
    kind = rng.choice(("建設", "商事", "電機", "物産", "運輸", "製作所", "食品", "工業", "不動産", "システム",
                       "ソリューションズ", "ホールディングス", "印刷", "薬品", "通信", "", ""))
    prefix = rng.choice(_Comp.company_prefixes)
    return prefix + stem + kind if rng.random() < 0.5 else stem + kind + prefix


def hira(text: str) -> str:
    return kata_to_hira(text)


def kata(text: str) -> str:
    return hira_to_kata(text)


#: Things that stand where names stand in Japanese prose (subjects before は/が, objects after と, titles in 「」)
#: but are not people: works, products, events, institutions, concepts, everyday nouns. Written for this project
#: and taken from Faker ja_JP's word list (its kanji and katakana nouns); unlabelled in the corpus, so the model
#: learns the shape of a name, not "whatever stands before は".
THINGS = (
    "原子炉", "規制緩和", "美術部", "太平洋戦争", "経営破綻", "天狗", "重大事故", "相違点", "陸上競技", "水域", "演芸",
    "寄席", "見本市", "港まつり", "花火大会", "全国大会", "選手権", "音楽祭", "映画祭", "文化祭", "合唱団", "吹奏楽部",
    "野球部", "生徒会", "教育委員会", "商店街", "青年団", "町内会", "自治会", "後援会", "研究会", "同好会", "記念館",
    "資料館", "美術館", "博物館", "図書館", "体育館", "公民館", "市民会館", "総合病院", "高速道路", "新幹線", "路面電車",
    "客車列車", "機関車", "蒸気機関", "電気自動車", "人工知能", "半導体", "液晶", "蓄電池", "発電所", "変電所", "浄水場",
    "貨物船", "潜水艦", "戦闘機", "旅客機", "宇宙船", "人工衛星", "望遠鏡", "顕微鏡", "温度計", "羅針盤", "和菓子",
    "讃岐うどん", "味噌汁", "焼き鳥", "寿司", "日本酒", "抹茶", "茶道", "華道", "書道", "剣道", "柔道", "相撲",
    "歌舞伎", "能楽", "狂言", "落語", "浄瑠璃", "浮世絵", "俳句", "短歌", "小説", "随筆", "漫画", "雑誌", "新聞",
    "辞書", "教科書", "憲法", "条約", "法律", "条例", "税制", "年金", "保険", "選挙", "議会", "内閣", "政党", "裁判",
    "戦国時代", "江戸時代", "明治維新", "産業革命", "冷戦", "高度経済成長", "金融危機", "地震", "台風", "洪水",
    "火山", "氷河", "砂漠", "熱帯雨林", "生態系", "光合成", "遺伝子", "細胞", "酵素", "ワクチン", "抗生物質",
    "ボーカル", "コーラス", "ギター", "ピアノ", "バイオリン", "オーケストラ", "オペラ", "バレエ", "ミュージカル",
    "ドラマ", "アニメ", "ゲーム", "ソフトウェア", "アプリ", "データベース", "ネットワーク", "サーバー", "プログラム",
    "アルゴリズム", "インターネット", "スマートフォン", "タブレット", "カメラ", "レンズ", "テレビ", "ラジオ",
    "ホッケー", "サッカー", "バスケットボール", "バレーボール", "テニス", "ゴルフ", "マラソン", "スキー", "スケート",
    "ナイフ", "フォーク", "スプーン", "テーブル", "ソファ", "カーテン", "ランプ", "エンジン", "タービン", "ブレーキ",
    "タイヤ", "ハンドル", "バッテリー", "モーター", "センサー", "ロボット", "ドローン", "ロケット", "ミサイル",
    "ヒロイン", "ヒーロー", "キャラクター", "マスコット", "ブランド", "ロゴ", "キャンペーン", "イベント", "フェスティバル",
    "コンサート", "ツアー", "アルバム", "シングル", "ライブ", "ドキュメンタリー", "インタビュー", "ニュース",
    "プロジェクト", "プロトタイプ", "モデル", "シリーズ", "エディション", "バージョン", "アップデート", "パッチ",
    "インフレ", "デフレ", "リーマンショック", "グローバル化", "デジタル化", "リサイクル", "エネルギー", "カーボン",
    "ランドマーク", "タワー", "スタジアム", "アリーナ", "ターミナル", "キャンパス", "オフィス", "ショッピングモール",
)


@functools.lru_cache(maxsize=1)
def _things() -> tuple[str, ...]:
    from faker.providers.lorem.ja_JP import Provider as _Lorem

    nouns = (w for w in _Lorem.word_list if re.fullmatch(r"[\u30a1-\u30faー]{3,}|[\u4e00-\u9fff]{2,4}", w))
    return THINGS + tuple(nouns)


def thing(rng: random.Random) -> str:
    """A noun that is not a name (see :data:`THINGS`), sometimes a compound of two."""
    from .dictionary import pools

    def one() -> str:
        return rng.choice(_things()) if rng.random() < 0.4 else rng.choice(pools().nouns)

    word = one()
    if rng.random() < 0.2:
        word += one()
    return word
