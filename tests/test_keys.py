"""The consistency key: where it comes from, what it changes, and that it never leaks."""
from __future__ import annotations

import ast
import hashlib
import hmac
import re
import warnings
from pathlib import Path

import pytest

import privsynth
from privsynth.errors import KeyMaterialError
from privsynth.keys import EphemeralKeyWarning, SecretKey, generate_key, read_key_file, resolve_key

TEXT = "Contact Laura Palmer at laura.palmer@example.org or 212-555-0187."


def test_explicit_key_beats_environment(monkeypatch):
    explicit, env = generate_key(), generate_key()
    monkeypatch.setenv("PRIVSYNTH_KEY", env)
    assert resolve_key(explicit).secret == explicit.encode()
    assert resolve_key().secret == env.encode()


def test_key_file_and_env_key_file(tmp_path, monkeypatch):
    path = tmp_path / "k.key"
    path.write_text(generate_key() + "\n")
    monkeypatch.delenv("PRIVSYNTH_KEY", raising=False)
    assert resolve_key(key_file=path).secret == path.read_text().strip().encode()
    monkeypatch.setenv("PRIVSYNTH_KEY_FILE", str(path))
    assert resolve_key().secret == path.read_text().strip().encode()


def test_missing_or_empty_key_file_is_a_clear_error(tmp_path):
    with pytest.raises(KeyMaterialError, match="privsynth keygen"):
        read_key_file(tmp_path / "nope.key")
    empty = tmp_path / "empty.key"
    empty.write_text("  \n")
    with pytest.raises(KeyMaterialError, match="empty"):
        read_key_file(empty)
    with pytest.raises(KeyMaterialError):
        resolve_key("")


def test_no_key_warns_once_and_uses_a_random_process_key(monkeypatch):
    monkeypatch.delenv("PRIVSYNTH_KEY", raising=False)
    monkeypatch.delenv("PRIVSYNTH_KEY_FILE", raising=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = resolve_key()
        second = resolve_key()
    assert any(issubclass(w.category, EphemeralKeyWarning) for w in caught)
    assert "not be reproducible" in str(caught[0].message) or "differ in the next run" in str(caught[0].message)
    assert first.ephemeral and first.secret == second.secret and len(first.secret) == 32


def test_generated_keys_are_random_and_long():
    keys = {generate_key() for _ in range(20)}
    assert len(keys) == 20 and all(len(k) == 64 for k in keys)


def test_different_keys_give_different_surrogates(scrubber):
    other = privsynth.Scrubber(key=generate_key())
    assert scrubber.scrub(TEXT).text != other.scrub(TEXT).text


def test_fingerprint_is_stable_and_does_not_contain_the_key():
    key = resolve_key("super-secret-key")
    assert key.fingerprint == resolve_key("super-secret-key").fingerprint
    assert "super-secret" not in key.fingerprint and "super-secret" not in repr(key)
    assert key.fingerprint != resolve_key("other-passphrase").fingerprint


_KEY_NAME = re.compile(r"^_?(key|secret|secret_key|key_material|hmac_key|consistency_key|default_key)$", re.I)


def test_there_is_no_default_key_in_the_code():
    """No parameter named like a key defaults to a literal, and no key-named constant holds one."""
    source = Path(privsynth.__file__).parent
    for path in source.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                args = node.args.args + node.args.kwonlyargs
                defaults = [None] * (len(node.args.args) - len(node.args.defaults)) + node.args.defaults + \
                    node.args.kw_defaults
                for arg, default in zip(args, defaults):
                    if _KEY_NAME.match(arg.arg) and isinstance(default, ast.Constant):
                        assert default.value is None, f"{path}:{node.lineno} {arg.arg} has a default"
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and \
                    isinstance(node.value.value, (str, bytes)):
                for target in node.targets:
                    name = getattr(target, "id", "")
                    if _KEY_NAME.match(name):
                        raise AssertionError(f"{path}:{node.lineno} constant {name} looks like a key")


# ---------------------------------------------------------------------------------------- issue 15 item 21
WEAK = ["my-secret", "k", "k1", "audit-key-A", "hunter2", "password123"]


@pytest.mark.parametrize("weak", WEAK)
def test_weak_keys_are_refused_with_the_fix_named(weak, tmp_path, monkeypatch):
    with pytest.raises(KeyMaterialError, match="privsynth keygen") as info:
        resolve_key(weak)
    assert len(weak) < 4 or weak not in str(info.value)  # the message never echoes the key
    path = tmp_path / "weak.key"
    path.write_text(weak + "\n")
    with pytest.raises(KeyMaterialError, match="privsynth keygen"):
        read_key_file(path)
    monkeypatch.setenv("PRIVSYNTH_KEY", weak)
    with pytest.raises(KeyMaterialError, match="privsynth keygen"):
        resolve_key()
    with pytest.raises(KeyMaterialError, match="privsynth keygen"):
        privsynth.Scrubber(key=weak, ner=False).scrub("Hi John")


def test_short_bytes_keys_are_refused():
    with pytest.raises(KeyMaterialError, match="privsynth keygen"):
        resolve_key(b"short")
    assert resolve_key(bytes(range(16))).secret == bytes(range(16))


def test_generated_keys_are_used_as_they_are():
    key = generate_key()
    assert resolve_key(key).secret == key.encode() and resolve_key(key.upper()).secret == key.upper().encode()


def test_passphrases_are_stretched_with_scrypt():
    passphrase = "correct horse battery staple"
    expected = hashlib.scrypt(passphrase.encode(), salt=b"privsynth/passphrase/v1", n=2 ** 15, r=8, p=1,
                              maxmem=64 * 1024 * 1024, dklen=32)
    assert resolve_key(passphrase).secret == expected


def test_the_fingerprint_is_no_guessing_oracle():
    """The old fingerprint, sha256(label ‖ key), gave ``my-secret`` back from a word list in 0.13 s. The new one
    is an HMAC keyed by the (stretched) key: no cheap hash of a guess reproduces it."""
    passphrase = "my-secret-but-longer"
    fingerprint = resolve_key(passphrase).fingerprint
    guesses = [passphrase, passphrase.encode().hex(), "my-secret"]
    for guess in guesses:
        raw = guess.encode()
        assert "sha256:" + hashlib.sha256(b"privsynth-fingerprint\x1f" + raw).hexdigest()[:16] != fingerprint
        assert "sha256:" + hmac.new(raw, b"privsynth-fingerprint", hashlib.sha256).hexdigest()[:16] != fingerprint
    # Only the stretched key gives it: a guess costs one scrypt.
    stretched = SecretKey(hashlib.scrypt(passphrase.encode(), salt=b"privsynth/passphrase/v1", n=2 ** 15, r=8, p=1,
                                         maxmem=64 * 1024 * 1024, dklen=32))
    assert stretched.fingerprint == fingerprint


def test_docs_and_examples_use_no_weak_key():
    root = Path(__file__).resolve().parent.parent
    sources = [root / "README.md", *(root / "examples").glob("*.py"), *(root / "src" / "privsynth").rglob("*.py")]
    literal = re.compile(r"""key\s*=\s*["']([^"']*)["']""")
    for path in sources:
        for value in literal.findall(path.read_text(encoding="utf-8")):
            if value and "{" not in value and "..." not in value:
                assert len(value) >= 12 or value.startswith("$"), f"{path.name}: weak example key {value!r}"
