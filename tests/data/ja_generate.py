"""Generate the Japanese structured-PII evaluation set ``tests/data/ja_structured_pii.jsonl``.

Every value is synthetic: names, addresses, phone numbers and IDs come from Faker ja_JP (seeded) and random
digits with valid check digits; nothing describes a real person. Four registers — web forms, blog posts, chat
messages and business e-mail — written from templates; each placeholder's span is recorded with its label in the
labelled format of ``../shared/eval/README.md``.

    .venv/bin/python tests/data/ja_generate.py            # rewrites the file (deterministic, seed 20240401)
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from faker import Faker
from stdnum.jp import cn, in_

OUT = Path(__file__).with_name("ja_structured_pii.jsonl")
SEED = 20240401
N_PER_REGISTER = 90

FW = str.maketrans("0123456789-", "０１２３４５６７８９－")
ERAS = (("令和", 2019), ("平成", 1989), ("昭和", 1926))
KANJI_DIGITS = "〇一二三四五六七八九"
# Names that are in neither privsynth's name lists nor Faker's, so detection is not measured on known names only.
HELD_OUT_FAMILY = [("舘野", "タテノ", "Tateno"), ("蓮見", "ハスミ", "Hasumi"), ("古賀", "コガ", "Koga"),
                   ("鬼塚", "オニヅカ", "Onizuka"), ("宇佐美", "ウサミ", "Usami"), ("真鍋", "マナベ", "Manabe"),
                   ("梶原", "カジワラ", "Kajiwara"), ("栗田", "クリタ", "Kurita"), ("塩谷", "シオヤ", "Shioya"),
                   ("熊谷", "クマガイ", "Kumagai"), ("相馬", "ソウマ", "Soma"), ("望月", "モチヅキ", "Mochizuki"),
                   ("白石", "シライシ", "Shiraishi"), ("日高", "ヒダカ", "Hidaka"), ("富樫", "トガシ", "Togashi")]
HELD_OUT_MALE = [("颯真", "ソウマ", "Soma"), ("航平", "コウヘイ", "Kohei"), ("瑛太", "エイタ", "Eita"),
                 ("朔", "サク", "Saku"), ("雅也", "マサヤ", "Masaya"), ("匠", "タクミ", "Takumi"), ("遥斗", "ハルト", "Haruto")]
HELD_OUT_FEMALE = [("美羽", "ミウ", "Miu"), ("千晴", "チハル", "Chiharu"), ("紗希", "サキ", "Saki"),
                   ("琴音", "コトネ", "Kotone"), ("唯", "ユイ", "Yui"), ("穂乃果", "ホノカ", "Honoka"), ("柚葉", "ユズハ", "Yuzuha")]


def kanji_number(n: int) -> str:
    if n < 10:
        return KANJI_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else KANJI_DIGITS[tens]) + "十" + (KANJI_DIGITS[ones] if ones else "")


class Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.f = Faker("ja_JP")
        self.f.seed_instance(seed)

    # -- values -----------------------------------------------------------------------------------------------
    def person(self) -> dict:
        male = self.r.random() < 0.5
        if self.r.random() < 0.5:
            last = self.r.choice(HELD_OUT_FAMILY)
            first = self.r.choice(HELD_OUT_MALE if male else HELD_OUT_FEMALE)
        else:
            last = self.f.last_name_pair()
            first = self.f.first_name_male_pair() if male else self.f.first_name_female_pair()
        return {"hiragana": "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in last[1] + first[1]),
                "kanji": last[0] + first[0], "kanji_sp": last[0] + " " + first[0], "family": last[0],
                "given": first[0], "kana": last[1] + first[1], "kana_sp": last[1] + " " + first[1],
                "family_kana": last[1], "romaji": f"{first[2]} {last[2]}", "family_romaji": last[2],
                "given_romaji": first[2]}

    def phone(self) -> str:
        kind = self.r.choice(["mobile", "mobile", "landline2", "landline3", "landline4", "toll", "ip", "intl",
                              "fullwidth"])
        d = lambda n: "".join(self.r.choice("0123456789") for _ in range(n))  # noqa: E731
        if kind == "mobile":
            return f"0{self.r.choice('789')}0-{self.r.randint(1, 9)}{d(3)}-{d(4)}"
        if kind == "landline2":
            return f"0{self.r.choice('36')}-{self.r.randint(2, 9)}{d(3)}-{d(4)}"
        if kind == "landline3":
            return f"0{self.r.choice(['45', '52', '92', '11', '75', '78', '22'])}-{self.r.randint(2, 9)}{d(2)}-{d(4)}"
        if kind == "landline4":
            return f"0{self.r.choice(['466', '467', '463', '495', '544', '299'])}-{self.r.randint(2, 9)}{d(1)}-{d(4)}"
        if kind == "toll":
            return f"0120-{d(3)}-{d(3)}"
        if kind == "ip":
            return f"050-{self.r.randint(1, 9)}{d(3)}-{d(4)}"
        if kind == "intl":
            return f"+81-{self.r.choice('789')}0-{self.r.randint(1, 9)}{d(3)}-{d(4)}"
        return f"0{self.r.choice('789')}0-{self.r.randint(1, 9)}{d(3)}-{d(4)}".translate(FW)

    def email(self, p: dict) -> str:
        local = self.r.choice([f"{p['given_romaji']}.{p['family_romaji']}", f"{p['family_romaji']}{self.r.randint(1, 99)}",
                               self.f.user_name()]).lower()
        return f"{local}@{self.r.choice(['example.co.jp', 'example.jp', 'gmail.com', 'yahoo.co.jp', self.f.domain_name()])}"

    def zip(self) -> str:
        z = f"{self.r.randint(0, 999):03d}-{self.r.randint(0, 9999):04d}"
        return z.translate(FW) if self.r.random() < 0.15 else z

    def address(self) -> str:
        pref = self.f.prefecture()
        city = self.f.city()
        town = self.f.town()
        style = self.r.choice(["hyphen", "chome", "banchi", "hyphen"])
        if style == "hyphen":
            num = f"{self.r.randint(1, 9)}-{self.r.randint(1, 30)}-{self.r.randint(1, 20)}"
        elif style == "chome":
            num = f"{self.r.randint(1, 9)}丁目{self.r.randint(1, 30)}番{self.r.randint(1, 20)}号"
        else:
            num = f"{self.r.randint(1, 2999)}番地"
        if self.r.random() < 0.1:
            num = num.translate(FW)
        out = f"{pref}{city}{town}{num}" if self.r.random() < 0.75 else f"{city}{town}{num}"
        if self.r.random() < 0.4:
            out += f" {self.f.building_name()}{town}{self.r.randint(1, 9)}0{self.r.randint(1, 9)}号室"
        return out

    def date(self) -> str:
        y, m, d = self.r.randint(1950, 2024), self.r.randint(1, 12), self.r.randint(1, 28)
        style = self.r.choice(["seireki", "wareki", "slash", "seireki", "wareki", "kanji", "monthday"])
        if style == "kanji":
            return f"令和{kanji_number(self.r.randint(1, 6))}年{kanji_number(m)}月{kanji_number(d)}日"
        if style == "monthday":
            return f"{m}月{d}日"
        if style == "seireki":
            return f"{y}年{m}月{d}日"
        if style == "slash":
            return f"{y}/{m}/{d}"
        for era, start in ERAS:
            if y > start:
                return f"{era}{y - start + 1}年{m}月{d}日"
        return f"{y}年{m}月{d}日"

    def plain_phone(self) -> str:
        return f"0{self.r.choice('789')}0{self.r.randint(1, 9)}" + "".join(self.r.choice("0123456789") for _ in range(7))

    def age(self) -> str:
        return f"{self.r.randint(18, 95)}歳"

    def my_number(self) -> str:
        body = "".join(self.r.choice("0123456789") for _ in range(11))
        return body + in_.calc_check_digit(body)

    def corporate(self) -> str:
        body = "".join(self.r.choice("0123456789") for _ in range(12))
        return cn.calc_check_digit(body) + body

    def url(self) -> str:
        return f"https://{self.f.domain_name()}/{self.f.user_name()}"


# -- templates: (register, text with {label:key} placeholders) ------------------------------------------------
FORMS = [
    "お名前：{PERSON:kanji_sp}\nフリガナ：{PERSON:kana_sp}\n生年月日：{DATE_TIME:date}\n郵便番号：{ZIP_CODE:zip}\n住所：{ADDRESS:address}\n電話番号：{PHONE_NUMBER:phone}\nメール：{EMAIL_ADDRESS:email}",
    "【申込者情報】\n氏名：{PERSON:kanji}（{AGE:age}）\n〒{ZIP_CODE:zip} {ADDRESS:address}\nTEL：{PHONE_NUMBER:phone}\nE-mail：{EMAIL_ADDRESS:email}",
    "患者名：{PERSON:kanji}\n年齢：{AGE:age}\n受診日：{DATE_TIME:date}\n連絡先：{PHONE_NUMBER:phone}",
    "個人番号（マイナンバー）：{JP_MY_NUMBER:my_number}\n氏名：{PERSON:kanji_sp}\n住所：{ADDRESS:address}",
    "会社名：株式会社サンプル\n法人番号：{JP_CORPORATE_NUMBER:corporate}\n担当者：{PERSON:kanji}\n電話：{PHONE_NUMBER:phone}\nURL：{URL:url}",
    "契約者：{PERSON:kanji}様\n送付先：〒{ZIP_CODE:zip} {ADDRESS:address}\n携帯：{PHONE_NUMBER:phone}",
]
BLOGS = [
    "先日、{PERSON:family}さんと一緒に{ADDRESS:address}にある新しいカフェに行ってきました。{DATE_TIME:date}にオープンしたばかりだそうです。",
    "今日は{PERSON:kanji}さんの誕生日！{AGE:age}になったそうです。おめでとうございます。",
    "{DATE_TIME:date}、{PERSON:kanji}先生の講演会に参加しました。質問は{EMAIL_ADDRESS:email}まで受け付けているとのこと。",
    "実家は{ADDRESS:address}です。近所の{PERSON:kanji}さん（{AGE:age}）には昔からお世話になっています。",
    "昨日は{PERSON:kanji}と映画を観に行った。{PERSON:given}はずっと泣いていた。",
    "{DATE_TIME:date}に{ADDRESS:address}へ引っ越しました。新居の郵便番号は{ZIP_CODE:zip}です。",
    "ブログを引っ越しました。新しいURLは{URL:url}です。感想は{EMAIL_ADDRESS:email}へどうぞ。管理人：{PERSON:kanji}",
    "{PERSON:romaji}さん（{PERSON:kanji}）と{DATE_TIME:date}に再会しました。連絡先は{PHONE_NUMBER:phone}だそうです。",
]
CHATS = [
    "{PERSON:family}：明日の集合場所って{ADDRESS:address}でいいんだっけ？\n{PERSON2:family}：そうだよ！何かあったら{PHONE_NUMBER:phone}に電話して",
    "{PERSON:given}ちゃん、LINE変えたから{EMAIL_ADDRESS:email}に連絡してね〜",
    "{PERSON:family}くん {DATE_TIME:date}の飲み会来れる？場所は{ADDRESS:address}の居酒屋だよ",
    "ごめん、{PERSON:kanji}さんの番号わかる？{PHONE_NUMBER:phone}で合ってる？",
    "{PERSON:kana}です！{AGE:age}の誕生日にみんなありがとう🎉",
    "{PERSON:hiragana}だよ〜 携帯番号かわりました {PHONE_NUMBER:plain_phone}",
    "{PERSON:family}：了解！{DATE_TIME:date}ね\n{PERSON2:family}：よろしく",
    "{PERSON:family}先輩、{DATE_TIME:date}の打ち合わせの件、{PHONE_NUMBER:phone}に折り返しお願いします",
]
MAILS = [
    "{PERSON:kanji}様\n\nいつもお世話になっております。株式会社サンプルの{PERSON2:kanji}です。\n{DATE_TIME:date}の打ち合わせの件でご連絡いたしました。\nお手数ですが{PHONE_NUMBER:phone}までご連絡ください。\n\n{PERSON2:kanji}\nE-mail: {EMAIL_ADDRESS:email}",
    "{PERSON:family}様\n\n資料を〒{ZIP_CODE:zip} {ADDRESS:address}宛にお送りしました。\nご確認のほどよろしくお願いいたします。\n\n{PERSON2:kanji_sp}\nTEL {PHONE_NUMBER:phone}",
    "{PERSON:kanji}部長\n\n{DATE_TIME:date}付で{PERSON2:kanji}さんが入社します。連絡先は{EMAIL_ADDRESS:email}、携帯は{PHONE_NUMBER:phone}です。",
    "{PERSON:family}様\n\nご注文ありがとうございます。お届け先：{ADDRESS:address}\nお問い合わせ：{PHONE_NUMBER:phone}\n担当：{PERSON2:family}",
    "From: {PERSON:romaji} <{EMAIL_ADDRESS:email}>\n{PERSON2:family}さん\n\n{DATE_TIME:date}の会議は{ADDRESS:address}の本社で行います。",
]
REGISTERS = {"form": FORMS, "blog": BLOGS, "chat": CHATS, "mail": MAILS}
_SLOT = re.compile(r"\{(?P<label>[A-Z_]+?)(?P<second>2)?:(?P<key>\w+)\}")


def render(template: str, g: Gen) -> tuple[str, list[dict]]:
    people = {"": g.person(), "2": g.person()}
    text, spans, pos = "", [], 0
    for m in _SLOT.finditer(template):
        text += template[pos:m.start()]
        label, key, who = m.group("label"), m.group("key"), m.group("second") or ""
        if label == "PERSON":
            value = people[who][key]
        elif label == "EMAIL_ADDRESS":
            value = g.email(people[""])
        else:
            value = getattr(g, key)()
        spans.append({"start": len(text), "end": len(text) + len(value), "label": label, "orig_label": label,
                      "text": value})
        text += value
        pos = m.end()
    text += template[pos:]
    return text, spans


def main() -> int:
    g = Gen(SEED)
    rows = []
    for register, templates in REGISTERS.items():
        for i in range(N_PER_REGISTER):
            text, spans = render(templates[i % len(templates)], g)
            rows.append({"id": f"ja_synth-{register}-{i:03d}", "text": text, "lang": "ja", "source": "privsynth_ja_synth",
                         "spans": spans, "meta": {"register": register}, "split": "test"})
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            assert all(row["text"][s["start"]:s["end"]] == s["text"] for s in row["spans"])
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} documents to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
