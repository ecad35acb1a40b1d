"""``privsynth eval FILE``: score privsynth (and optionally plain Presidio) on a labelled JSONL file.

The command object is :data:`eval_command`; the main CLI registers it as ``privsynth eval``.
"""
from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import Sequence

import click

from .scoring import FAMILIES, FamilyScore, fmt

METRICS = (("recall_any", "R-any"), ("recall", "R"), ("precision", "P"), ("f1", "F1"), ("f2", "F2"),
           ("leak_rate", "leak"))


def _first_lang(path: str) -> str | None:
    from .dataset import iter_labeled

    for doc in iter_labeled(path, limit=1, validate=False):
        return doc.lang if doc.lang in ("en", "ja") else None
    return None


def _rows(runs: Sequence) -> list[tuple[str, int, list[FamilyScore]]]:
    rows = []
    for fam in FAMILIES:
        scores = [r.result.families[fam] for r in runs]
        if any(s.gold or s.predicted for s in scores):
            rows.append((fam, scores[0].gold, scores))
    rows.append(("overall", runs[0].result.overall.gold, [r.result.overall for r in runs]))
    return rows


def markdown_table(runs: Sequence) -> str:
    """The side-by-side table as GitHub markdown: one row per family and system (benchmarks, README)."""
    head = ["family", "gold", "system"] + [label for _, label in METRICS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for fam, gold, scores in _rows(runs):
        for i, (run, s) in enumerate(zip(runs, scores)):
            name = f"**{fam}**" if fam == "overall" else fam
            cells = [name if i == 0 else "", str(gold) if i == 0 else "", run.name]
            cells += [fmt(getattr(s, key)) for key, _ in METRICS]
            lines.append("| " + " | ".join(cells) + " |")
    speed = ", ".join(f"{r.name} {r.docs_per_s:.1f} docs/s" for r in runs)
    lines.append("")
    lines.append(f"{runs[0].docs} documents; {speed}.")
    for run in runs:
        for err, count in run.failures.items():
            lines.append(f"{run.name}: {count} document(s) failed and were scored as not scrubbed ({err}).")
    return "\n".join(lines)


def _print_table(path: str, lang: str, runs: Sequence) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"{Path(path).name} ({lang}, {runs[0].docs} docs)", header_style="bold")
    table.add_column("family")
    table.add_column("gold", justify="right")
    table.add_column("system")
    for _, label in METRICS:
        table.add_column(label, justify="right")
    styles = ("cyan", "magenta", "green", "yellow")
    rows = _rows(runs)
    for n, (fam, gold, scores) in enumerate(rows):
        for i, (run, s) in enumerate(zip(runs, scores)):
            cells = [fam if i == 0 else "", str(gold) if i == 0 else "", run.name]
            cells += [fmt(getattr(s, key)) for key, _ in METRICS]
            table.add_row(*cells, style=styles[i % len(styles)],
                          end_section=(i == len(runs) - 1 and len(runs) > 1 and n < len(rows) - 1))
    console.print(table)
    console.print("  R-any: recall, any PII type; R: recall, right family; P: precision (exhaustively marked "
                  "families only); leak: gold strings still in the output", style="dim")
    for run in runs:
        mbs = run.chars / run.seconds / 1e6 if run.seconds else 0.0
        console.print(f"  {run.name}: {run.docs_per_s:,.1f} docs/s ({mbs:.3f} MB/s of text, {run.seconds:.1f} s;"
                      f" model load {run.load_seconds:.1f} s)")
        for err, count in run.failures.items():
            console.print(f"  {run.name}: {count} document(s) FAILED and were scored as not scrubbed: {err}",
                          style="bold red")
    base = next((r for r in runs[1:] if r.name.startswith("presidio")), None)
    if base is not None and base.docs_per_s:
        console.print(f"  speed ratio {runs[0].name}/{base.name}: {runs[0].docs_per_s / base.docs_per_s:.2f}×")
    exh = runs[0].result.exhaustive
    console.print("  precision scored on: " + "; ".join(f"{s or '?'}: {', '.join(f) or 'none'}" for s, f in exh.items()),
                  style="dim")


def _print_misses(docs: Sequence, runs: Sequence, n: int, to_stderr: bool) -> None:
    from collections import defaultdict

    from .scoring import errors

    def ctx(text: str, start: int, end: int) -> str:
        left, right = text[max(0, start - 30):start], text[end:end + 20]
        return f"{left!r}[[{text[start:end]}]]{right!r}"

    for run in runs:
        missed: dict[str, list[str]] = defaultdict(list)
        spurious: dict[str, list[str]] = defaultdict(list)
        for doc, pred in zip(docs, run.predictions or []):
            m, s = errors(doc.text, doc.spans, pred.spans)
            for g, fam in m:
                missed[fam].append(f"{g.label}: {ctx(doc.text, g.start, g.end)}  ({doc.id})")
            for p, fam in s:
                spurious[fam].append(f"{p.label}: {ctx(doc.text, p.start, p.end)}  ({doc.id})")
        for title, table in (("missed", missed), ("not on gold PII", spurious)):
            for fam, items in sorted(table.items()):
                click.echo(f"[{run.name}] {title} {fam}: {len(items)}", err=to_stderr)
                for item in items[:n]:
                    click.echo(f"    {item}", err=to_stderr)


def _input_error(message: str) -> click.ClickException:
    """An unreadable or empty data set: the input exit code every privsynth command uses."""
    from ..exitcodes import EXIT_INPUT

    error = click.ClickException(message)
    error.exit_code = EXIT_INPUT
    return error


@click.command("eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option("--lang", type=click.Choice(["en", "ja"]), default=None,
              help="Language of the file (default: the 'lang' of its first record).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of a table.")
@click.option("--baseline", type=click.Choice(["presidio", "presidio-batch"]), default=None,
              help="Also run plain Presidio (same spaCy model, default recognizers, threshold 0.5, replace).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N documents.")
@click.option("--exhaustive", default=None, metavar="FAMILIES",
              help="Families marked exhaustively (comma-separated, or 'all'); default: per source, see docs.")
@click.option("--ner/--no-ner", default=True, help="privsynth with or without its NER model.")
@click.option("--spacy-model", default=None, help="spaCy model for both systems (default: per language).")
@click.option("--sensitivity", type=click.Choice(["both", "balanced", "strict"]), default="both", show_default=True,
              help="privsynth's operating point(s): balanced (the default of scrub), strict (recall first), or "
                   "both, reported side by side as 'privsynth' and 'privsynth-strict'.")
@click.option("--misses", type=click.IntRange(min=0), default=0, metavar="N",
              help="Also print up to N missed gold spans and N spurious predictions per family and system "
                   "(with context: shows the labelled data's text).")
def eval_command(file: str, lang: str | None, as_json: bool, baseline: str | None, limit: int | None,
                 exhaustive: str | None, ner: bool, spacy_model: str | None, sensitivity: str, misses: int) -> None:
    """Score privsynth on a labelled JSONL FILE (format: ../shared/eval/README.md).

    Reports recall (any PII type / right type), precision where the file marks a type exhaustively, F1, F2 and
    the leak rate, per entity family and overall; with --baseline, plain Presidio on the same documents.
    """
    from .dataset import DatasetError, iter_labeled
    from .runner import evaluate_system, make_system

    try:
        lang = lang or _first_lang(file)
        if lang is None:
            raise click.UsageError("Cannot tell the language of the file; pass --lang en or --lang ja.")
        docs = list(iter_labeled(file, limit=limit))
    except DatasetError as exc:
        raise _input_error(str(exc)) from None
    if not docs:
        raise _input_error(f"{file} holds no documents.")

    opts: dict[str, object] = {"ner": ner}
    if spacy_model:
        opts["spacy_model"] = spacy_model
    points = ("balanced", "strict") if sensitivity == "both" else (sensitivity,)
    systems = [("privsynth", {**opts, "sensitivity": p, "name": "privsynth" if p == "balanced" else "privsynth-strict"})
               for p in points]
    if baseline:
        systems.append((baseline, {"model": spacy_model} if spacy_model else {}))
    runs = []
    for kind, options in systems:
        if not as_json:
            click.echo(f"running {kind} on {len(docs)} documents …", err=True)
        runs.append(evaluate_system(make_system(kind, lang, **options), docs, exhaustive=exhaustive,
                                    keep_predictions=bool(misses)))

    if misses:
        _print_misses(docs, runs, misses, to_stderr=as_json)
    if as_json:
        out = {"file": str(file), "lang": lang, "limit": limit,
               "command": " ".join(["privsynth", "eval", *map(shlex.quote, sys.argv[2:])])
               if Path(sys.argv[0]).name == "privsynth" else None, "systems": [r.as_dict() for r in runs]}
        click.echo(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        _print_table(file, lang, runs)
