"""privsynth: replace personal data in text with realistic, consistent, locale-aware synthetic surrogates.

>>> import privsynth
>>> privsynth.scrub("Hi, I'm John Smith.", key="my-secret").text      # doctest: +SKIP
"Hi, I'm Mark Garcia."
"""
from __future__ import annotations

__version__ = "0.1.0"

from typing import Any

from . import errors
from .config import Config
from .scrubber import Scrubber, default_scrubber
from .types import Replacement, ScrubResult


def scrub(text: str, **options: Any) -> ScrubResult:
    """Scrub one text with a lazily built default :class:`Scrubber` for these options (see :class:`Config`)."""
    config = Config.from_options(**options)
    return default_scrubber(config).scrub(text)


__all__ = ["scrub", "Scrubber", "Config", "ScrubResult", "Replacement", "errors", "__version__"]
