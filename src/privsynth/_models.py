"""spaCy models shipped inside privsynth (built by ``make train``), by the name ``spacy_model=`` accepts."""
from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from ._paths import data_dir

#: Config name → folder under ``_data/models``.
PACKAGED = {"privsynth_en_ner": "en_privsynth_ner"}


def packaged_path(name: str) -> Path | None:
    """The folder of a shipped model, or ``None`` when ``name`` is not one of ours."""
    folder = PACKAGED.get(name)
    if folder is None:
        return None
    try:
        path = data_dir("models") / folder
    except FileNotFoundError:
        return None
    if not (path / "meta.json").is_file():
        return None
    return path


def resolve_model(name: str) -> str:
    """What ``spacy.load`` should get: the shipped folder for our names, else ``name`` (an installed package)."""
    path = packaged_path(name)
    return str(path) if path is not None else name


@functools.lru_cache(maxsize=None)
def model_version(name: str) -> str | None:
    """``"1.0.0 sha256:…"`` (version and a digest of the NER weights) for a shipped model, else ``None``."""
    path = packaged_path(name)
    if path is None:
        return None
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256((path / "ner" / "model").read_bytes()).hexdigest()[:16]
    return f"{meta.get('version', '?')} sha256:{digest}"
