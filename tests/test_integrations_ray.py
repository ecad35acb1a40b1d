"""Ray Data adapter on a real local Ray cluster (2 CPUs): identical outputs, key never in the plan or the logs."""
from __future__ import annotations

from pathlib import Path

import pytest

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")

import privsynth  # noqa: E402
from privsynth.errors import ConfigError  # noqa: E402

from conftest import TEST_KEY  # noqa: E402

pytestmark = pytest.mark.slow


def _texts(n: int = 10) -> list[str | None]:
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(31)
    out: list[str | None] = [f"Row {i}: {fake.name()} called {fake.phone_number()} from {fake.city()}."
                             for i in range(n)]
    out[3] = None
    out[6] = "Nothing personal here."
    return out


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield ray
    finally:
        ray.shutdown()


def test_scrub_column_actor_pool_identical_to_scrub(cluster):
    from privsynth.integrations.ray import scrub_column

    texts = _texts()
    ds = ray.data.from_items([{"id": i, "text": t} for i, t in enumerate(texts)], override_num_blocks=4)
    out = scrub_column(ds, "text", output_col="clean", spans_col="pii_spans", key=TEST_KEY, concurrency=2,
                       batch_size=3)
    plan = repr(out) + str(out)
    assert "ScrubBatches" in plan and TEST_KEY not in plan
    rows = sorted(out.take_all(), key=lambda r: r["id"])
    assert [r["text"] for r in rows] == texts  # input column kept
    expected = [None if t is None else privsynth.scrub(t, key=TEST_KEY).text for t in texts]
    assert [r["clean"] for r in rows] == expected
    assert rows[3]["pii_spans"] is None and rows[6]["pii_spans"] == []
    for row in rows:
        for span in row["pii_spans"] or []:
            assert 0 <= span["start"] < span["end"] <= len(row["clean"])
    assert any(s["entity_type"] == "PERSON" for s in rows[0]["pii_spans"])

    from privsynth.keys import resolve_key

    secret = resolve_key(TEST_KEY).secret
    session = Path(ray._private.worker._global_node.get_session_dir_path())
    for path in (session / "logs").rglob("*"):
        if path.is_file() and path.stat().st_size < 50_000_000:
            data = path.read_bytes()
            assert TEST_KEY.encode() not in data and secret not in data and secret.hex().encode() not in data, \
                path.name


def test_clear_errors(cluster):
    from privsynth.integrations.ray import scrub_column

    ds = ray.data.from_items([{"text": "a"}])
    with pytest.raises(ConfigError, match="not found"):
        scrub_column(ds, "body", key=TEST_KEY)
    with pytest.raises(ConfigError, match="ray.data.Dataset"):
        scrub_column([{"text": "a"}], "text", key=TEST_KEY)
