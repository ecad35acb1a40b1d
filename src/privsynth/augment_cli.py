"""``privsynth augment``: n synthetic variants of every JSONL record (a thin shell over ``Scrubber.augment_batch``).

Each output record is the input record with its text field replaced by one variant, plus ``parent_id`` (the
record's id field, else its 1-based line number) and ``variant`` (0 … n-1). Variant ``i`` uses the sub-key
``key.derive("augment", str(i))``, so the same key reproduces the same file, and a person keeps one surrogate
across all records of a variant. Nothing printed here contains an original value.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path
from typing import Any, Iterator, TextIO

import click

from .detect.ner import iter_chunks
from .errors import InputError, PrivsynthError
from .io.atomic import publish, tmp_path
from .keys import KEY_ENV_VAR, KEY_FILE_ENV_VAR, NO_KEY_MESSAGE, random_key
from .io.jsonl import describe_json_error, iter_objects
from .io.fields import MISSING, get_path, parse_path, set_path

from .exitcodes import EXIT_INPUT, code_for
CHUNK_RECORDS = 256


class AugmentError(click.ClickException):
    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def parse_bias(value: str | None) -> Any:
    """``preserve``, ``balanced`` or a JSON object of weights (``{"gender": {"female": 0.5, "male": 0.5}}``)."""
    if value is None:
        return None
    text = value.strip()
    if text.startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise click.BadParameter(f"not valid JSON ({describe_json_error(exc)})", param_hint="--bias")
    return text


def _open_input(path: str) -> TextIO:
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig")
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig")
    return open(path, encoding="utf-8-sig")


def _records(fh: TextIO, name: str) -> Iterator[tuple[int, dict]]:
    return iter_objects(fh, name)


def augment_file(scrubber: Any, src: TextIO, dst: TextIO, n: int, text_field: str = "text",
                 id_field: str = "id", bias: Any = None, name: str = "input") -> dict[str, int]:
    """Write ``n`` variants of every record of ``src`` to ``dst``; returns counts (records, variants)."""
    text_path, id_path = parse_path(text_field), parse_path(id_field)
    counts = {"records": 0, "variants": 0}
    for chunk in iter_chunks(_records(src, name), CHUNK_RECORDS):
        texts = []
        for number, record in chunk:
            value = get_path(record, text_path)
            if value is MISSING or not isinstance(value, str):
                what = "missing" if value is MISSING else f"a {type(value).__name__}, not a string"
                raise InputError(f"{name} line {number}: text field {text_field!r} is {what}; choose the field "
                                 "with --text-field.")
            texts.append(value)
        for (number, record), variants in zip(chunk, scrubber.augment_batch(texts, n, bias)):
            parent = get_path(record, id_path)
            parent_id = number if parent is MISSING or parent is None else parent
            for index, variant in enumerate(variants):
                out = json.loads(json.dumps(record))  # a deep copy of plain JSON data
                set_path(out, text_path, variant.text)
                out["parent_id"] = parent_id
                out["variant"] = index
                dst.write(json.dumps(out, ensure_ascii=False) + "\n")
                counts["variants"] += 1
            counts["records"] += 1
    return counts


def _mix(counts: dict, side: str) -> str:
    gender = counts.get(side, {}).get("gender", {})
    total = sum(gender.values())
    if not total:
        return "no names"
    return ", ".join(f"{label} {100 * n / total:.1f}%" for label, n in sorted(gender.items()))


@click.command("augment", epilog="\b\nExample:\n  privsynth keygen -o corpus.key\n  privsynth augment corpus.jsonl -n 5 "
               "-o augmented.jsonl --key-file corpus.key --bias balanced")
@click.argument("input_path", metavar="INPUT")
@click.option("-n", "--variants", "n", type=click.IntRange(min=1), default=5, show_default=True,
              help="Variants to write per record.")
@click.option("-o", "--output", required=True, metavar="FILE", help="Output JSONL ('-' for stdout).")
@click.option("--key-file", type=click.Path(dir_okay=False), default=None, envvar="PRIVSYNTH_KEY_FILE",
              help="Consistency key from 'privsynth keygen' (or $PRIVSYNTH_KEY). Without one, variants are random "
                   "per run.")
@click.option("-t", "--text-field", default="text", show_default=True, metavar="PATH",
              help="Field holding the text; dots for nested JSON ('meta.body').")
@click.option("--id-field", default="id", show_default=True, metavar="PATH",
              help="Field copied into parent_id (the line number when a record has none).")
@click.option("--bias", "bias_text", default=None, metavar="BIAS",
              help="Person surrogates' mix: preserve, balanced, or JSON weights such as "
                   "'{\"gender\": {\"female\": 0.5, \"male\": 0.5}}' (default: preserve).")
@click.option("--lang", "language", type=click.Choice(["en", "ja", "auto"]), default="en", show_default=True)
@click.option("--locale", default=None, metavar="LOCALE", help="Surrogate locale (default per language).")
@click.option("--profile", type=click.Choice(["realistic", "reserved"]), default=None)
@click.option("--no-ner", "no_ner", is_flag=True, help="No NER: pattern recognizers and rule-based name/place finders only.")
@click.option("--bias-report", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Also write the name mix of originals and surrogates (JSON).")
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def augment_command(input_path: str, n: int, output: str, key_file: str | None, text_field: str, id_field: str,
                    bias_text: str | None, language: str, locale: str | None, profile: str | None, no_ner: bool,
                    bias_report: str | None, quiet: bool) -> None:
    """Write N synthetic variants of every record of a JSONL file, each with fresh, consistent surrogates.

    Every output record is the input record with the text replaced, plus parent_id and variant. The same key
    gives the same variants; --bias balanced rebalances who appears in the data.
    """
    from .scrubber import Scrubber

    if input_path != "-" and not Path(input_path).is_file():
        raise AugmentError(f"input {input_path!r} does not exist or is not a file", EXIT_INPUT)
    try:
        parse_path(text_field), parse_path(id_field)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    bias = parse_bias(bias_text)
    options: dict[str, Any] = {"language": language, "ner": not no_ner}
    if locale:
        options["locale"] = locale
    if profile:
        options["profile"] = profile
    if key_file:
        options["key_file"] = key_file
    elif not os.environ.get(KEY_ENV_VAR) and not os.environ.get(KEY_FILE_ENV_VAR):
        options["key"] = random_key().secret
        click.echo(f"privsynth: warning: {NO_KEY_MESSAGE}", err=True)
    tmp = None
    try:
        scrubber = Scrubber(**options)
        if bias is not None:
            from .config import Config
            Config.from_options(scrubber.config, bias=bias)  # validate before reading anything
        with _open_input(input_path) as src:
            if output == "-":
                counts = augment_file(scrubber, src, sys.stdout, n, text_field, id_field, bias, input_path)
            else:
                tmp = tmp_path(output)
                with open(tmp, "w", encoding="utf-8") as dst:
                    counts = augment_file(scrubber, src, dst, n, text_field, id_field, bias, input_path)
                    dst.flush()
                    os.fsync(dst.fileno())
                publish(tmp, output)
                tmp = None
    except PrivsynthError as exc:
        raise AugmentError(str(exc), code_for(exc)) from None
    except UnicodeDecodeError:
        raise AugmentError(f"{input_path} is not UTF-8 text", EXIT_INPUT) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    report = {"records": counts["records"], "variants": counts["variants"], "n": n,
              "key_fingerprint": scrubber.key_fingerprint, "bias_setting": _plain(scrubber.config.bias if bias is None
                                                                                  else bias),
              "bias": scrubber.bias_report()}
    if bias_report:
        from .io.atomic import write_atomic
        write_atomic(bias_report, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    if not quiet:
        click.echo(f"privsynth augment: {counts['records']} records -> {counts['variants']} variants "
                   f"({output}); given names, originals: {_mix(report['bias'], 'originals')}; "
                   f"surrogates: {_mix(report['bias'], 'surrogates')}", err=True)


def _plain(value: Any) -> Any:
    from .surrogates.bias import bias_as_plain
    return bias_as_plain(value)
