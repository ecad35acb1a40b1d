"""The consistency key: loading, fingerprinting and per-value seed derivation.

``seed = HMAC-SHA256(key, family ‖ locale ‖ normalized value ‖ generator version)`` makes the same original give
the same surrogate in every process and on every machine that shares the key, with no mapping table. The key is a
secret: anyone who knows it can test candidate names against surrogates, so there is no default key anywhere.

Key strength. A key from ``privsynth keygen`` (64 hex digits, 256 random bits) — or any hex string of at least 32
digits (128 bits), or raw ``bytes`` of at least 16 — is used as it is. Anything else is a passphrase: it must have
at least :data:`MIN_PASSPHRASE` characters and is stretched with scrypt (N=2¹⁵, r=8: ~32 MiB and ~0.1 s per
guess), so each guess costs an attacker that much. The salt is a fixed label, because the same passphrase must give
the same surrogates on every machine; a fixed salt does not stop a dictionary being stretched once for every
privsynth user, which is why only a generated key is *strong*. The manifest fingerprint is ``HMAC(key,
"fingerprint")`` of the (stretched) key: it identifies the key without being a cheaper guessing oracle than the
surrogates themselves.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from .errors import KeyMaterialError

KEY_ENV_VAR = "PRIVSYNTH_KEY"
KEY_FILE_ENV_VAR = "PRIVSYNTH_KEY_FILE"
_SEPARATOR = b"\x1f"  # unit separator: cannot occur in a family/locale name, so fields never run together
_SEPARATOR_TEXT = _SEPARATOR.decode("ascii")
MIN_PASSPHRASE = 12  # characters; shorter keys that are not hex key material are refused
_MIN_HEX = 32  # hex digits = 128 bits
_MIN_BYTES = 16
_SCRYPT = {"n": 2 ** 15, "r": 8, "p": 1, "maxmem": 64 * 1024 * 1024, "dklen": 32}
_SCRYPT_SALT = b"privsynth/passphrase/v1"
_HEX = frozenset("0123456789abcdefABCDEF")


class EphemeralKeyWarning(UserWarning):
    """No key was configured: surrogates are consistent within this process only."""


@dataclass(frozen=True)
class SecretKey:
    """Key bytes plus a public fingerprint. ``repr`` shows only the fingerprint."""

    secret: bytes = field(repr=False)
    ephemeral: bool = False

    @property
    def fingerprint(self) -> str:
        """A short identifier of the key, safe to put in reports and manifests: an HMAC-SHA256 keyed with the key
        (stretched, for a passphrase), so it reveals nothing without the key and costs a full scrypt per guess."""
        return "sha256:" + self.digest("privsynth-fingerprint").hex()[:16]

    def derive(self, *parts: str) -> "SecretKey":
        """A sub-key (for augmentation variants and the like), itself a keyed value."""
        return SecretKey(self.digest("subkey", *parts), ephemeral=self.ephemeral)

    def digest(self, *parts: str) -> bytes:
        """HMAC-SHA256 of the parts joined by the unit separator (``hmac.new(secret, message, sha256)``), copied
        from an HMAC object keyed once (a seed is drawn per value: the key schedule is much of a short message's
        HMAC)."""
        h = _keyed(self.secret).copy()
        # Joined, then encoded: the separator is one byte, and each code point encodes on its own either way.
        h.update(_SEPARATOR_TEXT.join(parts).encode("utf-8", "surrogatepass"))
        return h.digest()

    def seed(self, *parts: str) -> int:
        """A 64-bit seed for ``random.Random``, derived from the key and the given parts."""
        return int.from_bytes(self.digest(*parts)[:8], "big")


@functools.lru_cache(maxsize=32)
def _keyed(secret: bytes) -> "hmac.HMAC":
    """An HMAC-SHA256 object keyed with ``secret`` and fed nothing: copied per digest, never updated itself.
    Bounded: a process uses a handful of keys and sub-keys at a time."""
    return hmac.new(secret, digestmod=hashlib.sha256)


def generate_key() -> str:
    """A fresh random key (256 bits, hex), as written by ``privsynth keygen``."""
    return secrets.token_hex(32)


def is_key_material(value: str) -> bool:
    """Whether ``value`` is random key material used as it is (hex of at least 128 bits, like ``keygen`` writes)."""
    return len(value) >= _MIN_HEX and set(value) <= _HEX


@functools.lru_cache(maxsize=16)
def stretch(passphrase: str) -> bytes:
    """scrypt of a passphrase (cached: a process stretches each passphrase once)."""
    return hashlib.scrypt(passphrase.encode("utf-8", "surrogatepass"), salt=_SCRYPT_SALT, **_SCRYPT)


def _from_text(text: str, origin: str) -> SecretKey:
    value = text.strip()
    if not value:
        raise KeyMaterialError(f"The key from {origin} is empty. Generate one with `privsynth keygen -o FILE`.")
    if is_key_material(value):
        return SecretKey(value.encode("utf-8"))
    if len(value) < MIN_PASSPHRASE:
        raise KeyMaterialError(
            f"The key from {origin} is too weak: {len(value)} characters, not random key material. Generate a "
            f"strong key with `privsynth keygen -o FILE` (or use a passphrase of at least {MIN_PASSPHRASE} "
            "characters, which is stretched with scrypt).")
    return SecretKey(stretch(value))


def read_key_file(path: str | os.PathLike[str]) -> SecretKey:
    """Read a key file written by ``privsynth keygen`` (or a passphrase of at least 12 characters, stretched)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyMaterialError(f"Key file {str(path)!r} does not exist. Create it with "
                               f"`privsynth keygen -o {path}`.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyMaterialError(f"Key file {str(path)!r} cannot be read ({type(exc).__name__}). "
                               "Check its permissions and that it is a text file.") from None
    return _from_text(text, f"key file {str(path)!r}")


NO_KEY_MESSAGE = ("no key configured (--key-file, key=..., ${0}, ${1}): using a random key, so surrogates will "
                  "differ in the next run; create one with `privsynth keygen -o FILE`").format(KEY_ENV_VAR,
                                                                                              KEY_FILE_ENV_VAR)


def random_key() -> SecretKey:
    """The one policy for "no key": a fresh random key, marked ephemeral (its surrogates cannot be reproduced).
    Every caller warns with :data:`NO_KEY_MESSAGE` (the library as an :class:`EphemeralKeyWarning`, the commands
    on stderr)."""
    return SecretKey(secrets.token_bytes(32), ephemeral=True)


@functools.lru_cache(maxsize=1)
def _process_key() -> SecretKey:
    # Lazily built, like the default engine: one random key per process, so that every ``scrub()`` call without a
    # key is at least consistent with the others in the same process.
    return random_key()


def resolve_key(key: str | bytes | None = None, key_file: str | os.PathLike[str] | None = None) -> SecretKey:
    """Find the key: explicit ``key``, then ``key_file``, then ``$PRIVSYNTH_KEY``, then ``$PRIVSYNTH_KEY_FILE``.

    With none of them, a random per-process key is used and an :class:`EphemeralKeyWarning` is issued.
    """
    if key is not None:
        if isinstance(key, bytes):
            if len(key) < _MIN_BYTES:
                raise KeyMaterialError(f"A bytes key must be at least {_MIN_BYTES} random bytes; got {len(key)}. "
                                       "Generate a key with `privsynth keygen -o FILE`.")
            return SecretKey(key)
        if isinstance(key, str):
            return _from_text(key, "the key option")
        raise KeyMaterialError(f"The key must be str or bytes, not {type(key).__name__}.")
    if key_file is not None:
        return read_key_file(key_file)
    if os.environ.get(KEY_ENV_VAR):
        return _from_text(os.environ[KEY_ENV_VAR], f"${KEY_ENV_VAR}")
    if os.environ.get(KEY_FILE_ENV_VAR):
        return read_key_file(os.environ[KEY_FILE_ENV_VAR])
    warnings.warn("privsynth: " + NO_KEY_MESSAGE, EphemeralKeyWarning, stacklevel=3)
    return _process_key()
