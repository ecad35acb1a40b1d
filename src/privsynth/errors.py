"""One typed error tree. Every message says what went wrong and what to do; none ever quotes personal data.

Codes follow spaCy's habit (``E001``…) so that users can search for them.
"""
from __future__ import annotations


def _restore(cls: type, args: tuple, state: dict) -> "PrivsynthError":
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class PrivsynthError(Exception):
    """Base class of every error privsynth raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")

    def __reduce__(self):
        # Errors cross process boundaries (multiprocessing, Dask, Spark): rebuild them without re-running
        # __init__, which would prefix the code twice or need arguments the pickle does not carry.
        return _restore, (type(self), self.args, self.__dict__)


class ConfigError(PrivsynthError, ValueError):
    """An option, recognizer file or locale pack is invalid."""

    code = "E001"


class KeyMaterialError(PrivsynthError):
    """The consistency key is missing, unreadable or too weak."""

    code = "E002"


class InputError(PrivsynthError, TypeError):
    """The input is not text privsynth can process (wrong type, undecodable bytes, …)."""

    code = "E003"


class ModelError(PrivsynthError):
    """A spaCy/GiNZA model is not installed or cannot be loaded."""

    code = "E004"


class RecordError(PrivsynthError):
    """A single batch record cannot be processed; batch mode quarantines it with ``reason``."""

    code = "E005"

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)


__all__ = ["PrivsynthError", "ConfigError", "KeyMaterialError", "InputError", "ModelError", "RecordError"]
