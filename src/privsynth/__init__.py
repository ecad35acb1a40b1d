"""privsynth: replace personal data in text with realistic, consistent, locale-aware synthetic surrogates.

>>> import privsynth
>>> privsynth.scrub("Hi, I'm John Smith.", key_file="corpus.key").text      # doctest: +SKIP
"Hi, I'm Mark Garcia."
"""
from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

from . import errors
from .config import Config
from .types import Replacement, ScrubResult

if TYPE_CHECKING:  # pragma: no cover
    from .scrubber import Scrubber


def scrub(text: str, **options: Any) -> ScrubResult:
    """Scrub one text with a lazily built default :class:`Scrubber` for these options (see :class:`Config`)."""
    from .scrubber import default_scrubber

    config = Config.from_options(**options)
    return default_scrubber(config).scrub(text)


def __getattr__(name: str) -> Any:
    # The engine (spaCy, Presidio, Faker) is imported on first use, so `privsynth --help`, `keygen` and the
    # main process of a multi-worker run stay light.
    if name == "Scrubber":
        from .scrubber import Scrubber

        return Scrubber
    raise AttributeError(f"module 'privsynth' has no attribute {name!r}")


__all__ = ["scrub", "Scrubber", "Config", "ScrubResult", "Replacement", "errors", "__version__"]
