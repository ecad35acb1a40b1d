"""``privsynth scrub-slack``: a Faker-generated Slack export (never real data); no original person survives anywhere
in the output, IDs and mentions stay valid, the structure is unchanged."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import privsynth
from privsynth.cli import run_cli

from conftest import TEST_KEY

FIRST_TS = 1_700_000_000


def make_export(root: Path, seed: int = 20) -> dict[str, Any]:
    """A small standard Slack export: users.json, channels.json, mpims.json, one folder per conversation."""
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(seed)
    users, people = [], []
    for i in range(4):
        first, last = fake.unique.first_name(), fake.unique.last_name()
        uid = f"U0{i}ABCDEF"
        handle = f"{first[0]}{last}".lower()
        email = f"{first}.{last}@{fake.domain_name()}".lower()
        people.append({"id": uid, "first": first, "last": last, "handle": handle, "email": email,
                       "display": first if i % 2 else handle})
        users.append({
            "id": uid, "team_id": "T0TEAM001", "name": handle, "deleted": False, "color": "9f69e7",
            "real_name": f"{first} {last}", "tz": "America/New_York", "tz_label": "Eastern Standard Time",
            "tz_offset": -18000, "is_admin": i == 0, "is_bot": False, "updated": 1690000000 + i,
            "profile": {
                "title": fake.job(), "phone": fake.phone_number(), "skype": "", "real_name": f"{first} {last}",
                "real_name_normalized": f"{first} {last}", "display_name": people[-1]["display"],
                "display_name_normalized": people[-1]["display"], "fields": None, "status_text": "",
                "status_emoji": "", "avatar_hash": fake.hexify("^^^^^^^^^^^^"), "email": email,
                "first_name": first, "last_name": last,
                "image_24": f"https://secure.gravatar.com/avatar/{fake.md5()}.jpg?s=24",
                "image_72": f"https://avatars.slack-edge.com/2023/{handle}_72.png",
                "image_original": f"https://avatars.slack-edge.com/2023/{handle}_original.png",
                "team": "T0TEAM001",
            },
        })
    users.append({"id": "B0BOTXYZ1", "name": "deploybot", "real_name": "Deploy Bot", "is_bot": True,
                  "profile": {"real_name": "Deploy Bot", "display_name": "", "image_72": "https://x.invalid/b.png"}})
    a, b, c, d = people

    def profile(p: dict[str, Any]) -> dict[str, Any]:
        return {"avatar_hash": "g0123456789a", "image_72": f"https://avatars.slack-edge.com/{p['handle']}_72.png",
                "first_name": p["first"], "real_name": f"{p['first']} {p['last']}", "display_name": p["display"],
                "team": "T0TEAM001", "name": p["handle"], "is_restricted": False, "is_ultra_restricted": False}

    def msg(p: dict[str, Any], ts: int, text: str, **extra: Any) -> dict[str, Any]:
        return {"client_msg_id": f"9f{ts}-aa", "type": "message", "text": text, "user": p["id"],
                "ts": f"{ts}.000100", "team": "T0TEAM001", "user_profile": profile(p),
                "blocks": [{"type": "rich_text", "block_id": f"b{ts}", "elements": [{
                    "type": "rich_text_section", "elements": [{"type": "text", "text": text}]}]}], **extra}

    t = FIRST_TS
    general = [
        msg(a, t, f"Welcome <@{b['id']}>! {b['first']} {b['last']} joins us from {fake.city()}.",
            thread_ts=f"{t}.000100", reply_count=2, reply_users=[b["id"], c["id"]],
            replies=[{"user": b["id"], "ts": f"{t + 60}.000100"}, {"user": c["id"], "ts": f"{t + 120}.000100"}]),
        msg(b, t + 60, f"Thanks {a['first']}! Reach me at {b['email']} or ping @{b['handle']}.",
            thread_ts=f"{t}.000100", parent_user_id=a["id"]),
        msg(c, t + 120, f"Hi {b['first']}, {d['first']} {d['last']} and I sit next to you.",
            thread_ts=f"{t}.000100", parent_user_id=a["id"],
            reactions=[{"name": "wave", "users": [a["id"], b["id"]], "count": 2}]),
        msg(d, t + 180, "The build is green again, nothing personal here."),
        msg(a, t + 240, f"<@{c['id']}|{c['handle']}> uploaded the contract for Mr. {b['last']}.", files=[{
            "id": "F0FILE0001", "created": t + 240, "timestamp": t + 240,
            "name": f"{b['first'].lower()}_{b['last'].lower()}_contract.pdf",
            "title": f"{b['first']} {b['last']} contract", "mimetype": "application/pdf", "filetype": "pdf",
            "user": a["id"], "size": 12345,
            "url_private": f"https://files.slack.com/files-pri/T0TEAM001-F0FILE0001/"
                           f"{b['first'].lower()}_{b['last'].lower()}_contract.pdf",
            "permalink": f"https://acme.slack.com/files/{a['id']}/F0FILE0001/"
                         f"{b['first'].lower()}_{b['last'].lower()}_contract.pdf"}]),
    ]
    mpim_name = f"mpdm-{a['handle']}--{c['handle']}-1"
    dm = [msg(c, t + 300, f"{a['first']}, did {d['first']} send the slides to {d['email']}?")]
    channels = [{"id": "C0GENERAL", "name": "general", "created": t - 100, "creator": a["id"], "is_general": True,
                 "members": [p["id"] for p in people],
                 "topic": {"value": f"Company news, ask {a['first']} {a['last']}", "creator": a["id"],
                           "last_set": t},
                 "purpose": {"value": "Announcements", "creator": a["id"], "last_set": t}}]
    mpims = [{"id": "G0MPIM001", "name": mpim_name, "created": t, "creator": c["id"],
              "members": [a["id"], c["id"]], "topic": {"value": "", "creator": "", "last_set": 0},
              "purpose": {"value": f"Group messaging with: @{a['handle']} @{c['handle']}", "creator": c["id"],
                          "last_set": t}}]
    root.mkdir(parents=True, exist_ok=True)
    for name, data in (("users.json", users), ("channels.json", channels), ("mpims.json", mpims)):
        (root / name).write_text(json.dumps(data, indent=4), encoding="utf-8")
    (root / "general").mkdir()
    (root / "general" / "2023-11-14.json").write_text(json.dumps(general[:3], indent=4), encoding="utf-8")
    (root / "general" / "2023-11-15.json").write_text(json.dumps(general[3:], indent=4), encoding="utf-8")
    (root / mpim_name).mkdir()
    (root / mpim_name / "2023-11-15.json").write_text(json.dumps(dm, indent=4), encoding="utf-8")
    return {"people": people, "users": users, "mpim": mpim_name}


def _originals(people: list[dict[str, Any]]) -> list[str]:
    out = []
    for p in people:
        out += [p["first"], p["last"], p["handle"], p["email"], p["display"]]
    return out


def _found(value: str, text: str) -> bool:
    return re.search(rf"(?<![^\W_]){re.escape(value)}(?![^\W_])", text, re.IGNORECASE) is not None


def _shape(a: Any, b: Any, where: str = "") -> None:
    """Same structure; IDs, timestamps, types and mentions unchanged."""
    assert type(a) is type(b), where
    if isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            if k in ("id", "user", "ts", "thread_ts", "type", "parent_user_id", "team", "channel", "reply_users",
                     "users", "members", "creator", "created", "count", "size", "mimetype", "client_msg_id"):
                assert a[k] == b[k], f"{where}.{k}"
            _shape(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            _shape(x, y, f"{where}[{i}]")
    elif isinstance(a, str):
        assert re.findall(r"<@U[A-Z0-9]+", a) == re.findall(r"<@U[A-Z0-9]+", b), where
    else:
        assert a == b, where


@pytest.fixture(scope="module")
def scrubbed(tmp_path_factory):
    root = tmp_path_factory.mktemp("slack")
    facts = make_export(root / "export")
    key = root / "test.key"
    key.write_text(TEST_KEY + "\n")
    key.chmod(0o600)
    with CliRunner().isolation() as (_, err, _x):
        code = run_cli(["scrub-slack", str(root / "export"), "-o", str(root / "out"), "--key-file", str(key)])
        stderr = err.getvalue().decode()
    assert code == 0, stderr
    return root / "export", root / "out", facts, stderr


def test_no_original_person_survives(scrubbed):
    _, out, facts, stderr = scrubbed
    everything = " ".join(str(p.relative_to(out)) for p in out.rglob("*"))
    everything += " " + " ".join(p.read_text(encoding="utf-8") for p in out.rglob("*.json"))
    # A surrogate e-mail's domain is a Faker domain, which may happen to be built on another person's surname.
    for user in json.loads((out / "users.json").read_text()):
        if user["profile"].get("email"):
            everything = everything.replace(user["profile"]["email"], " ")
    for original in _originals(facts["people"]):
        assert not _found(original, everything), "an original value survived"
        assert original not in stderr
    users = {u["id"]: u for u in facts["users"]}
    for user in json.loads((out / "users.json").read_text()):
        if user.get("is_bot"):
            assert user == users[user["id"]]  # bots are not people
            continue
        profile = user["profile"]
        assert profile["title"] != users[user["id"]]["profile"]["title"]
        assert profile["phone"] != users[user["id"]]["profile"]["phone"]
        assert all(v.startswith("https://avatars.invalid/") for k, v in profile.items() if k.startswith("image_"))


def test_structure_ids_and_mentions_kept(scrubbed):
    src, out, facts, _ = scrubbed
    files = sorted(p.relative_to(src) for p in src.rglob("*.json"))
    renamed = {facts["mpim"]: json.loads((out / "mpims.json").read_text())[0]["name"]}
    assert renamed[facts["mpim"]] != facts["mpim"]
    for rel in files:
        parts = list(rel.parts)
        parts[0] = renamed.get(parts[0], parts[0])
        original = json.loads((src / rel).read_text())
        result = json.loads(out.joinpath(*parts).read_text())
        if rel.name == "mpims.json":
            result[0]["name"], original[0]["name"] = "", ""
        _shape(original, result, str(rel))
    assert sum(1 for _ in out.rglob("*.json")) == len(files)


def test_one_persona_everywhere_and_text_as_scrub(scrubbed):
    src, out, facts, _ = scrubbed
    users = {u["id"]: u for u in json.loads((out / "users.json").read_text())}
    day1 = json.loads((out / "general" / "2023-11-14.json").read_text())
    b = facts["people"][1]
    persona = users[b["id"]]
    first, last = persona["profile"]["first_name"], persona["profile"]["last_name"]
    assert persona["real_name"] == f"{first} {last}" and persona["profile"]["email"]
    assert f"{first} {last}" in day1[0]["text"]                          # full name in the first message
    assert first in day1[2]["text"]                                      # first name in a thread reply
    assert persona["profile"]["email"] in day1[1]["text"]                 # e-mail in their own reply
    assert f"@{persona['name']}" in day1[1]["text"]                       # @handle
    assert day1[1]["user_profile"]["real_name"] == persona["real_name"]   # user_profile blocks
    assert day1[1]["user_profile"]["name"] == persona["name"]
    assert day1[0]["blocks"][0]["elements"][0]["elements"][0]["text"] == day1[0]["text"]
    day2 = json.loads((out / "general" / "2023-11-15.json").read_text())
    assert f"Mr. {last}" in day2[1]["text"]
    file = day2[1]["files"][0]
    assert file["name"] == f"{first.lower()}_{last.lower()}_contract.pdf"
    assert file["url_private"].endswith("/" + file["name"]) and file["id"] == "F0FILE0001"
    c = facts["people"][2]
    assert day2[1]["text"].startswith(f"<@{c['id']}|{users[c['id']]['name']}>")
    # a message without any participant: exactly privsynth.scrub()
    original = json.loads((src / "general" / "2023-11-15.json").read_text())[0]["text"]
    assert day2[0]["text"] == privsynth.scrub(original, key=TEST_KEY).text


def test_clear_errors(tmp_path):
    with CliRunner().isolation():
        assert run_cli(["scrub-slack", str(tmp_path), "-o", str(tmp_path / "o"), "--key-file", "/nonexistent"]) != 0
        (tmp_path / "users.json").write_text("[]")
        (tmp_path / "o").mkdir()
        (tmp_path / "o" / "x").write_text("x")
        assert run_cli(["scrub-slack", str(tmp_path), "-o", str(tmp_path / "o")]) == 2


def test_same_key_same_export_other_key_other_people(scrubbed, tmp_path):
    from privsynth.integrations.slack import scrub_export

    src, out, facts, _ = scrubbed
    again = tmp_path / "again"
    scrub_export(src, again, key=TEST_KEY)
    for path in sorted(out.rglob("*.json")):
        assert (again / path.relative_to(out)).read_bytes() == path.read_bytes(), path.name
    other = tmp_path / "other"
    scrub_export(src, other, key=TEST_KEY + "-another-key")
    first = {u["id"]: u.get("real_name") for u in json.loads((out / "users.json").read_text())}
    second = {u["id"]: u.get("real_name") for u in json.loads((other / "users.json").read_text())}
    people = [p["id"] for p in facts["people"]]
    assert sum(first[i] != second[i] for i in people) >= len(people) - 1
