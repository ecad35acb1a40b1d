"""Slack exports: replace the workspace's people everywhere, keep the export's structure, IDs and mentions.

A standard export folder holds ``users.json``, ``channels.json`` (and ``groups.json``, ``dms.json``,
``mpims.json``), and one folder per conversation with a JSON file per day (a list of messages).

* Every person in ``users.json`` gets a *persona*: a surrogate name drawn by the engine for their real name (so
  the same name gets the same surrogate wherever the engine finds it, in any file scrubbed with the key), a
  matching e-mail, handle and display name in the style of the originals (``jsmith`` → ``ljones``), a keyed job
  title, and avatar URLs under the reserved ``.invalid`` domain. Bots are not people and are kept.
* In every text (messages, thread replies, attachments, rich-text blocks, file names and titles, topics, status
  texts) the participants' names, handles, ``@mentions`` and e-mails are first replaced by their persona (the text
  is then scrubbed for everything else: other people, phone numbers, addresses, …), so a participant reads the
  same in ``users.json``, in ``user_profile`` blocks and in the text. ``<@U…>`` mentions, user, channel, file and
  message IDs and timestamps are kept, so the export stays valid.
* A text with no participant in it is exactly ``privsynth.scrub(text)``.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ..config import Config
from ..errors import ConfigError, InputError
from ..keys import SecretKey, resolve_key
from ..scrubber import Scrubber, default_scrubber, detect_language
from ..types import Finding
from ._core import Job

__all__ = ["Persona", "SlackScrubber", "scrub_export", "ExportStats"]

# Slack markup that must survive byte for byte: user, channel and special mentions.
_MARKUP = r"<(?:@[UW][A-Z0-9]+(?:\|[^>]*)?|#[CG][A-Z0-9]+(?:\|[^>]*)?|![^>]*)>"
_MENTION = re.compile(r"<@(?P<id>[UW][A-Z0-9]+)(?:\|(?P<label>[^>]*))?>")
_SLACK_ID = re.compile(r"^[UWCGDFBTSAE][A-Z0-9]{6,}$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_PLACEHOLDER = re.compile("\u27e6([a-z]+)\u27e7")  # ⟦ab⟧: left alone by every recognizer
_WORD_EDGE = (r"(?<![^\W_])", r"(?![^\W_])")  # letters/digits only, so "john_smith.pdf" splits into its names
#: Keys whose string values are structure, not text: kept as they are.
KEEP_KEYS = frozenset({
    "type", "subtype", "ts", "thread_ts", "latest_reply", "last_read", "event_ts", "user", "user_id", "users",
    "parent_user_id", "inviter", "bot_id", "app_id", "team", "team_id", "source_team", "user_team", "channel",
    "channel_id", "id", "client_msg_id", "block_id", "action_id", "style", "mimetype", "filetype", "pretty_type",
    "mode", "created", "updated", "timestamp", "tz", "tz_label", "color", "emoji", "status_emoji", "unicode",
    "skin_tone", "service_icon", "icon_emoji", "external_id", "file_access", "editable", "date_deleted",
    "reply_users", "pinned_to", "url_private_download_type", "media_display_type", "filename_ext", "format",
    "who_can_share_contact_card", "locale", "pronouns", "is_bot", "deleted", "color_hex", "region",
})
#: Keys of a profile block, and of a users.json entry, that hold the persona's values (final: not scrubbed again).
PROFILE_KEYS = frozenset({"real_name", "real_name_normalized", "display_name", "display_name_normalized", "first_name",
                          "last_name", "name", "email", "title", "avatar_hash", "skype"})
USER_KEYS = frozenset({"name", "real_name"})
#: Keys whose values are URLs: only the participants are replaced in them (the engine would rewrite the link).
URL_KEY = re.compile(r"(^|_)(url|link|permalink|thumb|preview_url|original_url|from_url|href)(_|$)|^thumb_|^image_")


@dataclass(frozen=True)
class Persona:
    """The surrogate identity of one workspace member (never holds an original value)."""

    real_name: str
    first_name: str
    last_name: str
    display_name: str
    name: str
    email: str
    title: str
    avatar: str

    def avatar_url(self, size: str) -> str:
        return f"https://avatars.invalid/{self.avatar}/{size}.png"


@dataclass
class ExportStats:
    users: int = 0
    files: int = 0
    messages: int = 0
    texts: int = 0
    skipped: list[str] = field(default_factory=list)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _handle(original: str, o_first: str, o_last: str, first: str, last: str) -> str:
    """A handle from the persona's names in the style of the original handle (``jsmith``, ``john.smith``, …)."""
    o, f, l_ = original.lower(), o_first.lower(), o_last.lower()
    pf, pl = _ascii(first).lower().replace(" ", ""), _ascii(last).lower().replace(" ", "")
    if f and l_:
        for sep in (".", "_", "-", ""):
            if o == f"{f}{sep}{l_}":
                return f"{pf}{sep}{pl}"
            if o == f"{l_}{sep}{f}":
                return f"{pl}{sep}{pf}"
        if o == f[:1] + l_:
            return pf[:1] + pl
        if o == f + l_[:1]:
            return pf + pl[:1]
    if f and o == f:
        return pf
    if l_ and o == l_:
        return pl
    return f"{pf}.{pl}" if pf and pl else (pf or pl or "member")


def _display(original: str, o_real: str, o_first: str, o_last: str, persona_real: str, first: str, last: str) -> str:
    if not original:
        return ""
    if original == o_real:
        return persona_real
    if original == o_first:
        return first
    if original == f"{o_first} {o_last[:1]}." or original == f"{o_first} {o_last[:1]}":
        return original.replace(o_first, first, 1).replace(f" {o_last[:1]}", f" {last[:1]}", 1)
    return _handle(original, o_first, o_last, first, last)


def _names(user: dict[str, Any]) -> tuple[str, str, str]:
    profile = user.get("profile") or {}
    real = profile.get("real_name") or user.get("real_name") or ""
    first = profile.get("first_name") or (real.split()[0] if real.split() else "")
    last = profile.get("last_name") or (real.split()[-1] if len(real.split()) > 1 else "")
    if not real:
        real = f"{first} {last}".strip()
    return real, first, last


class SlackScrubber:
    """Personas for the people of ``users.json`` and the text pipeline that replaces them (see the module doc)."""

    def __init__(self, users: list[dict[str, Any]], scrubber: Scrubber, key: SecretKey) -> None:
        self.scrubber = scrubber
        self.key = key
        self.personas: dict[str, Persona] = {}
        # original (lowercased) -> replacement; strong: whole names, handles, e-mails; weak: single name parts
        strong: dict[str, str] = {}
        weak: dict[str, str] = {}
        for user in users:
            if not isinstance(user, dict) or not isinstance(user.get("id"), str) or user.get("is_bot") \
                    or user.get("id") == "USLACKBOT":
                continue
            persona = self._persona(user)
            self.personas[user["id"]] = persona
            profile = user.get("profile") or {}
            real, first, last = _names(user)
            pairs = [(real, persona.real_name), (profile.get("real_name_normalized", ""), _ascii(persona.real_name)),
                     (profile.get("display_name", ""), persona.display_name),
                     (profile.get("display_name_normalized", ""), _ascii(persona.display_name)),
                     (user.get("name", ""), persona.name), (profile.get("email", ""), persona.email),
                     (f"{first} {last}".strip(), f"{persona.first_name} {persona.last_name}".strip())]
            for original, replacement in pairs:
                if isinstance(original, str) and len(original.strip()) >= 2 and original.lower() != "":
                    strong.setdefault(original.strip().lower(), replacement)
                    if " " not in original.strip() and "@" not in original:
                        strong.setdefault("@" + original.strip().lower(), "@" + replacement)
            for original, replacement in ((first, persona.first_name), (last, persona.last_name)):
                if isinstance(original, str) and len(original) >= 2:
                    weak.setdefault(original.lower(), replacement)
        self._strong, self._weak = strong, weak
        strong_alt = "|".join(re.escape(k) for k in sorted(strong, key=len, reverse=True)) or "(?!)"
        weak_alt = "|".join(re.escape(k) for k in sorted(weak, key=len, reverse=True)) or "(?!)"
        a, b = _WORD_EDGE
        # Texts: whole names/handles/e-mails in any case; a lone first or last name only capitalized or in capitals
        # ("Will" is a name, "will" is not). File names and URLs: any case.
        self._text_re = re.compile(rf"(?P<m>{_MARKUP})|{a}(?P<s>(?i:{strong_alt})){b}|{a}(?P<w>{_cased(weak)}){b}")
        self._loose_re = re.compile(rf"{a}(?P<s>(?i:{strong_alt})){b}|{a}(?P<w>(?i:{weak_alt})){b}")

    # -- personas -------------------------------------------------------------------------------------------
    def _persona(self, user: dict[str, Any]) -> Persona:
        profile = user.get("profile") or {}
        real, first, last = _names(user)
        email = profile.get("email") or ""
        language = self.scrubber.config.language
        if language == "auto":
            language = detect_language(real)
        engine = self.scrubber._pipeline(language).engine  # the engine the texts are scrubbed with
        text, entities = real, [Finding(0, len(real), "PERSON", 1.0, "slack-users")] if real else []
        if email:
            start = len(text) + 1
            text = f"{text} {email}"
            entities.append(Finding(start, start + len(email), "EMAIL_ADDRESS", 1.0, "slack-users"))
        values = engine.surrogates(text, entities) if entities else []
        engine.take_bias()
        p_real = values[0] if real else ""
        p_email = values[-1] if email else ""
        parts = p_real.split()
        p_first = parts[0] if parts and first else ""
        p_last = parts[-1] if len(parts) > 1 and last else ""
        p_name = _handle(user.get("name") or "", first, last, p_first or p_real, p_last)
        p_display = _display(profile.get("display_name") or "", real, first, last, p_real, p_first, p_last)
        from faker import Faker

        fake = Faker("en_US")
        fake.seed_instance(self.key.seed("slack", "title", user["id"]))
        title = fake.job() if profile.get("title") else ""
        avatar = self.key.digest("slack", "avatar", user["id"]).hex()[:16]
        return Persona(p_real, p_first, p_last, p_display, p_name, p_email, title, avatar)

    # -- users.json -----------------------------------------------------------------------------------------
    def user(self, user: dict[str, Any]) -> dict[str, Any]:
        persona = self.personas.get(user.get("id")) if isinstance(user, dict) else None
        if persona is None:
            return user
        out = dict(user)
        if "name" in out:
            out["name"] = persona.name
        if "real_name" in out:
            out["real_name"] = persona.real_name
        if isinstance(out.get("profile"), dict):
            out["profile"] = self.profile(out["profile"], persona)
        return out

    def profile(self, profile: dict[str, Any], persona: Persona) -> dict[str, Any]:
        """A ``profile`` (users.json) or ``user_profile`` (messages) block with the persona's values."""
        values = {"real_name": persona.real_name, "real_name_normalized": _ascii(persona.real_name),
                  "display_name": persona.display_name, "display_name_normalized": _ascii(persona.display_name),
                  "first_name": persona.first_name, "last_name": persona.last_name, "name": persona.name,
                  "email": persona.email, "title": persona.title, "avatar_hash": persona.avatar,
                  "skype": persona.name}
        out: dict[str, Any] = {}
        for k, v in profile.items():
            if not isinstance(v, str) or not v:
                out[k] = v
            elif k in values:
                out[k] = values[k]
            elif k.startswith("image_"):
                out[k] = persona.avatar_url(k[len("image_"):])
            else:
                out[k] = v  # phone, status_text, custom fields: scrubbed as text by the caller's walk
        return out

    # -- text -----------------------------------------------------------------------------------------------
    def _replacement(self, m: re.Match[str]) -> str:
        kind = m.lastgroup
        found = m.group(kind)  # type: ignore[arg-type]
        if kind == "m":
            mention = _MENTION.fullmatch(found)
            if mention and mention.group("label") is not None and mention.group("id") in self.personas:
                return f"<@{mention.group('id')}|{self.personas[mention.group('id')].name}>"
            return found
        table = self._strong if kind == "s" else self._weak
        value = table[found.lower()]
        if found.isupper() and len(found) > 1:
            return value.upper()
        if found.islower():
            return value.lower()
        return value

    def participants(self, text: str, loose: bool = False) -> str:
        """``text`` with only the participants replaced (no engine): for URLs and as a fallback."""
        return (self._loose_re if loose else self._text_re).sub(self._replacement, text)

    def prepare(self, text: str, loose: bool = False) -> tuple[str, list[str] | None]:
        """Participants and Slack markup become placeholders the engine leaves alone."""
        if "\u27e6" in text or "\u27e7" in text:
            return text, None
        values: list[str] = []

        def hold(m: re.Match[str]) -> str:
            values.append(self._replacement(m))
            return f"\u27e6{_letters(len(values) - 1)}\u27e7"

        pattern = self._loose_re if loose else self._text_re
        if loose:  # file names: protect the markup too (a file name rarely has any)
            pattern = re.compile(rf"(?P<m>{_MARKUP})|" + pattern.pattern)
        return pattern.sub(hold, text), values

    def restore(self, scrubbed: str, values: list[str] | None, loose: bool = False) -> str:
        if values is None:  # the text had our placeholder brackets in it: replace participants afterwards
            return self.participants(scrubbed, loose)
        return _PLACEHOLDER.sub(lambda m: values[_index(m.group(1))] if _index(m.group(1)) < len(values)
                                else m.group(0), scrubbed)

    def texts(self, items: list[tuple[str, bool]]) -> list[str]:
        """Scrub many texts (``(text, loose)``) in one engine batch."""
        prepared = [self.prepare(t, loose) for t, loose in items]
        results = self.scrubber.scrub_batch(p for p, _ in prepared)
        return [self.restore(r.text, values, loose) for r, (_, values), (_, loose) in zip(results, prepared, items)]

    # -- any JSON document of the export --------------------------------------------------------------------
    def document(self, obj: Any) -> Any:
        """A copy of a parsed export file with every text scrubbed, profiles replaced and structure kept."""
        slots: list[tuple[Any, Any, bool]] = []
        out = self._walk(obj, None, slots, in_file=False)
        values = self.texts([(container[k], loose) for container, k, loose in slots])
        for (container, k, _), value in zip(slots, values):
            container[k] = value
        return out

    def _walk(self, obj: Any, key: Any, slots: list[tuple[Any, Any, bool]], in_file: bool,
              owner: Persona | None = None) -> Any:
        if isinstance(obj, list):
            out_list = [self._walk(v, key, slots, in_file) for v in obj]
            for i, v in enumerate(out_list):
                if isinstance(v, str):
                    self._slot(out_list, i, key, slots, in_file)
            return out_list
        if not isinstance(obj, dict):
            return obj
        if obj.get("is_bot") is True and "profile" in obj:
            return obj  # a bot's users.json entry: an app, not a person
        user_id = obj.get("user") if isinstance(obj.get("user"), str) else obj.get("id")
        persona = self.personas.get(user_id) if isinstance(user_id, str) else None
        is_user = persona is not None and "profile" in obj and obj.get("id") == user_id  # a users.json entry
        if is_user:
            obj = self.user(obj)
        if owner is not None:  # a profile block: the persona's values are final, the rest is text
            obj = self.profile(obj, owner)
        out: dict[str, Any] = {}
        for k, v in obj.items():
            if owner is not None and (k in PROFILE_KEYS or k.startswith("image_")) or is_user and k in USER_KEYS:
                out[k] = v
                continue
            if k in ("user_name", "username") and isinstance(v, str):
                out[k] = self.participants(v, loose=True)
                continue
            profile_owner = persona if k in ("user_profile", "profile") and isinstance(v, dict) else None
            out[k] = self._walk(v, k, slots, in_file or k == "files", profile_owner)
            if isinstance(out[k], str):
                self._slot(out, k, k, slots, in_file)
        return out

    def _slot(self, container: Any, k: Any, key: Any, slots: list[tuple[Any, Any, bool]], in_file: bool) -> None:
        value = container[k]
        if not value or key in KEEP_KEYS or _SLACK_ID.match(value) or _NUMBER.match(value):
            return
        if key == "name" and not in_file:
            return  # channel names (folder names), emoji and reaction names
        if isinstance(key, str) and URL_KEY.search(key) or value.startswith(("http://", "https://")):
            container[k] = self.participants(value, loose=True)
            return
        slots.append((container, k, in_file))


def _cased(weak: dict[str, str]) -> str:
    forms: list[str] = []
    for name in sorted(weak, key=len, reverse=True):
        forms += [re.escape(name[:1].upper() + name[1:]), re.escape(name.upper())]
    return "|".join(forms) or "(?!)"


def _letters(n: int) -> str:
    out = ""
    while True:
        out = chr(ord("a") + n % 26) + out
        n = n // 26 - 1
        if n < 0:
            return out


def _index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - ord("a") + 1)
    return n - 1


# --------------------------------------------------------------------------------------------------- export
def _load(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path.name} in the export cannot be read as JSON ({type(exc).__name__}).") from None


def _dump(obj: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=4) + "\n", encoding="utf-8")


def _conversation_names(export: Path) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    for index in ("channels.json", "groups.json", "dms.json", "mpims.json"):
        if (export / index).is_file():
            data = _load(export / index)
            if not isinstance(data, list):
                raise InputError(f"{index} in the export is not a JSON list.")
            yield index, data


def scrub_export(export_dir: str | os.PathLike[str], out_dir: str | os.PathLike[str], *,
                 config: Config | None = None, progress: Callable[[str], None] | None = None,
                 **options: Any) -> ExportStats:
    """Scrub a Slack export folder into ``out_dir`` (which must not exist yet, or be empty).

    The output appears under ``out_dir`` only when complete (written beside it, then renamed). ``options`` are
    :class:`privsynth.Config` options (``key``/``key_file``, ``language``, ``profile``, …). Files other than the
    export's JSON files are not copied (they are listed in ``ExportStats.skipped``).
    """
    src, dst = Path(export_dir), Path(out_dir)
    if not (src / "users.json").is_file():
        raise InputError(f"{str(src)!r} is not a Slack export folder (no users.json in it).")
    if dst.exists() and (not dst.is_dir() or any(dst.iterdir())):
        raise ConfigError(f"output folder {str(dst)!r} already exists and is not empty; choose a new one.")
    if dst.resolve() == src.resolve() or src.resolve() in dst.resolve().parents:
        raise ConfigError("the output folder must be outside the export folder.")
    job = Job.create(config, **options)
    scrubber = default_scrubber(job.config)
    users = _load(src / "users.json")
    if not isinstance(users, list):
        raise InputError("users.json in the export is not a JSON list.")
    slack = SlackScrubber(users, scrubber, resolve_key(job.config.key))
    stats = ExportStats(users=len(slack.personas))
    tmp = dst.with_name(f".{dst.name}.privsynth-partial")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    try:
        _dump(slack.document(users), tmp / "users.json")
        stats.files += 1
        folders: dict[str, str] = {}
        for index, conversations in _conversation_names(src):
            out_list = []
            for conv in conversations:
                done = slack.document(conv) if isinstance(conv, dict) else conv
                if isinstance(conv, dict) and isinstance(conv.get("name"), str):
                    new_name = slack.participants(conv["name"], loose=True)  # mpdm-jsmith--mjones-1
                    done["name"] = new_name
                    folders[conv["name"]] = new_name
                    if isinstance(conv.get("name_normalized"), str):
                        done["name_normalized"] = slack.participants(conv["name_normalized"], loose=True)
                if isinstance(conv, dict) and isinstance(conv.get("id"), str):
                    folders.setdefault(conv["id"], conv["id"])  # DMs are exported under their ID
                out_list.append(done)
            _dump(out_list, tmp / index)
            stats.files += 1
        for path in sorted(src.rglob("*")):
            rel = path.relative_to(src)
            if path.is_dir() or (len(rel.parts) == 1 and rel.name in ("users.json", "channels.json", "groups.json",
                                                                       "dms.json", "mpims.json")):
                continue
            if path.suffix != ".json":
                stats.skipped.append(str(rel))
                continue
            parts = list(rel.parts)
            if len(parts) > 1:
                parts[0] = folders.get(parts[0], slack.participants(parts[0], loose=True))
            data = _load(path)
            _dump(slack.document(data), tmp.joinpath(*parts))
            stats.files += 1
            if isinstance(data, list):
                stats.messages += sum(isinstance(m, dict) for m in data)
            if progress is not None:
                progress(f"{stats.files} files")
        if dst.exists():
            dst.rmdir()
        os.replace(tmp, dst)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return stats

