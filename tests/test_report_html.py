"""The HTML report (a Jinja2 template with inline SVG charts) and the residual re-scan, from real runs.

The charts' data is read back from the SVG (``data-label``/``data-value`` on each bar) and compared with the
manifest written by the same run; a real headless Chromium renders the page where one is installed.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from faker import Faker

from privsynth.batch.html_report import histogram, render_html
from privsynth.batch.workers import residual_counts
from privsynth.cli import run_cli

TEST_KEY = "privsynth-report-test-key-0004"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample_en.jsonl"


@pytest.fixture()
def key_file(tmp_path: Path) -> Path:
    p = tmp_path / "test.key"
    p.write_text(TEST_KEY + "\n")
    p.chmod(0o600)
    return p


def run(factory, args: list) -> tuple[int, str]:
    with CliRunner().isolation() as (_, err, _x):
        code = run_cli([str(a) for a in args], obj={"scrubber_factory": factory})
    return code, err.getvalue().decode("utf-8", "replace")


class Charts(HTMLParser):
    """chart name → [(label, value, series)] from the SVG bars; plus every text node (to look for leaks)."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: dict[str, list[tuple[str, int, str | None]]] = {}
        self.current: str | None = None
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        if tag == "svg" and "data-chart" in a:
            self.current = a["data-chart"]
            self.charts[self.current] = []
        elif tag == "g" and "data-value" in a and self.current:
            self.charts[self.current].append((a["data-label"], int(a["data-value"]), a.get("data-series")))

    def handle_endtag(self, tag):
        if tag == "svg":
            self.current = None


def _corpus(path: Path) -> tuple[Path, list[str]]:
    fake = Faker("en_US")
    fake.seed_instance(11)
    originals, lines = [], []
    for i in range(24):
        name, email = fake.name(), fake.free_email()
        originals += [name, email]
        text = (f"Dear {name}, we wrote to {email}." if i % 3 else "Nothing personal in this line at all.")
        lines.append(json.dumps({"id": i, "text": text}))
    path.write_text("\n".join(lines) + "\n")
    return path, originals


def test_report_charts_hold_the_manifest_counts(factory, tmp_path: Path, key_file: Path) -> None:
    src, originals = _corpus(tmp_path / "in.jsonl")
    out, report = tmp_path / "o.jsonl", tmp_path / "r.html"
    code, err = run(factory, ["scrub", src, "-o", out, "--key-file", key_file, "--report-html", report, "-q"])
    assert code == 0, err
    m = json.loads(Path(str(out) + ".manifest.json").read_text())
    html = report.read_text()
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html
    assert "http" not in html.split("<body>")[1] and "<link" not in html  # self-contained
    for value in originals:
        assert value not in html
    p = Charts()
    p.feed(html)
    t = m["totals"]
    assert dict((label, v) for label, v, _ in p.charts["entities"]) == t["replacements"]
    # the histogram: 8 records with no replacement (every third line), the others with a name and an e-mail
    assert sum(t["per_record"].values()) == t["records_out"] == 24
    bins = dict((label, v) for label, v, _ in p.charts["per-record"])
    assert bins == dict(histogram(t["per_record"])) and bins["0"] == 8 and sum(bins.values()) == 24
    # gender: one bar for the originals and one for the surrogates per label, as in the manifest
    gender = p.charts["bias-gender"]
    for side in ("originals", "surrogates"):
        got = {label: v for label, v, series in gender if series == side and v}
        assert got == {k: v for k, v in t["bias"][side]["gender"].items() if v}
    assert "bias-origin" in p.charts


def test_residual_rescan_counts_reach_manifest_report_and_exit_code(factory, tmp_path: Path,
                                                                   key_file: Path) -> None:
    out, report = tmp_path / "o.jsonl", tmp_path / "r.html"
    code, err = run(factory, ["scrub", EXAMPLE, "-o", out, "--key-file", key_file, "--residual-scan",
                              "--report-html", report])
    assert code == 0, err
    m = json.loads(Path(str(out) + ".manifest.json").read_text())
    residual = m["totals"]["residual"]
    assert residual["total"] == sum(residual["counts"].values()) and residual["limit"] is None
    assert "residual re-scan" in err
    p = Charts()
    p.feed(report.read_text())
    assert dict((label, v) for label, v, _ in p.charts.get("residual", [])) == residual["counts"]
    # the output itself does not depend on the re-scan
    plain = tmp_path / "plain.jsonl"
    assert run(factory, ["scrub", EXAMPLE, "-o", plain, "--key-file", key_file, "-q"])[0] == 0
    assert plain.read_bytes() == out.read_bytes()
    n = residual["total"]
    code, _ = run(factory, ["scrub", EXAMPLE, "-o", tmp_path / "a.jsonl", "--key-file", key_file, "-q",
                            "--fail-on-residual", n])
    assert code == 0
    if n:
        code, _ = run(factory, ["scrub", EXAMPLE, "-o", tmp_path / "b.jsonl", "--key-file", key_file, "-q",
                                "--fail-on-residual", n - 1])
        assert code == 6


def test_residual_counts_only_what_lies_outside_the_replacements(scrubber) -> None:
    text = "Write to Alice Hartley at alice.hartley@example.org today."
    findings = scrubber.detect(text)
    email = next(f for f in findings if f.entity_type == "EMAIL_ADDRESS")
    person = next(f for f in findings if f.entity_type == "PERSON")
    assert residual_counts(findings, ((email.start, email.end, "EMAIL_ADDRESS"),)) == (("PERSON", 1),)
    both = ((email.start, email.end, "EMAIL_ADDRESS"), (person.start, person.end, "PERSON"))
    assert residual_counts(findings, both) == ()


def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    chromium = next((c for c in ("/usr/bin/chromium", shutil.which("chromium") or "",
                                 shutil.which("chromium-browser") or "") if c and os.path.exists(c)), None)
    if chromium is None:
        pytest.skip("no headless Chromium on this machine (/usr/bin/chromium)")
    manifest = {"command": "scrub", "status": "complete", "inputs": [], "sessions": [{}],
                "totals": {"records_in": 3, "records_out": 3, "replacements": {"PERSON": 4, "EMAIL_ADDRESS": 2},
                           "per_record": {"0": 1, "3": 2},
                           "bias": {"originals": {"gender": {"female": 2, "male": 2}},
                                    "surrogates": {"gender": {"female": 3, "male": 1}}},
                           "residual": {"counts": {"PERSON": 1}, "total": 1, "limit": 0, "over_limit": True}},
                "timings": {"elapsed_seconds": 1.0}}
    page = tmp_path / "r.html"
    page.write_text(render_html(manifest, [{"source": "a.jsonl", "line": 1, "text": "Hi Ann Lee.",
                                            "spans": [(3, 10, "PERSON")]}]))
    res = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=90)
    assert res.returncode == 0, res.stderr[-500:]
    dom = res.stdout
    assert "Replacements per entity type" in dom and "[PERSON]" in dom and "Residual re-scan" in dom
    p = Charts()
    p.feed(dom)  # the browser's DOM still has the bars with their data
    assert dict((label, v) for label, v, _ in p.charts["entities"]) == {"PERSON": 4, "EMAIL_ADDRESS": 2}
    assert dict((label, v) for label, v, _ in p.charts["per-record"])["3"] == 2
