"""locale="auto": cost of identifying each text's language (lingua, restricted to the shipped packs' languages).

Prints the first-use load time, the peak RSS after loading, and the mean time per one-sentence text.
Run: .venv/bin/python benchmarks/language_id.py
"""
from __future__ import annotations

import resource
import time

from faker import Faker

from privsynth.surrogates.locale_pack import packs_by_language, text_language

LOCALES = ("en_US", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "pl_PL", "sv_SE", "ko_KR", "zh_CN",
           "ja_JP")


def main() -> None:
    languages = tuple(packs_by_language())
    texts = []
    for locale in LOCALES:
        fake = Faker(locale)
        fake.seed_instance(7)
        texts += [(locale[:2], fake.sentence(nb_words=12)) for _ in range(20)]
    start = time.perf_counter()
    text_language(texts[0][1], languages)
    load = time.perf_counter() - start
    start = time.perf_counter()
    verdicts = [(language, text_language(text, languages) == language) for language, text in texts]
    right = sum(ok for _, ok in verdicts)
    per_text = (time.perf_counter() - start) / len(texts)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"languages: {len(languages)}; first use {load:.1f} s; peak RSS {rss:.0f} MB; "
          f"{per_text * 1e3:.2f} ms per text; {right}/{len(texts)} Faker sentences identified as their locale's "
          "language")
    # Faker's sentences are lorem ipsum in locales without their own word list: those show up as misses here
    print("per locale:", ", ".join(f"{loc}: {sum(ok for lang, ok in verdicts if lang == loc[:2])}/20"
                                   for loc in LOCALES))


if __name__ == "__main__":
    main()
