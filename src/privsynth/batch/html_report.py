"""The self-contained HTML audit page of a batch run, rendered from a manifest dict (never imports the run).

It shows counts, types, file names, checksums, versions, options and timings — never an original value. The
samples are taken from the *output* and show each replaced span twice: as its entity type (``[PERSON]``, the
"before" column) and as the surrogate that replaced it (the "after" column), so no original is ever shown.
"""
from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any, Sequence

from ..io.atomic import write_atomic
from ..io.formats import REASONS

EXTRA_REASONS = {"truncated_input": "the rest of a (compressed) input is truncated or corrupt"}


def sample(source: str, location: str, number: int, text: str,
           reps: Sequence[tuple[int, int, str]]) -> dict[str, Any]:
    """A window of up to 600 characters of an *output* text around its first replacement, with the spans in it."""
    first = reps[0][0]
    start = max(0, first - 120)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + 600)
    inside = [(a - start, b - start, e) for a, b, e in reps if a >= start and b <= end]
    return {"source": source, location: number, "text": text[start:end], "spans": inside,
            "clipped_start": start > 0, "clipped_end": end < len(text)}


HISTOGRAM_BINS = ((0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 9), (10, 19), (20, 49), (50, None))
BLUE, ORANGE = "#4c78a8", "#f58518"
_CSS = """

body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1100px;
color:#1d232a;padding:0 1rem}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d7dde3;
padding-bottom:.3rem}.sub{color:#5b6670;margin-top:0}
.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}.card{border:1px solid #d7dde3;border-radius:8px;
padding:.6rem .9rem;min-width:9rem}.card b{display:block;font-size:1.35rem}.card span{color:#5b6670}
.ok b{color:#1a7f37}.warn b{color:#b35900}.bad b{color:#c62828}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.3rem .5rem;
border-bottom:1px solid #eceff2;vertical-align:top}th{background:#f5f7f9}td.n{text-align:right;
font-variant-numeric:tabular-nums}.bar{background:#4c78a8;height:.7rem;border-radius:2px;display:inline-block}
.sample{display:grid;grid-template-columns:1fr 1fr;gap:.8rem;margin:.8rem 0 1.4rem}.sample pre{white-space:pre-wrap;
word-break:break-word;background:#f8f9fb;border:1px solid #e3e7eb;border-radius:6px;padding:.6rem;margin:0;
font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace}.tag{background:#fde2e1;color:#8b1a1a;border-radius:3px;
padding:0 .2rem}.sur{background:#dff3e4;color:#0f5323;border-radius:3px;padding:0 .2rem}
.map{grid-column:1/3;color:#38424c;font-size:13px}.map code{margin-right:1rem}.muted{color:#5b6670}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
h3{font-size:14px}svg.chart{display:block;max-width:100%;font:12px system-ui,sans-serif}svg .lbl{fill:#38424c}
svg .val{fill:#5b6670}.legend span{margin-right:1rem;color:#38424c}.legend i{display:inline-block;width:.8rem;
height:.8rem;margin-right:.3rem;vertical-align:-1px;border-radius:2px}
"""


def _chart(name: str, title: str, rows: list[tuple[str, int, str, str | None, float | None]],
           legend: list[tuple[str, str]] | None = None, gap_every: int = 0) -> dict[str, Any]:
    """Horizontal bars: rows of (label, value, color, series, share %). Geometry here, drawing in the template."""
    top = max((v for _, v, _, _, _ in rows), default=0) or 1
    label_width, plot, bar_h, step = 170, 460, 14, 20
    bars, y = [], 6
    for i, (label, value, color, series, share) in enumerate(rows):
        if gap_every and i and i % gap_every == 0:
            y += 8
        shown = label if series is None or i % max(gap_every, 1) == 0 else ""
        bars.append({"label": label, "text": shown, "value": value, "series": series, "share": share,
                     "color": color, "y": y, "h": bar_h, "w": round(plot * value / top, 1)})
        y += step
    return {"name": name, "title": title, "bars": bars, "legend": legend, "label_width": label_width,
            "width": label_width + plot + 90, "height": y + 6}


def histogram(per_record: dict[str, int]) -> list[tuple[str, int]]:
    """``{"0": n, "1": n, …, "50": n}`` (50 = 50 or more) → the bins of the report's histogram."""
    out = []
    for lo, hi in HISTOGRAM_BINS:
        n = sum(v for k, v in per_record.items() if int(k) >= lo and (hi is None or int(k) <= hi))
        label = str(lo) if lo == hi else (f"{lo}+" if hi is None else f"{lo}–{hi}")
        out.append((label, n))
    return out


def _bias_charts(bias: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    originals, surrogates = bias.get("originals", {}), bias.get("surrogates", {})
    charts = []
    for dim in ("gender", "origin", "locale"):
        a, b = originals.get(dim, {}), surrogates.get(dim, {})
        if not a and not b:
            continue
        ta, tb = sum(a.values()) or 1, sum(b.values()) or 1
        rows: list[tuple[str, int, str, str | None, float | None]] = []
        for label in sorted(set(a) | set(b), key=lambda k: (-(a.get(k, 0) + b.get(k, 0)), k)):
            rows.append((label, a.get(label, 0), BLUE, "originals", 100 * a.get(label, 0) / ta))
            rows.append((label, b.get(label, 0), ORANGE, "surrogates", 100 * b.get(label, 0) / tb))
        charts.append((dim, _chart(f"bias-{dim}", f"{dim}: originals vs surrogates", rows,
                                   [("originals", BLUE), ("surrogates", ORANGE)], gap_every=2)))
    return charts


def _sample_view(sample: dict[str, Any]) -> dict[str, Any]:
    text: str = sample["text"]
    parts: list[tuple[str, str, str]] = []
    pos = 0
    for a, b, etype in sorted(tuple(s) for s in sample["spans"]):
        if a < pos:
            continue
        parts.append(("text", text[pos:a], ""))
        parts.append(("span", text[a:b], etype))
        pos = b
    parts.append(("text", text[pos:], ""))
    where = next((f"{k} {sample[k]}" for k in ("line", "row", "file") if k in sample), "")
    return {"source": sample["source"], "where": where, "parts": parts,
            "lead": "… " if sample.get("clipped_start") else "", "tail": " …" if sample.get("clipped_end") else ""}


def _num(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


@functools.lru_cache(maxsize=1)
def _template() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("privsynth.batch", "templates"),
                             autoescape=True, undefined=jinja2.ChainableUndefined, trim_blocks=False)
    return env.get_template("report.html.j2")


def render_html(manifest: dict[str, Any], samples: list[dict[str, Any]] | None = None) -> str:
    """The audit page as one HTML string (inline CSS and SVG, no scripts, no external resources)."""
    t = manifest.get("totals", {})
    tm = manifest.get("timings", {})
    scrub = manifest.get("command") == "scrub"
    counts: dict[str, int] = t.get("replacements" if scrub else "findings", {})
    q, failed = t.get("quarantined", 0), t.get("failed", 0)
    cards = [
        ("records in", _num(t.get("records_in", 0)), ""),
        ("records out", _num(t.get("records_out", 0)), "ok"),
        ("quarantined", _num(q), "warn" if q else "ok"),
        ("replacements" if scrub else "findings", _num(sum(counts.values())), ""),
        ("inputs failed", _num(failed), "bad" if failed else "ok"),
        ("records/s", _num(tm.get("records_per_second") or "–"), ""),
        ("MB/s", _num(tm.get("mb_per_second") or "–"), ""),
        ("elapsed", f"{tm.get('elapsed_seconds', 0):.1f} s", ""),
    ]
    residual = t.get("residual")
    if residual is not None:
        cards.append(("residual", _num(residual.get("total", 0)), "bad" if residual.get("over_limit") else
                      ("warn" if residual.get("total") else "ok")))
    all_reasons = {**REASONS, **EXTRA_REASONS}
    reasons = [(k, v, all_reasons.get(k, "")) for k, v in
               sorted(t.get("quarantine_reasons", {}).items(), key=lambda kv: -kv[1])]
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    charts = {
        "entities": _chart("entities", "per entity type", [(k, v, BLUE, None, None) for k, v in ordered]),
        "per_record": _chart("per-record", "records by count",
                             [(k, v, BLUE, None, None) for k, v in histogram(t.get("per_record", {}))]
                             if t.get("per_record") else []),
        "residual": _chart("residual", "residual per type",
                           [(k, v, ORANGE, None, None) for k, v in (residual or {}).get("counts", {}).items()]),
        "bias": _bias_charts(t.get("bias") or {}) if scrub else [],
    }
    options = [(k, json.dumps(v, ensure_ascii=False)) for k, v in manifest.get("options", {}).items()]
    return _template().render(m=manifest, tm=tm, scrub=scrub, cards=cards, charts=charts, reasons=reasons,
                              residual=residual, options=options, css=_CSS,
                              samples=[_sample_view(s) for s in samples or ()])


def write_html_report(path: str | os.PathLike[str], manifest: dict[str, Any],
                      samples: list[dict[str, Any]] | None = None) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, render_html(manifest, samples))
