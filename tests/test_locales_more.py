"""Locale packs beyond English and Japanese: names by gender, local phones, users' packs, locale="auto"."""
from __future__ import annotations

import phonenumbers
import pytest
import yaml
from faker import Faker

import privsynth
from conftest import TEST_KEY
from privsynth.errors import ConfigError
from privsynth.keys import resolve_key
from privsynth._paths import data_dir
from privsynth.locales import load_locale
from privsynth.surrogates import SurrogateEngine
from privsynth.surrogates.names import name_pools
from privsynth.types import Finding

NEW = ("de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "pl_PL", "sv_SE", "ko_KR", "zh_CN")
KEY = resolve_key(TEST_KEY)


def _one(engine, entity, value):
    return engine.surrogates(value, [Finding(0, len(value), entity, 1.0, "test")])[0]


@pytest.mark.parametrize("locale", NEW)
def test_pack_names_by_gender_and_valid_local_phones(locale):
    pack = load_locale(locale)
    assert pack.phone_region == locale[-2:]
    engine = SurrogateEngine(KEY, pack)
    pools = name_pools(pack.name_pools, pack.family_name_pools)
    fake = Faker(locale)
    fake.seed_instance(13)
    for gender, pool in (("female", pools.female), ("male", pools.male)):
        given = getattr(fake, f"first_name_{gender}")()
        # a Western order name "Given Family" in the pack's own script: the given name keeps its gender
        if pack.name_order == "given_family":
            family = fake.last_name()
            out = _one(engine, "PERSON", f"{given} {family}").split(" ")
            assert out[0] in pool.names and out[0] != given, (gender, out)
            assert out[-1] != family and out[-1].replace("-", "").isalpha()
    checked = 0
    for _ in range(10):
        original = fake.phone_number()
        try:
            parsed = phonenumbers.parse(original, pack.phone_region)
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_valid_number(parsed):
            continue
        out = _one(engine, "PHONE_NUMBER", original)
        assert out != original
        again = phonenumbers.parse(out, pack.phone_region)
        assert phonenumbers.is_valid_number(again), (original, out)
        assert phonenumbers.region_code_for_number(again) == pack.phone_region
        checked += 1
    assert checked >= 3, f"Faker {locale} phone numbers did not parse for {pack.phone_region}"


@pytest.mark.parametrize("locale", ("ko_KR", "zh_CN", "pl_PL", "de_DE"))
def test_email_local_parts_stay_ascii(locale):
    engine = SurrogateEngine(KEY, load_locale(locale))
    for original in ("anna.kowalski@gmail.com", "j.mueller@example.org", "minsu.kim@naver.com"):
        out = _one(engine, "EMAIL_ADDRESS", original)
        local = out.split("@")[0]
        assert local.isascii() and any(c.isalpha() for c in local) and not local.startswith("."), out


def test_locale_de_DE_works_in_the_scrubber():
    fake = Faker("de_DE")
    fake.seed_instance(5)
    name, email = fake.name(), fake.free_email()
    text = f"Dear {name}, please write to {email} about the order."
    out = privsynth.Scrubber(language="en", key=TEST_KEY, locale="de_DE").scrub(text).text
    assert email not in out
    domain = out.split("@")[1].split(" ")[0]
    assert domain in load_locale("de_DE").free_mail_domains


def test_users_own_pack_from_a_folder(tmp_path):
    spec = yaml.safe_load((data_dir("locales") / "de_DE.yaml").read_text(encoding="utf-8"))
    spec.update(locale="de_AT", faker_locale="de_AT", phone_region="AT", name_pools=["de_AT"],
                family_name_pools=["de_AT"])
    (tmp_path / "de_AT.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    with pytest.raises(ConfigError, match="locale_dirs"):
        privsynth.Scrubber(language="en", key=TEST_KEY, ner=False, locale="de_AT").scrub("x 0664 1234567")
    s = privsynth.Scrubber(language="en", key=TEST_KEY, ner=False, locale="de_AT", locale_dirs=[str(tmp_path)])
    email = "karl.huber@gmx.at"
    assert email not in s.scrub(f"Mail {email} today").text
    bad = dict(spec, locale="xx_YY", faker_locale="xx_YY")
    (tmp_path / "xx_YY.yaml").write_text(yaml.safe_dump(bad), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"xx_YY\.yaml: field 'faker_locale'"):
        privsynth.Scrubber(language="en", key=TEST_KEY, ner=False, locale="xx_YY",
                           locale_dirs=[str(tmp_path)]).scrub("Mail a.b@gmx.at")
    del spec["phone_region"]
    (tmp_path / "de_CH.yaml").write_text(yaml.safe_dump(dict(spec, locale="de_CH")), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"de_CH\.yaml: missing field\(s\) \['phone_region'\]"):
        load_locale("de_CH", (str(tmp_path),))


def test_auto_picks_the_pack_of_the_texts_language():
    german = "Die Rechnung hat Frau Katharina Vogel gestern per E-Mail an katharina.vogel@web.de geschickt."
    english = "The invoice was sent yesterday by Katharina Vogel to katharina.vogel@web.de by e-mail."
    auto = privsynth.Scrubber(language="en", key=TEST_KEY, locale="auto")
    assert auto.scrub(german).text == privsynth.Scrubber(language="en", key=TEST_KEY,
                                                         locale="de_DE").scrub(german).text
    assert auto.scrub(english).text == privsynth.Scrubber(language="en", key=TEST_KEY).scrub(english).text


def test_reserved_profile_uses_the_packs_fiction_ranges():
    pack = load_locale("fr_FR")
    engine = SurrogateEngine(KEY, pack, "reserved")
    prefixes = tuple(t.replace(" ", "").split("#")[0] for kind in pack.extra["reserved_phone_ranges"].values()
                     for t in kind)
    for original in ("01 42 68 53 00", "06 12 34 56 78", "+33 1 42 68 53 00"):
        out = _one(engine, "PHONE_NUMBER", original)
        national = phonenumbers.national_significant_number(phonenumbers.parse(out, "FR"))
        assert national.startswith(prefixes), (original, out)
