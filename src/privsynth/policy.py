"""Allow and deny lists: terms never replaced, terms always replaced (with the type they are replaced as).

``allow=["Acme", "Dr. Watson"]``: a finding inside an occurrence of an allowed term (whole words, case-insensitive)
or equal to one is dropped, wherever it came from (NER, patterns, linking). ``deny={"PERSON": ["Zorblax"]}``
or ``deny=[("Zorblax", "PERSON")]``: every whole-word occurrence of the term is a finding of that type with score
1.0 (it wins overlaps), even if the type is not in ``entities``. Deny terms are personal data: manifests record
only how many there are per type (:func:`deny_summary`), errors never quote them.
"""
from __future__ import annotations

import functools
import re
from typing import Any, Iterable, Mapping, Sequence

from .errors import ConfigError
from .types import Finding

DENY_RECOGNIZER = "deny_list"
_TYPE = re.compile(r"^[A-Z][A-Z0-9_]*$")


def normalize_allow(value: Any) -> tuple[str, ...]:
    """``allow`` as a sorted tuple of distinct non-empty strings; :class:`ConfigError` otherwise."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, Iterable) or isinstance(value, Mapping):
        raise ConfigError("allow must be a list of terms never to replace, e.g. allow=['Acme', 'Baker Street']; "
                          f"got a {type(value).__name__}.")
    terms = []
    for i, term in enumerate(value):
        if not isinstance(term, str) or not term.strip():
            raise ConfigError(f"allow[{i}] must be a non-empty string; got a {type(term).__name__}.")
        terms.append(term.strip())
    return tuple(sorted(set(terms)))


def normalize_deny(value: Any) -> tuple[tuple[str, str], ...]:
    """``deny`` as a sorted tuple of ``(term, ENTITY_TYPE)``; accepts ``{"TYPE": [terms]}`` or
    ``[(term, "TYPE"), ...]``. :class:`ConfigError` naming the entry (never the term) otherwise."""
    if value is None:
        return ()
    pairs: list[tuple[Any, Any]] = []
    if isinstance(value, Mapping):
        for entity, terms in value.items():
            if isinstance(terms, str) or not isinstance(terms, Iterable):
                raise ConfigError(f"deny[{entity!r}] must be a list of terms, e.g. deny={{'PERSON': ['Zorblax']}}.")
            pairs.extend((term, entity) for term in terms)
    elif isinstance(value, Iterable) and not isinstance(value, str):
        for i, pair in enumerate(value):
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                raise ConfigError(f"deny[{i}] must be a (term, ENTITY_TYPE) pair, e.g. [('Zorblax', 'PERSON')], "
                                  "or use a mapping {'PERSON': ['Zorblax']}.")
            pairs.append((pair[0], pair[1]))
    else:
        raise ConfigError("deny must map entity types to terms, e.g. deny={'PERSON': ['Zorblax']}, or be a list of "
                          f"(term, ENTITY_TYPE) pairs; got a {type(value).__name__}.")
    out = set()
    for i, (term, entity) in enumerate(pairs):
        if not isinstance(entity, str) or not _TYPE.match(entity):
            raise ConfigError(f"deny entry {i}: the entity type must be an upper-case name such as 'PERSON'; "
                              f"got {entity!r}.")
        if not isinstance(term, str) or not term.strip():
            raise ConfigError(f"deny entry {i} ({entity}): the term must be a non-empty string.")
        out.add((term.strip(), entity))
    return tuple(sorted(out))


def deny_summary(deny: Sequence[tuple[str, str]]) -> dict[str, int]:
    """How many deny terms per type: what a manifest may say about them."""
    counts: dict[str, int] = {}
    for _, entity in deny:
        counts[entity] = counts.get(entity, 0) + 1
    return dict(sorted(counts.items()))


@functools.lru_cache(maxsize=64)
def _deny_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    # longest first so "Zorblax Prime" wins over "Zorblax"; word edges only where the term has a word edge
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        body = re.escape(term)
        left = r"(?<!\w)" if term[0].isalnum() or term[0] == "_" else ""
        right = r"(?!\w)" if term[-1].isalnum() or term[-1] == "_" else ""
        parts.append(left + body + right)
    return re.compile("|".join(parts), re.IGNORECASE)


def deny_findings(text: str, deny: Sequence[tuple[str, str]]) -> list[Finding]:
    """Every occurrence of a deny term in ``text`` as a :class:`Finding` of its type (score 1.0)."""
    if not deny or not text:
        return []
    types = {term.casefold(): entity for term, entity in deny}
    pattern = _deny_pattern(tuple(term for term, _ in deny))
    return [Finding(m.start(), m.end(), types.get(m.group().casefold(), deny[0][1]), 1.0, DENY_RECOGNIZER)
            for m in pattern.finditer(text)]


def drop_allowed(text: str, findings: Sequence[Finding], allow: Sequence[str]) -> list[Finding]:
    """``findings`` without those inside an occurrence of an allowed term (so allowing "Harriet Okonkwo" also
    keeps a finding of "Harriet" alone there), or whose whole text is one."""
    if not allow or not findings:
        return list(findings)
    folded = frozenset(a.casefold() for a in allow)
    spans = [m.span() for m in _deny_pattern(tuple(allow)).finditer(text)]
    return [f for f in findings
            if text[f.start:f.end].strip().casefold() not in folded
            and not any(a <= f.start and f.end <= b for a, b in spans)]


# -- Config support: one entry point for the options this module and privsynth.operators own -----------------
def is_presidio_recognizer(obj: object) -> bool:
    """A Presidio ``EntityRecognizer`` (or anything with its ``analyze``/``supported_entities`` interface)."""
    return callable(getattr(obj, "analyze", None)) and isinstance(getattr(obj, "supported_entities", None), list)


def prepare(config: Any) -> None:
    """Normalize ``operators``, ``allow``, ``deny``, ``locale_dirs`` and move Presidio recognizer objects out of
    ``recognizers`` (which the registry reads as folders) into ``recognizer_objects``. Runs first in
    ``Config.__post_init__``."""
    from pathlib import Path

    from .operators import normalize_operators
    setattr_ = object.__setattr__
    setattr_(config, "operators", normalize_operators(config.operators))
    setattr_(config, "allow", normalize_allow(config.allow))
    setattr_(config, "deny", normalize_deny(config.deny))
    dirs = config.locale_dirs
    dirs = (dirs,) if isinstance(dirs, (str, Path)) else tuple(dirs or ())
    for folder in dirs:
        if not isinstance(folder, (str, Path)) or not Path(folder).is_dir():
            raise ConfigError(f"locale_dirs must be folders of locale pack YAML files (<ll_CC>.yaml); "
                              f"{folder!r} is not one.")
    setattr_(config, "locale_dirs", tuple(str(Path(d).resolve()) for d in dirs))
    given = config.recognizers
    given = (given,) if isinstance(given, (str, Path)) or is_presidio_recognizer(given) else tuple(given or ())
    objects = list(config.recognizer_objects or ())
    folders = []
    for item in given:
        if is_presidio_recognizer(item):
            if not any(item is o for o in objects):
                objects.append(item)
        elif isinstance(item, (str, Path)):
            folders.append(item)
        else:
            raise ConfigError(f"recognizers entries must be folders of recognizer YAML files or Presidio "
                              f"EntityRecognizer objects; got a {type(item).__name__}.")
    setattr_(config, "recognizers", tuple(folders))
    setattr_(config, "recognizer_objects", tuple(objects))


def check(config: Any) -> None:
    """Operator types must be detectable types (after ``Config`` resolved its recognizer folders)."""
    from . import registry
    from .operators import check_types
    if config.operators:
        known = set(registry.entity_types(None, config.recognizers))
        known |= {e for r in config.recognizer_objects for e in r.supported_entities}
        known |= {e for _, e in config.deny}
        check_types(config.operators, sorted(known))


def public(config: Any) -> dict[str, Any]:
    """Manifest-safe forms: deny terms as counts per type, recognizer objects by class and entities."""
    return {"deny": deny_summary(config.deny),
            "recognizer_objects": [f"{type(r).__name__}({','.join(r.supported_entities)})"
                                   for r in config.recognizer_objects],
            "operators": dict(config.operators)}


def recognizer_findings(text: str, objects: Sequence[Any], language: str) -> list[Finding]:
    """Findings of users' Presidio recognizer objects (run without NLP artifacts, as pattern recognizers are)."""
    out = []
    for recognizer in objects:
        languages = {getattr(recognizer, "supported_language", language)}
        if language not in languages and "any" not in languages:
            continue
        for r in recognizer.analyze(text, list(recognizer.supported_entities), None) or ():
            if 0 <= r.start < r.end <= len(text):
                out.append(Finding(r.start, r.end, r.entity_type, float(r.score),
                                   getattr(recognizer, "name", type(recognizer).__name__)))
    return out


def forced_types(config: Any) -> set[str]:
    """Types replaced whatever ``entities`` says: deny-list types and users' recognizer objects' types."""
    return {e for _, e in config.deny} | {e for r in config.recognizer_objects for e in r.supported_entities}


def add_candidates(text: str, candidates: list[Finding], config: Any) -> list[Finding]:
    """Detection candidates plus deny-list and user-recognizer findings, minus allowed terms (before resolve)."""
    if not (config.deny or config.allow or config.recognizer_objects):
        return candidates
    extra = deny_findings(text, config.deny)
    if config.recognizer_objects:
        extra += recognizer_findings(text, config.recognizer_objects, config.language)
    return drop_allowed(text, candidates + extra, config.allow)


def finalize(text: str, entities: list[Finding], config: Any) -> list[Finding]:
    """Resolved entities minus allowed terms (linking may have re-found them) and ``keep`` types."""
    if not (config.allow or config.operators):
        return entities
    from .operators import kept
    return kept(text, drop_allowed(text, entities, config.allow), dict(config.operators))


# -- the policy file (CLI --policy FILE): the same options as Config, from YAML or JSON ------------------------
POLICY_FIELDS = ("operators", "allow", "deny", "recognizers", "locale_dirs")


def load_policy_file(path: str) -> dict[str, Any]:
    """Options from a YAML/JSON policy file (``operators``, ``allow``, ``deny``, ``recognizers``,
    ``locale_dirs``); relative folders are read from the file's folder.
    :class:`ConfigError` naming the file and the field when something is wrong."""
    from pathlib import Path

    import yaml
    file = Path(path)
    try:
        spec = yaml.safe_load(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"policy file {path}: cannot read it ({exc.strerror or type(exc).__name__}).") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"policy file {path}: not valid YAML/JSON ({getattr(exc, 'problem', '')}).") from None
    if spec is None:
        return {}
    if not isinstance(spec, dict):
        raise ConfigError(f"policy file {path}: must be a mapping of options such as 'operators:' and 'deny:'.")
    unknown = sorted(set(spec) - set(POLICY_FIELDS))
    if unknown:
        raise ConfigError(f"policy file {path}: unknown field(s) {unknown}; valid fields: {list(POLICY_FIELDS)}.")
    out = dict(spec)
    for name in ("recognizers", "locale_dirs"):
        if name in out:
            folders = out[name] if isinstance(out[name], list) else [out[name]]
            out[name] = tuple(str((file.parent / str(d)).resolve()) for d in folders)
    try:  # validate here so the error names the file
        from .operators import normalize_operators
        normalize_operators(out.get("operators"))
        normalize_allow(out.get("allow"))
        normalize_deny(out.get("deny"))
    except ConfigError as exc:
        raise ConfigError(f"policy file {path}: {exc}") from None
    return out


def cli_options(operator: Sequence[str] = (), allow: Sequence[str] = (), deny: Sequence[str] = (),
                recognizers: Sequence[str] = (), locale_dirs: Sequence[str] = (),
                policy_file: str | None = None) -> dict[str, Any]:
    """Config options from the CLI flags (``--operator TYPE=OP``, ``--allow TERM``, ``--deny TYPE=TERM``,
    ``--recognizers DIR``, ``--locale-dir DIR``, ``--policy FILE``); flags add to the policy file's lists."""
    out = load_policy_file(policy_file) if policy_file else {}
    if operator:
        from .operators import normalize_operators
        out["operators"] = dict(normalize_operators(out.get("operators"))) | dict(normalize_operators(operator))
    if allow:
        out["allow"] = tuple(normalize_allow(out.get("allow"))) + tuple(allow)
    if deny:
        pairs = []
        for i, item in enumerate(deny):
            entity, sep, term = item.partition("=")
            if not sep:
                raise ConfigError(f"--deny entry {i + 1} must read TYPE=TERM, e.g. --deny PERSON=Zorblax.")
            pairs.append((term, entity.strip()))
        out["deny"] = normalize_deny(out.get("deny")) + normalize_deny(pairs)
    if recognizers:
        out["recognizers"] = tuple(out.get("recognizers") or ()) + tuple(recognizers)
    if locale_dirs:
        out["locale_dirs"] = tuple(out.get("locale_dirs") or ()) + tuple(locale_dirs)
    return out
