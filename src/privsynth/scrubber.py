"""``Scrubber``: owns the models and runs detect → resolve → surrogate → render over batches of texts."""
from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Sequence

from . import __version__
from .config import Config
from .detect import Detector
from .detect.ner import iter_chunks
from .errors import InputError
from .keys import resolve_key
from .locales import load_locale
from .render import render
from .resolve import link_mentions, resolve
from .surrogates import SurrogateEngine
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

    >>> s = Scrubber(language="en", key="my-secret")          # doctest: +SKIP
    >>> s.scrub("Call John Smith at 415-555-0132.").text        # doctest: +SKIP
    """

    def __init__(self, config: Config | None = None, **options: Any) -> None:
        self.config = Config.from_options(config, **options)
        self._key = resolve_key(self.config.key, self.config.key_file)
        self._pipelines: dict[str, _Pipeline] = {}

    @property
    def key_fingerprint(self) -> str:
        """Public identifier of the key in use (for manifests and reports); never the key itself."""
        return self._key.fingerprint

    def _pipeline(self, language: str) -> _Pipeline:
        pipeline = self._pipelines.get(language)
        if pipeline is None:
            config = self.config.for_language(language)
            if self.config.language == "auto" and self.config.locale and \
                    load_locale(self.config.locale).language != language:
                config = Config.from_options(config, locale=None)
            pack = load_locale(config.surrogate_locale)
            detector = Detector(language, config.model_name if config.ner else None)
            engine = SurrogateEngine(self._key, pack, config.profile, config.date_shift)
            pipeline = self._pipelines[language] = _Pipeline(config, detector, engine)
        return pipeline

    # -- public API ---------------------------------------------------------------------------------------
    def scrub(self, text: str) -> ScrubResult:
        """Replace every personal value in ``text`` by its surrogate."""
        return next(self.scrub_batch([text]))

    def scrub_batch(self, texts: Iterable[str]) -> Iterator[ScrubResult]:
        """Lazily scrub many texts, in order; spaCy runs over each batch of ``batch_size`` texts at once."""
        for chunk in iter_chunks(texts, self.config.batch_size):
            for text, language, entities in self._analyze(chunk):
                if not entities:
                    yield ScrubResult(text, (), language, len(text))
                    continue
                engine = self._pipeline(language).engine
                out, replacements = render(text, entities, engine.surrogates(text, entities))
                log.debug("scrubbed a text of %d chars: %d replacements", len(text), len(replacements))
                yield ScrubResult(out, replacements, language, len(text))

    def detect(self, text: str) -> tuple[Finding, ...]:
        """The spans that ``scrub`` would replace (offsets and types only)."""
        return next(self.detect_batch([text]))

    def detect_batch(self, texts: Iterable[str]) -> Iterator[tuple[Finding, ...]]:
        for chunk in iter_chunks(texts, self.config.batch_size):
            for _, _, entities in self._analyze(chunk):
                yield tuple(entities)

    def versions(self) -> dict[str, str]:
        """Versions of everything that decides the output, for manifests."""
        from importlib.metadata import PackageNotFoundError, version

        out = {"privsynth": __version__}
        for dist in ("spacy", "faker", "presidio-analyzer", "phonenumbers", "python-stdnum"):
            try:
                out[dist] = version(dist)
            except PackageNotFoundError:
                out[dist] = "not installed"
        for language in (("en", "ja") if self.config.language == "auto" else (self.config.language,)):
            model = self.config.for_language(language).model_name
            try:
                out[f"model:{model}"] = version(model.replace("_", "-"))
            except PackageNotFoundError:
                out[f"model:{model}"] = "unknown"
        from .surrogates import GENERATOR_VERSIONS
        out["generators"] = ",".join(GENERATOR_VERSIONS)
        return out

    # -- internals ----------------------------------------------------------------------------------------
    def _analyze(self, chunk: Sequence[object]) -> list[tuple[str, str, list[Finding]]]:
        texts = [_check_text(t, i) for i, t in enumerate(chunk)]
        languages = [detect_language(t) if self.config.language == "auto" else self.config.language for t in texts]
        results: list[list[Finding]] = [[] for _ in texts]
        for language in dict.fromkeys(languages):
            idx = [i for i, lang in enumerate(languages) if lang == language and texts[i]]
            if not idx:
                continue
            pipeline = self._pipeline(language)
            found = pipeline.detector.detect_batch([texts[i] for i in idx], self.config.batch_size)
            for i, candidates in zip(idx, found):
                results[i] = self._entities(texts[i], candidates, pipeline.config)
        return list(zip(texts, languages, results))

    @staticmethod
    def _entities(text: str, candidates: list[Finding], config: Config) -> list[Finding]:
        # Types that are not replaced (ORGANIZATION by default) take no part in overlap resolution: a span that
        # NER mislabels as an organization ("Dear Lisa Parsons") must not hide the person found inside it.
        wanted = set(config.entities)
        entities = resolve([c for c in candidates if c.entity_type in wanted], text, config.score_threshold)
        if "PERSON" in wanted:
            extra = link_mentions(text, entities)
            if extra:
                entities = resolve(entities + extra, text, config.score_threshold)
        return entities


def _check_text(value: object, index: int) -> str:
    if isinstance(value, str):
        # Lone surrogates (from undecodable input) cannot be written out as UTF-8: mark them U+FFFD, same length.
        return _LONE_SURROGATE.sub("\ufffd", value) if _LONE_SURROGATE.search(value) else value
    if isinstance(value, (bytes, bytearray)):
        raise InputError(f"Item {index} is bytes; decode it to str first (e.g. data.decode('utf-8')).")
    raise InputError(f"Item {index} is {type(value).__name__}, not str; privsynth scrubs text only.")


@functools.lru_cache(maxsize=8)
def default_scrubber(config: Config) -> Scrubber:
    """The lazily built default engine, one per option set (the only cached state in privsynth)."""
    return Scrubber(config)
