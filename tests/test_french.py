"""French as a third detection language: fr_core_news_sm, recognizers/fr (NIR, SIREN/SIRET, phones,
postcodes; IBANs from the generic scope) and the fr_FR pack."""
from __future__ import annotations

import re
import phonenumbers
import pytest
from faker import Faker
from stdnum.fr import nir as std_nir
from stdnum.fr import siren as std_siren

import privsynth
from conftest import TEST_KEY


@pytest.fixture(scope="module")
def fr():
    return privsynth.Scrubber(language="fr", key=TEST_KEY)


def test_defaults_for_french():
    config = privsynth.Config(language="fr")
    assert (config.model_name, config.surrogate_locale) == ("fr_core_news_sm", "fr_FR")
    assert "FR_NIR" in config.entities and "FR_SIRET" in config.entities


def test_french_text_end_to_end(fr):
    fake = Faker("fr_FR")
    fake.seed_instance(31)
    name, email, nir, iban = fake.name(), fake.email(), fake.ssn(), fake.iban()
    phone = "06 " + " ".join(f"{fake.random_int(10, 99)}" for _ in range(4))
    text = (f"Bonjour, je m'appelle {name}. Mon numéro de sécurité sociale est {nir}. Tél. : {phone}, "
            f"courriel {email}. Virement sur l'IBAN {iban}. Adresse : 12 rue de la Paix, 75002 Paris.")
    result = fr.scrub(text)
    for original in (name, email, nir, iban, phone, "75002"):
        assert original not in result.text, original
    by_type = {r.entity_type: result.text[r.output_start:r.output_end] for r in result.replacements}
    assert by_type["PERSON"] and by_type["EMAIL_ADDRESS"].count("@") == 1
    assert std_nir.is_valid(by_type["FR_NIR"])  # the surrogate NIR carries a valid key
    number = phonenumbers.parse(by_type["PHONE_NUMBER"], "FR")
    assert phonenumbers.is_valid_number(number) and phonenumbers.region_code_for_number(number) == "FR"
    # the postcode alone, or inside the whole address ("12 rue de la Paix, 75002 Paris" is one ADDRESS)
    postcode = by_type.get("ZIP_CODE") or re.search(r"\b\d{5}\b", by_type["ADDRESS"]).group(0)
    assert postcode.isdigit() and len(postcode) == 5


def test_siren_needs_its_label(fr):
    labelled = fr.scrub("La société est immatriculée au RCS sous le SIREN 732 829 320.")
    surrogate = [labelled.text[r.output_start:r.output_end] for r in labelled.replacements
                 if r.entity_type == "FR_SIREN"]
    assert len(surrogate) == 1 and std_siren.is_valid(surrogate[0].replace(" ", ""))
    assert "732 829 320" not in labelled.text
    plain = fr.detect("Il a commandé 732 829 320 grains de riz.")
    assert "FR_SIREN" not in {f.entity_type for f in plain}


def test_same_person_same_surrogate_across_documents(fr):
    fake = Faker("fr_FR")
    fake.seed_instance(32)
    name = fake.name()
    a = fr.scrub(f"Hier, {name} est arrivé à la gare.")
    b = fr.scrub(f"Le dossier de {name} est complet.")
    sa = [a.text[r.output_start:r.output_end] for r in a.replacements if r.entity_type == "PERSON"]
    sb = [b.text[r.output_start:r.output_end] for r in b.replacements if r.entity_type == "PERSON"]
    assert sa and sa == sb and name not in a.text + b.text
