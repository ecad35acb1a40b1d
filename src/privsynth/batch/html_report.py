"""The self-contained HTML audit page of a batch run, rendered from a manifest dict (never imports the run).

It shows counts, types, file names, checksums, versions, options and timings — never an original value. The
samples are taken from the *output* and show each replaced span twice: as its entity type (``[PERSON]``, the
"before" column) and as the surrogate that replaced it (the "after" column), so no original is ever shown.
"""
from __future__ import annotations

import html
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
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _num(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else _e(value)


def _bars(counts: dict[str, int], label: str) -> str:
    if not counts:
        return f"<p class='muted'>No {label}.</p>"
    top = max(counts.values()) or 1
    rows = "".join(
        f"<tr><td><code>{_e(k)}</code></td><td class='n'>{v:,}</td>"
        f"<td style='width:55%'><span class='bar' style='width:{max(1, round(100 * v / top))}%'></span></td></tr>"
        for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"<table><tr><th>entity type</th><th>count</th><th></th></tr>{rows}</table>"


def _bias_html(bias: dict[str, Any]) -> str:
    """Name mix of the originals (as inferred) next to the surrogates', per dimension, as counts and shares."""
    originals, surrogates = bias.get("originals", {}), bias.get("surrogates", {})
    dims = [d for d in ("gender", "origin", "locale") if d in originals or d in surrogates]
    if not dims:
        return "<p class='muted'>No person names were replaced.</p>"
    out = []
    for dim in dims:
        a, b = originals.get(dim, {}), surrogates.get(dim, {})
        ta, tb = sum(a.values()) or 1, sum(b.values()) or 1
        rows = "".join(
            f"<tr><td><code>{_e(label)}</code></td><td class='n'>{a.get(label, 0):,}</td>"
            f"<td class='n'>{100 * a.get(label, 0) / ta:.1f}%</td><td class='n'>{b.get(label, 0):,}</td>"
            f"<td class='n'>{100 * b.get(label, 0) / tb:.1f}%</td></tr>"
            for label in sorted(set(a) | set(b), key=lambda k: -(a.get(k, 0) + b.get(k, 0))))
        out.append(f"<h3 style='font-size:14px'>{_e(dim)}</h3><table><tr><th>{_e(dim)}</th><th>originals</th>"
                   f"<th></th><th>surrogates</th><th></th></tr>{rows}</table>")
    return "".join(out)


def _sample_html(sample: dict[str, Any]) -> str:
    text: str = sample["text"]
    spans = sorted(sample["spans"])
    before, after, mapping = [], [], []
    pos = 0
    for a, b, etype in spans:
        if a < pos:
            continue
        before.append(_e(text[pos:a]))
        after.append(_e(text[pos:a]))
        before.append(f"<span class='tag'>[{_e(etype)}]</span>")
        after.append(f"<span class='sur' title='{_e(etype)}'>{_e(text[a:b])}</span>")
        mapping.append(f"<code>[{_e(etype)}] → {_e(text[a:b])}</code>")
        pos = b
    before.append(_e(text[pos:]))
    after.append(_e(text[pos:]))
    lead = "… " if sample.get("clipped_start") else ""
    tail = " …" if sample.get("clipped_end") else ""
    where = next((f"{k} {sample[k]}" for k in ("line", "row", "file") if k in sample), "")
    return (f"<h3 class='muted' style='font-size:13px'>{_e(sample['source'])} · {_e(where)}</h3>"
            f"<div class='sample'><pre>{lead}{''.join(before)}{tail}</pre><pre>{lead}{''.join(after)}{tail}</pre>"
            f"<div class='map'>{''.join(mapping)}</div></div>")


def render_html(manifest: dict[str, Any], samples: list[dict[str, Any]] | None = None) -> str:
    """The audit page as one HTML string (inline CSS, no scripts, no external resources)."""
    t = manifest.get("totals", {})
    tm = manifest.get("timings", {})
    scrub = manifest.get("command") == "scrub"
    counts = t.get("replacements" if scrub else "findings", {})
    q = t.get("quarantined", 0)
    failed = t.get("failed", 0)
    cards = [
        ("records in", t.get("records_in", 0), ""),
        ("records out", t.get("records_out", 0), "ok"),
        ("quarantined", q, "warn" if q else "ok"),
        ("replacements" if scrub else "findings", sum(counts.values()), ""),
        ("inputs failed", failed, "bad" if failed else "ok"),
        ("records/s", tm.get("records_per_second") or "–", ""),
        ("MB/s", tm.get("mb_per_second") or "–", ""),
        ("elapsed", f"{tm.get('elapsed_seconds', 0):.1f} s", ""),
    ]
    card_html = "".join(f"<div class='card {cls}'><b>{_num(v)}</b><span>{_e(k)}</span></div>"
                        for k, v, cls in cards)
    file_rows = []
    for inp in manifest.get("inputs", []):
        st = inp["stats"]
        n = sum(st.get("entities", {}).values())
        file_rows.append(
            f"<tr><td><code>{_e(inp['source'])}</code></td><td>{_e(inp['format'])}"
            f"{' · ' + _e(inp['compression']) if inp.get('compression') else ''}</td><td>{_e(st['status'])}"
            f"{' — ' + _e(st['error']) if st.get('error') else ''}</td><td class='n'>{st['records_in']:,}</td>"
            f"<td class='n'>{st['records_out']:,}</td><td class='n'>{st['quarantined']:,}</td><td class='n'>{n:,}</td>"
            f"<td><code>{_e(inp['output'] or '')}</code></td></tr>")
    files = ("<table><tr><th>input</th><th>format</th><th>status</th><th>in</th><th>out</th><th>quarantined</th>"
             f"<th>{'replaced' if scrub else 'found'}</th><th>output</th></tr>{''.join(file_rows)}</table>")
    reasons = t.get("quarantine_reasons", {})
    all_reasons = {**REASONS, **EXTRA_REASONS}
    reason_html = ("<p class='muted'>Nothing was quarantined.</p>" if not reasons else
                   "<table><tr><th>reason</th><th>records</th><th>meaning</th></tr>" + "".join(
                       f"<tr><td><code>{_e(k)}</code></td><td class='n'>{v:,}</td><td>{_e(all_reasons.get(k, ''))}"
                       "</td></tr>" for k, v in sorted(reasons.items(), key=lambda kv: -kv[1])) + "</table>")
    sample_html = ("<p class='muted'>No samples (no record had a replacement in this session).</p>"
                   if not samples else "".join(_sample_html(s) for s in samples))
    versions = "".join(f"<tr><td>{_e(k)}</td><td><code>{_e(v)}</code></td></tr>"
                       for k, v in manifest.get("versions", {}).items())
    options = "".join(f"<tr><td>{_e(k)}</td><td><code>{_e(json.dumps(v, ensure_ascii=False))}</code></td></tr>"
                      for k, v in manifest.get("options", {}).items())
    samples_section = ""
    if scrub:
        samples_section += ("<h2>Name mix (bias)</h2><p class='muted'>Person names only: gender counts given "
                            "names, origin/locale every name part; originals are as inferred by privsynth.</p>"
                            + _bias_html(t.get("bias") or {}))
        samples_section += (
            "<h2>Samples</h2><p class='muted'>Left: the output with every surrogate shown as its entity type "
            "(originals are never shown). Right: the output, surrogates highlighted.</p>" + sample_html)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>privsynth {_e(manifest.get('command', ''))} report</title><style>{_CSS}</style></head>
<body>
<h1>privsynth {_e(manifest.get('command', ''))} report</h1>
<p class="sub">status <b>{_e(manifest.get('status'))}</b> · started {_e(manifest.get('started_at'))} · updated
{_e(manifest.get('updated_at'))} · key fingerprint <code>{_e(manifest.get('key_fingerprint'))}</code>
{'(random key: not reproducible)' if manifest.get('key_ephemeral') else ''}</p>
<div class="cards">{card_html}</div>
<h2>{'Replacements' if scrub else 'Findings'} per entity type</h2>{_bars(counts, 'replacements' if scrub else 'findings')}
<h2>Inputs</h2>{files}
<h2>Quarantine</h2>{reason_html}
{samples_section}
<h2>Throughput</h2><table>
<tr><td>records/s</td><td class="n">{_e(tm.get('records_per_second'))}</td></tr>
<tr><td>MB/s (input text)</td><td class="n">{_e(tm.get('mb_per_second'))}</td></tr>
<tr><td>model load</td><td class="n">{_e(tm.get('model_load_seconds'))} s</td></tr>
<tr><td>elapsed (all sessions)</td><td class="n">{_e(tm.get('elapsed_seconds'))} s</td></tr>
<tr><td>sessions (1 + resumes)</td><td class="n">{len(manifest.get('sessions', []))}</td></tr></table>
<h2>Versions</h2><table>{versions}</table>
<h2>Options</h2><table>{options}</table>
<p class="muted">Generated by privsynth. This page holds counts, types and surrogates only; no original value.</p>
</body></html>
"""


def write_html_report(path: str | os.PathLike[str], manifest: dict[str, Any],
                      samples: list[dict[str, Any]] | None = None) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, render_html(manifest, samples))
