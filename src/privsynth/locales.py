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


def available_locales(extra_dirs: tuple[str, ...] = ()) -> list[str]:
    """Names of the shipped packs and of the packs in ``extra_dirs`` (``Config.locale_dirs``)."""
    folders = (data_dir("locales"),) + tuple(Path(d) for d in extra_dirs)
    return sorted({p.stem for folder in folders for p in folder.glob("*.yaml") if not p.stem.endswith("_names")})


@functools.lru_cache(maxsize=None)
def load_locale(name: str, extra_dirs: tuple[str, ...] = ()) -> LocalePack:
    """Load a locale pack by name (``en_US``), from ``extra_dirs`` first (users' packs, ``Config.locale_dirs``),
    then the shipped ``locales/``; a clear ``ConfigError`` naming the file and field if invalid."""
    candidates = [Path(d) / f"{name}.yaml" for d in extra_dirs] + [data_dir("locales") / f"{name}.yaml"]
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        raise ConfigError(f"No locale pack {name!r}. Available: {', '.join(available_locales(extra_dirs))}; "
                          "add your own <ll_CC>.yaml to a folder given as locale_dirs (CLI --locale-dir).")
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({getattr(exc, 'problem', type(exc).__name__)}).") from None
    pack = _parse(path, spec)
    if path.parent != data_dir("locales"):
        _check_user_pack(path, pack)
    return pack


def _check_user_pack(path: Path, pack: LocalePack) -> None:
    """A user's pack names a Faker locale and a phone region that exist (shipped packs are tested)."""
    import phonenumbers
    from faker.config import AVAILABLE_LOCALES
    for field_name in ("faker_locale",):
        if getattr(pack, field_name) not in AVAILABLE_LOCALES:
            raise ConfigError(f"{path}: field '{field_name}': {getattr(pack, field_name)!r} is not a Faker locale "
                              "(e.g. de_DE, fr_FR; see faker.config.AVAILABLE_LOCALES).")
    for i, pool in enumerate(pack.name_pools + pack.family_name_pools + pack.fallback):
        if pool not in AVAILABLE_LOCALES:
            raise ConfigError(f"{path}: {pool!r} in name_pools/family_name_pools/fallback is not a Faker locale.")
    if pack.phone_region not in phonenumbers.SUPPORTED_REGIONS:
        raise ConfigError(f"{path}: field 'phone_region': {pack.phone_region!r} is not a phonenumbers region "
                          "(two upper-case letters such as DE).")
    if pack.locale != path.stem:
        raise ConfigError(f"{path}: field 'locale' is {pack.locale!r}; it must match the file name ({path.stem!r}).")


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
