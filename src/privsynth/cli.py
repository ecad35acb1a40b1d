"""The ``privsynth`` command: a thin shell over :mod:`privsynth.batch` (built with click, progress with rich).

Errors are one line on stderr and a documented exit code (see :mod:`privsynth.exitcodes`).
Nothing printed here ever contains an original value: progress, summaries and errors show counts, types and
file names only.
"""
from __future__ import annotations

import importlib
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable

import click

from . import __version__
from .exitcodes import EXIT_INTERRUPTED, EXIT_PIPE_CLOSED, EXIT_USAGE, code_for, epilog

EXIT_EPILOG = epilog()

_SIZE_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "KIB": 1024, "M": 1024 ** 2, "MB": 1024 ** 2,
               "MIB": 1024 ** 2, "G": 1024 ** 3, "GB": 1024 ** 3, "GIB": 1024 ** 3}


class SizeParam(click.ParamType):
    """``10M``, ``512K``, ``1G``, ``1048576`` (bytes); 0 means no limit."""

    name = "SIZE"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().upper()
        num = text.rstrip("KMGIB")
        unit = text[len(num):]
        try:
            if unit not in _SIZE_UNITS:
                raise ValueError
            return int(float(num) * _SIZE_UNITS[unit])
        except ValueError:
            self.fail(f"{value!r} is not a size such as 10M, 512K or 1048576", param, ctx)


class LazyGroup(click.Group):
    """A group whose extra commands are imported only when used (``privsynth --help`` never imports them)."""

    lazy: dict[str, tuple[str, str, str]] = {
        "eval": ("privsynth.evaluation.cli", "eval_command",
                 "Measure detection recall, precision and leak rate on a labelled data set."),
        "augment": ("privsynth.augment_cli", "augment_command",
                    "Write N synthetic variants of every JSONL record (fresh surrogates per variant)."),
        "scrub-slack": ("privsynth.slack_cli", "scrub_slack_command",
                        "Scrub a Slack export folder: people replaced consistently, IDs and mentions kept."),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module, attr, short = self.lazy[cmd_name]
            try:
                return getattr(importlib.import_module(module), attr)
            except Exception as exc:
                reason = f"{type(exc).__name__}"

                @click.command(cmd_name, help=short, context_settings={"ignore_unknown_options": True})
                @click.argument("args", nargs=-1, type=click.UNPROCESSED)
                def unavailable(args: tuple[str, ...]) -> None:
                    raise click.ClickException(f"'privsynth {cmd_name}' is not available in this installation "
                                               f"({reason} while loading {module}); reinstall privsynth")

                return unavailable
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in self.lazy:
                rows.append((name, self.lazy[name][2]))
                continue
            cmd = super().get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=formatter.width - 16)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110},
             epilog="Run 'privsynth COMMAND --help' for the options and an example of each command.")
@click.version_option(__version__, "-V", "--version", prog_name="privsynth", message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help="Show a traceback for unexpected errors (may include record text).")
def cli(debug: bool) -> None:
    """privsynth: replace personal data in text with realistic, consistent synthetic surrogates.

    \b
      privsynth keygen -o corpus.key
      privsynth scrub data/*.jsonl.gz -o out/ --text-field text --key-file corpus.key --workers 2
      privsynth detect data.jsonl -o findings.jsonl
    """


# ------------------------------------------------------------------------------------------------------ keygen
@cli.command(epilog="\b\nExample:\n  privsynth keygen -o corpus.key\n  privsynth scrub data.jsonl -o out.jsonl "
             "--key-file corpus.key")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="Where to write the key (created with permissions 0600).")
@click.option("--force", is_flag=True, help="Overwrite an existing key file (old surrogates become unreproducible).")
def keygen(output: str, force: bool) -> None:
    """Write a new random consistency key (256 bits) to a file.

    Everyone who scrubs with the same key gets the same surrogates; keep it secret, because anyone holding it
    can test guesses of original names against the surrogates.
    """
    from .keys import generate_key

    path = Path(output)
    if path.exists() and not force:
        raise click.UsageError(f"{output} already exists; pass --force to replace it (surrogates made with the "
                               "old key can then no longer be reproduced)")
    if path.parent and not path.parent.exists():
        raise click.UsageError(f"directory {str(path.parent)!r} does not exist")
    key = generate_key()
    from .io.atomic import write_atomic

    write_atomic(path, key + "\n", mode=0o600)  # owner-only from the first byte; never a half-written key
    from .keys import read_key_file

    click.echo(f"privsynth: wrote a new key to {output} (fingerprint {read_key_file(path).fingerprint}); "
               "keep it secret and pass it with --key-file", err=True)


# ------------------------------------------------------------------------------------------------------ options
def _languages() -> list[str]:
    from .config import LANGUAGES  # light: config reads no model and no recognizer file on import

    return list(LANGUAGES)


def _engine_options(with_surrogates: bool) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def deco(f: Callable[..., Any]) -> Callable[..., Any]:
        opts = [
            click.option("--lang", "language", type=click.Choice(_languages()), default="en",
                         show_default=True, help="Language of the texts (auto: per text, by script)."),
            click.option("--entities", metavar="TYPES", multiple=True,
                         help="Entity types to handle, comma-separated (PERSON,EMAIL_ADDRESS). '+ORGANIZATION' "
                              "adds to the defaults, '-DATE_TIME' removes, 'all' takes every type."),
            click.option("--threshold", "score_threshold", type=click.FloatRange(0, 1), default=None,
                         help="Ignore findings scoring below this (default 0.35)."),
            click.option("--no-ner", "no_ner", is_flag=True,
                         help="No spaCy NER: pattern recognizers and rule-based name/place finders only "
                              "(faster; lower name/place recall)."),
            click.option("--structured-only", "structured_only", is_flag=True,
                         help="Only values with a shape (e-mails, phones, IDs, cards, IPs, URLs, dates, pattern-"
                              "spelled addresses), by the pattern recognizers alone: no names or places; fastest."),
            click.option("--spacy-model", default=None, metavar="NAME", help="An installed spaCy model for NER."),
            click.option("--batch-size", type=click.IntRange(min=1), default=None,
                         help="Texts per spaCy nlp.pipe batch (default 32)."),
            click.option("--sensitivity", type=click.Choice(["balanced", "strict"]), default=None,
                         help="balanced (default) or strict: also replace every word that could be a name, place "
                              "or identifier (recall first; a few ordinary words get replaced too)."),
            click.option("--detector", default=None, metavar="transformers:NAME_OR_PATH",
                         help="Use a token-classification model through transformers as the NER stage "
                              "(needs the 'transformers' extra)."),
            # issue 13: users' recognizers and policies (privsynth.policy, privsynth.operators)
            click.option("--recognizers", "p_recognizers", multiple=True, metavar="DIR",
                         help="A folder of your own recognizer YAML files; repeatable."),
            click.option("--allow", "p_allow", multiple=True, metavar="TERM", help="Never replace TERM; repeatable."),
            click.option("--deny", "p_deny", multiple=True, metavar="TYPE=TERM",
                         help="Always replace TERM as TYPE (e.g. PERSON=Zorblax); repeatable."),
            click.option("--operator", "p_operator", multiple=True, metavar="TYPE=OP",
                         help="surrogate (default), redact, mask, hash (keyed) or keep for TYPE; repeatable."),
            click.option("--locale-dir", "p_locale_dirs", multiple=True, metavar="DIR",
                         help="A folder of your own locale packs (<ll_CC>.yaml); repeatable."),
            click.option("--policy", "p_policy_file", default=None, metavar="FILE",
                         help="YAML/JSON file with operators, allow, deny, recognizers, locale_dirs."),
        ]
        if with_surrogates:
            opts += [
                click.option("--key-file", type=click.Path(dir_okay=False), default=None, envvar="PRIVSYNTH_KEY_FILE",
                             help="Consistency key file from 'privsynth keygen' (or $PRIVSYNTH_KEY, "
                                  "$PRIVSYNTH_KEY_FILE). Without a key, surrogates are random per run."),
                click.option("--profile", type=click.Choice(["realistic", "reserved"]), default=None,
                             help="realistic (default) or reserved: only documentation/fictional ranges."),
                click.option("--locale", default=None, metavar="LOCALE",
                             help="Surrogate locale, e.g. en_US, en_GB, ja_JP (default per language)."),
                click.option("--date-shift", type=click.Choice(["document", "subject"]), default=None,
                             help="Shift dates per document (default) or per linked person."),
                click.option("--bias", "bias_text", default=None, metavar="BIAS",
                             help="Mix of person surrogates: preserve (default), balanced, or JSON weights such "
                                  "as '{\"gender\": {\"female\": 0.5, \"male\": 0.5}}'."),
                click.option("--age-cap", type=click.IntRange(min=1), default=None, metavar="YEARS",
                             help="Ages above this become one category (default 89, HIPAA Safe Harbor)."),
                click.option("--no-age-cap", is_flag=True, help="Keep ages above the cap as (shifted) ages."),
                click.option("--age-bucket", type=click.IntRange(min=1), default=None, metavar="YEARS",
                             help="Write ages as ranges of this width (e.g. 5: '40-44')."),
                click.option("--zip3", is_flag=True, default=False,
                             help="Generalize US ZIP codes to their first 3 digits (HIPAA Safe Harbor)."),
            ]
        for opt in reversed(opts):
            f = opt(f)
        return f

    return deco


def _io_options(f: Callable[..., Any]) -> Callable[..., Any]:
    opts = [
        click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None, is_eager=True,
                     expose_value=False, callback=_load_config_file, metavar="FILE.toml",
                     help="Read any of these options from a TOML file (keys as the long option names, e.g. "
                          "text-field = \"body\"; a [scrub] or [detect] table for one command). The command line "
                          "wins."),
        click.argument("inputs", nargs=-1, required=False, metavar="[INPUT]..."),
        click.option("-f", "--format", "fmt", type=click.Choice(["jsonl", "txt", "csv", "parquet"]), default=None,
                     help="Input format (default: from the extension; stdin: txt). In a directory, only files of "
                          "this format are read."),
        click.option("-t", "--text-field", "text_fields", multiple=True, metavar="PATH",
                     help="Field/column to process; repeat for several; dots for nested JSON ('meta.body', "
                          "'comments.0.text'). Default: text."),
        click.option("--whole-file", is_flag=True, help="txt: each file is one document (default: one per line)."),
        click.option("--allow-missing", is_flag=True,
                     help="Pass records whose text field is missing or null through unchanged instead of "
                          "quarantining them."),
        click.option("--max-record-bytes", type=SizeParam(), default="10M", show_default=True,
                     help="Quarantine larger records (reason record_too_large) before any NLP; 0: no limit."),
        click.option("-w", "--workers", type=click.IntRange(min=0), default=1, show_default=True,
                     help="Worker processes (each loads the model once, ~2 s); 0: one per CPU."),
        click.option("--chunk-size", "chunk_records", type=click.IntRange(min=1), default=64, show_default=True,
                     help="Records per unit of work sent to a worker."),
        click.option("--split-above", type=SizeParam(), default="100K", show_default=True, metavar="CHARS",
                     help="With --workers > 1, a text longer than this many characters is spread over every "
                          "worker (the model's pieces of it) instead of occupying one; same output. 0: never."),
        click.option("--checkpoint-every", type=click.IntRange(min=1), default=10_000, show_default=True,
                     help="Records between checkpoints (also every 64 MiB of input)."),
        click.option("--resume", is_flag=True,
                     help="Continue an interrupted run from its manifest (byte-identical result); starts fresh "
                          "when there is nothing to resume."),
        click.option("--overwrite", is_flag=True,
                     help="Replace outputs that exist already (default: refuse, so a finished result is never "
                          "lost by a repeated command)."),
        click.option("--manifest", type=click.Path(dir_okay=False), default=None,
                     help="Manifest path (default <output>.manifest.json; none for stdout unless given)."),
        click.option("--quarantine", type=click.Path(dir_okay=False), default=None,
                     help="Quarantine path (default <output>.quarantine.jsonl; stderr for stdout)."),
        click.option("--report-html", type=click.Path(dir_okay=False), default=None,
                     help="Also write a self-contained HTML audit page."),
        click.option("-q", "--quiet", is_flag=True, help="No progress and no summary (errors only)."),
        click.option("--progress", type=click.Choice(["auto", "bar", "lines", "none"]), default="auto",
                     show_default=True, help="auto: a bar on a terminal, a line every 10 s otherwise."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def _load_config_file(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--config FILE.toml``: its keys become the command's defaults (so the command line still wins)."""
    if not value or ctx.resilient_parsing:
        return value
    import tomllib

    try:
        data = tomllib.loads(Path(value).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise click.BadParameter(f"{value} does not exist", param_hint="--config") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise click.BadParameter(f"{value} is not a readable TOML file ({exc})", param_hint="--config") from None
    shared = {k: v for k, v in data.items() if not isinstance(v, dict)}
    table = data.get(ctx.info_name or "", {})  # a [scrub] / [detect] table overrides the shared keys
    # a shared key another command has (key-file is scrub's only) is not an error for this one
    group = ctx.parent.command if ctx.parent is not None else None
    elsewhere = {o.lstrip("-").replace("-", "_") for c in getattr(group, "commands", {}).values()
                 for p in c.params for o in [*p.opts, p.name or ""]}
    by_name: dict[str, click.Parameter] = {}
    for p in ctx.command.params:
        if p.name and p.name != "config_file":
            by_name[p.name] = p
            for opt in p.opts:
                by_name[opt.lstrip("-").replace("-", "_")] = p
    by_name.setdefault("input", by_name["inputs"])
    defaults: dict[str, Any] = {}
    for key, v in {**shared, **table}.items():
        p = by_name.get(key.replace("-", "_"))
        if p is None and key not in table and key.replace("-", "_") in elsewhere:
            continue
        if p is None or not p.name:
            raise click.BadParameter(f"{value}: {key!r} is not an option of 'privsynth {ctx.info_name}'",
                                     param_hint="--config")
        if (getattr(p, "multiple", False) or p.nargs == -1) and not isinstance(v, list):
            v = [v]
        defaults[p.name] = v
    ctx.default_map = {**(ctx.default_map or {}), **defaults}
    return value


def _entities(specs: tuple[str, ...], structured_only: bool = False) -> tuple[str, ...] | None:
    from .config import ALL_ENTITIES, DEFAULT_ENTITIES
    from .detect import UNSTRUCTURED_ENTITIES

    items = [x.strip() for spec in specs for x in spec.split(",") if x.strip()]
    if not items:
        return None
    relative = all(x[0] in "+-" for x in items if x.lower() != "all")
    # "-DATE_TIME" under --structured-only starts from that mode's defaults, which have no names or places
    defaults = [e for e in DEFAULT_ENTITIES if not (structured_only and e in UNSTRUCTURED_ENTITIES)]
    chosen: list[str] = defaults if relative else []
    for item in items:
        if item.lower() == "all":
            chosen = list(ALL_ENTITIES)
        elif item[0] == "+":
            chosen.append(item[1:].upper())
        elif item[0] == "-":
            chosen = [e for e in chosen if e != item[1:].upper()]
        else:
            chosen.append(item.upper())
    return tuple(dict.fromkeys(chosen))


def _config(language: str, entities: tuple[str, ...], score_threshold: float | None, no_ner: bool,
            spacy_model: str | None, batch_size: int | None, key: bytes, extra: dict[str, Any] | None = None,
            **more: Any) -> Any:
    from .config import Config

    options: dict[str, Any] = {"language": language, "key": key, "ner": not no_ner, **(extra or {})}
    ents = _entities(entities, bool(more.get("structured_only")))
    if ents is not None:
        options["entities"] = ents
    for name, value in (("score_threshold", score_threshold), ("spacy_model", spacy_model),
                        ("batch_size", batch_size), *more.items()):
        if value is not None:
            options[name] = value
    return Config.from_options(**options)


def _policy_options(io: dict[str, Any]) -> dict[str, Any]:
    """Pop the --recognizers/--allow/--deny/--operator/--locale-dir/--policy flags into Config options."""
    from .policy import cli_options

    return cli_options(operator=io.pop("p_operator", ()), allow=io.pop("p_allow", ()), deny=io.pop("p_deny", ()),
                       recognizers=io.pop("p_recognizers", ()), locale_dirs=io.pop("p_locale_dirs", ()),
                       policy_file=io.pop("p_policy_file", None))


def _key(key_file: str | None, need: bool) -> tuple[bytes, str, str, bool]:
    """(secret, fingerprint, source description, ephemeral)."""
    from .keys import KEY_ENV_VAR, NO_KEY_MESSAGE, random_key, resolve_key

    if key_file:
        sk = resolve_key(key_file=key_file)
        try:
            if need and os.stat(key_file).st_mode & 0o077:
                click.echo(f"privsynth: warning: key file {key_file} is readable by other users; anyone who can "
                           f"read it can test guesses against the surrogates (chmod 600 {key_file})", err=True)
        except OSError:
            pass
        return sk.secret, sk.fingerprint, f"key file {key_file}", False
    if os.environ.get(KEY_ENV_VAR):
        sk = resolve_key()
        return sk.secret, sk.fingerprint, f"${KEY_ENV_VAR}", False
    sk = random_key()
    if need:
        click.echo(f"privsynth: warning: {NO_KEY_MESSAGE}; --resume is impossible", err=True)
    return sk.secret, sk.fingerprint, "random (this run only)", True


# ------------------------------------------------------------------------------------------------------ progress
class ProgressDisplay:
    """A rich progress bar on a terminal, or one plain status line every ``interval`` seconds otherwise."""

    def __init__(self, mode: str, interval: float = 10.0) -> None:
        self.mode = mode
        self.interval = interval
        self._bar: Any = None
        self._task: Any = None
        self._last = 0.0
        self._done_before = 0

    def begin(self, run: Any) -> None:
        sizes = [j.size for j in run.jobs]
        self.total = None if any(s is None for s in sizes) else sum(sizes)
        self._before: list[int] = []  # bytes of the inputs before each one (progress is O(1) per chunk)
        acc = 0
        for size in sizes:
            self._before.append(acc)
            acc += size or 0
        self._t0 = time.monotonic()
        self._records0 = sum(st.records_in + st.blank_lines for st in run.stats)
        self._records = self._records0
        self._quarantined = sum(st.quarantined for st in run.stats)
        if self.mode == "bar":
            from rich.console import Console
            from rich.progress import (BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn,
                                       TransferSpeedColumn)

            self._bar = Progress(
                TextColumn("[bold]{task.description}"), BarColumn(), TaskProgressColumn(),
                TextColumn("{task.fields[records]} rec"), TextColumn("{task.fields[rate]} rec/s"),
                TransferSpeedColumn(), TimeRemainingColumn(),
                console=Console(stderr=True), transient=False)
            self._bar.start()
            self._task = self._bar.add_task(f"{run.opt.command}", total=self.total, records="0", rate="–")
        elif self.mode == "lines":
            self._emit(f"started {run.opt.command}: {len(run.jobs)} input(s)"
                       + (f", {self.total / 1e6:,.1f} MB" if self.total else ""))
        self._last = time.monotonic()

    def _emit(self, text: str) -> None:
        click.echo(f"privsynth: {text}", err=True)

    def _position(self, job: Any, chunk: Any) -> int:
        return self._before[job.index] + chunk.position

    def update(self, job: Any, chunk: Any, run: Any, quarantined: int = 0) -> None:
        self._records += len(chunk.units)
        self._quarantined += quarantined
        records = self._records
        now = time.monotonic()
        elapsed = max(1e-9, now - self._t0)
        rate = (records - self._records0) / elapsed
        pos = self._position(job, chunk)
        if not hasattr(self, "_pos0"):  # the first chunk of a resumed run jumps over the finished part
            self._pos0, self._tpos0 = pos, now
            if self._bar is not None:
                self._bar.reset(self._task, total=self.total, completed=pos, records=f"{records:,}", rate="–")
                return
        if self._bar is not None:
            self._bar.update(self._task, completed=pos, records=f"{records:,}", rate=f"{rate:,.0f}",
                             description=f"{run.opt.command} {Path(job.source).name}")
            return
        if self.mode != "lines" or time.monotonic() - self._last < self.interval:
            return
        self._last = time.monotonic()
        q = self._quarantined
        part = [f"{records:,} records", f"{q:,} quarantined", f"{rate:,.0f} rec/s",
                f"{run.bytes_this_session / 1e6 / elapsed:,.2f} MB/s"]
        if self.total:
            frac = min(1.0, pos / self.total)
            part.insert(1, f"{frac:.0%} of {self.total / 1e6:,.1f} MB")
            speed = (pos - self._pos0) / max(1e-9, now - self._tpos0)
            if speed > 0:
                eta = (self.total - pos) / speed
                part.append(f"ETA {int(eta // 3600):d}:{int(eta % 3600 // 60):02d}:{int(eta % 60):02d}")
        self._emit(", ".join(part) + f" ({job.source})")

    def message(self, text: str) -> None:
        if self._bar is not None:
            self._bar.console.print(f"privsynth: {text}", markup=False, highlight=False)
        elif self.mode != "none":
            self._emit(text)

    def end(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _progress_mode(mode: str, quiet: bool) -> str:
    if quiet or mode == "none":
        return "none"
    if mode == "auto":
        return "bar" if sys.stderr.isatty() else "lines"
    return mode


# ------------------------------------------------------------------------------------------------------ run
def _run(ctx: click.Context, command: str, inputs: tuple[str, ...], output: str | None, fmt: str | None,
         out_fmt: str | None, text_fields: tuple[str, ...], whole_file: bool, allow_missing: bool,
         max_record_bytes: int, workers: int, chunk_records: int, checkpoint_every: int, resume: bool,
         manifest: str | None, quarantine: str | None, report_html: str | None, quiet: bool, progress: str,
         config_args: dict[str, Any], key_file: str | None = None, annotations: bool = False,
         annotations_field: str = "annotations", id_fields: tuple[str, ...] = (), overwrite: bool = False,
         residual_scan: bool = False, fail_on_residual: int | None = None, split_above: int = 100_000) -> int:
    from .batch import BatchOptions, BatchRun, plan_jobs, read_manifest, sidecar
    from .io.atomic import lock_path

    if not inputs:  # no INPUT: read stdin, unless it is a terminal (nobody would be typing a corpus)
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError("no input: pass files, directories, or '-' to read stdin")
        inputs = ("-",)
    from .io.fields import parse_path

    try:
        paths = tuple(parse_path(t) for t in (text_fields or ("text",)))
        ids = tuple(parse_path(t) for t in id_fields)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--text-field") from None
    paths = tuple(dict.fromkeys(paths))
    from .io.remote import stage
    staging = stage(inputs, output)  # URLs (s3://, gs://, hf://, memory://): staged locally, published on success
    if staging is not None:
        inputs, output = tuple(staging.inputs), staging.output
    if whole_file and fmt not in (None, "txt"):
        raise click.UsageError("--whole-file works with txt inputs only")
    if whole_file:
        fmt = "txt"
    _config(key=os.urandom(32), **config_args)  # a bad option is reported before any input is looked at
    jobs = plan_jobs(list(inputs), output, fmt=fmt, out_fmt=out_fmt, command=command)
    if text_fields and all(j.format == "txt" for j in jobs):
        raise click.UsageError("--text-field does not apply to txt inputs (each line or file is the text)")
    if annotations and command == "scrub" and any(j.out_format == "txt" for j in jobs):
        raise click.UsageError("--annotations needs a format that can hold them: add --output-format jsonl")
    to_stdout = output in (None, "-")
    if resume and to_stdout:
        raise click.UsageError("--resume needs -o FILE or DIRECTORY (stdout cannot be resumed)")
    if resume and any(j.path is None for j in jobs):
        raise click.UsageError("--resume cannot re-read stdin; pass a file")
    if workers == 0:
        workers = os.cpu_count() or 1
    secret, fingerprint, key_source, ephemeral = _key(key_file, need=command == "scrub")
    if command == "detect":  # nothing is replaced: the key plays no part in the output
        fingerprint, key_source, ephemeral = "", "not used (detect)", False
    if resume and ephemeral:
        raise click.UsageError("--resume needs the run's key (--key-file or $PRIVSYNTH_KEY)")
    config = _config(key=secret, **config_args)
    manifest_path = Path(manifest) if manifest else sidecar(output, ".manifest.json")
    quarantine_path = Path(quarantine) if quarantine else sidecar(output, ".quarantine.jsonl")
    mode = _progress_mode(progress, quiet)
    opts = BatchOptions(
        command=command, text_fields=paths, whole_file=whole_file, allow_missing=allow_missing,
        annotations_field=annotations_field if annotations else None, id_fields=ids,
        max_record_bytes=max_record_bytes, workers=workers, chunk_records=chunk_records,
        split_above=split_above or None,
        checkpoint_every=checkpoint_every, resume=resume, overwrite=overwrite,
        lock=None if to_stdout else lock_path(output),  # type: ignore[arg-type]
        residual_scan=residual_scan or fail_on_residual is not None, fail_on_residual=fail_on_residual,
        manifest=manifest_path, quarantine=quarantine_path,
        report_html=Path(report_html) if report_html else None,
        detect_output=None if (command != "detect" or to_stdout) else Path(output),  # type: ignore[arg-type]
        key_fingerprint=fingerprint, key_source=key_source, key_ephemeral=ephemeral,
        scrubber_factory=(ctx.obj or {}).get("scrubber_factory"),
    )
    run = BatchRun(jobs, config, opts)

    def previous_manifest() -> dict[str, Any] | None:
        try:
            return read_manifest(manifest_path)  # type: ignore[arg-type]
        except (ValueError, OSError):
            if resume:
                raise click.UsageError(f"{manifest_path} is not a readable privsynth manifest; remove it or rerun "
                                       "without --resume") from None
            return None

    if not resume and manifest_path is not None and not quiet:
        previous = previous_manifest()
        if previous is not None and previous.get("status") in ("running", "interrupted", "failed"):
            click.echo(f"privsynth: note: {manifest_path} records an unfinished run; starting over "
                       "(add --resume to continue it instead)", err=True)
    if resume and manifest_path is not None:
        previous = previous_manifest()
        if previous is None:
            if not quiet:
                click.echo(f"privsynth: nothing to resume at {manifest_path}; starting a new run", err=True)
        elif previous.get("command") != command:
            raise click.UsageError(f"{manifest_path} belongs to a '{previous.get('command')}' run")
        else:
            try:
                run.load_resume(previous)
            except (KeyError, TypeError, AttributeError):
                raise click.UsageError(f"{manifest_path} is not a complete privsynth manifest; rerun without "
                                       "--resume") from None
            if not quiet:
                c = run.ckpt
                what = ("already complete" if run.already_complete else
                        f"continuing at input {c['job'] + 1} of {len(jobs)}, record {c['units_done']:,}")
                click.echo(f"privsynth: resuming from {manifest_path}: {what}", err=True)
    run.progress = ProgressDisplay(mode) if mode != "none" else None
    try:
        result = run.run()
    except BrokenPipeError:
        raise _StdoutClosed() from None
    if not quiet:
        _summary(result, command, output)
    if staging is not None and result.exit_code in (0, 1):  # complete (1: some records quarantined)
        published = staging.publish()
        staging.cleanup()
        if published and not quiet:
            click.echo(f"privsynth: published {', '.join(published)}", err=True)
    return result.exit_code


def _summary(result: Any, command: str, output: str | None) -> None:
    t = result.manifest["totals"]
    tm = result.manifest["timings"]
    counts = t.get("replacements" if command == "scrub" else "findings", {})
    parts = [f"{t['records_in']:,} records in, {t['records_out']:,} out, {t['quarantined']:,} quarantined"]
    if t["quarantine_reasons"]:
        parts[0] += " (" + ", ".join(f"{k} {v:,}" for k, v in t["quarantine_reasons"].items()) + ")"
    parts.append(f"{sum(counts.values()):,} {'replacements' if command == 'scrub' else 'findings'}")
    if tm.get("records_per_second"):
        parts.append(f"{tm['records_per_second']:,.0f} records/s")
    residual = t.get("residual")
    if residual is not None:
        limit = f" (limit {residual['limit']:,})" if residual.get("limit") is not None else ""
        parts.append(f"residual re-scan: {residual['total']:,} found outside the replacements{limit}")
    if t.get("failed"):
        parts.append(f"{t['failed']} input(s) failed (see the manifest)")
    click.echo("privsynth: done: " + "; ".join(parts), err=True)
    where = []
    if output not in (None, "-"):
        where.append(f"output {output}")
    if result.manifest_path is not None:
        where.append(f"manifest {result.manifest_path}")
    if result.quarantine_path is not None:
        where.append(f"quarantine {result.quarantine_path}")
    if result.report_path is not None:
        where.append(f"report {result.report_path}")
    if where:
        click.echo("privsynth: " + "; ".join(where), err=True)


SCRUB_EPILOG = """\b
Examples:
  privsynth keygen -o corpus.key
  privsynth scrub data/*.jsonl.gz -o out/ --text-field text --key-file corpus.key --workers 2
  privsynth scrub dump.csv -o clean.csv --text-field body --key-file corpus.key
  privsynth scrub shards/ -o clean/ --format parquet --key-file corpus.key --resume
  cat posts.txt | privsynth scrub - --key-file corpus.key > clean.txt

\b
Formats: .jsonl/.ndjson, .txt, .csv/.tsv, .parquet; + .gz/.zst/.bz2 compression by extension (stdin: sniffed).
Next to the output: <output>.manifest.json (counts, checksums, key fingerprint, versions, timings) and
<output>.quarantine.jsonl (source, line/row, reason; never the text). Outputs appear under their final name only
when complete; --resume continues an interrupted run with byte-identical results.

""" + EXIT_EPILOG

DETECT_EPILOG = """\b
Examples:
  privsynth detect data.jsonl -o findings.jsonl
  privsynth detect dump.csv --text-field body --id-field id -o findings.jsonl.gz

\b
One JSON line per input record: {"source": ..., "line"|"row": n, "findings": [{"start", "end",
"entity_type", "score", "recognizer"}]}. Offsets are in the input text; the text itself is never written.

""" + EXIT_EPILOG


@cli.command(epilog=SCRUB_EPILOG)
@_io_options
@click.option("-o", "--output", default=None, metavar="PATH",
              help="Output file or directory ('-' or none: stdout). Directories mirror the input tree.")
@click.option("--output-format", "out_fmt", type=click.Choice(["jsonl", "txt", "csv", "parquet"]), default=None,
              help="Convert the output (to jsonl from any format; default: the input's).")
@click.option("--annotations", is_flag=True,
              help="Add the surrogate spans (start, end, entity_type in the output text) to each record.")
@click.option("--annotations-field", default="annotations", show_default=True, metavar="NAME",
              help="Name of the field/column that holds them.")
@click.option("--residual-scan", is_flag=True,
              help="Search the output again and count, per type, what is found outside the replacements "
                   "(counts only, in the manifest and report; costs about one more detection pass).")
@click.option("--fail-on-residual", type=click.IntRange(min=0), default=None, metavar="N",
              help="Exit with code 6 when the residual re-scan finds more than N items (implies --residual-scan).")
@_engine_options(with_surrogates=True)
@click.pass_context
def scrub(ctx: click.Context, inputs: tuple[str, ...], output: str | None, out_fmt: str | None, annotations: bool,
          annotations_field: str, residual_scan: bool, fail_on_residual: int | None, language: str, entities: tuple[str, ...], score_threshold: float | None,
          no_ner: bool, spacy_model: str | None, batch_size: int | None, key_file: str | None,
          profile: str | None, locale: str | None, date_shift: str | None, bias_text: str | None,
          age_cap: int | None, no_age_cap: bool, age_bucket: int | None, zip3: bool, **io: Any) -> None:
    """Replace personal data in a corpus with consistent synthetic surrogates.

    Reads JSONL, text, CSV or Parquet files (or stdin), writes the same records with only the text fields
    replaced, and puts records that cannot be processed in a quarantine file instead of stopping.
    """
    extra: dict[str, Any] = {}
    if bias_text is not None:
        from .augment_cli import parse_bias

        extra["bias"] = parse_bias(bias_text)
    if age_cap is not None and no_age_cap:
        raise click.UsageError("--age-cap and --no-age-cap exclude each other")
    if age_cap is not None or no_age_cap:
        extra["age_cap"] = None if no_age_cap else age_cap
    if age_bucket is not None:
        extra["age_bucket"] = age_bucket
    if zip3:
        extra["zip3"] = True
    config_args = dict(language=language, entities=entities, score_threshold=score_threshold, no_ner=no_ner,
                       spacy_model=spacy_model, batch_size=batch_size, profile=profile, locale=locale,
                       date_shift=date_shift, extra=extra, sensitivity=io.pop("sensitivity"),
                       detector=io.pop("detector"), structured_only=io.pop("structured_only") or None,
                       **_policy_options(io))
    ctx.exit(_run(ctx, "scrub", inputs, output, out_fmt=out_fmt, config_args=config_args, key_file=key_file,
                  annotations=annotations, annotations_field=annotations_field, residual_scan=residual_scan,
                  fail_on_residual=fail_on_residual, **io))


@cli.command(epilog=DETECT_EPILOG)
@_io_options
@click.option("-o", "--output", default=None, metavar="FILE",
              help="Findings file (JSONL, optionally .gz/.zst/.bz2); '-' or none: stdout.")
@click.option("--id-field", "id_fields", multiple=True, metavar="PATH",
              help="Copy this field (e.g. a record id) into each findings line; repeatable.")
@_engine_options(with_surrogates=False)
@click.pass_context
def detect(ctx: click.Context, inputs: tuple[str, ...], output: str | None, id_fields: tuple[str, ...],
           language: str, entities: tuple[str, ...], score_threshold: float | None, no_ner: bool,
           spacy_model: str | None, batch_size: int | None, **io: Any) -> None:
    """Find personal data without replacing it: spans and types only."""
    config_args = dict(language=language, entities=entities, score_threshold=score_threshold, no_ner=no_ner,
                       spacy_model=spacy_model, batch_size=batch_size, sensitivity=io.pop("sensitivity"),
                       detector=io.pop("detector"), structured_only=io.pop("structured_only") or None,
                       **_policy_options(io))
    if output not in (None, "-") and Path(output).is_dir():  # type: ignore[arg-type]
        raise click.UsageError("detect writes one findings file: -o must be a file, not a directory")
    ctx.exit(_run(ctx, "detect", inputs, output, out_fmt=None, config_args=config_args, id_fields=id_fields, **io))


# ------------------------------------------------------------------------------------------------------ main
class _StdoutClosed(Exception):
    """The process reading our stdout exited (click would turn the EPIPE into exit code 1, our 'quarantined')."""


def _fail(message: str, code: int) -> int:
    click.echo(f"privsynth: error: {message}", err=True)
    return code


def main(argv: list[str] | None = None, *, obj: dict[str, Any] | None = None) -> None:
    """Console entry point: run the CLI and turn every failure into one line on stderr and an exit code."""
    # After Ctrl-C the process leaves without exit hooks (below), so multiprocessing's resource tracker (a child
    # that inherits this environment) cleans the pool's semaphores itself; its warning about that would be the
    # last line the user sees instead of "interrupted".
    quiet_tracker = "ignore:resource_tracker:UserWarning"
    if quiet_tracker not in os.environ.get("PYTHONWARNINGS", ""):
        os.environ["PYTHONWARNINGS"] = ",".join(filter(None, [os.environ.get("PYTHONWARNINGS"), quiet_tracker]))
    code = run_cli(argv, obj=obj)
    if code == EXIT_INTERRUPTED:
        # Everything is closed and the manifest says "interrupted". Leave without the interpreter's exit hooks:
        # concurrent.futures' hook can wait forever on a lock a cancelled pool's thread still holds.
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        os._exit(code)
    sys.exit(code)


def run_cli(argv: list[str] | None = None, *, obj: dict[str, Any] | None = None) -> int:
    from .batch import Interrupted

    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or bool(os.environ.get("PRIVSYNTH_DEBUG"))
    try:
        rv = cli.main(args=args, prog_name="privsynth", standalone_mode=False, obj=obj)
        return rv if isinstance(rv, int) else 0
    except click.exceptions.NoArgsIsHelpError as exc:  # pragma: no cover - click >= 8.2 for bare groups
        click.echo(exc.ctx.get_help() if exc.ctx else str(exc), err=True)
        return EXIT_USAGE
    except click.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        return _fail(exc.format_message() + hint, EXIT_USAGE)
    except click.ClickException as exc:
        return _fail(exc.format_message(), exc.exit_code if exc.exit_code != 1 else EXIT_USAGE)
    except click.exceptions.Abort:
        return _fail("interrupted", EXIT_INTERRUPTED)  # click turns a Ctrl-C outside the run into Abort
    except Interrupted:
        return _fail("interrupted; the finished part is kept: rerun the same command with --resume to continue",
                     EXIT_INTERRUPTED)
    except (_StdoutClosed, BrokenPipeError):  # `privsynth scrub big.jsonl | head`: the reader went away
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_PIPE_CLOSED
    except KeyboardInterrupt:
        return _fail("interrupted", EXIT_INTERRUPTED)
    except Exception as exc:
        return _fail(_describe(exc, debug), code_for(exc))


def _describe(exc: Exception, debug: bool) -> str:
    """One line for ``exc`` (never its message unless it is one of ours); ``--debug`` adds the traceback above it
    but never changes the exit code."""
    from .errors import PrivsynthError

    if debug:
        import traceback

        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    if isinstance(exc, PrivsynthError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        return f"{exc.strerror or type(exc).__name__}{where}"
    return f"internal error ({type(exc).__name__}); rerun with --debug for a traceback and report it"


if __name__ == "__main__":  # python -m privsynth.cli
    main()
