"""The consistency key: loading, fingerprinting and per-value seed derivation.

``seed = HMAC-SHA256(key, family ‖ locale ‖ normalized value ‖ generator version)`` makes the same original give
the same surrogate in every process and on every machine that shares the key, with no mapping table. The key is a
secret: anyone who knows it can test candidate names against surrogates, so there is no default key anywhere.
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


class EphemeralKeyWarning(UserWarning):
    """No key was configured: surrogates are consistent within this process only."""


@dataclass(frozen=True)
class SecretKey:
    """Key bytes plus a public fingerprint. ``repr`` shows only the fingerprint."""

    secret: bytes = field(repr=False)
    ephemeral: bool = False

    @property
    def fingerprint(self) -> str:
        """A short, non-invertible identifier of the key, safe to put in reports and manifests."""
        return "sha256:" + hashlib.sha256(b"privsynth-fingerprint" + _SEPARATOR + self.secret).hexdigest()[:16]

    def derive(self, *parts: str) -> "SecretKey":
        """A sub-key (for augmentation variants and the like), itself a keyed value."""
        return SecretKey(self.digest("subkey", *parts), ephemeral=self.ephemeral)

    def digest(self, *parts: str) -> bytes:
        message = _SEPARATOR.join(p.encode("utf-8", "surrogatepass") for p in parts)
        return hmac.new(self.secret, message, hashlib.sha256).digest()

    def seed(self, *parts: str) -> int:
        """A 64-bit seed for ``random.Random``, derived from the key and the given parts."""
        return int.from_bytes(self.digest(*parts)[:8], "big")


def generate_key() -> str:
    """A fresh random key (256 bits, hex), as written by ``privsynth keygen``."""
    return secrets.token_hex(32)


def _from_text(text: str, origin: str) -> SecretKey:
    value = text.strip()
    if not value:
        raise KeyMaterialError(f"The key from {origin} is empty. Generate one with `privsynth keygen -o FILE`.")
    return SecretKey(value.encode("utf-8"))


def read_key_file(path: str | os.PathLike[str]) -> SecretKey:
    """Read a key file written by ``privsynth keygen`` (any non-empty text works)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyMaterialError(f"Key file {str(path)!r} does not exist. Create it with "
                               f"`privsynth keygen -o {path}`.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyMaterialError(f"Key file {str(path)!r} cannot be read ({type(exc).__name__}). "
                               "Check its permissions and that it is a text file.") from None
    return _from_text(text, f"key file {str(path)!r}")


@functools.lru_cache(maxsize=1)
def _process_key() -> SecretKey:
    # Lazily built, like the default engine: one random key per process, so that every ``scrub()`` call without a
    # key is at least consistent with the others in the same process.
    return SecretKey(secrets.token_bytes(32), ephemeral=True)


def resolve_key(key: str | bytes | None = None, key_file: str | os.PathLike[str] | None = None) -> SecretKey:
    """Find the key: explicit ``key``, then ``key_file``, then ``$PRIVSYNTH_KEY``, then ``$PRIVSYNTH_KEY_FILE``.

    With none of them, a random per-process key is used and an :class:`EphemeralKeyWarning` is issued.
    """
    if key is not None:
        if isinstance(key, bytes):
            if not key:
                raise KeyMaterialError("The key is empty. Pass a non-empty key or use `privsynth keygen`.")
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
    warnings.warn(
        "No privsynth key configured: using a random key for this process, so surrogates will differ in the next "
        f"run. Pass key=..., set ${KEY_ENV_VAR}, or create a key file with `privsynth keygen`.",
        EphemeralKeyWarning, stacklevel=3)
    return _process_key()
