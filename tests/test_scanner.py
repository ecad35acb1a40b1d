"""The Hyperscan pattern scanner finds exactly what running every recognizer pattern finds; the stage timer."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from privsynth.detect.recognizers import load_recognizers
from privsynth.detect.scanner import PatternScanner
from privsynth.lexicon.fold import fold_width
from privsynth.timing import clock, stage_timer

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("PRIVSYNTH_EVAL_DIR", ROOT.parent / "shared" / "eval"))
DEV_FILES = {"en": ("presidio_research_synth_v2.dev_grouped.jsonl", "wnut17_test.dev.jsonl"),
             "ja": ("stockmark_ner_ja.dev_grouped.jsonl",)}
SAMPLES = {"en": ("sample_en.txt", "sample_en.csv", "sample_en.jsonl"), "ja": ("sample_ja.jsonl",)}

pytest.importorskip("hyperscan")


def _texts(language: str, recognizers) -> list[str]:
    texts = [e.text for r in recognizers for e in r.examples_match]
    texts += [t for r in recognizers for t in r.examples_reject]
    for name in SAMPLES[language]:
        path = ROOT / "examples" / name
        texts.append(path.read_text(encoding="utf-8"))
        if path.suffix == ".jsonl":
            texts += [json.loads(line).get("text", "") for line in path.read_text(encoding="utf-8").splitlines()]
    for name in DEV_FILES[language]:  # read at test time; nothing from these files is stored in the repo
        path = EVAL / name
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                texts += [json.loads(line)["text"] for _, line in zip(range(300), fh)]
    return [t for t in texts if isinstance(t, str)]


def _assert_same_findings(fast: PatternScanner, legacy: PatternScanner, text: str) -> tuple[str, str]:
    """The two engines find the same in ``text``; returns its folded and lower-cased forms."""
    folded = fold_width(text)
    lowered = folded.lower()
    assert fast.find(text, folded, lowered) == legacy.find(text, folded, lowered), \
        f"findings differ on a text of {len(text)} chars"
    return folded, lowered


@pytest.mark.parametrize("language", ["en", "ja"])
def test_scanner_finds_what_every_pattern_finds(language: str) -> None:
    recognizers = load_recognizers((language,))
    fast, legacy = PatternScanner(recognizers), PatternScanner(recognizers, engine="legacy")
    assert fast.engine == "hyperscan" and legacy.engine == "legacy"
    texts = _texts(language, recognizers)
    assert len(texts) > 100
    skipped = 0
    for text in texts:
        folded, _ = _assert_same_findings(fast, legacy, text)
        selected = fast.candidates(folded)
        skipped += sum(len(r._compiled) for r in recognizers) - sum(len(p) for p in selected.values())
    assert skipped > len(texts)  # the scan does skip patterns (on average more than one per text)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_scanner_on_long_texts_finds_what_every_pattern_finds(language: str) -> None:
    """Long texts are scanned piece by piece and bounded patterns run only near their pieces: the example, sample
    and dev texts joined into texts of several pieces (with separators that put matches across piece edges)."""
    recognizers = load_recognizers((language,))
    fast, legacy = PatternScanner(recognizers), PatternScanner(recognizers, engine="legacy")
    texts = _texts(language, recognizers)
    joined = [sep.join(texts[i:i + 60]) for i, sep in zip(range(0, len(texts), 60), ["\n\n", " ", "\n", ", "] * 99)]
    long = [t for t in joined if len(t) > 2 * 1024]
    assert len(long) >= 3
    windowed = by_lines = 0
    for text in long:
        folded, lowered = _assert_same_findings(fast, legacy, text)
        windows: dict = {}
        fast._pieces(folded, lowered, windows)
        windowed += sum(len(w) for w in windows.values())
        by_lines += sum(1 for w in windows.values() for spans, _ in w.values() if len(spans[0]) == 3)
    assert windowed and by_lines  # bounded and line-bounded patterns did run in windows


def test_span_limits() -> None:
    from privsynth.detect.scanner import span_limits

    assert span_limits(r"(?<![\w+])\d{3}-\d{4}(?!\d)") == (8, 1)
    assert span_limits(r"\p{Lu}\p{Ll}{1,4}") == (5, 0)
    assert span_limits(r"\d+") is None  # unbounded
    assert span_limits(r"\d*") is None  # may be empty
    assert span_limits(r"a(?=\w*b)") is None  # unbounded lookahead


def test_search_windows_is_finditer_when_every_match_starts_in_a_window() -> None:
    import regex

    from privsynth.detect.recognizers import search_windows

    compiled = regex.compile(r"(?<!\d)\d{2,4}(?!\d)")
    text = "ab 12 cd 12345 ef 999 gh 77"
    every = [m.span() for m in compiled.finditer(text)]
    starts = [s for s, _ in every]
    windows = [(starts[0] - 1, starts[0]), (starts[1], starts[2] + 1)]
    assert [m.span() for m in search_windows(compiled, text, windows, reach=6)] == every
    assert [m.span() for m in search_windows(compiled, text, windows[:1], reach=6)] == every[:1]


@pytest.mark.parametrize("expression, lines", [
    (r"a\nb", 1), (r"[^\n]+x", 0), (r".+x", 0), (r"(?s).+x", None), (r"[ \t]+x", 0), (r"\s+x", None),
    (r"\p{L}+", 0), (r"\P{L}+", None), (r"[^\p{L}]+", None), (r"x(?=\n\n)", 2), (r"(?<=\n)x", 0),
    (r"(?:a|\n\n)y", 2), (r"\d{1,4}\n?\d", 1), (r"(?:\n[ \t]*){0,3}x", 3), (r"a*", None), (r"(a)\1", None),
])
def test_line_reach(expression: str, lines: int | None) -> None:
    from privsynth.detect.scanner import line_reach
    assert line_reach(expression) == lines


def test_line_windows_find_what_finditer_finds() -> None:
    """A pattern of unbounded width that reads at most one newline, searched only in the line windows of pieces
    that overlap each match (as a reporting piece does), over random multi-line texts: ``finditer``'s matches."""
    import random

    import regex

    from privsynth.detect.recognizers import search_windows
    from privsynth.detect.scanner import line_reach

    compiled = regex.compile(r"(?<![\w])[A-Z][a-z]* \d+,?[ \t]*\n?[ \t]*\d{4} [A-Z][a-z]*(?![\w])", regex.MULTILINE)
    lines = line_reach(compiled.pattern)
    assert lines == 1
    scanner = PatternScanner([])
    scanner._margin = 0  # the tightest pieces Hyperscan could report: the windows alone must reach the matches
    rng = random.Random(5)
    words = ["Oak", "12", "1234", "Town", "and", "Main", "9", "4821", "x", "Street", "Wolverhamptonshireton",
             "123456789"]
    checked = 0
    for _ in range(300):
        text = "".join(rng.choice(words) + rng.choice([" "] * 6 + [", ", "\n", " \n "])
                       for _ in range(rng.randint(5, 400)))
        every = [m.span() for m in compiled.finditer(text)]
        chunk = rng.choice([4, 16, 40, 100])
        # the piece Hyperscan reports holds some character of each match: its first, its last or one between
        firsts = sorted({(rng.randrange(a, b) // chunk) * chunk for a, b in every})
        spans = [(f, min(len(text), f + chunk) - 1) for f in firsts]
        windows = scanner._line_windows(text, spans, lines)
        assert [m.span() for m in search_windows(compiled, text, windows, 0)] == every
        checked += len(every)
    assert checked > 100


def test_requires_gate_skips_a_pattern_only_when_none_of_its_literals_occurs() -> None:
    recognizers = load_recognizers(("en",))
    scanner, legacy = PatternScanner(recognizers), PatternScanner(recognizers, engine="legacy")
    gated = {(ri, pi) for ri, r in enumerate(recognizers) for pi, lits in enumerate(r.requires) if lits}
    assert gated  # the shipped cue patterns carry gates
    speaker = next((ri, pi) for ri, r in enumerate(recognizers) for pi, (p, _) in enumerate(r._compiled)
                   if r.name == "person_cues" and p.name == "chat_speaker")
    with_colon, without = "Marta: see you at noon", "Marta said see you at noon"
    assert speaker[1] in scanner.candidates(with_colon).get(speaker[0], set())
    assert speaker[1] not in scanner.candidates(without).get(speaker[0], set())
    for text in (with_colon, without, "Unit 4 at 12 Oak Road Apt 3", "I live at 12 Oak Road"):
        assert scanner.find(text) == legacy.find(text)
    assert [f.entity_type for f in scanner.find(with_colon)] == ["PERSON"]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_context_only_recognizers_are_skipped_exactly_when_no_context_word_starts_a_word(language: str) -> None:
    """Hyperscan looks for the context words of the context-only recognizers; a recognizer it does not report is
    skipped. Its examples with every context word in capitals, glued after a letter, a digit, an underscore or a
    Kelvin sign (which lower-cases to "k"), or dropped, find what every pattern finds."""
    recognizers = load_recognizers((language,))
    fast, legacy = PatternScanner(recognizers), PatternScanner(recognizers, engine="legacy")
    gated = [ri for ri, r in enumerate(recognizers) if r.context_required and r.context]
    assert gated and set(gated) == fast._context_gated
    variants = 0
    for ri in gated:
        recognizer = recognizers[ri]
        for example in recognizer.examples_match:
            texts = [example.text]
            for word in recognizer.context:
                if word in example.text.lower():
                    at = example.text.lower().index(word)
                    head, tail = example.text[:at], example.text[at + len(word):]
                    texts += [head + word.upper() + tail, head + tail] + \
                        [head + glue + word + tail for glue in ("x", "7", "_", "\u212a", "-")]
            for text in texts:
                variants += 1
                _assert_same_findings(fast, legacy, text)
        skipped = "the number 4821 7731 is on the form"
        assert ri not in fast.candidates(skipped, skipped.lower())
    assert variants > 3 * len(gated)


def test_scanner_on_text_hyperscan_cannot_take() -> None:
    recognizers = load_recognizers(("en",))
    scanner = PatternScanner(recognizers)
    text = "mail ana@example.org \ud800 now"  # a lone surrogate is not UTF-8: every pattern runs
    assert scanner.candidates(text) is None
    assert [f.entity_type for f in scanner.find(text)] == ["EMAIL_ADDRESS"]


def test_stage_timer_collects_each_stage_only_when_active(factory, test_key) -> None:
    from privsynth.config import Config

    scrubber = factory(Config(language="en", ner=False, key=test_key))
    text = "Write to ana.lopez@example.org or call +1 212 555 0182, said Ana Lopez."
    assert clock() is None
    with stage_timer() as times:
        out = list(scrubber.scrub_batch([text] * 3))
    assert "ana.lopez@example.org" not in out[0].text
    assert {"patterns", "gazetteers", "resolve", "surrogates", "render"} <= set(times.seconds)
    assert all(seconds >= 0 for seconds in times.seconds.values())
    assert "| patterns |" in times.table(wall=sum(times.seconds.values()) + 1.0)
    assert clock() is None


def test_cpu_stage_timer_books_cpu_seconds_not_waiting() -> None:
    """``stage_timer(cpu=True)``: a stage that waits books (almost) nothing, one that computes books its work."""
    import time

    with stage_timer(cpu=True) as times:
        lap = clock()
        time.sleep(0.3)
        lap.lap("render")
        end = time.thread_time() + 0.05  # this thread's CPU: what the timer books (other threads' is not)
        while time.thread_time() < end:
            pass
        lap.lap("resolve")
    assert times.cpu
    assert times.seconds["render"] < 0.1
    assert times.seconds["resolve"] >= 0.05
    with stage_timer() as wall:
        lap = clock()
        time.sleep(0.05)
        lap.lap("render")
    assert wall.seconds["render"] >= 0.05


def test_cpu_stage_timer_does_not_book_another_threads_work() -> None:
    """Another thread computing while a stage waits (a memory sampler, a progress reporter) is not that stage's
    cost: the timer reads the calling thread's CPU time."""
    import threading
    import time

    def spin() -> None:
        end = time.thread_time() + 0.2
        while time.thread_time() < end:
            pass

    with stage_timer(cpu=True) as times:
        lap = clock()
        worker = threading.Thread(target=spin)
        worker.start()
        worker.join()
        lap.lap("surrogates")
    assert times.seconds["surrogates"] < 0.1


def _reference_lowercase_names(text: str) -> list:
    """find_lowercase_names as it was before the Aho-Corasick pass: the pattern tried at every position."""
    import regex

    from privsynth.detect import gazetteer as g
    from privsynth.types import Finding

    if not regex.search(r"\p{Ll}", text):
        return []
    names, (_, family) = g._lone_given_names(), g._lists()
    findings = []
    for m in g._LOWER_RUN.finditer(text, overlapped=True):
        first, last = m.group(1), m.group(3)
        if first in names and (last in family or g.is_surname_like(last)) and last not in g._COMMON_WORDS:
            findings.append(Finding(m.start(), m.end(), "PERSON", 0.45, "lowercase_name"))
    for m in g._LOWER_LIST.finditer(text):
        items = [(m.start(1), m.group(1))]
        items += [(m.start(2) + i.start(), i.group(0)) for i in regex.finditer(g._LOWER_WORD, m.group(2))]
        items.append((m.start(3), m.group(3)))
        known = [(start, w) for start, w in items if w in names]
        if len(items) >= 3 and len(known) * 2 > len(items):
            findings.extend(Finding(start, start + len(w), "PERSON", 0.45, "lowercase_name_list")
                            for start, w in items if w in names or w in family)
    return findings


def test_lowercase_names_one_pass_matches_the_reference() -> None:
    from faker import Faker

    from privsynth.detect.gazetteer import find_lowercase_names

    fake = Faker("en_US")
    fake.seed_instance(14)
    made = [f"ok so {fake.first_name().lower()} {fake.last_name().lower()} and "
            f"{fake.first_name().lower()}, {fake.first_name().lower()} & {fake.first_name().lower()} came; "
            f"o'{fake.first_name().lower()} {fake.last_name().lower()} x-{fake.first_name().lower()} "
            f"{fake.last_name().lower()}" for _ in range(200)]
    texts = made + _texts("en", load_recognizers(("en",)))
    found = 0
    for text in texts:
        expected = _reference_lowercase_names(text)
        assert find_lowercase_names(text) == expected
        found += len(expected)
    assert found > 100


def test_compiled_database_is_read_back_from_the_cache(tmp_path, monkeypatch) -> None:
    from privsynth.detect import scanner as module

    monkeypatch.setenv("PRIVSYNTH_CACHE_DIR", str(tmp_path))
    recognizers = [r for r in load_recognizers(("en",)) if r.name in ("email_address", "ip_address", "iban")]
    assert len(recognizers) == 3
    text = "mail ana@example.org from 192.0.2.7"
    first = PatternScanner(recognizers).find(text)
    stored = list(tmp_path.glob("scanner-*.hsdb"))
    assert len(stored) == 1 and not list(tmp_path.glob(".scanner-*"))  # no partial temp file left
    # A new process (its in-memory cache empty) must load the file, not compile again (compiling costs seconds).
    monkeypatch.setattr(module, "_DATABASES", {})
    monkeypatch.setattr(module._hs, "Database", None)  # compiling would now fail
    assert PatternScanner(recognizers).find(text) == first
    assert [f.entity_type for f in first] == ["EMAIL_ADDRESS", "IP_ADDRESS"]


def test_cache_keeps_the_recently_used_databases_and_drops_dead_temp_files(tmp_path) -> None:
    from privsynth.detect.scanner import STALE_TEMP_SECONDS, prune_cache

    now = 1_000_000.0
    for age in range(12):  # scanner-0 used most recently
        path = tmp_path / f"scanner-{age}.hsdb"
        path.write_bytes(b"db")
        os.utime(path, (now - age * 60, now - age * 60))
    dead = tmp_path / ".scanner-dead"
    live = tmp_path / ".scanner-writing"
    for path, age in ((dead, STALE_TEMP_SECONDS + 1), (live, 5)):
        path.write_bytes(b"partial")
        os.utime(path, (now - age, now - age))
    other = tmp_path / "notes.txt"
    other.write_text("not ours")
    prune_cache(tmp_path, keep=3, now=now)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["scanner-0.hsdb", "scanner-1.hsdb", "scanner-2.hsdb", ".scanner-writing", "notes.txt"])
