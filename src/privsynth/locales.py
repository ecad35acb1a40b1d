"""Locale packs: ``locales/<ll_CC>.yaml`` (data only) → :class:`LocalePack`, validated on load."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ._paths import data_dir
from .errors import ConfigError

_REQUIRED = ("locale", "language", "faker_locale", "name_order", "name_pools", "phone_region", "free_mail_domains",
             "reserved")
_RESERVED_REQUIRED = ("email_domains", "url_domains", "phone_numbers", "ipv4_networks", "ipv6_network")


@dataclass(frozen=True)
class ReservedRanges:
    email_domains: tuple[str, ...]
    url_domains: tuple[str, ...]
    phone_numbers: str
    ipv4_networks: tuple[str, ...]
    ipv6_network: str


@dataclass(frozen=True)
class LocalePack:
    locale: str
    language: str
    faker_locale: str
    name_order: str
    name_pools: tuple[str, ...]
    phone_region: str
    free_mail_domains: tuple[str, ...]
    reserved: ReservedRanges
    fallback: tuple[str, ...] = ()
    name_separator: str = " "
    family_name_pools: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def available_locales() -> list[str]:
    return sorted(p.stem for p in data_dir("locales").glob("*.yaml"))


@functools.lru_cache(maxsize=None)
def load_locale(name: str) -> LocalePack:
    """Load a locale pack by name (``en_US``); a clear ``ConfigError`` naming the file and field if invalid."""
    path = data_dir("locales") / f"{name}.yaml"
    if not path.is_file():
        raise ConfigError(f"No locale pack {name!r}. Available: {', '.join(available_locales())}.")
    return _parse(path, yaml.safe_load(path.read_text(encoding="utf-8")))


def _parse(path: Path, spec: object) -> LocalePack:
    if not isinstance(spec, dict):
        raise ConfigError(f"{path}: a locale pack must be a mapping.")
    missing = [k for k in _REQUIRED if k not in spec]
    if missing:
        raise ConfigError(f"{path}: missing field(s) {missing}.")
    reserved = spec["reserved"]
    if not isinstance(reserved, dict) or any(k not in reserved for k in _RESERVED_REQUIRED):
        raise ConfigError(f"{path}: field 'reserved' needs {list(_RESERVED_REQUIRED)}.")
    if spec["name_order"] not in ("given_family", "family_given"):
        raise ConfigError(f"{path}: field 'name_order' must be given_family or family_given.")
    # Titles and honorifics are not locale data: English titles are surrogates.person's, the Japanese honorific
    # list is privsynth.lexicon.ja_names.HONORIFICS (one list for detection and surrogates).
    known = set(_REQUIRED) | {"fallback", "name_separator", "family_name_pools"}
    return LocalePack(
        locale=spec["locale"], language=spec["language"], faker_locale=spec["faker_locale"],
        name_order=spec["name_order"], name_pools=tuple(spec["name_pools"]), phone_region=spec["phone_region"],
        free_mail_domains=tuple(spec["free_mail_domains"]),
        reserved=ReservedRanges(tuple(reserved["email_domains"]), tuple(reserved["url_domains"]),
                                str(reserved["phone_numbers"]), tuple(reserved["ipv4_networks"]),
                                str(reserved["ipv6_network"])),
        fallback=tuple(spec.get("fallback") or ()), name_separator=spec.get("name_separator", " "),
        family_name_pools=tuple(spec.get("family_name_pools") or ()),
        extra={k: v for k, v in spec.items() if k not in known},
    )
