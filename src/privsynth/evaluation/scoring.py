"""Scoring of PII detection and scrubbing against gold spans — independent of the engine.

The scorer is fed, per document, the gold spans, the predicted spans (any system: privsynth, plain Presidio, a
regex) and optionally the scrubbed output text. It knows nothing about how predictions were made.

Metrics (see ``../shared/eval/README.md``), per entity family and overall:

* ``recall_any``: a gold PII span counts as found when predicted spans of *any* PII family together cover at
  least half of its characters (the privacy view: it was replaced, whatever it was called).
* ``recall``: the same, counting only predicted spans of the gold span's own family.
* ``precision``: a predicted span counts as correct when gold spans of its own family cover at least half of its
  characters. Only predictions of families that the document's source marks *exhaustively* are scored (see
  :data:`EXHAUSTIVE_BY_SOURCE`); elsewhere an unlabelled entity is not evidence of a false positive. Predictions
  mostly inside a gold ``OPTIONAL`` span are neither right nor wrong. Predicted ORGANIZATION/NRP/TITLE spans never
  count (they are not PII here).
* ``precision_any``: as precision, but a prediction is correct when gold spans of any PII family cover half of it.
* ``f1``/``f2``: from ``precision`` and ``recall`` (typed), per family; the overall row uses the micro precision
  and the micro recall over the gold spans of the scored (exhaustive) families. F2 weighs recall 4× precision.
* ``leak_rate``: the share of gold PII spans whose surface string (≥ 3 characters) still appears verbatim in the
  scrubbed output of the same document (only when outputs are given).
"""
from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

#: The reported families, in report order.
FAMILIES: tuple[str, ...] = (
    "PERSON", "EMAIL", "PHONE", "LOCATION/ADDRESS", "CREDIT_CARD", "IBAN", "IP", "URL", "ID", "DATE",
)
ALL_FAMILIES = frozenset(FAMILIES)
#: Predicted PII types with no reported family (counted for recall_any/leak purposes only).
OTHER = "OTHER"

#: Entity label (gold or predicted, Presidio/privsynth names and common dataset names) → family.
LABEL_FAMILY: Mapping[str, str] = {
    # persons
    "PERSON": "PERSON", "PER": "PERSON", "NAME": "PERSON", "FIRST_NAME": "PERSON", "LAST_NAME": "PERSON",
    "JP_PERSON": "PERSON",
    # contact
    "EMAIL_ADDRESS": "EMAIL", "EMAIL": "EMAIL",
    "PHONE_NUMBER": "PHONE", "PHONE": "PHONE", "FAX_NUMBER": "PHONE", "JP_PHONE_NUMBER": "PHONE",
    # places: a whole street address, its parts and named places are one family (boundaries differ by dataset)
    "LOCATION": "LOCATION/ADDRESS", "ADDRESS": "LOCATION/ADDRESS", "STREET_ADDRESS": "LOCATION/ADDRESS",
    "ZIP_CODE": "LOCATION/ADDRESS", "POSTAL_CODE": "LOCATION/ADDRESS", "GPE": "LOCATION/ADDRESS",
    "LOC": "LOCATION/ADDRESS", "CITY": "LOCATION/ADDRESS", "STATE": "LOCATION/ADDRESS", "COUNTRY": "LOCATION/ADDRESS",
    "JP_ADDRESS": "LOCATION/ADDRESS", "JP_POSTAL_CODE": "LOCATION/ADDRESS", "JP_ZIP_CODE": "LOCATION/ADDRESS",
    # finance
    "CREDIT_CARD": "CREDIT_CARD", "IBAN_CODE": "IBAN", "IBAN": "IBAN",
    # network
    "IP_ADDRESS": "IP", "IP": "IP", "URL": "URL", "DOMAIN_NAME": "URL",
    # dates; ages are grouped with dates as in HIPAA Safe Harbor's category (C) "dates … and all ages over 89"
    "DATE_TIME": "DATE", "DATE": "DATE", "TIME": "DATE", "DATE_OF_BIRTH": "DATE", "AGE": "DATE",
    # identifiers (national, licence, account, record, device numbers and handles)
    "ID": "ID", "ID_CODE": "ID", "US_SSN": "ID", "SSN": "ID", "US_DRIVER_LICENSE": "ID", "US_PASSPORT": "ID",
    "PASSPORT": "ID", "US_ITIN": "ID", "US_BANK_NUMBER": "ID", "UK_NHS": "ID", "UK_NINO": "ID",
    "MEDICAL_RECORD_NUMBER": "ID", "MEDICAL_LICENSE": "ID", "ACCOUNT_NUMBER": "ID", "HEALTH_PLAN_NUMBER": "ID",
    "LICENSE_NUMBER": "ID", "VEHICLE_ID": "ID", "LICENSE_PLATE": "ID", "DEVICE_ID": "ID", "IMEI": "ID",
    "BIOMETRIC_ID": "ID", "MAC_ADDRESS": "ID", "CRYPTO": "ID", "USERNAME": "ID", "ABA_ROUTING_NUMBER": "ID",
    "JP_MY_NUMBER": "ID", "JP_CORPORATE_NUMBER": "ID", "JP_DRIVER_LICENSE": "ID", "JP_PASSPORT": "ID",
    "CASE_NUMBER": "ID", "ID_NUMBER": "ID",
}

#: Labels that are never PII here: named entities that are not about a person, and gold-only markers.
NON_PII_LABELS = frozenset({
    "ORGANIZATION", "ORG", "NRP", "NORP", "TITLE", "MISC", "OPTIONAL", "PRODUCT", "EVENT", "FACILITY", "FAC",
    "CREATIVE_WORK", "WORK_OF_ART", "QUANTITY", "MONEY", "PERCENT", "LANGUAGE", "ORDINAL", "CARDINAL", "LAW",
    "UUID", "O",
})
#: Gold label whose spans are neither required nor penalised.
OPTIONAL_LABEL = "OPTIONAL"

#: Families each source marks exhaustively (so that precision can be measured on them). Decided per file from
#: how it was annotated; a record may override with ``"exhaustive": [families or labels] | "all"``.
EXHAUSTIVE_BY_SOURCE: Mapping[str, frozenset[str]] = {
    # every value in the text was inserted from a labelled template slot
    "presidio_research_synth_v2": ALL_FAMILIES,
    # WNUT-17 marks person and location names exhaustively, nothing structured, no dates
    "wnut17_test": frozenset({"PERSON", "LOCATION/ADDRESS"}),
    # Stockmark NER: 人名 and 地名 exhaustively; no dates, contacts or numbers are annotated
    "stockmark_ner_ja": frozenset({"PERSON", "LOCATION/ADDRESS"}),
    # UD Japanese GSD NE layer (OntoNotes scheme): PERSON, GPE/LOC and DATE/TIME are annotated
    "ud_ja_gsd_ne_test": frozenset({"PERSON", "LOCATION/ADDRESS", "DATE"}),
}

MIN_LEAK_CHARS = 3


def gold_family(label: str) -> str | None:
    """Family of a gold label, or ``None`` when the label is not counted as PII."""
    return LABEL_FAMILY.get(label.upper())


def predicted_family(label: str) -> str | None:
    """Family of a predicted entity type; unknown types are PII of family ``OTHER``; non-PII types give ``None``."""
    upper = label.upper()
    if upper in LABEL_FAMILY:
        return LABEL_FAMILY[upper]
    if upper in NON_PII_LABELS:
        return None
    return OTHER


def parse_exhaustive(value: object) -> frozenset[str]:
    """``"all"``, a family name, a label, or a list of them → a set of families."""
    if value is None:
        return frozenset()
    if isinstance(value, str):
        if value.lower() == "all":
            return ALL_FAMILIES
        value = [v for v in value.split(",") if v.strip()]
    out: set[str] = set()
    for item in value:  # type: ignore[union-attr]
        name = str(item).strip().upper()
        if name == "ALL":
            return ALL_FAMILIES
        if name in ALL_FAMILIES:
            out.add(name)
        elif name in ("LOCATION", "ADDRESS"):
            out.add("LOCATION/ADDRESS")
        elif name in LABEL_FAMILY:
            out.add(LABEL_FAMILY[name])
        else:
            raise ValueError(f"Unknown family or label {item!r} in exhaustive; use one of {', '.join(FAMILIES)}.")
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled character span ``[start, end)``."""

    start: int
    end: int
    label: str


def _merge(intervals: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Union of intervals as two sorted lists (starts, ends) of disjoint intervals."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(i for i in intervals if i[1] > i[0]):
        if ends and s <= ends[-1]:
            if e > ends[-1]:
                ends[-1] = e
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _covered(merged: tuple[list[int], list[int]], start: int, end: int) -> int:
    """Number of characters of ``[start, end)`` inside the union ``merged``."""
    starts, ends = merged
    i = bisect.bisect_right(ends, start)
    total = 0
    while i < len(starts) and starts[i] < end:
        total += max(0, min(end, ends[i]) - max(start, starts[i]))
        i += 1
    return total


def _half(covered: int, length: int) -> bool:
    return length > 0 and 2 * covered >= length


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _fbeta(p: float | None, r: float | None, beta: float) -> float | None:
    if p is None or r is None:
        return None
    if p == 0 and r == 0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * p * r / (b2 * p + r)


@dataclass
class _Counts:
    gold: int = 0
    found_any: int = 0
    found: int = 0
    pred: int = 0
    pred_tp: int = 0
    pred_tp_any: int = 0
    leak_total: int = 0
    leaked: int = 0
    gold_scored: int = 0  # gold spans in documents whose source marks this family exhaustively
    found_scored: int = 0

    def add(self, other: "_Counts") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class FamilyScore:
    """Metrics of one family (or ``overall``). Ratios are ``None`` when their denominator is 0."""

    gold: int
    predicted: int
    recall_any: float | None
    recall: float | None
    precision: float | None
    precision_any: float | None
    f1: float | None
    f2: float | None
    leak_rate: float | None
    leak_total: int
    leaked: int

    def as_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class EvalResult:
    """Scores of one system on one data set."""

    docs: int
    families: dict[str, FamilyScore]
    overall: FamilyScore
    exhaustive: dict[str, list[str]]
    ignored_gold_labels: dict[str, int] = field(default_factory=dict)
    predicted_types: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "docs": self.docs,
            "overall": self.overall.as_dict(),
            "families": {f: s.as_dict() for f, s in self.families.items()},
            "exhaustive_families_by_source": self.exhaustive,
            "ignored_gold_labels": self.ignored_gold_labels,
            "predicted_types": self.predicted_types,
        }


class Scorer:
    """Accumulates per-document comparisons; :meth:`result` returns the metrics.

    ``exhaustive`` (optional) overrides the per-source table :data:`EXHAUSTIVE_BY_SOURCE` for every document.
    """

    def __init__(self, exhaustive: Iterable[str] | str | None = None) -> None:
        self._override = parse_exhaustive(exhaustive) if exhaustive is not None else None
        self._counts: dict[str, _Counts] = {f: _Counts() for f in (*FAMILIES, OTHER)}
        self._docs = 0
        self._ignored: Counter[str] = Counter()
        self._pred_types: Counter[str] = Counter()
        self._exhaustive_seen: dict[str, frozenset[str]] = {}
        self._has_output = False

    def exhaustive_for(self, source: str | None, declared: object = None) -> frozenset[str]:
        if self._override is not None:
            return self._override
        if declared is not None:
            return parse_exhaustive(declared)
        return EXHAUSTIVE_BY_SOURCE.get(source or "", frozenset())

    def add(self, text: str, gold: Sequence[Span], predicted: Sequence[Span], output: str | None = None,
            source: str | None = None, exhaustive: object = None) -> None:
        """Score one document. ``output`` is the scrubbed text (for the leak rate)."""
        self._docs += 1
        exh = self.exhaustive_for(source, exhaustive)
        self._exhaustive_seen.setdefault(source or "", exh)
        if output is not None:
            self._has_output = True

        gold_pii: list[tuple[Span, str]] = []
        optional: list[tuple[int, int]] = []
        for g in gold:
            if g.end <= g.start:
                continue
            fam = gold_family(g.label)
            if fam is None:
                if g.label.upper() == OPTIONAL_LABEL:
                    optional.append((g.start, g.end))
                else:
                    self._ignored[g.label] += 1
                continue
            gold_pii.append((g, fam))

        preds: list[tuple[Span, str]] = []
        seen: set[tuple[int, int, str]] = set()
        for p in predicted:
            if p.end <= p.start:
                continue
            self._pred_types[p.label] += 1
            fam = predicted_family(p.label)
            if fam is None or (p.start, p.end, fam) in seen:
                continue
            seen.add((p.start, p.end, fam))
            preds.append((p, fam))

        pred_any = _merge((p.start, p.end) for p, _ in preds)
        pred_by_fam: dict[str, tuple[list[int], list[int]]] = {}
        for fam in {f for _, f in preds}:
            pred_by_fam[fam] = _merge((p.start, p.end) for p, f in preds if f == fam)
        empty: tuple[list[int], list[int]] = ([], [])

        for g, fam in gold_pii:
            c = self._counts[fam]
            length = g.end - g.start
            c.gold += 1
            hit_any = _half(_covered(pred_any, g.start, g.end), length)
            hit = _half(_covered(pred_by_fam.get(fam, empty), g.start, g.end), length)
            c.found_any += hit_any
            c.found += hit
            if fam in exh:
                c.gold_scored += 1
                c.found_scored += hit
            if output is not None:
                surface = text[g.start:g.end].strip()
                if len(surface) >= MIN_LEAK_CHARS:
                    c.leak_total += 1
                    c.leaked += surface in output

        gold_any = _merge((g.start, g.end) for g, _ in gold_pii)
        gold_by_fam: dict[str, tuple[list[int], list[int]]] = {}
        for fam in {f for _, f in gold_pii}:
            gold_by_fam[fam] = _merge((g.start, g.end) for g, f in gold_pii if f == fam)
        opt = _merge(optional)
        for p, fam in preds:
            if fam not in exh:
                continue
            length = p.end - p.start
            if optional and _half(_covered(opt, p.start, p.end), length):
                continue
            c = self._counts[fam]
            c.pred += 1
            c.pred_tp += _half(_covered(gold_by_fam.get(fam, empty), p.start, p.end), length)
            c.pred_tp_any += _half(_covered(gold_any, p.start, p.end), length)

    def _score(self, c: _Counts, scored: bool) -> FamilyScore:
        precision = _ratio(c.pred_tp, c.pred) if scored else None
        precision_any = _ratio(c.pred_tp_any, c.pred) if scored else None
        recall = _ratio(c.found, c.gold)
        recall_scored = _ratio(c.found_scored, c.gold_scored) if c.gold_scored else (0.0 if scored else None)
        if scored and c.pred == 0:
            # nothing predicted: precision undefined; F is 0 when there was something to find, else undefined
            f1 = f2 = (0.0 if c.gold_scored else None)
        else:
            f1 = _fbeta(precision, recall_scored, 1.0)
            f2 = _fbeta(precision, recall_scored, 2.0)
        return FamilyScore(
            gold=c.gold, predicted=c.pred, recall_any=_ratio(c.found_any, c.gold), recall=recall,
            precision=precision, precision_any=precision_any, f1=f1, f2=f2,
            leak_rate=_ratio(c.leaked, c.leak_total) if self._has_output else None,
            leak_total=c.leak_total, leaked=c.leaked,
        )

    def result(self) -> EvalResult:
        exh_union = frozenset().union(*self._exhaustive_seen.values()) if self._exhaustive_seen else frozenset()
        families = {f: self._score(self._counts[f], f in exh_union) for f in FAMILIES}
        total = _Counts()
        for f in FAMILIES:
            total.add(self._counts[f])
        return EvalResult(
            docs=self._docs,
            families=families,
            overall=self._score(total, bool(exh_union)),
            exhaustive={src: sorted(v, key=FAMILIES.index) for src, v in self._exhaustive_seen.items()},
            ignored_gold_labels=dict(self._ignored),
            predicted_types=dict(self._pred_types),
        )


def errors(text: str, gold: Sequence[Span], predicted: Sequence[Span]) -> tuple[list[tuple[Span, str]],
                                                                              list[tuple[Span, str]]]:
    """Error analysis for one document: gold PII spans missed by every PII prediction (with their family), and
    PII predictions not on any gold PII span (with their family) — same 50 % rule as the scores."""
    gold_pii = [(g, gold_family(g.label)) for g in gold if g.end > g.start and gold_family(g.label)]
    preds = [(p, predicted_family(p.label)) for p in predicted if p.end > p.start and predicted_family(p.label)]
    pred_any = _merge((p.start, p.end) for p, _ in preds)
    gold_any = _merge((g.start, g.end) for g, _ in gold_pii)
    missed = [(g, f) for g, f in gold_pii if not _half(_covered(pred_any, g.start, g.end), g.end - g.start)]
    spurious = [(p, f) for p, f in preds if not _half(_covered(gold_any, p.start, p.end), p.end - p.start)]
    return missed, spurious  # type: ignore[return-value]


def score_documents(docs: Iterable[tuple[str, Sequence[Span], Sequence[Span], str | None, str | None]],
                    exhaustive: Iterable[str] | str | None = None) -> EvalResult:
    """Convenience: score ``(text, gold, predicted, output, source)`` tuples."""
    scorer = Scorer(exhaustive=exhaustive)
    for text, gold, predicted, output, source in docs:
        scorer.add(text, gold, predicted, output=output, source=source)
    return scorer.result()


def fmt(value: float | None, digits: int = 3) -> str:
    """A ratio for tables: ``0.953`` or ``–`` when undefined."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.{digits}f}"
