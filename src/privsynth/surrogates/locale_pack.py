"""``locale="auto"``: the surrogate pack matching each text's language.

The text's language is identified with lingua (``lingua-language-detector``: rule- and n-gram-based, offline,
restricted to the languages of the available packs, so a German text gets a ``de_DE`` pack and a Swedish one
``sv_SE``). Detection itself still runs in the pipeline of ``Config.language`` (``en`` or ``ja``): only the
surrogates follow the text's language. A text too short or too mixed to tell keeps the pipeline's default pack.
"""
from __future__ import annotations

import functools
from typing import Iterable

from ..locales import available_locales, load_locale

#: The pack a language gets when several share it (otherwise ``ll_LL`` if present, else the first by name).
PREFERRED = {"en": "en_US", "pt": "pt_BR", "sv": "sv_SE", "ko": "ko_KR", "zh": "zh_CN", "ja": "ja_JP",
             "da": "da_DK", "cs": "cs_CZ", "el": "el_GR", "uk": "uk_UA"}
#: Below this confidence the language is "unknown" and the default pack stays.
MIN_CONFIDENCE = 0.5


@functools.lru_cache(maxsize=8)
def packs_by_language(extra_dirs: tuple[str, ...] = ()) -> dict[str, str]:
    """ISO 639-1 language → the pack name used for it (shipped packs and ``locale_dirs``)."""
    by_language: dict[str, list[str]] = {}
    for name in available_locales(extra_dirs):
        try:
            pack = load_locale(name, extra_dirs)
        except Exception:  # noqa: BLE001 - a broken pack is reported when it is asked for by name
            continue
        by_language.setdefault(pack.language, []).append(name)
    chosen = {}
    for language, names in by_language.items():
        preferred = PREFERRED.get(language)
        own = f"{language}_{language.upper()}"
        chosen[language] = preferred if preferred in names else own if own in names else sorted(names)[0]
    return chosen


@functools.lru_cache(maxsize=8)
def _detector(languages: tuple[str, ...]):  # noqa: ANN202
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    wanted = []
    for code in languages:
        try:
            wanted.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
        except (AttributeError, ValueError):
            continue  # a user's pack for a language lingua does not know: never chosen automatically
    if len(wanted) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*wanted).build()


def text_language(text: str, languages: Iterable[str]) -> str | None:
    """The ISO 639-1 code of ``text``'s language among ``languages``, or ``None`` when unsure."""
    detector = _detector(tuple(sorted(set(languages))))
    if detector is None or not text.strip():
        return None
    values = detector.compute_language_confidence_values(text)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()


def auto_locale(text: str, pipeline_language: str, default: str, extra_dirs: tuple[str, ...] = ()) -> str:
    """The pack for ``text``: the one of its language, else ``default``. A Japanese pipeline keeps its pack
    (Japanese surrogates need the Japanese generators)."""
    if pipeline_language == "ja":
        return default
    packs = packs_by_language(tuple(extra_dirs))
    language = text_language(text, packs)
    if language is None or language == load_locale(default, extra_dirs).language:
        return default
    return packs.get(language, default)
