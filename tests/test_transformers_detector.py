"""detector="transformers:…": plumbing of the bring-your-own-model stage on tiny models built here.

No model can be downloaded, so the tests build two BERT token-classification models from a config, with a WordPiece
tokenizer trained with `tokenizers` on Faker sentences, and save them to a temporary directory:

* a *keyed* model (no transformer layers; each token's label is set by its embedding) whose output is known in
  advance: first names are B-PER, surnames I-PER, cities B-CITY. Offsets, long-text windows and label mapping are
  checked against where the test put the names;
* a *random* model (two layers, random weights) whose labels mean nothing: batching must not change them.

These check plumbing only, not accuracy.
"""
from __future__ import annotations

import random

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
tokenizers = pytest.importorskip("tokenizers")

from faker import Faker  # noqa: E402

from privsynth.detect.transformers_detector import (LABEL_TABLE, TransformersDetector, map_label,  # noqa: E402
                                                    model_name, split_label)
from privsynth.errors import ConfigError, ModelError  # noqa: E402

LABELS = ["O", "B-PER", "I-PER", "B-CITY", "I-CITY", "B-PRODUCT"]
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def _names(seed: int):
    """Faker names and city words that are no part of any word of Faker's sentences (so labels are unambiguous)."""
    fake = Faker("en_US")
    fake.seed_instance(seed)
    words = " ".join(fake.get_words_list()).lower()
    plain = lambda names: sorted(n for n in names if n.lower() not in words)  # noqa: E731
    first = plain({fake.first_name() for _ in range(40)} | {"José", "Zoë"})
    last = plain({fake.last_name() for _ in range(40)})
    cities = plain({fake.city().split()[0] for _ in range(30)} - set(first) - set(last))
    return first, last, cities


FIRST, LAST, CITIES = _names(7)


def _sentences(n: int, seed: int) -> list[str]:
    fake = Faker("en_US")
    fake.seed_instance(seed)
    return [fake.sentence(nb_words=10) for _ in range(n)]


def _tokenizer(path):
    from tokenizers import Tokenizer, normalizers, pre_tokenizers, processors
    from tokenizers.models import WordPiece
    from tokenizers.trainers import WordPieceTrainer
    from transformers import BertTokenizerFast

    tok = Tokenizer(WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True, strip_accents=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    corpus = _sentences(300, 1) + [" ".join(FIRST + LAST + CITIES)] * 50
    tok.train_from_iterator(corpus, WordPieceTrainer(vocab_size=1200, special_tokens=SPECIALS))
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B [SEP]",
        special_tokens=[("[CLS]", tok.token_to_id("[CLS]")), ("[SEP]", tok.token_to_id("[SEP]"))])
    fast = BertTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", cls_token="[CLS]", sep_token="[SEP]",
                             pad_token="[PAD]", mask_token="[MASK]", model_max_length=512)
    fast.save_pretrained(path)
    return fast


def _config(vocab_size: int, layers: int):
    from transformers import BertConfig

    return BertConfig(vocab_size=vocab_size, hidden_size=16, num_hidden_layers=layers, num_attention_heads=2,
                      intermediate_size=32, max_position_embeddings=128, num_labels=len(LABELS),
                      id2label=dict(enumerate(LABELS)), label2id={l: i for i, l in enumerate(LABELS)})


def _word_ids(fast, words) -> set[int]:
    out = set()
    for word in words:
        ids = fast(word, add_special_tokens=False)["input_ids"]
        assert len(ids) == 1, f"test vocabulary should hold {word!r} as one token"
        out.add(ids[0])
    return out


@pytest.fixture(scope="module")
def keyed_model(tmp_path_factory):
    """No layers: a token's label depends on its identity only (known names → PER, cities → CITY)."""
    from transformers import BertForTokenClassification

    path = tmp_path_factory.mktemp("keyed")
    fast = _tokenizer(path)
    torch.manual_seed(0)
    model = BertForTokenClassification(_config(len(fast), 0))
    dims = {"B-PER": 0, "I-PER": 1, "B-CITY": 2}
    groups = {"B-PER": _word_ids(fast, FIRST), "I-PER": _word_ids(fast, LAST), "B-CITY": _word_ids(fast, CITIES)}
    with torch.no_grad():
        emb = model.bert.embeddings
        emb.position_embeddings.weight.zero_()
        emb.token_type_embeddings.weight.zero_()
        emb.word_embeddings.weight.zero_()
        emb.word_embeddings.weight[:, 3] = 1.0  # every token leans to "O" …
        for label, ids in groups.items():
            for i in ids:
                emb.word_embeddings.weight[i, 3] = 0.0
                emb.word_embeddings.weight[i, dims[label]] = 1.0  # … except the ones of its group
        emb.LayerNorm.weight.fill_(1.0)
        emb.LayerNorm.bias.zero_()
        model.classifier.weight.zero_()
        model.classifier.bias.zero_()
        for label, dim in dims.items():
            model.classifier.weight[LABELS.index(label), dim] = 10.0
        model.classifier.weight[LABELS.index("O"), 3] = 10.0
    model.save_pretrained(path)
    return str(path)


@pytest.fixture(scope="module")
def random_model(tmp_path_factory):
    from transformers import BertForTokenClassification

    path = tmp_path_factory.mktemp("random")
    fast = _tokenizer(path)
    torch.manual_seed(1)
    model = BertForTokenClassification(_config(len(fast), 2))
    with torch.no_grad():
        model.classifier.weight.mul_(20.0)  # decisive predictions: no near-ties for float noise to flip
    model.save_pretrained(path)
    return str(path)


def _document(seed: int, sentences: int, decorate: bool = True) -> tuple[str, list[tuple[int, int, str]]]:
    """Faker sentences with inserted names and cities; returns the text and where each one is."""
    rng = random.Random(seed)
    parts, gold, pos = [], [], 0
    noise = ["Noël's café ☕ ", "東京で ", "naïve 😀 ", "— ", ""]
    for sentence in _sentences(sentences, seed):
        lead = rng.choice(noise) if decorate else ""
        if rng.random() < 0.5:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            kind = "PERSON"
        else:
            name, kind = rng.choice(CITIES), "LOCATION"
        chunk_head = f"{lead}{sentence[:-1]}, said "
        start = pos + len(chunk_head)
        chunk = f"{chunk_head}{name}. "
        gold.append((start, start + len(name), kind))
        parts.append(chunk)
        pos += len(chunk)
    return "".join(parts), gold


def _spans(findings):
    return sorted((f.start, f.end, f.entity_type) for f in findings)


def test_offsets_are_exact_on_unicode_text(keyed_model):
    detector = TransformersDetector(keyed_model)
    text, gold = _document(3, 12)
    found = detector.detect_batch([text])[0]
    assert _spans(found) == sorted(gold)
    assert all(f.recognizer.startswith("transformers:") and 0 < f.score <= 0.99 for f in found)


def test_long_text_is_windowed_with_stride_and_keeps_exact_offsets(keyed_model):
    detector = TransformersDetector(keyed_model, max_length=24, stride=6)
    text, gold = _document(5, 120)
    windows = detector.tokenizer([text], truncation=True, max_length=24, stride=6, return_overflowing_tokens=True)
    assert len(windows["input_ids"]) > 50  # the text really was cut into many windows
    assert _spans(detector.detect_batch([text])[0]) == sorted(gold)


def test_label_mapping_covers_common_pii_label_sets():
    assert map_label("B-PER") == map_label("I-PERSON") == map_label("S-private_person") == "PERSON"
    assert map_label("B-FIRSTNAME") == map_label("LASTNAME") == map_label("E-first_name") == "PERSON"
    assert map_label("B-EMAIL") == "EMAIL_ADDRESS" and map_label("I-TELEPHONENUM") == "PHONE_NUMBER"
    assert map_label("STREETADDRESS") == map_label("B-private_address") == "ADDRESS"
    assert map_label("B-CITY") == "LOCATION" and map_label("ZIPCODE") == "ZIP_CODE"
    assert map_label("B-DATE") == "DATE_TIME" and map_label("B-account_number") == "ACCOUNT_NUMBER"
    assert map_label("O") is None and map_label("B-PRODUCT") is None
    assert map_label("B-PRODUCT", {"PRODUCT": "ORGANIZATION"}) == "ORGANIZATION"
    assert split_label("B-first-name") == ("B", "FIRST_NAME")
    from privsynth.config import ALL_ENTITIES
    assert set(LABEL_TABLE.values()) <= set(ALL_ENTITIES)


def test_model_labels_are_mapped_and_unknown_labels_ignored(keyed_model):
    detector = TransformersDetector(keyed_model, label_map={"CITY": "ADDRESS"})
    text, gold = _document(11, 8, decorate=False)
    expected = sorted((a, b, "ADDRESS" if k == "LOCATION" else k) for a, b, k in gold)
    assert _spans(detector.detect_batch([text])[0]) == expected


def test_batching_gives_the_same_result_as_one_by_one(random_model):
    detector = TransformersDetector(random_model, max_length=32, stride=8)
    texts = [_document(s, n)[0] for s, n in ((1, 1), (2, 9), (3, 0), (4, 3), (5, 25))] + ["", "   "]
    one_by_one = [detector.detect_batch([t], batch_size=1)[0] for t in texts]
    together = detector.detect_batch(texts, batch_size=4)
    assert [_spans(f) for f in together] == [_spans(f) for f in one_by_one]
    assert sum(len(f) for f in together) > 0  # random labels still produce spans to compare
    for text, found in zip(texts, together):
        for f in found:
            piece = text[f.start:f.end]
            assert piece and piece == piece.strip()


def test_scrubber_uses_the_model_with_patterns_linking_and_surrogates(keyed_model, test_key):
    from privsynth import Scrubber

    scrubber = Scrubber(language="en", key=test_key, detector=f"transformers:{keyed_model}")
    first, last, city = FIRST[3], LAST[5], CITIES[2]
    text = f"Then {first} {last} wrote from {city} to jane.roe@example.org. Later {last} called."
    result = scrubber.scrub(text)
    for original in (f"{first} {last}", city, "jane.roe@example.org"):
        assert original not in result.text
    assert f" {last} " not in result.text  # the lone surname is linked to the full name and replaced too
    types = {r.entity_type for r in result.replacements}
    assert {"PERSON", "LOCATION", "EMAIL_ADDRESS"} <= types


def test_bad_detector_names_raise_typed_errors(tmp_path):
    with pytest.raises(ConfigError):
        model_name("transformers:")
    with pytest.raises(ModelError):
        TransformersDetector(str(tmp_path / "missing"))
