"""Recognizer files without building them: where they are and which entity types they declare.

Cheap (YAML only, no Presidio import), so :mod:`privsynth.registry` and :class:`~privsynth.Config` can list the
entity types of the shipped ``recognizers/`` and of any extra folder before a model is loaded.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterable

import yaml

from .._paths import data_dir


def recognizer_roots(extra: Iterable[str | Path] = ()) -> tuple[str, ...]:
    """The shipped ``recognizers/`` folder followed by ``extra`` folders (as absolute path strings)."""
    return (str(data_dir("recognizers")),) + tuple(str(Path(d).resolve()) for d in extra)


def recognizer_files(root: str | Path) -> tuple[Path, ...]:
    """Every recognizer file below ``root``, in a stable order."""
    return tuple(sorted(Path(root).rglob("*.yaml")))


@functools.lru_cache(maxsize=None)
def declared_entities(root: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(entity type, supported languages)`` of each file below ``root``; unreadable files are skipped here
    (loading them for detection raises the precise :class:`~privsynth.errors.ConfigError`)."""
    out = []
    for path in recognizer_files(root):
        try:
            spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        if isinstance(spec, dict) and isinstance(spec.get("supported_entity"), str):
            out.append((spec["supported_entity"], tuple(spec.get("supported_languages") or ("en",))))
    return tuple(out)
