"""Bring your own model: a Hugging Face token-classification model as the NER stage (``detector="transformers:…"``).

The model replaces the spaCy NER stage only; privsynth's pattern recognizers, finders, resolution, person linking
and surrogates run around it as usual. Texts are tokenized with the model's own fast tokenizer into windows of
``max_length`` tokens that overlap by ``stride`` tokens (so any text length works), windows run through the model
in batches (on CUDA when ``torch.cuda.is_available()``), each token keeps the prediction of the window in which it
sits farthest from an edge, and token labels are decoded (BIO/BIOES/plain) into spans whose character offsets come
from the tokenizer's offset mapping, widened to whole words. Model labels map to privsynth entity types through
:data:`LABEL_TABLE` (extendable per detector with ``label_map``); unlisted labels are ignored.

``transformers`` and ``torch`` are an optional extra: ``pip install 'privsynth[transformers]'``.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from ..errors import ConfigError, ModelError
from ..types import Finding

log = logging.getLogger(__name__)

PREFIX = "transformers:"
#: Highest score a model finding gets: model spans never count as checksum-certain pattern findings.
MAX_SCORE = 0.99
DEFAULT_MAX_LENGTH = 512

_BIO = re.compile(r"^(?P<tag>[BIESLU])[-_](?P<core>.+)$")


def _table(groups: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for labels, entity in groups.items():
        for label in labels.split():
            out[label] = entity
    return out


#: Model label (BIO prefix stripped, upper case, ``-``/space → ``_``) → privsynth entity type. Covers spaCy/CoNLL
#: (PER, LOC, ORG), OntoNotes (GPE, NORP, DATE), the ai4privacy and Presidio-research PII sets (FIRSTNAME,
#: STREETADDRESS, TELEPHONENUM, …), i2b2-style clinical labels (PATIENT, DOCTOR, MEDICALRECORD) and OpenAI's
#: Privacy Filter (private_person, private_address, …, secret).
LABEL_TABLE: dict[str, str] = _table({
    "PER PERSON NAME FULLNAME FULL_NAME PERSON_NAME FIRSTNAME FIRST_NAME GIVENNAME GIVEN_NAME GIVENNAME1 "
    "GIVENNAME2 LASTNAME LAST_NAME SURNAME LASTNAME1 LASTNAME2 LASTNAME3 MIDDLENAME MIDDLE_NAME NAME_STUDENT "
    "PATIENT DOCTOR PRIVATE_PERSON": "PERSON",
    "USERNAME USER_NAME USER ID_USERNAME": "USERNAME",
    "EMAIL EMAIL_ADDRESS EMAILADDRESS MAIL PRIVATE_EMAIL": "EMAIL_ADDRESS",
    "PHONE PHONENUMBER PHONE_NUMBER PHONE_NUM PHONENUM TELEPHONENUM TELEPHONE TEL MOBILE PRIVATE_PHONE":
        "PHONE_NUMBER",
    "FAX FAX_NUMBER": "FAX_NUMBER",
    "ADDRESS STREET STREETADDRESS STREET_ADDRESS BUILDINGNUM BUILDINGNUMBER BUILDING_NUMBER SECONDARYADDRESS "
    "SECONDARY_ADDRESS PRIVATE_ADDRESS": "ADDRESS",
    "LOC LOCATION GPE CITY STATE COUNTY COUNTRY PROVINCE REGION NEIGHBORHOOD NEIGHBOURHOOD FAC": "LOCATION",
    "ZIP ZIPCODE ZIP_CODE POSTCODE POST_CODE POSTAL_CODE POSTALCODE": "ZIP_CODE",
    "DATE TIME DATE_TIME DATETIME DOB DATEOFBIRTH DATE_OF_BIRTH BIRTHDATE BIRTH_DATE PRIVATE_DATE": "DATE_TIME",
    "AGE": "AGE",
    "CREDITCARD CREDIT_CARD CREDITCARDNUMBER CREDIT_CARD_NUMBER CARDNUMBER CARD_NUMBER": "CREDIT_CARD",
    "IBAN IBAN_CODE": "IBAN_CODE",
    "ACCOUNT ACCOUNTNUM ACCOUNTNUMBER ACCOUNT_NUMBER BANKACCOUNT BANK_ACCOUNT": "ACCOUNT_NUMBER",
    "IP IPV4 IPV6 IP_ADDRESS IPADDRESS": "IP_ADDRESS",
    "MAC MAC_ADDRESS MACADDRESS": "MAC_ADDRESS",
    "URL URL_PERSONAL PERSONAL_URL WEBSITE PRIVATE_URL": "URL",
    "SSN SOCIALNUM SOCIAL_SECURITY_NUMBER US_SSN": "US_SSN",
    "ID IDNUM ID_NUM ID_NUMBER IDCARDNUM ID_CARD IDCARD NATIONAL_ID PASSPORT PASSPORTNUM PASSPORT_NUMBER "
    "DRIVERLICENSE DRIVERLICENSENUM DRIVER_LICENSE TAXNUM TAX_ID TAX_NUMBER": "ID_NUMBER",
    "MEDICALRECORD MEDICAL_RECORD MRN": "MEDICAL_RECORD_NUMBER",
    "HEALTHPLAN HEALTH_PLAN": "HEALTH_PLAN_NUMBER",
    "PASSWORD SECRET PIN": "PASSWORD",
    "VIN VEHICLE VEHICLEVIN": "VEHICLE_ID",
    "LICENSE_PLATE LICENSEPLATE VEHICLEVRM": "LICENSE_PLATE",
    "ORG ORGANIZATION ORGANISATION COMPANY COMPANYNAME COMPANY_NAME CORPORATION": "ORGANIZATION",
    "NORP NRP": "NRP",
})


def split_label(label: str) -> tuple[str, str]:
    """``"B-first_name"`` → ``("B", "FIRST_NAME")``; a label without a BIO prefix gets tag ``"I"``."""
    norm = re.sub(r"[\s\-]+", "_", label.strip()).upper()
    if norm in ("O", "OUTSIDE", ""):
        return "O", ""
    m = _BIO.match(norm)
    if m and m.group("core") not in LABEL_TABLE and norm in LABEL_TABLE:
        return "I", norm  # a label that merely looks prefixed ("I_D"?) but is itself in the table
    return (m.group("tag"), m.group("core")) if m else ("I", norm)


def map_label(label: str, extra: Mapping[str, str] | None = None) -> str | None:
    """The privsynth entity type of a model label, or ``None`` (not personal data / unknown)."""
    tag, core = split_label(label)
    if tag == "O":
        return None
    if extra:
        for key in (label, core):
            if key in extra:
                return extra[key]
    return LABEL_TABLE.get(core)


def model_name(detector: str) -> str:
    """``"transformers:NAME_OR_PATH"`` → ``NAME_OR_PATH`` (a clear error when the name is missing)."""
    if not detector.startswith(PREFIX) or not detector[len(PREFIX):].strip():
        raise ConfigError(f"detector must look like 'transformers:NAME_OR_PATH'; got {detector!r}.")
    return detector[len(PREFIX):].strip()


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    entity: str | None
    tag: str
    prob: float
    centrality: int


class TransformersDetector:
    """Token-classification model → findings, with the same ``detect_batch`` interface as the spaCy stage."""

    def __init__(self, name_or_path: str, *, device: str | None = None, max_length: int | None = None,
                 stride: int | None = None, label_map: Mapping[str, str] | None = None) -> None:
        try:
            import torch
            from transformers import AutoModelForTokenClassification, AutoTokenizer
        except ImportError:
            raise ModelError("detector='transformers:…' needs the optional extra: "
                             "pip install 'privsynth[transformers]' (transformers and torch).") from None
        self._torch = torch
        self.name = name_or_path
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(name_or_path)
            self.model = AutoModelForTokenClassification.from_pretrained(name_or_path)
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load the token-classification model {name_or_path!r} "
                             f"({exc.__class__.__name__}); give a local directory or a model hub name that is "
                             "reachable from this machine.") from None
        if not getattr(self.tokenizer, "is_fast", False):
            raise ModelError(f"model {name_or_path!r} has no fast tokenizer (tokenizer.json): privsynth needs "
                             "its character offset mapping.")
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.model.to(self.device).eval()
        limits = [DEFAULT_MAX_LENGTH, getattr(self.model.config, "max_position_embeddings", None) or 10 ** 9,
                  self.tokenizer.model_max_length or 10 ** 9]
        self.max_length = max_length or int(min(limits))
        self.stride = stride if stride is not None else self.max_length // 4
        if not 0 <= self.stride < self.max_length - 2:
            raise ConfigError(f"stride must be between 0 and max_length - 3; got {self.stride} for "
                              f"max_length {self.max_length}.")
        self.label_map = dict(label_map or {})
        id2label = self.model.config.id2label
        self._labels = [(map_label(id2label[i], self.label_map), split_label(id2label[i])[0])
                        for i in range(len(id2label))]
        unmapped = sorted({id2label[i] for i, (e, t) in enumerate(self._labels) if e is None and t != "O"})
        if unmapped:
            log.info("model %s: labels without a privsynth type are ignored: %s", name_or_path, unmapped)

    # -- public ---------------------------------------------------------------------------------------------
    def detect_batch(self, texts: Sequence[str], batch_size: int = 16) -> list[list[Finding]]:
        """Findings for each text: windows of all texts run through the model ``batch_size`` at a time."""
        if not texts:
            return []
        enc = self.tokenizer(list(texts), truncation=True, max_length=self.max_length, stride=self.stride,
                             return_overflowing_tokens=True, return_offsets_mapping=True, padding=True,
                             return_tensors="pt")
        owner = enc["overflow_to_sample_mapping"].tolist()
        offsets = enc["offset_mapping"].tolist()
        special = [self._special_mask(enc, w) for w in range(len(owner))]
        inputs = {k: v for k, v in enc.items() if k in ("input_ids", "attention_mask", "token_type_ids")}
        tokens: list[dict[tuple[int, int], _Token]] = [{} for _ in texts]
        step = max(1, batch_size)
        with self._torch.inference_mode():
            for lo in range(0, len(owner), step):
                batch = {k: v[lo:lo + step].to(self.device) for k, v in inputs.items()}
                probs = self._torch.softmax(self.model(**batch).logits.float(), dim=-1)
                best, ids = probs.max(dim=-1)
                best, ids = best.cpu().tolist(), ids.cpu().tolist()
                for j in range(len(ids)):
                    w = lo + j
                    self._collect(tokens[owner[w]], offsets[w], special[w], ids[j], best[j])
        return [self._decode(text, toks) for text, toks in zip(texts, tokens)]

    # -- internals ------------------------------------------------------------------------------------------
    @staticmethod
    def _special_mask(enc: Any, window: int) -> list[bool]:
        word_ids = enc.word_ids(window)
        return [w is None for w in word_ids]

    def _collect(self, seen: dict[tuple[int, int], _Token], offsets: list, special: list[bool], ids: list[int],
                 probs: list[float]) -> None:
        """Keep, per token (by character offsets), the prediction of the window where it is most central."""
        content = [i for i, s in enumerate(special) if not s and offsets[i][1] > offsets[i][0]]
        if not content:
            return
        first, last = content[0], content[-1]
        for i in content:
            start, end = offsets[i]
            entity, tag = self._labels[ids[i]]
            token = _Token(start, end, entity, tag, probs[i], min(i - first, last - i))
            old = seen.get((start, end))
            if old is None or token.centrality > old.centrality:
                seen[(start, end)] = token

    def _decode(self, text: str, seen: dict[tuple[int, int], _Token]) -> list[Finding]:
        """Tokens in text order → spans: a span grows over tokens of one type until O, another type, or a
        B/S tag after a gap; pieces of one word always join; spans are widened to whole words."""
        spans: list[list[Any]] = []  # [start, end, entity, probs]
        for token in sorted(seen.values(), key=lambda t: (t.start, t.end)):
            if token.entity is None:
                continue
            prev = spans[-1] if spans else None
            gap = text[prev[1]:token.start] if prev else None
            joinable = prev is not None and prev[2] == token.entity and token.start >= prev[1] and \
                (gap == "" or (gap.isspace() and token.tag in ("I", "E", "L")))
            if joinable:
                prev[1] = max(prev[1], token.end)
                prev[3].append(token.prob)
            elif prev is not None and token.start < prev[1]:
                continue  # overlapping offsets (some tokenizers repeat a character): keep the first reading
            else:
                spans.append([token.start, token.end, token.entity, [token.prob]])
        out = []
        for start, end, entity, probs in spans:
            start, end = _widen(text, start, end)
            if end <= start:
                continue
            score = min(MAX_SCORE, sum(probs) / len(probs))
            out.append(Finding(start, end, entity, score, f"transformers:{entity}"))
        return out


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Whole words (a label on one word piece covers the word) without surrounding whitespace."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
