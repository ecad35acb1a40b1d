"""Where the shipped data (``recognizers/``, ``locales/``) lives: inside the wheel, or in a source checkout."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """``privsynth/_data/<name>`` in an installed wheel, else ``<repo>/<name>`` in an editable checkout."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"privsynth data folder {name!r} is missing from the installation; reinstall privsynth.")
