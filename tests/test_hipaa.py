"""HIPAA Safe Harbor (45 CFR 164.514(b)(2)(i)): one test per row of the README table.

Each row: a text holding an identifier of that category is scrubbed; the identifier's type is among the
replacements and the original value is gone from the output. Structured rows use a scrubber without NER (fast);
names and places use the session's NER scrubber.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
from stdnum import luhn

import privsynth
from privsynth.detect.validators import VALIDATORS

TEXT_ONLY = privsynth.Scrubber(key="hipaa-tests-passphrase", ner=False)

# (category letter, category, text, value that must disappear, entity type that must replace it)
ROWS = [
    ("D", "telephone numbers", "Call me at (212) 555-7890 after five.", "(212) 555-7890", "PHONE_NUMBER"),
    ("E", "fax numbers", "Tel: (212) 555-7890, Fax: (212) 555-7891", "(212) 555-7891", "FAX_NUMBER"),
    ("F", "email addresses", "Write to john.smith@gmail.com today.", "john.smith@gmail.com", "EMAIL_ADDRESS"),
    ("G", "social security numbers", "SSN 460-89-9847 on file.", "460-89-9847", "US_SSN"),
    ("H", "medical record numbers", "medical record number MR-4829133", "MR-4829133", "MEDICAL_RECORD_NUMBER"),
    ("I", "health plan beneficiary numbers", "Medicare MBI: 1EG4-TE5-MK73", "1EG4-TE5-MK73",
     "HEALTH_PLAN_NUMBER"),
    ("I", "health plan beneficiary numbers", "Member ID: XJH884512039 (BCBS)", "XJH884512039",
     "HEALTH_PLAN_NUMBER"),
    ("J", "account numbers", "account number 123456789012 was debited", "123456789012", "ACCOUNT_NUMBER"),
    ("J", "account numbers", "Card 5425 2334 3010 9903 expired.", "5425 2334 3010 9903", "CREDIT_CARD"),
    ("K", "certificate/license numbers", "DEA number AB1234563 on the script", "AB1234563", "LICENSE_NUMBER"),
    ("K", "certificate/license numbers", "her nursing licence RN884213 expired", "RN884213", "LICENSE_NUMBER"),
    ("K", "certificate/license numbers", "driver's license D1234567", "D1234567", "US_DRIVER_LICENSE"),
    ("L", "vehicle identifiers", "VIN 1HGCM82633A004352 on file", "1HGCM82633A004352", "VEHICLE_ID"),
    ("L", "vehicle identifiers", "California plate 7ABC123 seen", "7ABC123", "LICENSE_PLATE"),
    ("L", "vehicle identifiers", "reg AB12 CDE, silver Ford", "AB12 CDE", "LICENSE_PLATE"),
    ("L", "vehicle identifiers", "車両は品川 500 さ 12-34です", "500 さ 12-34", "LICENSE_PLATE"),
    ("M", "device identifiers and serial numbers", "pacemaker serial number PJN804512H", "PJN804512H",
     "DEVICE_ID"),
    ("M", "device identifiers and serial numbers", "UDI (01)00844588003288(17)141120(10)7654321D(21)10",
     "00844588003288", "DEVICE_ID"),
    ("M", "device identifiers and serial numbers", "IMEI 35-209900-176148-1", "35-209900-176148-1", "IMEI"),
    ("N", "URLs", "Blog: https://www.johnsmith-family.com/about", "johnsmith-family", "URL"),
    ("O", "IP addresses", "Login from 203.0.114.77 failed.", "203.0.114.77", "IP_ADDRESS"),
    ("P", "biometric identifiers", "fingerprint template ID: FP-0042-7781", "FP-0042-7781", "BIOMETRIC_ID"),
    ("Q", "full-face photographs (only a link to one)", "photo: https://photos.example.org/jsmith-face.jpg",
     "jsmith-face", "URL"),
    ("R", "other unique identifying numbers", "Passport number 912803456 issued.", "912803456", "US_PASSPORT"),
    ("R", "other unique identifying numbers", "NHS number 943 476 5919", "943 476 5919", "UK_NHS"),
    ("R", "other unique identifying numbers", "MAC 00:1A:2B:3C:4D:5E", "00:1A:2B:3C:4D:5E", "MAC_ADDRESS"),
]


@pytest.mark.parametrize("letter,category,text,value,entity", ROWS, ids=[f"{r[0]}-{r[4]}" for r in ROWS])
def test_structured_identifiers_are_detected_and_replaced(letter, category, text, value, entity):
    result = TEXT_ONLY.scrub(text)
    assert entity in {r.entity_type for r in result.replacements}, (category, result.counts())
    assert value not in result.text, (category, result.text)


def test_a_names(scrubber):
    result = scrubber.scrub("Patient John Smith was seen by Dr. Emily Carter. Smith is stable.")
    assert result.counts().get("PERSON", 0) >= 3
    assert not re.search(r"John|Smith|Emily|Carter", result.text), result.text


def test_b_geographic_subdivisions(scrubber):
    text = "She lives at 1234 Elm Street, Springfield, IL 62704 and works in Boston."
    result = scrubber.scrub(text)
    assert not re.search(r"1234 Elm|62704|Boston", result.text), result.text
    assert {"ADDRESS", "LOCATION"} & {r.entity_type for r in result.replacements}
    zip3 = privsynth.Scrubber(key="hipaa-tests-passphrase", ner=False, zip3=True).scrub("ZIP code 62704; zip: 03601")
    assert "627**" in zip3.text and "000**" in zip3.text


def test_c_dates_shift_per_document_and_keep_intervals():
    result = TEXT_ONLY.scrub("Admitted 2020-03-04, discharged 2020-03-10, seen again on March 24, 2020.")
    dates = [result.text[r.output_start:r.output_end] for r in result.replacements if r.entity_type == "DATE_TIME"]
    assert "2020-03-04" not in result.text and len(dates) == 3
    a, b = (dt.date.fromisoformat(d) for d in dates[:2])
    c = dt.datetime.strptime(dates[2], "%B %d, %Y").date()
    assert (b - a).days == 6 and (c - a).days == 20


def test_c_dates_shift_per_subject_across_documents():
    subject = privsynth.Scrubber(key="hipaa-tests-passphrase", ner=False, date_shift="subject")
    document = privsynth.Scrubber(key="hipaa-tests-passphrase", ner=False)
    docs = ["John Smith was admitted on 2020-03-04.",
            "On 2020-03-10, John Smith had a follow-up with Dr. Emily Carter.",
            "Mary Jones was admitted on 2020-03-04."]

    def offsets(scrubber):
        out = []
        for text, original in zip(docs, ("2020-03-04", "2020-03-10", "2020-03-04")):
            r = scrubber.scrub(text)
            new = next(r_.output_start for r_ in r.replacements if r_.entity_type == "DATE_TIME")
            out.append((dt.date.fromisoformat(r.text[new:new + 10]) - dt.date.fromisoformat(original)).days)
        return out

    same_person = offsets(subject)
    assert same_person[0] == same_person[1]  # one offset for John Smith, the patient, in both documents
    assert same_person[2] != same_person[0]  # another subject, another offset
    per_document = offsets(document)
    assert per_document[0] != per_document[1]


def test_c_ages_over_89_are_aggregated_by_default():
    result = TEXT_ONLY.scrub("The patient, aged 93, and her husband, age: 88.")
    assert "aged 90+" in result.text and "93" not in result.text
    assert not re.search(r"age: (9\d|1\d\d)\b", result.text)


def test_surrogates_of_new_types_keep_their_form():
    vin = TEXT_ONLY.scrub("VIN 1HGCM82633A004352 on file").text.split()[1]
    assert VALIDATORS["vin"](vin) is True
    imei = re.search(r"IMEI (\S+)", TEXT_ONLY.scrub("IMEI 35-209900-176148-1").text).group(1)
    assert re.fullmatch(r"\d\d-\d{6}-\d{6}-\d", imei) and luhn.is_valid(imei.replace("-", ""))
    plate = TEXT_ONLY.scrub("reg AB12 CDE, silver Ford").text.split()[1:3]
    assert re.fullmatch(r"[A-Z]{2}\d{2}", plate[0]) and re.fullmatch(r"[A-Z]{3},", plate[1])
    udi = TEXT_ONLY.scrub("UDI (01)00844588003288(17)141120(10)7654321D(21)10").text
    gtin = re.search(r"\(01\)(\d{14})", udi).group(1)
    assert sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(gtin[:-1]))) % 10 == \
        (10 - int(gtin[-1])) % 10
    fax = TEXT_ONLY.scrub("Tel: (212) 555-7890, Fax: (212) 555-7891")
    assert [r.entity_type for r in fax.replacements] == ["PHONE_NUMBER", "FAX_NUMBER"]
