"""``privsynth scrub-slack EXPORT_DIR -o OUT_DIR``: a thin shell over :func:`privsynth.integrations.slack.scrub_export`.

Nothing printed here contains an original value: counts and file names of the export's own layout only.
"""
from __future__ import annotations

import os
from typing import Any

import click

from .errors import ConfigError, InputError, KeyMaterialError, PrivsynthError
from .exitcodes import EXIT_INPUT, EXIT_USAGE


class SlackError(click.ClickException):
    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@click.command("scrub-slack", epilog="\b\nExample:\n  privsynth keygen -o corpus.key\n"
               "  privsynth scrub-slack slack-export/ -o slack-clean/ --key-file corpus.key")
@click.argument("export_dir", type=click.Path(file_okay=False))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False),
              help="New folder for the scrubbed export (must not exist, or be empty).")
@click.option("--key-file", type=click.Path(dir_okay=False), default=None, envvar="PRIVSYNTH_KEY_FILE",
              help="Consistency key file from 'privsynth keygen' (or $PRIVSYNTH_KEY, $PRIVSYNTH_KEY_FILE).")
@click.option("--lang", "language", type=click.Choice(["en", "ja", "auto"]), default="en", show_default=True,
              help="Language of the messages.")
@click.option("--profile", type=click.Choice(["realistic", "reserved"]), default=None,
              help="realistic (default) or reserved: only documentation/fictional ranges.")
@click.option("--locale", default=None, metavar="LOCALE", help="Surrogate locale, e.g. en_US, en_GB, ja_JP.")
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def scrub_slack_command(export_dir: str, out_dir: str, key_file: str | None, language: str, profile: str | None,
                        locale: str | None, quiet: bool) -> None:
    """Scrub a Slack export folder (users.json, channels.json, one folder per channel).

    People in users.json get consistent surrogate names, handles, e-mails, titles and avatars, in users.json,
    in messages' user_profile blocks and wherever they are named or @mentioned in messages, thread replies,
    file names and titles; everything else personal in the texts is scrubbed as by 'privsynth scrub'. User,
    channel and message IDs and <@U…> mentions are kept, so the export stays valid.
    """
    from .integrations.slack import scrub_export

    options: dict[str, Any] = {"language": language}
    if profile:
        options["profile"] = profile
    if locale:
        options["locale"] = locale
    if key_file:
        options["key_file"] = key_file
    elif not os.environ.get("PRIVSYNTH_KEY"):
        options["key"] = os.urandom(32)
        click.echo("privsynth: warning: no key (--key-file or $PRIVSYNTH_KEY): surrogates will differ in the next "
                   "run; create a key with 'privsynth keygen'", err=True)
    try:
        stats = scrub_export(export_dir, out_dir, **options)
    except (InputError, KeyMaterialError) as exc:
        raise SlackError(str(exc), EXIT_INPUT) from None
    except ConfigError as exc:
        raise SlackError(str(exc), EXIT_USAGE) from None
    except PrivsynthError as exc:
        raise SlackError(f"{type(exc).__name__}: {exc}", 1) from None
    if not quiet:
        click.echo(f"privsynth: done: {stats.users} people, {stats.files} files, {stats.messages} messages -> "
                   f"{out_dir}", err=True)
        if stats.skipped:
            click.echo(f"privsynth: {len(stats.skipped)} non-JSON file(s) in the export were not copied", err=True)
