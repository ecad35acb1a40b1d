"""Chat transcripts: wildcard field paths (``messages[*].content``, ``conversations[*].value``), byte-faithful
records, one person across all turns of a record."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import privsynth
from privsynth.cli import run_cli
from privsynth.io.fields import (MISSING, TURN_SEPARATOR, get_path, join_turns, locate, parse_path, path_name,
                                 set_path, splice, dumps_string)

from conftest import TEST_KEY

# A JSON string token after a given key: used to blank the scrubbed values and compare every other byte.
_TOKEN = r'"(?:[^"\\]|\\.)*"'


def _blank(line: str, key: str) -> str:
    return re.sub(rf'("{key}"\s*:\s*){_TOKEN}', r'\1"…"', line)


def _people(seed: int = 5):
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(seed)
    return [(fake.first_name_male(), fake.last_name()) for _ in range(2)]


def _openai_line(people) -> str:
    (f1, l1), (f2, l2) = people
    handle = f"{f2.lower()}{l2.lower()}"
    messages = [
        {"role": "system", "content": "You are a support agent.", "weight": 0},
        {"role": "user", "content": f"Hi, my name is {f1} {l1}. Please write to {f1.lower()}.{l1.lower()}@gmail.com."},
        {"role": "assistant", "content": None, "tool_calls": [{"id": "call_1", "type": "function",
                                                               "function": {"name": "lookup", "arguments": "{}"}}]},
        {"role": "assistant", "content": f"Thank you, Mr. {l1}. I have asked @{handle} to call you."},
        {"role": "user", "content": f"Great, {f1} {l1} says thanks to {f2} {l2}."},
    ]
    # Unusual but valid JSON bytes around the turns: odd spacing, escapes, number formats, key order.
    body = json.dumps(messages, ensure_ascii=False)
    return '{"id":  "r-1", "messages": ' + body + ', "meta": {"score": 1.50, "tag": "caf\\u00e9", "z": 1e3}}'


def _run(factory, args: list[str], tmp_path: Path) -> int:
    key = tmp_path / "test.key"
    key.write_text(TEST_KEY + "\n")
    key.chmod(0o600)
    with CliRunner().isolation():
        return run_cli([str(a) for a in args] + ["--key-file", str(key)], obj={"scrubber_factory": factory})


def test_paths_with_wildcards():
    assert parse_path("messages[*].content") == ("messages", "*", "content")
    assert parse_path("messages.*.content") == ("messages", "*", "content")
    assert parse_path("comments[0].text") == parse_path("comments.0.text") == ("comments", "0", "text")
    assert path_name(parse_path("conversations[*].value")) == "conversations[*].value"
    assert path_name(parse_path("meta.body")) == "meta.body"
    for bad in ("messages[x].content", "messages[*.content", "a..b", ""):
        with pytest.raises(ValueError):
            parse_path(bad)


def test_get_set_locate_splice_round_trip():
    line = '{"c": [{"v": "one"}, {"x": 1}, {"v": null}, {"v": "two \\"q\\""}], "k": 2.0}'
    obj = json.loads(line)
    path = parse_path("c[*].v")
    assert get_path(obj, path) == join_turns(["one", 'two "q"'])
    assert get_path({"c": []}, path) == ""
    assert get_path({"d": 1}, path) is MISSING
    assert get_path({"c": [{"v": 3}]}, path) == 3  # reported as not a string by the reader
    (turn_spans,) = locate(line, path)
    out = splice(line, [turn_spans], [dumps_string(join_turns(["ONE", "TWO"]))])
    assert out == '{"c": [{"v": "ONE"}, {"x": 1}, {"v": null}, {"v": "TWO"}], "k": 2.0}'
    set_path(obj, path, join_turns(["1", "2"]))
    assert obj == {"c": [{"v": "1"}, {"x": 1}, {"v": None}, {"v": "2"}], "k": 2.0}
    assert len(locate('{"c": [{"v": "a", "v": "b"}]}', path)) == 2  # a repeated key: quarantined as duplicate


def test_openai_format_one_person_across_turns(factory, tmp_path: Path):
    people = _people()
    (f1, l1), (f2, l2) = people
    line = _openai_line(people)
    src = tmp_path / "chat.jsonl"
    src.write_text(line + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = _run(factory, ["scrub", src, "-o", out, "-t", "messages[*].content", "--annotations"], tmp_path)
    assert code == 0
    got = out.read_text(encoding="utf-8").splitlines()[0]
    record = json.loads(got)
    ann = record.pop("annotations")
    # every byte but the scrubbed contents (and the appended annotations) is unchanged
    assert _blank(got[:got.rindex(', "annotations"')] + "}", "content") == _blank(line, "content")
    source = json.loads(line)
    assert [m["role"] for m in record["messages"]] == [m["role"] for m in source["messages"]]
    assert record["messages"][2] == source["messages"][2]  # the tool call turn, content null
    assert record["messages"][0] == source["messages"][0]  # nothing personal: unchanged
    texts = [m["content"] for m in record["messages"]]
    # identical to scrub() of the record's turns as one document
    turns = [m["content"] for m in source["messages"] if m["content"] is not None]
    expected = privsynth.scrub(TURN_SEPARATOR.join(turns), key=TEST_KEY).text.split(TURN_SEPARATOR)
    assert [t for t in texts if t is not None] == expected
    whole = "\n".join(t for t in texts if t)
    for original in (f1, l1, f2, l2, f"{f1.lower()}.{l1.lower()}@gmail.com", f"@{f2.lower()}{l2.lower()}"):
        assert original not in whole
    # one person: the surname in "Mr. <surname>" (turn 3) is the surname of the full name in turn 1 and turn 4
    person = next(a for a in ann if a["field"] == "messages.1.content" and a["entity_type"] == "PERSON")
    full = texts[1][person["start"]:person["end"]]
    assert full.split()[-1] in texts[3] and full in texts[4]
    for a in ann:  # offsets are per turn
        assert a["field"].startswith("messages.") and 0 <= a["start"] < a["end"] <= len(get_path(
            record, parse_path(a["field"])))


def test_sharegpt_format(factory, tmp_path: Path):
    (f1, l1), _ = _people(9)
    rows = [
        {"id": "a", "conversations": [{"from": "human", "value": f"I am {f1} {l1}, born 1980."},
                                      {"from": "gpt", "value": f"Hello {f1}!"}]},
        {"id": "b", "conversations": []},
        {"id": "c"},
    ]
    src = tmp_path / "sharegpt.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = _run(factory, ["scrub", src, "-o", out, "-t", "conversations[*].value"], tmp_path)
    assert code in (0, 1)  # record "c" has no conversations: quarantined
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert [c["from"] for c in first["conversations"]] == ["human", "gpt"]
    assert f1 not in lines[0] and l1 not in lines[0]
    assert lines[1] == json.dumps(rows[1])
    quarantine = (tmp_path / "out.jsonl.quarantine.jsonl").read_text(encoding="utf-8")
    assert "missing_field" in quarantine and f1 not in quarantine
