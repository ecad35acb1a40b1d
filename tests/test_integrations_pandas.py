"""pandas adapter and the shared core of every ETL adapter: same output as scrub(), index/dtype/nulls kept,
bad rows left null (or a clear error when strict), the key shipped without ever being shown."""
from __future__ import annotations

import logging
import pickle
import warnings

import numpy as np
import pytest

pd = pytest.importorskip("pandas")

import privsynth  # noqa: E402
from privsynth.errors import ConfigError, InputError, ModelError, RecordError  # noqa: E402
from privsynth.integrations import _core  # noqa: E402
from privsynth.integrations._core import Job  # noqa: E402
from privsynth.integrations.pandas import scrub_column, scrub_series  # noqa: E402
from privsynth.keys import EphemeralKeyWarning, resolve_key  # noqa: E402

KEY = "privsynth-test-key-not-secret"


def make_texts(n: int = 24) -> list[str]:
    """Short synthetic documents (Faker, fixed seed: never real people) plus edge cases."""
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(1234)
    templates = [
        lambda: f"Hi, I'm {fake.name()}; write to {fake.free_email()} or call {fake.phone_number()}.",
        lambda: f"{fake.name()} moved to {fake.street_address()}, {fake.city()} on {fake.date()}.",
        lambda: f"Card {fake.credit_card_number()} belongs to {fake.first_name()}. SSN {fake.ssn()}.",
        lambda: f"Login from {fake.ipv4_public()} by @{fake.user_name()} at {fake.url()}",
    ]
    texts = [templates[i % len(templates)]() for i in range(n)]
    return texts + ["", "No personal data here.", "Dr. Jane Doe met Mr. Doe. 😀 café", "x" * 3]


TEXTS = make_texts()


@pytest.fixture(scope="module")
def expected() -> dict[str, privsynth.ScrubResult]:
    return {t: privsynth.scrub(t, key=KEY) for t in TEXTS}


def test_scrub_series_matches_scrub_and_keeps_index_and_name(expected):
    index = pd.Index([f"doc-{i}" for i in range(len(TEXTS))], name="doc_id")
    series = pd.Series(TEXTS, index=index, name="body", dtype=object)
    out = scrub_series(series, key=KEY)
    assert out.tolist() == [expected[t].text for t in TEXTS]
    assert out.index.equals(series.index) and out.name == "body" and out.dtype == object
    assert series.tolist() == TEXTS  # the input is not modified


@pytest.mark.parametrize("dtype", ["object", "string", "str", "string[pyarrow]"])
def test_nulls_stay_null_and_dtype_is_kept(dtype, expected):
    values = [TEXTS[0], None, TEXTS[1], np.nan, ""]
    series = pd.Series(values, dtype=dtype, index=[5, 3, 1, 9, 7])
    out = scrub_series(series, key=KEY)
    assert out.dtype == series.dtype
    assert out.isna().tolist() == series.isna().tolist() == [False, True, False, True, False]
    assert out[5] == expected[TEXTS[0]].text and out[1] == expected[TEXTS[1]].text and out[7] == ""
    if dtype == "object":  # each null exactly as it was: None stays None, NaN stays NaN (pandas 3's missing str)
        assert out[3] is None and isinstance(out[9], float)


def test_pd_na_in_object_column_stays_na():
    out = scrub_series(pd.Series(["Call Ann Lee.", pd.NA], dtype=object), key=KEY)
    assert out.iloc[1] is pd.NA


def test_scrub_column_adds_spans_and_errors_without_mutating(expected):
    df = pd.DataFrame({"id": range(4), "text": pd.Series([TEXTS[0], None, TEXTS[2], ""], dtype=object)})
    before = df.copy()
    out = scrub_column(df, "text", key=KEY, output_col="clean", spans_col="spans", error_col="error")
    pd.testing.assert_frame_equal(df, before)
    assert list(out.columns) == ["id", "text", "clean", "spans", "error"]
    assert out["text"].tolist() == df["text"].tolist()  # output_col given: the original column is kept
    assert out["clean"].iloc[0] == expected[TEXTS[0]].text
    assert out["spans"].iloc[0] == expected[TEXTS[0]].annotations()
    assert out["spans"].iloc[1] is None and out["spans"].iloc[3] == []
    assert out["error"].isna().all()
    for text, spans in zip(out["clean"], out["spans"]):  # spans point at the surrogates in the output
        for span in spans or ():
            assert 0 <= span["start"] < span["end"] <= len(text)


def test_scrub_column_replaces_in_place_by_default(expected):
    df = pd.DataFrame({"text": TEXTS[:3], "n": [1, 2, 3]})
    out = scrub_column(df, "text", key=KEY)
    assert list(out.columns) == ["text", "n"]
    assert out["text"].tolist() == [expected[t].text for t in TEXTS[:3]]


def test_bad_rows_become_null_counted_and_logged_without_value(caplog, expected):
    series = pd.Series([TEXTS[0], 12345, b"John Smith bytes", None], dtype=object)
    with caplog.at_level(logging.DEBUG):
        out = scrub_column(series.to_frame("text"), "text", key=KEY, error_col="why")
    assert out["text"].iloc[0] == expected[TEXTS[0]].text
    assert out["text"].iloc[1] is None and out["text"].iloc[2] is None and out["text"].iloc[3] is None
    assert out["why"].iloc[1] == "InputError: value is int, not str"
    assert "bytes" in out["why"].iloc[2] and out["why"].iloc[3] is None
    warnings_logged = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings_logged) == 1 and "2 of 4 rows" in warnings_logged[0].getMessage()
    assert "12345" not in caplog.text and "John Smith" not in caplog.text


def test_strict_raises_a_clear_error_naming_the_row_not_the_value():
    series = pd.Series(["fine", 12345], dtype=object)
    with pytest.raises(RecordError, match=r"Row 1 is not text") as info:
        scrub_series(series, key=KEY, strict=True)
    assert "12345" not in str(info.value) and isinstance(info.value, privsynth.errors.PrivsynthError)


class _PoisonedScrubber:
    """Wraps the real engine; fails on texts containing POISON, like an engine bug on one odd document."""

    def __init__(self, real):
        self.real = real

    def scrub_batch(self, texts):
        for text in texts:
            if "POISON" in text:
                raise RuntimeError(f"engine crashed on {text!r}")
            yield self.real.scrub(text)

    def scrub(self, text):
        if "POISON" in text:
            raise RuntimeError(f"engine crashed on {text!r}")
        return self.real.scrub(text)


@pytest.fixture
def poisoned(monkeypatch):
    real = Job.scrubber
    monkeypatch.setattr(Job, "scrubber", lambda self: _PoisonedScrubber(real(self)))


def test_an_engine_error_spoils_one_row_not_its_batch(poisoned, caplog, expected):
    texts = [TEXTS[0], "POISON John Smith 415-555-0132", TEXTS[1], TEXTS[2]]
    with caplog.at_level(logging.DEBUG):
        out = scrub_column(pd.DataFrame({"text": texts}), "text", key=KEY, error_col="why")
    assert out["text"].isna().tolist() == [False, True, False, False]
    assert out["text"].iloc[[0, 2, 3]].tolist() == [expected[t].text for t in (TEXTS[0], TEXTS[1], TEXTS[2])]
    assert out["why"].iloc[1].startswith("RuntimeError (message withheld")
    assert "POISON" not in caplog.text and "John Smith" not in caplog.text


def test_an_engine_error_when_strict_names_the_row_and_hides_the_text(poisoned):
    texts = [TEXTS[0], TEXTS[1], "POISON John Smith"]
    with pytest.raises(RecordError, match=r"Row 2 could not be scrubbed \(RuntimeError") as info:
        scrub_series(pd.Series(texts), key=KEY, strict=True)
    assert "POISON" not in str(info.value) and info.value.__cause__ is None


def test_errors_about_the_whole_job_are_raised_even_when_not_strict():
    with pytest.raises(ModelError):
        scrub_series(pd.Series(["Call John Smith."]), key=KEY, spacy_model="no_such_spacy_model")
    with pytest.raises(ConfigError, match="Unknown option"):
        scrub_series(pd.Series(["x"]), key=KEY, langauge="en")
    with pytest.raises(ConfigError, match="xx_XX"):
        scrub_series(pd.Series(["x"]), key=KEY, locale="xx_XX")
    with pytest.raises(ConfigError, match="dtype int64"):
        scrub_series(pd.Series([1, 2]), key=KEY)
    with pytest.raises(ConfigError, match="not found"):
        scrub_column(pd.DataFrame({"a": ["x"]}), "text", key=KEY)
    with pytest.raises(ConfigError, match="different names"):
        scrub_column(pd.DataFrame({"text": ["x"]}), "text", key=KEY, spans_col="text")
    with pytest.raises(ConfigError, match="pandas Series"):
        scrub_series(["a list"], key=KEY)  # type: ignore[arg-type]


def test_config_options_pass_through(expected):
    text = "Write to ann.lee@gmail.com, Ann Lee."
    only_email = scrub_series(pd.Series([text]), key=KEY, entities=["EMAIL_ADDRESS"]).iloc[0]
    assert only_email == privsynth.scrub(text, key=KEY, entities=["EMAIL_ADDRESS"]).text
    assert "Ann Lee" in only_email and "ann.lee@gmail.com" not in only_email
    config = privsynth.Config(key=KEY, profile="reserved")
    assert scrub_series(pd.Series([text]), config=config).iloc[0] == privsynth.scrub(text, key=KEY,
                                                                                      profile="reserved").text


def test_empty_series_and_lone_surrogates():
    empty = scrub_series(pd.Series([], dtype="string"), key=KEY)
    assert len(empty) == 0 and empty.dtype == "string"
    out = scrub_series(pd.Series(["bad \udcff byte from Ann Lee"], dtype=object), key=KEY)
    assert out.iloc[0] == privsynth.scrub("bad \udcff byte from Ann Lee", key=KEY).text


# -- the Job that carries the key to workers -------------------------------------------------------------------

def test_job_never_shows_the_key_and_survives_pickling():
    job = Job.create(key="hunter2-super-secret")
    for text in (repr(job), str(job), repr(job.__dask_tokenize__())):
        assert "hunter2" not in text and job.fingerprint in text
    copy = pickle.loads(pickle.dumps(job))
    # The job ships the resolved (stretched) secret, never the passphrase; a worker resolving it gets the same key.
    assert copy == job and copy.config.key == resolve_key("hunter2-super-secret").secret
    assert b"hunter2" not in pickle.dumps(job) and copy.config.key_file is None
    assert resolve_key(copy.config.key).fingerprint == job.fingerprint


def test_key_file_and_environment_are_resolved_where_the_job_is_created(tmp_path, monkeypatch):
    key_file = tmp_path / "privsynth.key"
    key_file.write_text(KEY + "\n")
    from_file = Job.create(key_file=str(key_file))
    assert from_file.config.key == resolve_key(KEY).secret and from_file.config.key_file is None
    monkeypatch.setenv("PRIVSYNTH_KEY", KEY)
    assert Job.create().config.key == resolve_key(KEY).secret
    monkeypatch.delenv("PRIVSYNTH_KEY")
    monkeypatch.delenv("PRIVSYNTH_KEY_FILE", raising=False)
    with pytest.warns(EphemeralKeyWarning):
        ephemeral = Job.create()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EphemeralKeyWarning)
        assert Job.create().config.key == ephemeral.config.key  # one key per driver process, shipped to all


def test_is_null_recognizes_every_missing_marker():
    for value in (None, float("nan"), np.float64("nan"), pd.NA, pd.NaT):
        assert _core.is_null(value)
    for value in ("", "nan", 0, 0.0, b""):
        assert not _core.is_null(value)


def test_input_error_is_what_the_engine_raises_for_non_text():
    # The adapters pre-filter non-text values; the engine itself keeps raising InputError for them.
    with pytest.raises(InputError):
        list(privsynth.Scrubber(key=KEY, ner=False).scrub_batch([1]))  # type: ignore[list-item]


def test_threads_sharing_one_engine_get_the_same_surrogates(expected):
    # Dask's threaded scheduler (and multi-threaded workers) run partitions in threads of one process. Before the
    # engine's Fakers were thread-local, shared use made surrogates depend on thread timing (seen: 2 of 8 runs).
    from concurrent.futures import ThreadPoolExecutor

    series = pd.Series(TEXTS)
    want = [expected[t].text for t in TEXTS]
    with ThreadPoolExecutor(4) as pool:
        runs = list(pool.map(lambda _: scrub_series(series, key=KEY).tolist(), range(6)))
    assert all(run == want for run in runs)
