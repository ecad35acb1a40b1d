"""The registry: which entity types exist, which recognizers find them, which generator replaces them.

In the spirit of spaCy's ``registrations.py`` and Presidio's ``get_recognizers(language, entities)``, nothing is
listed twice:

* **entity types** are what the loaded YAML recognizers declare (``supported_entity``, shipped ``recognizers/``
  plus any extra folders), what the Python finders emit (:data:`privsynth.detect.FINDER_ENTITIES`) and what the
  NER label maps produce (spaCy/GiNZA :data:`~privsynth.detect.ner.LABEL_MAP`, the transformers
  :data:`~privsynth.detect.transformers_detector.LABEL_TABLE`). A new YAML file with a new type is detected,
  accepted by :class:`~privsynth.Config` and replaced, with no Python edited;
* **generators** register as ``(entity, language) → "ja.phone.v1"`` (:mod:`privsynth.surrogates.catalog`); a type
  without one gets the keyed same-shape fallback; manifests list :func:`generator_versions`.

Reading the entity types costs a YAML parse of the recognizer files (cached per folder), not a Presidio import.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

#: Detected but not replaced unless asked for: organizations and nationalities/religious/political groups.
NOT_REPLACED_BY_DEFAULT = frozenset({"ORGANIZATION", "NRP"})


def _dirs(recognizer_dirs: Iterable[str | Path]) -> tuple[str, ...]:
    from .detect.specs import recognizer_roots
    return recognizer_roots(recognizer_dirs)


def recognizer_entities(language: str | None = None, recognizer_dirs: Iterable[str | Path] = ()) -> frozenset[str]:
    """Types declared by the YAML recognizers (for ``language``, or for any language when ``None``)."""
    from .detect.specs import declared_entities
    return frozenset(entity for root in _dirs(recognizer_dirs) for entity, languages in declared_entities(root)
                     if language is None or language in languages or "any" in languages)


def ner_entities() -> frozenset[str]:
    """Types the NER stages can produce (spaCy/GiNZA label map, transformers label table)."""
    from .detect.ner import LABEL_MAP
    from .detect.transformers_detector import LABEL_TABLE
    return frozenset(LABEL_MAP.values()) | frozenset(LABEL_TABLE.values())


def entity_types(language: str | None = None, recognizer_dirs: Iterable[str | Path] = ()) -> tuple[str, ...]:
    """Every entity type privsynth can detect (sorted): recognizers, finders and NER label maps."""
    from .detect import FINDER_ENTITIES
    return tuple(sorted(recognizer_entities(language, recognizer_dirs) | FINDER_ENTITIES | ner_entities()))


def default_entities(recognizer_dirs: Iterable[str | Path] = ()) -> tuple[str, ...]:
    """The types replaced when ``Config.entities`` is not given: all but :data:`NOT_REPLACED_BY_DEFAULT`."""
    return tuple(e for e in entity_types(None, recognizer_dirs) if e not in NOT_REPLACED_BY_DEFAULT)


def get_recognizers(language: str, entities: Sequence[str] | None = None,
                    recognizer_dirs: Iterable[str | Path] = ()) -> tuple:
    """The YAML recognizers (Presidio ``PatternRecognizer``s) for ``language``, optionally only those of
    ``entities`` — as Presidio's ``RecognizerRegistry.get_recognizers(language, entities)``."""
    from .detect.recognizers import load_recognizers
    found = load_recognizers((language,), extra_dirs=tuple(recognizer_dirs))
    wanted = found if entities is None else tuple(r for r in found if r.supported_entities[0] in set(entities))
    return tuple(r.as_presidio(language) for r in wanted)


def generators(language: str) -> dict[str, str]:
    """Entity type → registered generator name (``"ja.phone.v1"``) for ``language``."""
    from .surrogates.catalog import registrations_for
    return {entity: r.name for entity, r in sorted(registrations_for(language).items())}


def generator_for(entity: str, language: str) -> str:
    """The generator name that replaces ``entity`` in ``language`` (the keyed same-shape fallback if none)."""
    from .surrogates.catalog import FALLBACK, registrations_for
    return registrations_for(language).get(entity, FALLBACK).name


def generator_versions() -> tuple[str, ...]:
    """Versions of every registered generator module, Japanese included (``"person.v2"``, …, ``"ja.v1"``)."""
    from .surrogates.catalog import GENERATOR_VERSIONS
    return GENERATOR_VERSIONS
