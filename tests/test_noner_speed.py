"""Speed changes of the structured-only path that must not change a single finding or occurrence: context-only
recognizers searched near their context words, and the linkers' occurrence search by Aho-Corasick."""
from __future__ import annotations

import copy
import json
import os
import random
import re
from pathlib import Path

import regex

from privsynth.detect.recognizers import load_recognizers, near_windows
from privsynth.lexicon.fold import fold_width
from privsynth.resolve import _occurrences

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("PRIVSYNTH_EVAL_DIR", ROOT.parent / "shared" / "eval"))


def test_near_windows_is_finditer_inside_the_windows_or_gives_up() -> None:
    """Against ``finditer`` itself, with matches that can start inside one another (digits with spaces) and
    windows placed at random, also just after the start of a match."""
    compiled = regex.compile(r"(?<![\d])\d[\d ]{2,8}\d(?![\d])")
    rng = random.Random(7)
    answered = 0
    for _ in range(400):
        text = "".join(rng.choice("0123456789   ab.") for _ in range(rng.randint(20, 120)))
        every = list(compiled.finditer(text))
        cuts = sorted(rng.sample(range(len(text)), 4))
        windows = [(cuts[0], cuts[1]), (cuts[2] + 1, cuts[3])] if cuts[2] + 1 <= cuts[3] else [(cuts[0], cuts[1])]
        got = near_windows(compiled, text, windows, width=10, reach=12)
        if got is None:
            continue
        answered += 1
        assert [m.span() for m in got] == [m.span() for m in every if any(a <= m.start() <= b for a, b in windows)]
    assert answered > 100  # it gives up only where a match may run into a window (often, in this digit soup)


def _with_full_search(recognizer):
    """The same recognizer searching every pattern over the whole text (no bounded patterns known)."""
    full = copy.copy(recognizer)
    full.__dict__["_limits"] = tuple(None for _ in recognizer.patterns)
    return full


def _context_texts(recognizers) -> list[str]:
    """Examples, dev texts, and each example value with context words at every distance around it."""
    texts = [e.text for r in recognizers for e in r.examples_match] + [t for r in recognizers for t in r.examples_reject]
    path = EVAL / "presidio_research_synth_v2.dev_grouped.jsonl"
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for _, line in zip(range(300), fh)]
    rng = random.Random(11)
    filler = "the note was kept in a box with 12 34 5678 and AB-1234 for later use by staff".split()
    for r in recognizers:
        for example in r.examples_match:
            for word in r.context:
                for gap in (0, 1, 5, 20, 40, 47, 48, 49, 60):
                    pad = " ".join(rng.choice(filler) for _ in range(gap // 4 + 1))[:gap]
                    texts.append(f"{word}{pad} {example.value} {pad}{word} {example.value}")
                    texts.append(f"{example.value} {pad} {word}: {example.value}{pad}")
    return texts


def test_context_only_recognizers_find_the_same_as_a_full_search() -> None:
    recognizers = [r for r in load_recognizers(("en", "ja")) if r.context_required]
    bounded = [r for r in recognizers if any(limit is not None for limit in r._limits)]
    assert bounded  # the near-context search does apply to some
    texts = _context_texts(recognizers)
    found = 0
    for text in texts:
        folded = fold_width(text)
        lowered = folded.lower()
        for r in bounded:
            fast = list(r.find(text, folded, lowered))
            assert fast == list(_with_full_search(r).find(text, folded, lowered)), f"{r.name} differs"
            found += len(fast)
    assert found > 100


def test_a_context_word_inside_another_word_is_no_context() -> None:
    """"udi" (device identifier) in "Claudia": not a context word, even where the 48 characters before a value
    begin inside that word."""
    recognizer = next(r for r in load_recognizers(("en",)) if r.name == "device_serial")
    text = "Cla" + "udia wrote it down and kept the box near the".ljust(48) + "AB12-CD34 ok"
    assert "udi" in recognizer.context and text.index("AB12") - 48 == 3
    assert list(recognizer.find(text)) == []
    labelled = "UDI AB12-CD34 ok"
    assert [labelled[f.start:f.end] for f in recognizer.find(labelled)] == ["AB12-CD34"]


_TOKEN = re.compile(r"\w+")


def _reference_occurrences(text: str, values, fold: bool = False):
    """The token-by-token search the Aho-Corasick pass replaced (privsynth 0.1.0 before this change)."""
    norm = (lambda x: x.casefold()) if fold else (lambda x: x)
    by_word: dict = {}
    for value in values:
        first = _TOKEN.search(value)
        if first:
            by_word.setdefault(norm(first.group(0)), []).append((first.start(), value))
    for candidates in by_word.values():
        candidates.sort(key=lambda c: -len(c[1]))
    haystack = norm(text) if fold else text
    if fold and len(haystack) != len(text):
        haystack, norm = text, (lambda x: x)
    for m in _TOKEN.finditer(haystack):
        for offset, value in by_word.get(m.group(0), ()):
            start = m.start() - offset
            end = start + len(value)
            if start < 0 or haystack[start:end] != norm(value):
                continue
            if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
                continue
            yield start, end, value
            break


def test_occurrences_are_those_of_the_token_scan() -> None:
    rng = random.Random(5)
    words = ["Anna", "anna", "ANNA", "Annabel", "Straße", "STRASSE", "O'Neil", "neil", "x_y", "x", "Ōno", "Zoë",
             "555", "555-0100", "(555)", "Jo", "Jo Ann", "ann", "İlker", "ilker", "Mary-Jane", "jane"]
    seps = [" ", " ", ", ", "-", "_", "'", ".", "\n", "@", "(", ")", "", "1"]
    for _ in range(500):
        text = "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 30)))
        values = set(rng.sample(words, rng.randint(1, 8)))
        for fold in (False, True):
            assert list(_occurrences(text, values, fold)) == list(_reference_occurrences(text, values, fold))


def test_fast_weighted_draws_draw_what_faker_draws() -> None:
    """Surrogates drawn with the cached running sums equal Faker's own draws, value for value, over many seeds and
    the providers the generators use (names, addresses, companies, e-mail domains)."""
    from faker import Faker

    from privsynth.surrogates.base import fast_weighted_draws

    for locale in ("en_US", "en_GB", "de_DE", "fr_FR", "ja_JP", "es_CL"):
        plain, fast = Faker(locale), fast_weighted_draws(Faker(locale))
        for seed in range(150):
            row = []
            for fake in (plain, fast):
                fake.seed_instance(seed)
                row.append((fake.name(), fake.last_name(), fake.first_name(), fake.street_address(), fake.city(),
                            fake.address(), fake.company(), fake.domain_word(), fake.phone_number(), fake.email()))
            assert row[0] == row[1], f"{locale} seed {seed}"
