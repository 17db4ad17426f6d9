"""`jingmin classify` as a script or an officer uses it: JSON lines, bad bytes, acts, kinds."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from bot.cli.classify import classify_lines

KEYS = {"text", "intent", "confidence", "reasons", "acts", "emergency_kind"}


def _run(stdin: bytes, tmp_path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "classify", "--config", str(tmp_path / "none.toml")],
        input=stdin, capture_output=True, cwd=tmp_path, timeout=120, check=False)


def test_each_line_becomes_one_json_object_with_the_contract_keys(tmp_path):
    lines = ["救命 有人打我", "DCF20261127-0001", "", "你好", "我要报警", "有个事"]
    done = _run(("\n".join(lines) + "\n").encode(), tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    records = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [r["text"] for r in records] == lines
    assert all(set(r) == KEYS for r in records)
    assert [r["intent"] for r in records] == ["emergency", "status", "other", "other",
                                              "complaint", records[5]["intent"]]
    assert records[0]["emergency_kind"] == "crime"
    assert all(r["emergency_kind"] is None for r in records[1:])
    # The bot answers all of these at once, except the vague one, which gets the quick menu.
    assert [r["acts"] for r in records] == [True, True, True, True, True, False]
    assert "救命".encode() in done.stdout        # not \u-escaped


def test_a_line_that_is_not_utf8_is_classified_with_the_bad_bytes_replaced(tmp_path):
    stdin = "我家着火了\n".encode() + b"\xff\xfe\xe6\x95" + "有人拿刀\n".encode() + b"ok\n"
    done = _run(stdin, tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    records = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert len(records) == 3
    assert records[0]["emergency_kind"] == "fire"
    assert records[1]["text"].startswith("\ufffd") and records[1]["text"].endswith("有人拿刀")
    assert records[1]["intent"] == "emergency"
    assert records[2]["text"] == "ok"


def test_it_never_stops_early_on_odd_input():
    odd = ["\x00\x1d控制字符", "😀" * 500, "字" * 5000, "\u3000\u3000", "DCF", "\ufffd",
           "a\tb\tc", "尊敬的领导："]
    stream = io.BytesIO(("\n".join(odd) + "\n").encode("utf-8") + b"\x80\n" + b"last")
    out = io.StringIO()
    assert classify_lines(stream, out) == len(odd) + 2
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert records[-1]["text"] == "last" and records[-2]["text"] == "\ufffd"
    assert all(set(r) == KEYS for r in records)


def test_carriage_returns_are_not_part_of_the_text():
    out = io.StringIO()
    classify_lines(io.BytesIO(b"\xe4\xbd\xa0\xe5\xa5\xbd\r\n"), out)
    assert json.loads(out.getvalue())["text"] == "你好"
