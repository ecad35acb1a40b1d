"""``Scrubber``: owns the models and runs detect → resolve → surrogate → render over batches of texts."""
from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from . import __version__, operators, policy, timing
from .config import Config
from .detect import Detector
from .errors import ConfigError, InputError
from .keys import resolve_key
from .lexicon.chunks import iter_chunks
from .locales import load_locale
from .render import render
from .resolve import link_mentions, link_name_parts, repeat_mentions, resolve
from .surrogates import SurrogateEngine
from .surrogates.bias import BiasCounts
from .types import Finding, ScrubResult

log = logging.getLogger(__name__)
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Japanese script: kana, or CJK ideographs together with Japanese punctuation. Kanji alone could be Chinese.
_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")


def detect_language(text: str) -> str:
    """``"ja"`` when the text contains Japanese kana, else ``"en"`` (the languages privsynth supports)."""
    return "ja" if _KANA.search(text) else "en"


@dataclass
class _Pipeline:
    config: Config
    detector: Detector
    engine: SurrogateEngine


class Scrubber:
    """Reusable scrubber: build once, then ``scrub(text)`` or ``scrub_batch(texts)``.

    >>> s = Scrubber(language="en", key_file="corpus.key")          # doctest: +SKIP
    >>> s.scrub("Call John Smith at 415-555-0132.").text        # doctest: +SKIP
    """

    def __init__(self, config: Config | None = None, **options: Any) -> None:
        self.config = Config.from_options(config, **options)
        self._key = resolve_key(self.config.key, self.config.key_file)
        self._pipelines: dict[str, _Pipeline] = {}
        self._bias = BiasCounts()
        self._variant_engines: dict[tuple, SurrogateEngine] = {}

    @property
    def key_fingerprint(self) -> str:
        """Public identifier of the key in use (for manifests and reports); never the key itself."""
        return self._key.fingerprint

    # Pickling (multiprocessing, ``datasets.map(num_proc=N)``, Ray): only the config and the resolved key travel;
    # the models are rebuilt lazily on first use in the receiving process. Bias counts start afresh there.
    def __getstate__(self) -> tuple[Config, Any]:
        return (self.config, self._key)

    def __setstate__(self, state: tuple[Config, Any]) -> None:
        self.config, self._key = state
        self._pipelines = {}
        self._bias = BiasCounts()
        self._variant_engines = {}

    def _pipeline(self, language: str) -> _Pipeline:
        pipeline = self._pipelines.get(language)
        if pipeline is None:
            config = self.config.for_language(language)
            if self.config.language == "auto" and self.config.locale not in (None, "auto") and \
                    load_locale(self.config.locale, self.config.locale_dirs).language != language:
                config = Config.from_options(config, locale=None)
            pack = load_locale(config.surrogate_locale, config.locale_dirs)
            detector = Detector(language, config.ner_model if config.ner else None, sensitivity=config.sensitivity,
                                recognizer_dirs=config.recognizers, structured_only=config.structured_only)
            engine = _engine(self._key, pack, config)
            pipeline = self._pipelines[language] = _Pipeline(config, detector, engine)
        return pipeline

    # -- public API ---------------------------------------------------------------------------------------
    def scrub(self, text: str) -> ScrubResult:
        """Replace every personal value in ``text`` by its surrogate."""
        return next(self.scrub_batch([text]))

    def scrub_batch(self, texts: Iterable[str], *, ner: Any = None) -> Iterator[ScrubResult]:
        """Lazily scrub many texts, in order; spaCy runs over each batch of ``batch_size`` texts at once.

        ``ner``: run the named-entity model elsewhere (``ner.for_language(language)`` gives the runner
        :meth:`privsynth.detect.Detector.detect_batch` takes; :class:`privsynth.batch.ParallelScrubber` passes
        its worker processes). Everything else runs here, so the result is the same as without it."""
        _check_many(texts)
        for chunk in iter_chunks(texts, self.config.batch_size):
            for text, language, entities in self._analyze(chunk, ner):
                if not entities:
                    yield ScrubResult(text, (), language, len(text))
                    continue
                engine = self._pipeline(language).engine
                if self.config.locale == "auto":
                    engine = self._auto_engine(text, language)
                clock = timing.clock()
                surrogates = engine.surrogates(text, entities)
                if self.config.operators:  # redact / mask / hash instead of the surrogate for some types
                    surrogates = operators.apply(text, entities, surrogates, dict(self.config.operators), self._key)
                if clock:
                    clock.lap("surrogates")
                out, replacements = render(text, entities, surrogates)
                if clock:
                    clock.lap("render")
                log.debug("scrubbed a text of %d chars: %d replacements", len(text), len(replacements))
                yield ScrubResult(out, replacements, language, len(text), self._count_bias(engine))

    def augment(self, text: str, n: int, bias: Any = None) -> list[ScrubResult]:
        """``n`` synthetic variants of ``text``, each with its own surrogates (see :meth:`augment_batch`)."""
        return next(self.augment_batch([text], n, bias))

    def augment_batch(self, texts: Iterable[str], n: int, bias: Any = None) -> Iterator[list[ScrubResult]]:
        """For each text, ``n`` variants: variant ``i`` draws its surrogates with the sub-key
        ``key.derive("augment", str(i))`` (so it is reproducible, and the same original gets the same surrogate
        in variant ``i`` of every document), optionally under another ``bias`` setting. Detection runs once per
        text. A variant that came out equal to an earlier one, or that contains an original value, is redrawn
        with a further sub-key (``"augment", i, "retry", r``). A text without personal data has nothing to vary:
        its variants are the text itself."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ConfigError(f"n must be a positive whole number of variants; got {n!r}.")
        _check_many(texts)
        config = self.config if bias is None else Config.from_options(self.config, bias=bias)
        for chunk in iter_chunks(texts, self.config.batch_size):
            for text, language, entities in self._analyze(chunk):
                yield self._variants(text, language, entities, n, config)

    def bias_report(self, reset: bool = False) -> dict[str, dict[str, dict[str, int]]]:
        """The mix of person names over every text scrubbed or augmented so far (plain, JSON-ready dict):
        ``{"originals": {"gender": {"male": …, "female": …, "unknown": …}, "origin": {"en": …, "mixed": …,
        "unknown": …}}, "surrogates": {"gender": …, "origin": …, "locale": …}}``. Gender counts given names,
        origin/locale every name part. Sum the ``ScrubResult.bias`` of results from other processes with
        :func:`privsynth.surrogates.bias.merge_counts`."""
        return self._bias.take() if reset else self._bias.as_dict()

    def detect(self, text: str) -> tuple[Finding, ...]:
        """The spans that ``scrub`` would replace (offsets and types only)."""
        return next(self.detect_batch([text]))

    def detect_batch(self, texts: Iterable[str], *, ner: Any = None) -> Iterator[tuple[Finding, ...]]:
        _check_many(texts)
        for chunk in iter_chunks(texts, self.config.batch_size):
            for _, _, entities in self._analyze(chunk, ner):
                yield tuple(entities)

    def named_entities(self, views: Sequence[str], language: str) -> list[list[Finding]]:
        """The model's named entities alone (no patterns, no resolution) in each of ``views``, texts already
        normalized (:func:`privsynth.lexicon.normalize.build_view`) and cut no longer than
        :meth:`ner_piece_chars`: what a worker process computes for a piece of a long text."""
        model = self._pipeline(language).detector.ner
        return model.detect_batch(list(views), self.config.batch_size) if model else [[] for _ in views]

    def ner_piece_chars(self, language: str) -> int | None:
        """The length the named-entity model cuts long texts into (at natural boundaries,
        :func:`privsynth.detect.ner.split_points`); None when the model cuts its own way or there is none."""
        model = self._pipeline(language).detector.ner
        return getattr(model, "piece_chars", None) if model is not None else None

    def versions(self) -> dict[str, str]:
        """Versions of everything that decides the output, for manifests."""
        from importlib.metadata import PackageNotFoundError, version

        from ._models import model_version

        out = {"privsynth": __version__}
        # a bring-your-own model runs on transformers/torch; strict mode reads wordfreq's word list
        extra = (("transformers", "torch") if self.config.detector else ()) + \
            (("wordfreq",) if self.config.sensitivity == "strict" else ())
        for dist in ("spacy", "faker", "presidio-analyzer", "phonenumbers", "python-stdnum") + extra:
            try:
                out[dist] = version(dist)
            except PackageNotFoundError:
                out[dist] = "not installed"
        for language in (("en", "ja") if self.config.language == "auto" else (self.config.language,)):
            model = self.config.for_language(language).model_name
            shipped = model_version(model)  # a model privsynth ships: its version and weights digest
            if shipped is not None:
                out[f"model:{model}"] = shipped
                continue
            try:
                out[f"model:{model}"] = version(model.replace("_", "-"))
            except PackageNotFoundError:
                out[f"model:{model}"] = "unknown"
        from .surrogates import GENERATOR_VERSIONS
        out["generators"] = ",".join(GENERATOR_VERSIONS)
        return out

    # -- internals ----------------------------------------------------------------------------------------
    def _count_bias(self, engine: SurrogateEngine) -> dict:
        counts = engine.take_bias()
        if counts:
            self._bias.merge(counts)
        return counts

    def _variant_engine(self, language: str, parts: tuple[str, ...], config: Config) -> SurrogateEngine:
        base = self._pipeline(language).config
        key = (language, parts, config.bias)
        engine = self._variant_engines.get(key)
        if engine is None:
            if len(self._variant_engines) >= 64:
                self._variant_engines.clear()
            pack = load_locale(base.surrogate_locale, base.locale_dirs)
            engine = _engine(self._key.derive(*parts), pack, Config.from_options(base, bias=config.bias))
            self._variant_engines[key] = engine
        return engine

    def _auto_engine(self, text: str, language: str) -> SurrogateEngine:
        """``locale="auto"``: the engine of the pack matching the text's language (surrogates.locale_pack)."""
        from .surrogates.locale_pack import auto_locale
        pipeline = self._pipeline(language)
        name = auto_locale(text, language, pipeline.config.surrogate_locale, self.config.locale_dirs)
        if name == pipeline.config.surrogate_locale:
            return pipeline.engine
        cache_key = ("locale", language, name)
        engine = self._variant_engines.get(cache_key)
        if engine is None:
            if len(self._variant_engines) >= 64:
                self._variant_engines.clear()
            engine = _engine(self._key, load_locale(name, self.config.locale_dirs), pipeline.config)
            self._variant_engines[cache_key] = engine
        return engine

    def _variants(self, text: str, language: str, entities: list[Finding], n: int,
                  config: Config) -> list[ScrubResult]:
        if not entities:
            return [ScrubResult(text, (), language, len(text)) for _ in range(n)]
        originals = {text[e.start:e.end] for e in entities}
        rest = "".join(text[a.end:b.start] for a, b in zip([Finding(0, 0, "", 0, "")] + entities,
                                                           entities + [Finding(len(text), len(text), "", 0, "")]))
        # An original that also occurs outside the replaced spans is in every variant anyway: not a leak.
        watched = [o for o in originals if len(o) >= 3 and o not in rest]
        seen: set[str] = set()
        results = []
        for i in range(n):
            for attempt in range(8):
                parts = ("augment", str(i)) if attempt == 0 else ("augment", str(i), "retry", str(attempt))
                engine = self._variant_engine(language, parts, config)
                surrogates = engine.surrogates(text, entities)
                if self.config.operators:
                    surrogates = operators.apply(text, entities, surrogates, dict(self.config.operators), self._key)
                out, replacements = render(text, entities, surrogates)
                counts = engine.take_bias()
                if out not in seen and not any(o in out for o in watched):
                    break
            seen.add(out)
            if counts:
                self._bias.merge(counts)
            results.append(ScrubResult(out, replacements, language, len(text), counts))
        return results

    def _analyze(self, chunk: Sequence[object], ner: Any = None) -> list[tuple[str, str, list[Finding]]]:
        texts = [_check_text(t, i) for i, t in enumerate(chunk)]
        languages = [detect_language(t) if self.config.language == "auto" else self.config.language for t in texts]
        results: list[list[Finding]] = [[] for _ in texts]
        for language in dict.fromkeys(languages):
            idx = [i for i, lang in enumerate(languages) if lang == language and texts[i]]
            if not idx:
                continue
            pipeline = self._pipeline(language)
            found = pipeline.detector.detect_batch([texts[i] for i in idx], self.config.batch_size,
                                                   ner=ner.for_language(language) if ner is not None else None)
            clock = timing.clock()
            for i, candidates in zip(idx, found):
                results[i] = self._entities(texts[i], candidates, pipeline.config)
            if clock:
                clock.lap("resolve")
        return list(zip(texts, languages, results))

    @staticmethod
    def _entities(text: str, candidates: list[Finding], config: Config) -> list[Finding]:
        # Types that are not replaced (ORGANIZATION by default) take no part in overlap resolution: a span that
        # NER mislabels as an organization ("Dear Lisa Parsons") must not hide the person found inside it.
        wanted = set(config.entities) | policy.forced_types(config)
        candidates = policy.add_candidates(text, link_name_parts(text, candidates, config.language), config)
        entities = resolve([c for c in candidates if c.entity_type in wanted], text, config.score_threshold)
        extra = link_mentions(text, entities) if "PERSON" in wanted else []
        extra += repeat_mentions(text, entities + extra)
        if extra:
            entities = resolve(entities + extra, text, config.score_threshold)
        return policy.finalize(text, entities, config)


def _check_many(texts: object) -> None:
    """A lone string is an iterable of characters: scrubbing each one would be a silent mistake."""
    if isinstance(texts, (str, bytes, bytearray)):
        raise InputError(f"Expected an iterable of texts, got a single {type(texts).__name__}; "
                         "use scrub(text) for one text, or pass [text].")


def _check_text(value: object, index: int) -> str:
    if isinstance(value, str):
        # Lone surrogates (from undecodable input) cannot be written out as UTF-8: mark them U+FFFD, same length.
        return _LONE_SURROGATE.sub("\ufffd", value) if _LONE_SURROGATE.search(value) else value
    if isinstance(value, (bytes, bytearray)):
        raise InputError(f"Item {index} is bytes; decode it to str first (e.g. data.decode('utf-8')).")
    raise InputError(f"Item {index} is {type(value).__name__}, not str; privsynth scrubs text only.")


def _engine(key: Any, pack: Any, config: Config) -> SurrogateEngine:
    return SurrogateEngine(key, pack, config.profile, config.date_shift, bias=config.bias, age_cap=config.age_cap,
                           age_bucket=config.age_bucket, zip3=config.zip3, consistency=config.consistency)


@functools.lru_cache(maxsize=8)
def default_scrubber(config: Config) -> Scrubber:
    """The lazily built default engine, one per option set (the only cached state in privsynth)."""
    return Scrubber(config)
