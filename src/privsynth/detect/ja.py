"""Japanese detection: Python finders beyond the YAML recognizers, and GiNZA span refinement.

GiNZA's spans need fixing before resolution: it tags the honorific after a name separately (さん as
``Title_Other``) or inside the name (佐藤様), includes full-width brackets and punctuation, tags block numbers
(``1丁目``) and durations as dates, and misses names that only an honorific or a form field announces. The
finders add names marked by an honorific (田中さん, ヤマダ様, 山田太郎氏), romaji names whose parts are Japanese
names (Taro Yamada), and Latin-script names by the shared gazetteer (mixed documents).
"""
from __future__ import annotations

import functools
import re
from typing import Callable

import regex

from ..lexicon.fold import fold_width
from ..lexicon.ja_names import (HEPBURN_WORD, HONORIFIC_PATTERN, HONORIFICS, TITLES, ja_names, script_of,
                                 split_full_name, strip_honorific, token_key)
from ..lexicon.ja_words import NOT_NAME_PARTS, NOT_NAMES, countries
from ..types import Finding
from .gazetteer import find_names
from .ja_dictionary import (also_a_common_noun, dictionary_says_not_a_name, name_like_word, only_a_place,
                            only_common_nouns, place_compound, sudachi_words, unknown)
from .kana_names import find_kana_names, sudachi_dictionary, sudachi_tokenizer

_EDGE_JUNK = "「」『』（）()【】［］[]〈〉《》〔〕、。，．,.・:：;；!！?？ 　\"'“”‘’"
_NOT_NAME_END = set("長者手家員師生族人方達様供屋主婦夫嫁娘子兄姉弟妹父母神仏王子")
_BEFORE_HONORIFIC = regex.compile(
    r"(?P<name>[\p{Han}々]{1,8}|[\p{Katakana}ー・]{2,12}|[\p{Hiragana}]{2,6}|[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)"
    r"(?P<hon>%s)" % HONORIFIC_PATTERN)
_ROMAJI_PAIR = re.compile(r"(?<![A-Za-z])([A-Z][a-z]+|[A-Z]{2,})[ \u3000]([A-Z][a-z]+|[A-Z]{2,})(?![A-Za-z])")
# A date or time expression worth replacing holds a number with a calendar or clock unit (2021年3月, 平成13年度,
# 3月5日, 午前8時, 3時間, 20年後, 数年前, 半年間), a numeric date (2021/3/5, 5/13, 9:30) or a weekday (月曜日, 土日).
# Relative words without one (今年, 先週, 昨日, 戦後, 夏, 午後) do not point at a day: NER's spans of them are dropped.
_DATE_NUMERAL = r"[\d０-９〇一二三四五六七八九十百千元数半]"
_HAS_DATE_PART = re.compile(_DATE_NUMERAL + r"\s*(?:年|[ヶかカケ箇]?月|週|日|時|分|秒|世紀)|"
                            r"[\d０-９]{1,2}[:：][\d０-９]{2}|[\d０-９]{4}[/／.\-－][\d０-９]{1,2}|"
                            r"^[\d０-９]{1,2}[/／][\d０-９]{1,2}$|[月火水木金土日]曜|^土日(?:祝日?)?$")
# Hedges around a date are not part of it: 3月頃 → 3月, 約20年 → 20年, 午後3時ごろ → 午後3時 (the date shifter
# reads the date itself; the hedge stays in the text).
_DATE_HEDGE_BEFORE = re.compile(r"^(?:約|およそ|おおよそ|ほぼ|計|延べ|わずか|実に)")
_DATE_HEDGE_AFTER = re.compile(r"(?:頃|ごろ|ころ|前後|余り|あまり|強|弱|ほど|程|くらい|ぐらい|ぶり|以降|以前|以来|以上|以内|未満)$")
_BLOCK_NUMBER = re.compile(r"^[\d０-９一二三四五六七八九十]*(?:丁目|番地?|号)$")


# An honorific ends a word: a kanji right after it (other than 宛, 方, 御中, 以下, 等, 達, 一家) makes it part of
# another word (殿堂, 君主, 社長室).
_HONORIFIC_IN_WORD = regex.compile(r"(?![宛方御以等達一])[\p{Han}々]")
# Common words that end in the kanji of an honorific (仕様 "specification", 同様 "similar", 模様 "pattern").
_WORDS_WITH_HONORIFIC = frozenset({"仕様", "同様", "模様", "異様", "多様", "一様", "文様", "紋様", "今様", "左様",
                                   "神様", "王様", "皆様", "貴様", "仏様", "女王様", "王子様"})


def find_honorific_names(text: str) -> list[Finding]:
    """Names right before an honorific: 田中さん, ヤマダ様, 山田太郎氏, 営業部の鈴木課長 (kanji runs that end in a
    common noun such as 社長 or 患者 are not names)."""
    names = ja_names()
    out: list[Finding] = []
    for m in _BEFORE_HONORIFIC.finditer(text):
        name, start = m.group("name"), m.start("name")
        if _HONORIFIC_IN_WORD.match(text, m.end()) or (name[-1] + m.group("hon")) in _WORDS_WITH_HONORIFIC:
            continue  # 野球殿堂, 立憲君主, 社長室: the honorific's kanji begins or ends another word
        script = script_of(name.replace("・", "").replace("ー", "") or "x")
        if m.group("hon") in TITLES:
            split = split_full_name(name) if script == "kanji" else None
            tail = next((name[-n:] for n in (3, 2, 1) if len(name) >= n and name[-n:] in names.family_kanji), None)
            if split and split[0] in names.family_kanji and len(split[1]) <= 3 and len(name) <= 6:
                cand = name[-(len(split[0]) + len(split[1])):]
            elif tail:
                cand = tail
            else:
                continue
            out.append(Finding(start + len(name) - len(cand), start + len(name), "PERSON", 0.5, "ja_honorific"))
            continue
        if script == "kanji":
            cand = _kanji_name_suffix(name)
            if cand is None:
                continue
            start += len(name) - len(cand)
            name = cand
        elif script == "hiragana":
            known = token_key(name) in names.given_keys or token_key(name) in names.family_keys
            if not known and not (m.group("hon") == "氏" and len(name) >= 3):
                continue
        elif script == "katakana":
            if name.strip("・ー") in NOT_NAMES or len(name.strip("・ー")) < 2:
                continue
            if "・" not in name and _everyday_word_only(name) and \
                    token_key(name) not in names.family_keys and token_key(name) not in names.given_keys:
                continue  # エステさん: a shop the dictionary knows, not a name (エンドウさん, ツバサさん are)
        if name in NOT_NAMES:
            continue
        score = 0.6 if (name in names.family_kanji or name in names.given_kanji or
                        token_key(name) in names.family_keys) else 0.5
        out.append(Finding(start, start + len(name), "PERSON", score, "ja_honorific"))
    return out


@functools.lru_cache(maxsize=4096)
def _everyday_word_only(word: str) -> bool:
    """The dictionary lists ``word`` and only as common nouns (エステ, スタッフ), never as a proper noun."""
    entries = list(sudachi_dictionary().lookup(word))
    return bool(entries) and all(m.part_of_speech()[1] == "普通名詞" for m in entries)


def _kanji_name_suffix(run: str) -> str | None:
    """The name at the end of a kanji run before an honorific (営業部山田 → 山田), or ``None``."""
    names = ja_names()
    if len(run) == 1:
        return run if run in names.family_kanji or run in names.given_kanji else None
    for cut in range(0, len(run) - 1):
        tail = run[cut:]
        if len(tail) > 5:
            continue
        head = next((tail[:n] for n in (3, 2, 1) if tail[:n] in names.family_kanji and len(tail) >= n), None)
        if head and (len(tail) == len(head) or len(tail) - len(head) <= 3):
            return tail
    if 2 <= len(run) <= 4 and run[-1] not in _NOT_NAME_END and run not in NOT_NAMES:
        return run
    return None


def find_romaji_names(text: str) -> list[Finding]:
    """Romaji names: two capitalized words shaped like Hepburn romanization, at least one of them a known
    Japanese name (Taro Yamada, YAMADA Taro, Saku Onizuka)."""
    names = ja_names()
    out = []
    for m in _ROMAJI_PAIR.finditer(text):
        words = [w.lower() for w in m.groups()]
        a, b = (token_key(w) for w in words)
        known = {a, b} & (names.given_keys | names.family_keys)
        hepburn = all(HEPBURN_WORD.match(w) for w in words)
        if len(known) == 2 or (known and hepburn):
            out.append(Finding(m.start(), m.end(), "PERSON", 0.6 if len(known) == 2 else 0.5, "ja_romaji_name"))
    return out


_SPEAKER = regex.compile(r"(?m)^[ \t　]*(?P<name>[\p{Han}々]{1,4}|[\p{Katakana}ー]{2,10})(?=[ 　]?[:：])")
_KATAKANA_RUN = regex.compile(r"(?<![\p{Katakana}ー])[\p{Katakana}ー]{4,14}(?![\p{Katakana}ー])")
_KANJI_RUN = regex.compile(r"(?<![\p{Han}々])[\p{Han}々]{2,6}(?![\p{Han}々])")
_NAME_FOLLOWS = re.compile(r"^(?:です|と申します|といいます|と言います|でした|より|から|宛|へ|に|が|は|の|と|、|。|,|\s|$)")


_FIELD_END = set("名日先者所号別業齢味属署職帯話間料容的場件考時期象員切意論問答由果数額格品目長門類法式月年地域方点量度"
                 "率価金費状況報告書録覧欄記明項条由旨順位欄")


def find_speakers(text: str) -> list[Finding]:
    """Chat lines that start with a name and a colon (林：…, 佐藤: …): a known name, or any short name when two
    or more lines of the text look like speaker turns (form fields such as 住所： or 日時： are not names)."""
    names = ja_names()
    found = []
    for m in _SPEAKER.finditer(text):
        name = m.group("name")
        known = name in names.family_kanji or name in names.given_kanji or \
            (script_of(name) == "katakana" and token_key(name) in names.family_keys | names.given_keys)
        plausible = name not in NOT_NAMES and name[-1] not in _FIELD_END and name[-1] not in _NOT_NAME_END and \
            (script_of(name) != "kanji" or len(name) <= 3) and name not in countries()
        found.append((m, known, plausible))
    turns = sum(1 for _, known, plausible in found if known or plausible)
    return [Finding(m.start("name"), m.end("name"), "PERSON", 0.5 if known else 0.45, "ja_speaker")
            for m, known, plausible in found if known or (plausible and turns >= 2)]


_SELF_INTRO = regex.compile(
    r"(?m)(?:^|(?<=[。！!？?\n]))[ 　]*(?:(?:私|わたし|僕|ぼく|俺)(?:は|、))?"
    r"(?P<name>[\p{Katakana}ー]{4,10}|[\p{Han}々]{2,5}(?=[ 　]?(?:と申します|といいます|と言います))|"
    r"[\p{Hiragana}]{4,8}(?=(?:と申します|といいます|と言います))|[\p{Han}々]{2,4}[ 　][\p{Han}々]{1,3}(?=です))"
    r"(?=[ 　]?(?:です|と申します|といいます|と言います))")


_SIGNATURE = regex.compile(r"(?m)^[ \t　]*(?P<name>[\p{Han}々]{1,4}[ 　][\p{Han}々]{1,3}|[\p{Katakana}ー]{2,8}[ 　][\p{Katakana}ー]{2,8})"
                           r"[ \t　]*$")


def find_signatures(text: str) -> list[Finding]:
    """A line holding only a spaced family and given name (a mail signature: 舘野 遥斗)."""
    out = []
    for m in _SIGNATURE.finditer(text):
        name = m.group("name")
        parts = name.replace("　", " ").split(" ")
        if any(p in NOT_NAMES or p in NOT_NAME_PARTS or p in countries() for p in parts) or \
                parts[-1][-1] in _NOT_NAME_END and parts[-1] not in ja_names().given_kanji:
            continue
        out.append(Finding(m.start("name"), m.end("name"), "PERSON", 0.45, "ja_signature"))
    return out


def find_self_introductions(text: str) -> list[Finding]:
    """クマガイミウです！, 佐藤健一と申します: a name at the start of a sentence introducing its writer."""
    out = []
    for m in _SELF_INTRO.finditer(text):
        name = m.group("name")
        if name in NOT_NAMES or name in countries():
            continue
        out.append(Finding(m.start("name"), m.end("name"), "PERSON", 0.45, "ja_self_intro"))
    return out


def find_dictionary_names(text: str) -> list[Finding]:
    """Full names by the name lists: katakana runs that split into a family and a given reading
    (サトウサトミ), kanji runs of a known family name and a known given name (林知実) or of a known family name
    and one to three kanji followed by です/と申します/a particle."""
    names = ja_names()
    out = []
    for m in _KATAKANA_RUN.finditer(text):
        run = m.group(0)
        for cut in range(2, len(run) - 1):
            if token_key(run[:cut]) in names.family_keys and token_key(run[cut:]) in names.given_keys:
                out.append(Finding(m.start(), m.end(), "PERSON", 0.55, "ja_name_lists"))
                break
    for m in _KANJI_RUN.finditer(text):
        run = m.group(0)
        run = strip_honorific(run)[0]
        for cut in (3, 2, 1):
            if cut >= len(run) or run[:cut] not in names.family_kanji:
                continue
            given = run[cut:]
            end = m.start() + len(run)
            if given in names.given_kanji:
                out.append(Finding(m.start(), end, "PERSON", 0.6, "ja_name_lists"))
                break
            if cut >= 2 and len(given) <= 2 and _NAME_FOLLOWS.match(text[end:end + 5]) and \
                    given[-1] not in _NOT_NAME_END and not re.search(r"[市区町村県都府道郡駅線]", given):
                out.append(Finding(m.start(), end, "PERSON", 0.45, "ja_name_lists"))
                break
    return out


_ROLE = ("女優|俳優|歌手|選手|監督|作家|小説家|漫画家|画家|詩人|社長|会長|町長|市長|村長|知事|首相|大統領|主人公|投手|"
         "父親|母親|少年|少女|青年|コメディアン|お笑い芸人|タレント|評論家|政治家|実業家|写真家|建築家|声優|"
         "捕手|内野手|外野手|騎手|棋士|力士|議員|弁護士|記者|教授|博士|医師|牧師|司祭|神父|国王|皇帝|将軍|軍人|"
         "作曲家|指揮者|演出家|脚本家|プロデューサー|ディレクター|アナウンサー|キャスター|コーチ|DF|MF|FW|GK|"
         "長男|次男|三男|長女|次女|三女|息子|娘|父|母|兄|弟|姉|妹|妻|夫|祖父|祖母|叔父|叔母|伯父|伯母|孫")
_KATAKANA_NAME = r"[\p{Katakana}ー]{2,}(?:[・=＝][\p{Katakana}ー]{1,})*"
_AFTER_ROLE = regex.compile(
    r"(?:%s)(?:(?P<sep>[・　 ]|の)?(?P<han>[\p{Han}々]{2,4})(?=[はがのをにともでや、。」）\s])|"
    r"(?:の|・|　| )?(?P<kata>%s)|・?(?P<hira>\p{Hiragana}{3,4})(?=[はがのをにともや、。」）]))" % (_ROLE, _KATAKANA_NAME))
# Parts of a foreign name: katakana words, a Latin initial (ウィリス・A・リー, E・E・リッチ) and, before the last part,
# a one-kana particle (ル=グウィン); the last part is a katakana word.
_DOTTED_NAME = (r"(?:[\p{Katakana}ー]{1,}|[A-Z]\.?)(?:[・=＝](?:[\p{Katakana}ー]{1,}|[A-Z]\.?)){0,4}"
                r"[・=＝][\p{Katakana}ー]{2,}")
_NAME_START = r"(?<![\p{Katakana}ー・=＝A-Za-z])"
_NAME_END = r"(?![\p{Katakana}ー・=＝])"
_DOTTED = regex.compile(_NAME_START + _DOTTED_NAME + _NAME_END)
#: Words of :data:`NOT_NAME_PARTS` that begin or join a person's name when another part follows: particles of
#: European names (ミゲル・デ・セルバンテス, ル=グウィン) and ビル (Bill, but also "building" at the end).
_NAME_WORDS_BEFORE_LAST = frozenset({"デ", "ド", "ダ", "ディ", "デル", "ラ", "ル", "レ", "ロ", "フォン", "ヴァン",
                                     "ファン", "デュ", "ベン", "ビン", "イブン", "アル", "エル", "ビル"})
_NOT_PERSON_AFTER = re.compile(r"^(?:社|党|州|県|市|語|料理|教|派|賞|杯|線|駅|号|級|型|法|式|系|族|語|諸島|島|川|山|湖|"
                               r"通り|大学|学院|会|団|軍|朝|王国|共和国|帝国|症|病|ソース|グループ|バンド|シリーズ)")


def find_role_names(text: str) -> list[Finding]:
    """Names right after a role word (女優のハティ・マクダニエル, 町長カール・エーバート, DF奈良竜樹, 社長・岡崎忠彦)."""
    out = []
    for m in _AFTER_ROLE.finditer(text):
        group = "han" if m.group("han") else "hira" if m.group("hira") else "kata"
        name = m.group(group)
        if name in NOT_NAMES or (group == "han" and name[-1] in _NOT_NAME_END) or name in countries():
            continue
        if group == "han" and not (m.group("sep") in ("・", "　", " ") or
                                   family_led(name) and (m.group("sep") is None or len(name) >= 3) or
                                   m.group("sep") is None and any(name.startswith(f) for f in ja_names().family_kanji)):
            continue  # 父の林文察 (a family name leads), DF奈良竜樹; not 父の会社
        if group == "han" and _ends_in_common_noun(name):
            continue  # 選手権大会, 首相兼外相: the run ends in an everyday word
        if group == "kata" and "・" not in name and also_a_common_noun(name):
            continue  # 少年ジャンプ, 青少年のホッケー
        if group == "hira" and (not (token_key(name) in ja_names().given_keys or _person_word(name)) or
                                _function_word(name)):
            continue  # 長女さつき, 主人公・すみれ: a given name in hiragana
        if group == "kata" and any(p in NOT_NAME_PARTS or p in countries() for p in re.split(r"[・=＝]", name)):
            continue
        if _NOT_PERSON_AFTER.match(text[m.end(group):m.end(group) + 4]):
            continue
        out.append(Finding(m.start(group), m.end(group), "PERSON", 0.45, "ja_role_name"))
    return out


_INITIALS_NAME = regex.compile(r"(?<![A-Za-z0-9.])(?:[A-Z]\.[ ]?){1,3}(?P<name>[\p{Katakana}ー]{2,})" + _NAME_END)


def find_initialled_names(text: str) -> list[Finding]:
    """A katakana family name after Latin initials (J.L.ボニエ, M. メドレー), how Japanese text writes a foreign
    name with its given names abbreviated; not a loanword the dictionary knows (U.S.スチール) or a word of
    companies and events."""
    out = []
    for m in _INITIALS_NAME.finditer(text):
        name = m.group("name")
        if not name_like_word(name) or also_a_common_noun(name) or _NOT_PERSON_AFTER.match(text[m.end():m.end() + 4]):
            continue
        out.append(Finding(m.start(), m.end(), "PERSON", 0.45, "ja_initialled_name"))
    return out


def find_dotted_katakana_names(text: str) -> list[Finding]:
    """Foreign names written in katakana with ・ or = between the parts (ポール・ヘニングセン, ル=グウィン,
    ウィリス・A・リー): in Japanese text this notation is mostly used for people; a following 社/党/駅/語… marks
    the exceptions, and so does a word of a company or a place among the parts."""
    out = []
    for m in _DOTTED.finditer(text):
        parts = re.split(r"[・=＝]", m.group(0))
        words = sum(1 for p in parts if script_of(p) == "katakana" and len(p) >= 2)
        if words < 1 or len(parts) == 2 and words < 2 and not re.search(r"[=＝]", m.group(0)):
            continue  # ア・リ, ル・マン: not two name words (ル=グウィン is written with =)
        if _NOT_PERSON_AFTER.match(text[m.end():m.end() + 4]) or any(
                part in countries() or part in NOT_NAME_PARTS and not (i < len(parts) - 1 and part in _NAME_WORDS_BEFORE_LAST)
                for i, part in enumerate(parts)):
            continue
        out.append(Finding(m.start(), m.end(), "PERSON", 0.4, "ja_katakana_name"))
    return out


_LATIN_SPAN = re.compile(r"[A-Za-z\u00c0-\u024f'’. \t\-]+")


def _latin_names(text: str) -> list[Finding]:
    """The shared Latin-script name gazetteer, cut to Latin letters (its word pattern also matches kana)."""
    if not re.search(r"[A-Z][a-z]+[ \t]+[A-Z]", text):
        return []
    out = []
    for f in find_names(text):
        m = _LATIN_SPAN.match(text, f.start)
        end = min(f.end, m.end()) if m else f.start
        chunk = text[f.start:end].rstrip(" .\t-")
        if len(chunk.split()) >= 2:
            out.append(Finding(f.start, f.start + len(chunk), f.entity_type, f.score, f.recognizer))
    return out


_FAMILY_TAG = ("人名", "姓")
_GIVEN_TAG = ("人名", "名")


def find_dictionary_full_names(text: str) -> list[Finding]:
    """A word the dictionary files as a family name followed by one or two it files as given names (林 頼三郎,
    富野 由悠季, 朴 普 煕): Sudachi's name dictionary knows far more names than our lists, and a family name
    directly followed by a given name is a person's full name wherever it stands (NER often calls such a name
    an animal, a school or a character)."""
    if not _KANJI_RUN.search(text):
        return []
    words = sudachi_words(text)
    out = []
    for i, (start, end, pos) in enumerate(words):
        if pos[2:4] != _FAMILY_TAG:
            continue
        j = i + 1
        while j < len(words) and j - i <= 2 and words[j][2][2:4] == _GIVEN_TAG and words[j][0] == words[j - 1][1]:
            j += 1
        if j == i + 1:
            continue
        stop = words[j - 1][1]
        if script_of(text[start:stop]) != "kanji":
            continue
        out.append(Finding(start, stop, "PERSON", 0.5, "ja_dictionary_name"))
    return out


# Words that make a compound of a name that is no person: an eponym (ポアソン比, ガウス軌道), an administration or a
# family business (クリントン政権, ロスチャイルド家), a product (アリソン製).
_EPONYM_AFTER = re.compile(r"^(?:政権|政府|内閣|派|家|製|式|型|級|号|比|軌道|関数|分布|変換|係数|定理|定数|方程式|効果|"
                           r"法則|方程|理論|賞|記念|財団|研究所|事務所|病|症|線|通り|橋|港|湾|島|山|川|湖|城|駅|空港|"
                           r"大学|学院|高校|小学校|中学校|社(?!長|員)|グループ|ショー|シリーズ|神殿|聖堂|大聖堂|寺院|教会|美術館|博物館|記念館|"
                           r"競馬場|競技場|球場|映画祭|宇宙センター|センター|リゾート|時代|王朝)")


_KATAKANA_CHAR = regex.compile(r"[\p{Katakana}ー]")
_KANJI_CHAR = regex.compile(r"[\p{Han}々]")


def find_dictionary_person_words(text: str) -> list[Finding]:
    """Words the dictionary files as a person's name on their own: a full name or a foreign name (人名-一般:
    手塚治虫, ゴルバチョフ, アリストテレス) or a given name of two kanji or more (人名-名: 芳根, 信包). Not a word
    that is part of a ・-compound (the compound finders judge those) or that heads an eponym, an administration or
    a company (ポアソン比, クリントン政権, ボールドウィン社)."""
    if not regex.search(r"[\p{Han}\p{Katakana}]{2}", text):
        return []
    out = []
    for start, end, pos in sudachi_words(text):
        if pos[2] != "人名" or pos[3] not in ("一般", "名") or end - start < 2:
            continue
        word = text[start:end]
        script = script_of(word)
        if script not in ("kanji", "katakana") or pos[3] == "名" and script != "kanji":
            continue
        if (start > 0 and text[start - 1] in "・=＝") or text[end:end + 1] in ("・", "=", "＝"):
            continue
        before, after = text[start - 1:start], text[end:end + 1]
        if script == "katakana" and (_KATAKANA_CHAR.match(before) or _KATAKANA_CHAR.match(after)):
            continue  # a piece of a longer katakana word (ハーレーダビッドソン, ヴィクトリアマイル)
        if script == "kanji" and _KANJI_CHAR.match(before):
            run = regex.search(r"[\p{Han}々]+$", text[max(0, start - 4):start]).group(0)
            if pos[3] != "名" or run not in ja_names().family_kanji:
                continue  # a piece of a longer kanji word (東京小文枝の会, 安治川西発電所)
            start -= len(run)  # a family name the dictionary did not tag before a given name (車 吉章)
        if script == "kanji" and pos[3] == "名" and _KANJI_CHAR.match(after) and \
                not regex.match(_TITLE_AFTER, text[end:end + 5]):
            continue  # 美登利総本店: a given name inside another word (a full name may run on: 円谷英二特技監督)
        if _EPONYM_AFTER.match(text[end:end + 5]) or _NOT_PERSON_AFTER.match(text[end:end + 4]):
            continue
        if script == "katakana" and also_a_common_noun(word):
            continue  # スライド, ヤング: the dictionary also lists an everyday word of that spelling
        out.append(Finding(start, end, "PERSON", 0.45, "ja_dictionary_word"))
    return out


# Titles and roles written right after a person's name (ギゾー首相, ウィリス・A・リー中将, ファルエル学長), and ら
# ("and the others with"), which follows people. Not 社長/会長: a company's name takes them too (ソニー社長).
_TITLE_AFTER = ("副大統領|大統領|首相|外相|内相|蔵相|国務長官|長官|国王|女王|皇帝|皇后|王妃|王子|王女|将軍|元帥|大将|中将|"
                "少将|准将|大佐|中佐|少佐|大尉|中尉|少尉|提督|司令官|艦長|監督|選手|投手|捕手|騎手|教授|博士|議員|"
                "上院議員|下院議員|学長|大使|司教|大司教|枢機卿|牧師|神父|容疑者|被告|夫人|夫妻|卿|公爵|侯爵|伯爵|"
                "子爵|男爵|判事|記者|候補|兄弟|姉妹|一家|自身|ら")
_TITLED_KATAKANA = regex.compile(r"%s(?P<name>%s|[\p{Katakana}ー]{2,})(?=(?:%s)(?![\p{Han}]))"
                                 % (_NAME_START, _DOTTED_NAME, _TITLE_AFTER))


# Nouns of kinship and of personal relations: "X's father", "X's successor" say that X is a person.
_KIN_AFTER = ("父|母|妻|夫|息子|娘|兄|弟|姉|妹|祖父|祖母|孫|長男|次男|三男|長女|次女|三女|叔父|叔母|伯父|伯母|甥|姪|"
              "弟子|師匠|後任|前任|代理人|秘書|恋人|愛人|未亡人|自伝|伝記|遺体|葬儀|死後|生涯|晩年|肖像")
_KIN_KATAKANA = regex.compile(r"%s(?P<name>%s|[\p{Katakana}ー]{2,})の(?=(?:%s)(?![\p{Han}]))"
                              % (_NAME_START, _DOTTED_NAME, _KIN_AFTER))


_KIN_KANJI = regex.compile(r"(?<![\p{Han}々])(?P<name>[\p{Han}々]{2,5})の(?=(?:%s)(?![\p{Han}]))" % _KIN_AFTER)


@functools.lru_cache(maxsize=4096)
def family_name_word(word: str) -> bool:
    """A family name of the name lists, or a word the dictionary lists as a family name (人名-姓), whatever else
    it lists it as (島, 林: also everyday words)."""
    return word in ja_names().family_kanji or any(
        tuple(m.part_of_speech()[2:4]) == _FAMILY_TAG for m in sudachi_dictionary().lookup(word))


def _one_known_word(word: str) -> bool:
    """The dictionary reads ``word`` as one word it knows, not as a person's name (大統領, 平安京)."""
    from sudachipy import tokenizer as sudachi

    morphemes = sudachi_tokenizer().tokenize(word, sudachi.Tokenizer.SplitMode.C)
    return len(morphemes) == 1 and not unknown(morphemes[0]) and morphemes[0].part_of_speech()[2] != "人名"


@functools.lru_cache(maxsize=4096)
def _person_word(word: str) -> bool:
    """The dictionary lists ``word`` as a person's name, whatever else it lists it as (さつき, すみれ)."""
    return any(m.part_of_speech()[2] == "人名" for m in sudachi_dictionary().lookup(word))


def _function_word(word: str) -> bool:
    """The dictionary reads ``word`` as one word that is no noun (として, ともに, だった)."""
    from sudachipy import tokenizer as sudachi

    morphemes = sudachi_tokenizer().tokenize(word, sudachi.Tokenizer.SplitMode.C)
    return len(morphemes) != 1 or morphemes[0].part_of_speech()[0] != "名詞"


def _ends_in_common_noun(run: str) -> bool:
    """The dictionary reads the end of a kanji run as an everyday word of two kanji or more (権|大会, 兼|外相)."""
    from sudachipy import tokenizer as sudachi

    morphemes = sudachi_tokenizer().tokenize(run, sudachi.Tokenizer.SplitMode.C)
    last = morphemes[len(morphemes) - 1] if len(morphemes) > 1 else None
    return last is not None and len(last.surface()) >= 2 and not unknown(last) and \
        last.part_of_speech()[1] == "普通名詞"


def family_led(name: str) -> bool:
    """A kanji run of two to four characters that reads as a family name and a given name (島清興, 林文察): it
    starts with a family name (:func:`family_name_word`) followed by one to three kanji, and the dictionary does not
    read the run as one word of its own, a place or a country."""
    if name in NOT_NAMES or name in countries() or _one_known_word(name):
        return False
    heads = [n for n in (3, 2, 1) if n < len(name) and len(name) - n <= 3 and family_name_word(name[:n])]
    if not heads or name[-1] in _NOT_NAME_END and name[heads[0]:] not in ja_names().given_kanji:
        return False  # 山田家人; but 高橋直子 (a given name of the lists ending in 子)
    return not only_a_place(name) and not re.search(r"[市区町村県都府道郡駅線]", name[heads[0]:])


def find_kin_names(text: str) -> list[Finding]:
    """A katakana name before の and a noun of kinship or of a personal relation (シピャーギンの後任,
    ローウェットの代理人, …の妻): only a person has a father, a successor or a biography. The name must look like one
    to the dictionary (:func:`name_like_word`); a kanji name must start with a family name (:func:`family_led`)."""
    out = [Finding(m.start("name"), m.end("name"), "PERSON", 0.45, "ja_kin_name")
           for m in _KIN_KANJI.finditer(text) if family_led(m.group("name"))]
    for m in _KIN_KATAKANA.finditer(text):
        name = m.group("name")
        parts = [p for p in re.split(r"[・=＝]", name) if script_of(p) == "katakana" and len(p) >= 2]
        if not parts or not name_like_word(parts[-1]) or len(parts) > 1 and place_compound(name):
            continue
        out.append(Finding(m.start("name"), m.end("name"), "PERSON", 0.45, "ja_kin_name"))
    return out


def find_titled_names(text: str) -> list[Finding]:
    """A katakana name right before a title or role (ギゾー首相, ウィリス・A・リー中将, チュブコフ、フヴォストフら):
    the name must look like one to the dictionary (:func:`name_like_word`), so a sport or a country before the
    title (バドミントン選手, フランス大統領) is no name."""
    out = []
    for m in _TITLED_KATAKANA.finditer(text):
        name = m.group("name")
        parts = [p for p in re.split(r"[・=＝]", name) if script_of(p) == "katakana" and len(p) >= 2]
        if not parts or not name_like_word(parts[-1]):
            continue
        if len(parts) > 1 and place_compound(name):
            continue
        out.append(Finding(m.start("name"), m.end("name"), "PERSON", 0.45, "ja_titled_name"))
    return out


#: Extra finders for Japanese text (each: text -> findings).
FINDERS: tuple[Callable[[str], list[Finding]], ...] = (find_honorific_names, find_romaji_names, find_speakers,
                                                       find_dictionary_names, find_role_names,
                                                       find_self_introductions, find_signatures,
                                                       find_dotted_katakana_names, _latin_names, find_kana_names,
                                                       find_dictionary_full_names, find_titled_names,
                                                       find_dictionary_person_words, find_kin_names,
                                                       find_initialled_names)


_RANK_TAIL = re.compile(r"(?<=[\u30a0-\u30ff\u3400-\u9fff々])(?:大統領|首相|国王|女王|皇帝|将軍|元帥|大将|中将|少将|准将|"
                        r"大佐|中佐|少佐|大尉|中尉|少尉|提督|司令官|艦長|公爵|侯爵|伯爵|子爵|男爵|卿|夫人|博士|判事|"
                        r"大司教|司教|枢機卿|牧師|神父)$")


def _strip(text: str, f: Finding) -> Finding | None:
    start, end = f.start, f.end
    while start < end and text[start] in _EDGE_JUNK:
        start += 1
    while end > start and text[end - 1] in _EDGE_JUNK:
        end -= 1
    if f.entity_type == "PERSON":
        end = start + len(strip_honorific(text[start:end])[0])
        m = _RANK_TAIL.search(text, start, end)
        if m and m.start() - start >= 2 and m.end() == end:
            end = m.start()  # ラドゥロヴィッチ中尉, カレルギー伯爵: the rank or title is not the name
        m = re.search(r"(?<=[\u3040-\u30ff\u3400-\u9fff])[A-Z]{2,4}$", text[start:end])  # 川崎DF, 山田CEO
        if m:
            end = start + m.start()
    if end <= start:
        return None
    return Finding(start, end, f.entity_type, f.score, f.recognizer)


_TITLE_TAIL = re.compile(r"(?:家|一家|兄弟|姉妹|夫妻|夫人|首相|大統領|大公|公爵|伯爵|男爵|国王|王|皇帝|監督|選手|氏|議員|"
                         r"知事|市長|町長|社長|会長|教授|博士|司令官|将軍|元帥|大将|提督|法王|教皇|枢機卿|CEO)$")


def _name_in_title(text: str, f: Finding) -> Finding | None:
    """GiNZA puts a name and its title in one span (サッチャー首相 as Position_Vocation, 伊藤家 as Family):
    keep the name as a PERSON, drop the rest."""
    span = text[f.start:f.end]
    m = _TITLE_TAIL.search(span)
    if not m or m.start() == 0:
        return None
    name = span[:m.start()].rstrip("・ 　")
    if len(name) < 1 or name in NOT_NAMES or not re.fullmatch(r"[\u30a0-\u30ff\u3400-\u9fff々・=＝ー]+", name):
        return None
    script = script_of(name)
    if script == "kanji" and f.recognizer == "spacy:Position_Vocation" and name not in ja_names().family_kanji:
        return None  # 漫画家, 政治家: a field, not a name
    if script == "kanji" and (len(name) > 4 or len(name) == 1 and name not in ja_names().family_kanji):
        return None
    if script == "katakana" and (name in NOT_NAME_PARTS or name in NOT_NAMES):
        return None
    return Finding(f.start, f.start + len(name), "PERSON", 0.5, f.recognizer)


# Head nouns that end the names of companies, groups and facilities, never a person's name.
_NOT_PERSON_TAIL = re.compile(r"(?:社|軍|支店|本店|党|製薬|工業|興業|産業|商事|物産|鉄鋼|酒造|電力|電灯|電鉄|鉄道|証券|"
                              r"銀行|商店|商会|組合|財閥|政府|大学|高校|学園|病院|協会|財団|劇場|劇団|楽団|球団|艦隊|部隊|"
                              r"新聞|放送|出版|書房|製作所|研究所|印刷所|撮影所|事務所|会館|公園|古墳|飛行場|競輪場|"
                              r"競馬場|球場|ホテル|株式会社|グループ|ホールディングス|インターチェンジ|ジャンクション|"
                              r"サーキット|ページェント|帝国|王朝|革命|国体|事件|ショック|機関|自動車|記念|財務省|外務省|"
                              r"シリーズ|センター|キャンパス|駅|団|製|傘下|騒乱|偽札)$")
_CONTEXT_IDS = frozenset({"JP_MY_NUMBER", "JP_CORPORATE_NUMBER", "JP_DRIVER_LICENSE", "JP_PASSPORT"})


def refine(text: str, findings: list[Finding]) -> list[Finding]:
    """Fix spans GiNZA gets wrong: honorifics and brackets out of names, block numbers and durations out of
    dates, a bare postal code left to the postal-code recognizer."""
    out: list[Finding] = []
    national_ids = {(f.start, f.end) for f in findings if f.entity_type in _CONTEXT_IDS}
    ner_things = [(f.start, f.end) for f in findings if f.recognizer.startswith("spacy:") and
                  f.entity_type in ("ORGANIZATION", "LOCATION")]
    for f in findings:
        if f.entity_type == "CREDIT_CARD" and (f.start, f.end) in national_ids:
            continue  # a 12-digit My Number can pass Luhn too; its context word decided
        if f.entity_type in ("URL", "EMAIL_ADDRESS"):
            m = re.search(r"[^\x21-\x7e]", text[f.start:f.end])  # 詳細はhttps://example.jp/pageです: stop at kana
            if m:
                if m.start() < 4:
                    continue
                f = Finding(f.start, f.start + m.start(), f.entity_type, f.score, f.recognizer)
        if not f.recognizer.startswith("spacy"):
            if f.entity_type == "PERSON" and _weak_name_is_not_a_name(text[f.start:f.end], f.recognizer):
                continue
            if f.entity_type == "PERSON" and f.recognizer in _SHAPE_ONLY and any(
                    a <= f.start and f.end <= b and b - a > f.end - f.start for a, b in ner_things):
                continue  # カーサ・パイラル博物館: NER read the words as part of a longer company or place name
            out.append(f)
            continue
        if f.recognizer in ("spacy:Family", "spacy:Position_Vocation"):
            g = _name_in_title(text, f)
            if g is not None:
                out.append(g)
            continue
        g = _strip(text, f)
        if g is None:
            continue
        span = text[g.start:g.end]
        if g.entity_type == "PERSON":
            if any(p in NOT_NAME_PARTS for p in re.split(r"[・=＝]", span)) or _NOT_PERSON_TAIL.search(span):
                continue  # アイミア・ホテル, コーヴァルチック社: NER called a hotel or a company a person
            if span in NOT_NAMES or span in HONORIFICS or len(span) < 2 and script_of(span) != "kanji":
                continue
            if re.fullmatch(r"[\d\W_]+", span) or only_common_nouns(span) or place_compound(span) or \
                    _ACRONYM_HEAD.match(span) or _place_and_word(span):
                continue
            if _EPONYM_AFTER.match(text[g.end:g.end + 6]) or _ORG_START.match(span) or _latin_non_name(span):
                continue  # 橋本内閣, 株式会社クレハ, FIFA: a cabinet, a company, an acronym
            if only_a_place(span):  # 長篠, ハルビン: NER called a place a person
                g = Finding(g.start, g.end, "LOCATION", g.score, g.recognizer)
        elif g.entity_type == "DATE_TIME":
            g = _trim_date_hedges(text, g)
            span = text[g.start:g.end]
            if _BLOCK_NUMBER.match(span) or re.match(r"^[\d０-９]+$", span):
                continue
            after = text[g.end:g.end + 2]
            if after.startswith(("丁目", "番", "号")) or not _HAS_DATE_PART.search(span):
                continue
        elif g.entity_type in ("PHONE_NUMBER", "FAX_NUMBER") and len(re.findall(r"[\d０-９]", span)) < 6:
            continue  # GiNZA sometimes calls a title a phone number
        elif g.entity_type == "EMAIL_ADDRESS" and not re.search(r"[@＠]", span):
            continue
        elif g.entity_type == "URL" and not re.search(r"[A-Za-z0-9]\.[A-Za-z]{2,}", fold_width(span)):
            continue
        elif g.entity_type == "AGE" and span.startswith("満") and len(span) > 2:
            g = Finding(g.start + 1, g.end, g.entity_type, g.score, g.recognizer)
        elif g.entity_type == "AGE" and not re.search(r"[\d０-９〇一二三四五六七八九十]", span):
            continue
        elif g.entity_type == "ADDRESS" and re.fullmatch(r"〒?\s*[\d０-９]{3}[-－]?[\d０-９]{4}", span):
            continue  # a postal code alone: the postal-code recognizer owns it
        elif g.entity_type in ("LOCATION", "ADDRESS") and (re.fullmatch(r"[\d０-９\-－]+", fold_width(span)) or
                                                           _BLOCK_NUMBER.match(span) or span in ("丁目", "番地", "号")):
            continue
        out.append(g)
    out = _merge_spaced_names(text, out)
    out += _unknown_subjects(text, out)
    out += _listed_with_names(text, out)
    return out + _between_names(text, out)


_BETWEEN = regex.compile(r"^(?P<sep>、|・|，)(?P<name>[\p{Han}々]{1,4}|[\p{Katakana}ー]{2,})(?P=sep)$")


def _between_names(text: str, findings: list[Finding]) -> list[Finding]:
    """One item between two found persons in a list with the same separator (渡辺秀央・X・黄川田徹): whatever the
    dictionary says about it, the middle of a list of people is a person, unless it is one known everyday word or
    a place."""
    persons = sorted({(f.start, f.end) for f in findings if f.entity_type == "PERSON"})
    out = []
    for (_, end), (start, _) in zip(persons, persons[1:]):
        m = _BETWEEN.match(text[end:start]) if 0 < start - end <= 14 else None
        if not m:
            continue
        name = m.group("name")
        if name in NOT_NAMES or name in countries() or _one_known_word(name) and not _person_word(name) or \
                only_a_place(name) or _NOT_PERSON_TAIL.search(name):
            continue
        out.append(Finding(end + m.start("name"), end + m.end("name"), "PERSON", 0.4, "ja_list_name"))
    return out


_SUBJECT = regex.compile(r"(?:^|(?<=[。、「\n]))(?P<name>[\p{Katakana}ー]{3,9})(?![\p{Katakana}ー・=＝A-Za-z\p{Han}])"
                         r"(?=は|が|も)")


def _unknown_subjects(text: str, findings: list[Finding]) -> list[Finding]:
    """A katakana word the dictionary does not know at all, opening a sentence or clause as its topic or subject
    (ネブルは…, 1930年、ツヴォルキンは…), that NER did not call anything else: in encyclopedic and news text such a
    word is mostly a foreign family name (the dictionary knows the common loanwords). Not a word ending in a known
    loanword of four kana or more (…グループ, …フェスティバル), two known loanwords (ラフ|ガイド) or in ス/ズ (plural
    team and band names). So is a word the dictionary lists both as a person's name and as a rare everyday word
    (グラントは…, ライスが…)."""
    out = []
    for m in _SUBJECT.finditer(text):
        a, b = m.span("name")
        word = m.group("name")
        if word in NOT_NAMES or word in countries() or any(f.start < b and a < f.end for f in findings):
            continue
        if _rare_name_homograph(word):
            out.append(Finding(a, b, "PERSON", 0.4, "ja_unknown_subject"))
            continue
        if word.endswith(("ス", "ズ")):
            continue
        if not _unknown_word(word) or any(_known_noun(word[-k:]) for k in range(4, len(word))) or \
                word.endswith("ズム") or any(_known_noun(word[:i]) and _known_noun(word[i:])
                                              for i in range(2, len(word) - 2)):
            continue  # ラフ|ガイド, ウタ|スズメ: two loanwords the dictionary knows; フォトクロミズム: an -ism
        out.append(Finding(a, b, "PERSON", 0.4, "ja_unknown_subject"))
    return out


#: Zipf frequency (wordfreq, Japanese) under which an everyday katakana word that the dictionary also lists as a
#: person's name is read as the name when it opens a sentence as its subject (グラント, ライス; not チーム, ナイフ).
_RARE_WORD_ZIPF = 4.0


@functools.lru_cache(maxsize=4096)
def _rare_name_homograph(word: str) -> bool:
    if not (_person_word(word) and also_a_common_noun(word)):
        return False
    from wordfreq import freq_to_zipf, get_frequency_dict  # the lookup table: no MeCab tokenization needed

    return freq_to_zipf(get_frequency_dict("ja").get(word, 1e-9)) < _RARE_WORD_ZIPF


def _unknown_word(word: str) -> bool:
    from sudachipy import tokenizer as sudachi

    return all(unknown(m) for m in sudachi_tokenizer().tokenize(word, sudachi.Tokenizer.SplitMode.C))


@functools.lru_cache(maxsize=4096)
def _known_noun(word: str) -> bool:
    return any(m.part_of_speech()[0] == "名詞" for m in sudachi_dictionary().lookup(word))


_LIST_SEP = r"(?:、|，|,|と|や|および|及び|及|そして)"
_ITEM_BEFORE = regex.compile(r"%s(?:%s|[\p{Katakana}ー]{2,})%s$" % (_NAME_START, _DOTTED_NAME, _LIST_SEP))
_ITEM_AFTER = regex.compile(r"^%s(?P<name>%s|[\p{Katakana}ー]{2,})%s" % (_LIST_SEP, _DOTTED_NAME, _NAME_END))


def _listed_with_names(text: str, findings: list[Finding]) -> list[Finding]:
    """Katakana names listed next to a found person (アメンとゴッサード, チュブコフ、フヴォストフ): an item of a
    list is the same kind of thing as its neighbours, and a katakana word the dictionary does not know or knows
    only as a name (:func:`name_like_word`) next to a person is a person too; so is a rare everyday word that is
    also a name (…とレーンは), unless の follows (ザルコフとトランペットの演奏: the instrument). Kanji items: see
    :func:`_kanji_neighbours`."""
    persons = sorted((f for f in findings if f.entity_type == "PERSON"), key=lambda f: f.start)
    taken = {(f.start, f.end) for f in findings}
    out: list[Finding] = []
    queue = list(persons)
    while queue and len(out) < 50:
        f = queue.pop()
        m = _ITEM_AFTER.match(text[f.end:f.end + 40])
        spans = []
        if m:
            spans.append((f.end + m.start("name"), f.end + m.end("name")))
        m = _ITEM_BEFORE.search(text[max(0, f.start - 40):f.start])
        if m:
            before = text[max(0, f.start - 40):f.start]
            item = regex.sub(r"%s$" % _LIST_SEP, "", m.group(0))
            start = f.start - len(before) + m.start()
            spans.append((start, start + len(item)))
        spans += _kanji_neighbours(text, f)
        for a, b in spans:
            name = text[a:b]
            if script_of(name) == "kanji":
                if (a, b) not in taken:
                    g = Finding(a, b, "PERSON", 0.4, "ja_list_name")
                    taken.add((a, b))
                    out.append(g)
                    queue.append(g)
                continue
            parts = [p for p in re.split(r"[・=＝]", name) if script_of(p) == "katakana" and len(p) >= 2]
            if (a, b) in taken or not parts or not (name_like_word(parts[-1]) or _rare_name_homograph(parts[-1]) and
                                                    text[b:b + 1] != "の") or \
                    _NOT_PERSON_AFTER.match(text[b:b + 4]) or len(parts) > 1 and place_compound(name):
                continue
            if a > 0 and regex.match(r"[\p{Katakana}ー・=＝]", text[a - 1]):
                continue
            g = Finding(a, b, "PERSON", 0.4, "ja_list_name")
            taken.add((a, b))
            out.append(g)
            queue.append(g)
    return out


_KANJI_LIST_SEP = r"(?:、|，|・|と|や|および|及び)"
_KANJI_ITEM_AFTER = regex.compile(r"^%s(?P<name>[\p{Han}々]{1,4})(?![\p{Han}々])(?=%s|[はがのをにもら])"
                                  % (_KANJI_LIST_SEP, _KANJI_LIST_SEP))
_KANJI_ITEM_BEFORE = regex.compile(r"(?<![\p{Han}々])(?P<name>[\p{Han}々]{1,4})%s$" % _KANJI_LIST_SEP)


def _kanji_neighbours(text: str, f: Finding) -> list[tuple[int, int]]:
    """Kanji items listed right before or after a found person that read as a family name alone (池田、桝) or a
    family name and a given name (階猛): a list holds things of one kind."""
    if script_of(text[f.start:f.end]) != "kanji":
        return []
    out = []
    m = _KANJI_ITEM_AFTER.match(text[f.end:f.end + 12])
    if m:
        out.append((f.end + m.start("name"), f.end + m.end("name")))
    before = text[max(0, f.start - 12):f.start]
    m = _KANJI_ITEM_BEFORE.search(before)
    if m and not (m.start() == 0 and f.start - 12 > 0):
        out.append((f.start - len(before) + m.start("name"), f.start - len(before) + m.end("name")))
    return [(a, b) for a, b in out if _listed_kanji_name(text[a:b])]


def _listed_kanji_name(item: str) -> bool:
    if item in NOT_NAMES or item in countries():
        return False
    if _NOT_PERSON_TAIL.search(item) or item[-1] in "号隊":
        return False  # 若草号, 武将隊
    if family_name_word(item):  # 池田 (also a place), 島 (one kanji, also an everyday word); not 仲間
        return len(item) == 1 or not any(m.part_of_speech()[1] == "普通名詞" for m in sudachi_dictionary().lookup(item))
    return len(item) >= 2 and family_led(item) and not _ends_in_common_noun(item)


_ACRONYM_HEAD = regex.compile(r"^[A-Z]{2,}[\p{Katakana}\p{Han}]")  # ASローマ, JPモルガン, SBS静岡: a club, a company


def _place_and_word(span: str) -> bool:
    """An unspaced span the dictionary reads as a place followed or preceded by words that are no person's name
    (宗像サニックス, 秋田ノーザンハピネッツ, アリオ西新井): a team, a shop or a facility named after its town. A family
    name that is also a place (宮崎) is one word and stays, and so does one followed by a short kanji given name."""
    from sudachipy import tokenizer as sudachi

    if not regex.fullmatch(r"[\p{Han}\p{Katakana}ー々]+", span):
        return False
    words = list(sudachi_tokenizer().tokenize(span, sudachi.Tokenizer.SplitMode.C))
    if len(words) < 2 or any(m.part_of_speech()[2] == "人名" for m in words):
        return False
    places = [i for i, m in enumerate(words) if m.part_of_speech()[2] == "地名" and not unknown(m)]
    if not places:
        return False
    rest = span[len(words[0].surface()):]
    # 岡山|某 (a family name that is a place, then a short kanji given name the dictionary lacks) may be a person
    return not (family_name_word(words[0].surface()) and script_of(rest) == "kanji" and len(rest) <= 3 and
                not _NOT_PERSON_TAIL.search(rest) and rest[-1] not in "城")


_ORG_START = re.compile(r"^(?:株式会社|有限会社|合同会社|財団法人|社団法人|学校法人)")
_LATIN_ONLY = re.compile(r"^[A-Za-z][A-Za-z .'&\-]*$")


def _latin_non_name(span: str) -> bool:
    """A Latin-script span in Japanese text that the shared name gazetteer does not read as a name (FIFA, Android,
    Tomato Records): GiNZA calls many Latin words persons."""
    return bool(_LATIN_ONLY.match(span)) and not find_names(span)


#: Finders that go by the written shape of a name alone (・-compounds, dictionary words): NER's reading of the same
#: words as a company or a place outweighs them.
_SHAPE_ONLY = frozenset({"ja_katakana_name", "ja_dictionary_word"})


def _weak_name_is_not_a_name(span: str, recognizer: str) -> bool:
    """A name finder's span that names a company or a facility (大塚製薬, 吉川工業), or a katakana ・-compound whose
    words Sudachi knows and none as a name (デジタル・ガレージ, コパ・アメリカ): the ・ finder alone is weak evidence."""
    if _NOT_PERSON_TAIL.search(span) and recognizer != "ja_honorific":
        return True
    return recognizer == "ja_katakana_name" and dictionary_says_not_a_name(span)


def _trim_date_hedges(text: str, f: Finding) -> Finding:
    """約20年 → 20年, 3月頃 → 3月: the hedge words around a date stay in the text."""
    span = text[f.start:f.end]
    before, after = _DATE_HEDGE_BEFORE.search(span), _DATE_HEDGE_AFTER.search(span)
    start = f.start + (before.end() if before else 0)
    end = f.end - (len(after.group(0)) if after else 0)
    if end - start < 2:
        return f
    return Finding(start, end, f.entity_type, f.score, f.recognizer)


def _merge_spaced_names(text: str, findings: list[Finding]) -> list[Finding]:
    """栗田 颯真 where NER found only 栗田: a kanji family name, a space, then 1–3 kanji ending the run → one name."""
    out = []
    for f in findings:
        if f.entity_type == "PERSON" and f.recognizer == "spacy:Person" and f.end - f.start == 1:
            m = _ONE_KANJI_FAMILY_GIVEN.match(text, f.end)
            if m and _KANJI_CHAR.match(text[f.start]) and not _EPONYM_AFTER.match(m.group(1)) and \
                    not _NOT_PERSON_TAIL.search(m.group(1)):  # 朴|槿恵, 徐|驎: NER took only a one-kanji family name
                f = Finding(f.start, m.end(1), "PERSON", f.score, f.recognizer)
        if f.entity_type == "PERSON" and script_of(text[f.start:f.end]) == "kanji" and f.end - f.start <= 3:
            m = _SPACED_GIVEN.match(text, f.end)
            if m and m.group(1) not in NOT_NAMES and m.group(1)[-1] not in _NOT_NAME_END:
                f = Finding(f.start, m.end(1), "PERSON", f.score, f.recognizer)
        out.append(f)
    return out


_ONE_KANJI_FAMILY_GIVEN = regex.compile(r"([\p{Han}々]{1,2})(?![\p{Han}々])")
_SPACED_GIVEN = regex.compile(r"[ 　]([\p{Han}々]{1,3})(?![\p{Han}々])")
