"""errors.CODES is the one list of error codes: every PrivsynthError subclass in the package carries a listed
code under its own class name, and no code means two things."""
from __future__ import annotations

import importlib
import pkgutil

import privsynth
from privsynth.errors import CODES, PrivsynthError


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out += [sub] + _subclasses(sub)
    return out


def test_every_error_class_has_a_listed_code():
    for info in pkgutil.walk_packages(privsynth.__path__, "privsynth."):
        if info.name.startswith(("privsynth.integrations.", "privsynth.detect.transformers")):
            continue  # optional dependencies (Spark, Ray, torch) need not be installed to list the errors
        importlib.import_module(info.name)
    importlib.import_module("privsynth.integrations._core")
    classes = [c for c in [PrivsynthError] + _subclasses(PrivsynthError) if c.__module__.startswith("privsynth")]
    for cls in classes:
        assert cls.code in CODES, f"{cls.__module__}.{cls.__name__} uses {cls.code}, not listed in errors.CODES"
        own = "code" in vars(cls)
        assert not own or CODES[cls.code] == cls.__name__, f"{cls.__name__} reuses {cls.code} ({CODES[cls.code]})"
    assert {c.__name__ for c in classes if "code" in vars(c)} == set(CODES.values())
