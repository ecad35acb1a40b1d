"""GreedyNerDecoder (detect.ner_decode) gives spaCy's own ner entities, token for token and label for label, and
NerDetector falls back to spaCy's component where the decoder does not apply."""
from __future__ import annotations

import pytest
import spacy
from faker import Faker

from privsynth.detect.ner import NerDetector, load_pipeline
from privsynth.detect.ner_decode import GreedyNerDecoder, one_blas_thread
from privsynth.training.corpus import generate


@pytest.fixture(scope="module")
def reference():
    """The lean pipeline exactly as spaCy runs it (its own ner component, BLIS products)."""
    return load_pipeline("privsynth_en_ner")


@pytest.fixture(scope="module")
def fast():
    return NerDetector(load_pipeline("privsynth_en_ner"))


def _edge_cases() -> list[str]:
    fake = Faker("en_GB")
    fake.seed_instance(2611)
    name, city = fake.name(), fake.city()
    return ["", " ", "\n\n", name.split()[0], name, f"{name}.", f"Signed, {name}", f"{name}\n\n{city}",
            f"  {name}  \n {city} ", f"Call {name}. {name} lives in {city}", f"{name.upper()} OF {city.upper()}",
            f"{name.lower()} and {city.lower()}", f"{city}!", "x " * 3000 + f"met {name} in {city}"]


def _texts() -> list[str]:
    texts = [sample.text for sample in generate(240, seed=4242)]  # posts, e-mails, CVs, letters, notes, logs...
    fake = Faker(["en_US", "de_DE", "fr_FR", "es_ES"])
    fake.seed_instance(2612)
    texts += [f"{fake.name()} ({fake.company()}) wrote from {fake.city()} on {fake.date()}: {fake.paragraph(3)}"
              for _ in range(60)]
    return texts + _edge_cases()


def _ents(docs) -> list[list[tuple[int, int, str]]]:
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]


def test_the_decoder_runs_for_the_shipped_model(fast) -> None:
    assert fast.decoder is not None


def test_same_entities_as_spacys_own_ner(reference, fast) -> None:
    texts = _texts()
    expected = _ents(reference.pipe(texts, batch_size=32))
    got = _ents(fast._pipe(texts, 32))
    assert sum(map(len, expected)) > 600  # the texts do hold entities, of many labels
    assert len({label for doc in expected for _, _, label in doc}) >= 6
    assert got == expected


def test_batch_size_and_order_do_not_change_entities(fast) -> None:
    texts = _texts()[:80]
    one_by_one = [_ents(fast._pipe([t], 1))[0] for t in texts]
    assert _ents(fast._pipe(texts, 7)) == one_by_one
    assert _ents(fast._pipe(texts[::-1], 64))[::-1] == one_by_one


def test_findings_equal_spacys_path(fast) -> None:
    slow = NerDetector(load_pipeline("privsynth_en_ner"), fast_decode=False)
    assert slow.decoder is None
    texts = _texts()
    assert fast.detect_batch(texts) == slow.detect_batch(texts)


def test_preset_entities_go_to_spacys_component(fast) -> None:
    nlp = fast.nlp
    doc = nlp.make_doc("Maria Lopez met Tom Baker in Leeds.")
    doc.set_ents([spacy.tokens.Span(doc, 0, 2, label="PERSON")], default="unmodified")
    assert not GreedyNerDecoder.can_decode([doc])
    assert GreedyNerDecoder.can_decode([nlp.make_doc("Maria Lopez met Tom Baker in Leeds.")])


def test_unsupported_models_are_refused_and_fall_back() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("beam_ner")
    nlp.get_pipe("beam_ner").add_label("PERSON")
    nlp.initialize()
    assert not GreedyNerDecoder.supports(nlp.get_pipe("beam_ner"))
    with pytest.raises(ValueError):
        GreedyNerDecoder(nlp.get_pipe("beam_ner"))
    detector = NerDetector(nlp)
    assert detector.decoder is None
    assert len(detector.detect_batch(["Ann met Bo.", "Hello"])) == 2  # spaCy's own beam ner ran


def test_blas_thread_limit_is_restored(fast) -> None:
    from threadpoolctl import threadpool_info

    before = [(lib["filepath"], lib["num_threads"]) for lib in threadpool_info()]
    with one_blas_thread():
        inside = [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]
    fast.detect_batch(["Anna Berg lives in Oslo."])
    assert all(n == 1 for n in inside)
    assert [(lib["filepath"], lib["num_threads"]) for lib in threadpool_info()] == before


def test_japanese_listener_pipeline_gives_the_same_findings() -> None:
    """GiNZA's ner listens to the shared tok2vec (run first; the decoder reads the vectors it stored), and the
    trained head after it runs on preset entities through spaCy's own component."""
    fake = Faker("ja_JP")
    fake.seed_instance(2613)
    texts = [f"{fake.name()}さんは{fake.address()}に住み、{fake.company()}で働いている。{fake.date()}に"
             f"{fake.city()}へ引っ越した。電話は{fake.phone_number()}。" for _ in range(60)]
    texts += ["", "　", fake.last_name(), f"{fake.name()}\n\n{fake.prefecture()}", "山田です。" * 400]
    fast = NerDetector(load_pipeline("privsynth_ja_ner"))
    slow = NerDetector(load_pipeline("privsynth_ja_ner"), fast_decode=False)
    assert fast.decoder is not None and slow.decoder is None
    found = fast.detect_batch(texts)
    assert sum(map(len, found)) > 150
    assert found == slow.detect_batch(texts)


def test_french_model_gives_the_same_findings() -> None:
    fake = Faker("fr_FR")
    fake.seed_instance(2614)
    texts = [f"{fake.name()} habite {fake.address()} et travaille chez {fake.company()} à {fake.city()}. "
             f"{fake.paragraph(3)}" for _ in range(120)] + ["", "Jean", "M. Jean Dupont."]
    fast = NerDetector(load_pipeline("fr_core_news_sm"))
    slow = NerDetector(load_pipeline("fr_core_news_sm"), fast_decode=False)
    assert fast.decoder is not None
    found = fast.detect_batch(texts)
    assert sum(map(len, found)) > 300
    assert found == slow.detect_batch(texts)


def test_threads_using_the_decoder_at_once_leave_blas_as_it_was(fast) -> None:
    """Two detectors in two threads (each Detector has its own lock): the one-thread hold is counted, so the
    process's BLAS setting is restored once both are done, whatever the interleaving."""
    import threading

    from threadpoolctl import threadpool_info

    before = [(lib["filepath"], lib["num_threads"]) for lib in threadpool_info()]
    other = NerDetector(load_pipeline("privsynth_en_ner"))
    texts = _texts()[:60]
    results: dict[str, list] = {}

    def run(name: str, detector: NerDetector) -> None:
        results[name] = [detector.detect_batch(texts[i:i + 5]) for i in range(0, len(texts), 5)]

    threads = [threading.Thread(target=run, args=(n, d)) for n, d in (("a", fast), ("b", other))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results["a"] == results["b"]
    assert [(lib["filepath"], lib["num_threads"]) for lib in threadpool_info()] == before
