"""Presidio, both ways: privsynth's whole detector as one Presidio recognizer, privsynth's surrogates as one
presidio-anonymizer operator.

Detection — add :class:`PrivsynthRecognizer` to a Presidio ``AnalyzerEngine``: it runs privsynth's full
detector (pattern recognizers with their validators and ``context_required``, NER, gazetteers, name linking,
overlap resolution) and returns Presidio ``RecognizerResult``s::

    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from privsynth.integrations.presidio import PrivsynthRecognizer

    registry = RecognizerRegistry(supported_languages=["en"])
    registry.add_recognizer(PrivsynthRecognizer(language="en"))
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=..., supported_languages=["en"])

privsynth's YAML recognizers alone (:func:`privsynth.registry.get_recognizers`) are Presidio
``PatternRecognizer``s too; their ``analyze`` enforces ``context_required`` as privsynth does.

Anonymization — register :class:`PrivsynthOperator` and ask for it per type with ``OperatorConfig``::

    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import OperatorConfig

    engine = AnonymizerEngine()
    engine.add_anonymizer(PrivsynthOperator)
    engine.anonymize(text, results, {"DEFAULT": OperatorConfig("privsynth", {"key_file": "corpus.key"})})

The surrogate of a value depends only on the key, the type, the value and the surrogate options (``locale``,
``profile``, ``language``), so it is the same in every document and every process that uses the same key.
The key is required (``key`` or ``key_file``, else ``$PRIVSYNTH_KEY``/``$PRIVSYNTH_KEY_FILE``): a random
per-process key would break that promise silently.
"""
from __future__ import annotations

import functools
import os
from typing import Any, Dict, List

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_anonymizer.operators import Operator, OperatorType

from .. import registry
from ..config import Config
from ..errors import ConfigError
from ..keys import KEY_ENV_VAR, SecretKey, resolve_key
from ..scrubber import Scrubber
from ..types import Finding

__all__ = ["PrivsynthRecognizer", "PrivsynthOperator", "OPERATOR_NAME"]

OPERATOR_NAME = "privsynth"
#: OperatorConfig params PrivsynthOperator understands (besides ``entity_type``, which Presidio adds).
OPERATOR_PARAMS = ("key", "key_file", "locale", "profile", "language", "date_shift")


class PrivsynthRecognizer(EntityRecognizer):
    """privsynth's whole detector as one Presidio ``EntityRecognizer`` (it needs no Presidio NLP artifacts: it
    runs its own spaCy/GiNZA pipeline). ``options`` are :class:`privsynth.Config` options (``sensitivity``,
    ``spacy_model``, ``recognizers``, ``allow``, ``deny``, …); ``supported_entities`` defaults to the types
    privsynth replaces by default for ``language``."""

    def __init__(self, language: str = "en", supported_entities: List[str] | None = None,
                 name: str = "PrivsynthRecognizer", **options: Any) -> None:
        from ..config import LANGUAGES
        if language not in LANGUAGES or language == "auto":
            raise ConfigError(f"PrivsynthRecognizer: language must be one of "
                              f"{', '.join(l for l in LANGUAGES if l != 'auto')} (one recognizer per language); "
                              f"got {language!r}.")
        # Detection needs no consistency key: a fresh random one keeps resolve_key from warning about it.
        options.setdefault("key", os.urandom(32))
        self._scrubber = Scrubber(language=language, **options)
        known = set(registry.entity_types(None, self._scrubber.config.recognizers))
        entities = list(supported_entities or self._scrubber.config.entities)
        unknown = [e for e in entities if e not in known]
        if unknown:
            raise ConfigError(f"PrivsynthRecognizer: unknown entity type(s) {unknown}; valid: {sorted(known)}.")
        super().__init__(supported_entities=entities, name=name, supported_language=language,
                         version="privsynth")

    def load(self) -> None:  # the spaCy pipeline loads lazily on the first analyze()
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts: Any = None) -> List[RecognizerResult]:
        wanted = set(entities or self.supported_entities) & set(self.supported_entities)
        return [self._result(f) for f in self._scrubber.detect(text) if f.entity_type in wanted]

    def _result(self, finding: Finding) -> RecognizerResult:
        explanation = AnalysisExplanation(recognizer=self.name, original_score=finding.score,
                                          textual_explanation=f"privsynth: {finding.recognizer}")
        return RecognizerResult(finding.entity_type, finding.start, finding.end, finding.score, explanation,
                                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                                                      # privsynth already scored its context words
                                                      RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True})


@functools.lru_cache(maxsize=16)
def _engine(key: SecretKey, config: Config):  # noqa: ANN202
    # One surrogate engine per key and option set, built on first use in each process (bounded; the engines
    # hold only memoized surrogates that are recomputed identically).
    from ..locales import load_locale
    from ..scrubber import _engine as build
    return build(key, load_locale(config.surrogate_locale), config)


class PrivsynthOperator(Operator):
    """presidio-anonymizer operator ``"privsynth"``: the value's keyed privsynth surrogate.

    Params (``OperatorConfig("privsynth", {...})``): ``key`` or ``key_file`` (else ``$PRIVSYNTH_KEY`` /
    ``$PRIVSYNTH_KEY_FILE``), and optionally ``locale`` (``"de_DE"``), ``profile``, ``language``, ``date_shift``.
    """

    def operate(self, text: str, params: Dict | None = None) -> str:
        params = dict(params or {})
        entity_type = params.pop("entity_type", None) or "DEFAULT"
        key, config = _resolve(params)
        engine = _engine(key, config)
        return engine.surrogates(text, [Finding(0, len(text), entity_type, 1.0, "presidio")])[0]

    def validate(self, params: Dict | None = None) -> None:
        _resolve({k: v for k, v in (params or {}).items() if k != "entity_type"})

    def operator_name(self) -> str:
        return OPERATOR_NAME

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize


def _resolve(params: Dict) -> tuple[SecretKey, Config]:
    unknown = sorted(set(params) - set(OPERATOR_PARAMS))
    if unknown:
        raise ConfigError(f"OperatorConfig('privsynth', ...): unknown param(s) {unknown}; "
                          f"valid: {list(OPERATOR_PARAMS)}.")
    key, key_file = params.get("key"), params.get("key_file")
    if key is None and key_file is None and not (os.environ.get(KEY_ENV_VAR) or
                                                 os.environ.get(KEY_ENV_VAR + "_FILE")):
        raise ConfigError("OperatorConfig('privsynth', ...) needs a key: {'key_file': 'corpus.key'} (make one with "
                          f"'privsynth keygen corpus.key') or {{'key': ...}}, or set ${KEY_ENV_VAR}; without it the "
                          "surrogates would differ between documents and processes.")
    options = {k: params[k] for k in ("locale", "profile", "language", "date_shift") if k in params}
    return _key(key, key_file), _config(tuple(sorted(options.items())))


@functools.lru_cache(maxsize=16)
def _key(key: Any, key_file: Any) -> SecretKey:
    return resolve_key(key, key_file)  # a passphrase key is stretched with scrypt: once per process


@functools.lru_cache(maxsize=16)
def _config(options: tuple) -> Config:
    config = Config.from_options(**dict(options))
    if config.locale:
        from ..locales import load_locale
        load_locale(config.locale)  # an unknown locale is a ConfigError now, not at the first value
    return config
