"""One Scrubber shared by threads gives the same output as a single thread (Dask and Spark run threads)."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import privsynth


def test_threads_share_a_scrubber_deterministically(test_key):
    texts = [f"Write to Anna Kovacs {i} at anna{i}@acme-widgets.com, 10 Main St, Springfield, IL 6270{i % 10}."
             for i in range(40)]
    scrubber = privsynth.Scrubber(key=test_key, ner=False)
    expected = [r.text for r in scrubber.scrub_batch(texts)]
    fresh = privsynth.Scrubber(key=test_key, ner=False)
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda t: fresh.scrub(t).text, texts))
    assert got == expected


def test_threads_share_a_scrubber_with_ner(test_key):
    """Four threads on one Scrubber with spaCy NER (issue 15 item 24: OverflowError from a shared pipeline)."""
    import threading

    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(24)
    texts = [f"{fake.name()} met {fake.name()} in {fake.city()} on {fake.date()}. " * (1 + i % 5) +
             fake.paragraph(nb_sentences=4) for i in range(48)]
    expected = [r.text for r in privsynth.Scrubber(key=test_key).scrub_batch(texts)]
    shared = privsynth.Scrubber(key=test_key, batch_size=4)
    results: dict[int, str] = {}
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def work(part: int) -> None:
        barrier.wait()
        try:
            for _ in range(2):
                mine = list(range(part, len(texts), 4))
                for i, r in zip(mine, shared.scrub_batch([texts[i] for i in mine])):
                    results[i] = r.text
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(p,)) for p in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert [results[i] for i in range(len(texts))] == expected


def test_scrub_batch_of_a_single_string_is_an_input_error(test_key):
    import pytest

    from privsynth.errors import InputError

    scrubber = privsynth.Scrubber(key=test_key, ner=False)
    for call in (scrubber.scrub_batch, scrubber.detect_batch, lambda t: scrubber.augment_batch(t, 2)):
        with pytest.raises(InputError):
            list(call("John Smith lives here"))
    with pytest.raises(InputError):
        list(scrubber.scrub_batch(b"bytes"))
