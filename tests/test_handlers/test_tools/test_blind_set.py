"""The never-seen emergency sets: read, frozen, and reported in `make eval` without their texts.

PYTEST_DONT_REWRITE: a failing assert here must not print the values it compared, which are
the never-seen texts; messages give counts instead.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from importlib import resources

import pytest

from handlers.tools import blind_set, emergency_set


def _bytes() -> bytes:
    return resources.files("handlers").joinpath("data", emergency_set.BLIND).read_bytes()


def test_the_blind_set_is_byte_for_byte_what_was_frozen():
    assert hashlib.sha256(_bytes()).hexdigest() == emergency_set.FROZEN[emergency_set.BLIND]
    assert emergency_set.frozen_ok(emergency_set.BLIND)


def test_an_edited_blind_set_is_named_among_the_missed_targets(monkeypatch, capsys):
    edited = bytearray(_bytes())
    edited[-2] ^= 1
    monkeypatch.setitem(emergency_set.FROZEN, emergency_set.BLIND,
                        hashlib.sha256(bytes(edited)).hexdigest())
    assert blind_set.main(["--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert f"frozen:{emergency_set.BLIND} was edited" in out["missed"]
    assert out[blind_set.NAME]["frozen"] is False
    assert out[blind_set.NAME2]["frozen"] is True


def test_the_set_covers_every_kind_everyday_messages_and_long_letters():
    items = emergency_set.read_items(emergency_set.BLIND)
    emergencies = Counter(item.kind for item in items if item.label == "emergency")
    assert sum(emergencies.values()) >= 250
    assert set(emergencies) == set(emergency_set.EMERGENCY_KINDS)
    negatives = [item for item in items if item.label == "negative"]
    letters = [item for item in negatives if item.register in emergency_set.LETTERS]
    assert len(negatives) >= 700 and len(negatives) - len(letters) >= 450
    assert len(letters) >= 150
    assert all(200 <= len(item.text.replace("\n", "")) <= 800 and "\n" in item.text
               for item in letters)
    assert len({item.text for item in items}) == len(items)


@pytest.fixture(scope="module")
def evaluated(classifier) -> tuple[list[str], dict, list[str]]:
    """`make eval`'s blind sections, computed once for the module."""
    texts: list[str] = ["earlier sections"]
    figures: dict = {}
    missed = blind_set.report(classifier, texts, figures)
    return texts, figures, missed


def test_make_eval_gets_the_blind_section_its_figures_and_no_text_of_the_set(evaluated):
    texts, figures, missed = evaluated
    missed = [name for name in missed if name.startswith("blind:")]
    assert texts[0] == "earlier sections" and len(texts) == 6
    section = texts[1]
    assert "never seen (blind)" in section and "near-duplicates against every other" in section
    report = figures[blind_set.NAME]
    assert set(report["recall"]) - {"all"} == set(emergency_set.EMERGENCY_KINDS)
    assert {"letter", "chat", "all"} <= set(report["false_alarms"])
    assert "missed" not in report and "alarms" not in report
    # Every other data file is checked for near-duplicates, and the set has none.
    assert "emergency_test.jsonl" in report["near_duplicate_shares"]
    assert "intents_corpus.tsv" in report["near_duplicate_shares"]
    assert report["near_duplicate_shares"]["any"] <= blind_set.NEAR_DUPLICATE_TARGET
    # The missed targets are exactly those the figures show.
    expected = {f"blind:recall:{kind}" for kind, value in report["recall"].items()
                if value < 1.0}
    expected |= {f"blind:false_alarms:{group}" for group, target
                 in blind_set.FALSE_ALARM_TARGET.items()
                 if report["false_alarms"][group] > target}
    assert set(missed) == expected
    # Counted, never shown: a failing assert would print the never-seen texts themselves.
    shown = sum(item.text in section for item in emergency_set.read_items(emergency_set.BLIND))
    assert shown == 0, f"{shown} never-seen texts printed by the report"


def test_targets_are_every_emergency_and_the_issue_s_false_alarm_rates(classifier):
    lines = [json.dumps(row, ensure_ascii=False) for row in (
        {"label": "emergency", "kind": "fire", "register": "chat", "text": "我家着火了"},
        {"label": "emergency", "kind": "fire", "register": "chat", "text": "今天天气不错"},
        {"label": "negative", "kind": "idiom", "register": "chat", "text": "这天热得要命"},
        {"label": "negative", "kind": "long_letter", "register": "letter",
         "text": "救命 有人拿刀砍人"},
    )]
    report = emergency_set.evaluate(classifier, emergency_set.parse_items(lines), "sample")
    clean = {"any": 0.0}
    assert blind_set.missed_targets(report, clean) == [
        "blind:recall:fire", "blind:recall:all", "blind:false_alarms:letter"]
    assert "blind:near_duplicates" in blind_set.missed_targets(report, {"any": 0.03})


def test_near_duplicates_are_counted_per_other_file():
    base = "我家孩子在柳园广场走丢了，穿红色外套，五岁"
    shares = blind_set.duplicate_shares(
        [base.replace("五岁", "六岁"), "楼下饭店油烟太大，熏得睡不着"],
        {"a.jsonl": [base], "b.tsv": ["今天天气不错"]})
    assert shares == {"a.jsonl": 0.5, "b.tsv": 0.0, "any": 0.5}


def _bytes2() -> bytes:
    return resources.files("handlers").joinpath("data", blind_set.BLIND2).read_bytes()


def test_the_second_set_is_byte_for_byte_what_was_frozen():
    assert hashlib.sha256(_bytes2()).hexdigest() == blind_set.FROZEN[blind_set.BLIND2]
    assert blind_set.frozen2_ok()


def test_an_edited_second_set_is_named_among_the_missed_targets(monkeypatch, classifier):
    edited = bytearray(_bytes2())
    edited[-2] ^= 1
    monkeypatch.setitem(blind_set.FROZEN, blind_set.BLIND2,
                        hashlib.sha256(bytes(edited)).hexdigest())
    assert not blind_set.frozen2_ok()
    text, figures, missed = blind_set.section2(classifier)
    assert f"frozen:{blind_set.BLIND2} was edited" in missed
    assert figures["frozen"] is False and "was edited" in text


def test_every_line_of_the_second_set_is_well_formed_and_the_set_is_as_asked():
    items, hard = blind_set.read_blind2()
    assert len(items) == len(hard) == len(_bytes2().decode("utf-8").splitlines())
    emergencies = Counter(item.kind for item in items if item.label == "emergency")
    assert sum(emergencies.values()) >= 260
    assert set(emergencies) == set(emergency_set.EMERGENCY_KINDS)
    assert min(emergencies.values()) >= 20
    letters = [item for item in items if item.label == "negative"
               and item.register in emergency_set.LETTERS]
    everyday = [flag for item, flag in zip(items, hard, strict=True)
                if item.label == "negative" and item.register not in emergency_set.LETTERS]
    assert len(letters) >= 150 and {item.kind for item in letters} == {"long_letter"}
    assert len(everyday) >= 600 and min(everyday.count(True), everyday.count(False)) >= 280
    assert len({item.text for item in items}) == len(items)


GOOD = {"label": "negative", "kind": "past", "register": "chat", "hard": True,
        "text": "上个月电动车被偷了，想问问进展"}


@pytest.mark.parametrize("change", [
    {"hard": "yes"}, {"register": "telegram"}, {"kind": ""}, {"text": "  "},
    {"label": "emergency", "kind": "flood"}, {"label": "maybe"},
    {"register": "letter", "text": "标题\n" + "很短的一封信。" * 5},
    {"register": "formal", "text": "没有分段" * 60},
    {"register": "letter", "text": "标题\n" + "太长了。" * 220},
    {"extra": 1},
])
def test_a_malformed_line_of_the_second_set_is_named(change):
    good = json.dumps(GOOD, ensure_ascii=False)
    bad = json.dumps({**GOOD, **change}, ensure_ascii=False)
    assert blind_set.parse_blind2([good])[1] == [True]
    with pytest.raises(ValueError, match=r"emergency_blind2\.jsonl:3:"):
        blind_set.parse_blind2([good, "", bad])


@pytest.mark.parametrize("broken", ["{not json", json.dumps({"label": "negative"})])
def test_a_line_that_is_not_an_item_is_named(broken):
    with pytest.raises(ValueError, match=r":1:"):
        blind_set.parse_blind2([broken])
    without_hard = {key: value for key, value in GOOD.items() if key != "hard"}
    with pytest.raises(ValueError, match=r":1:"):
        blind_set.parse_blind2([json.dumps(without_hard, ensure_ascii=False)])


def test_make_eval_gets_the_second_section_without_its_texts(evaluated):
    texts, figures, missed = evaluated
    section = texts[2]
    assert "never seen (blind2)" in section and "everyday apart: hard" in section
    report = figures[blind_set.NAME2]
    assert set(report["recall"]) - {"all"} == set(emergency_set.EMERGENCY_KINDS)
    assert {"letter", "chat", "chat:hard", "chat:plain", "all"} <= set(report["false_alarms"])
    assert report["negatives_by"]["chat:hard"] + report["negatives_by"]["chat:plain"] == \
        report["negatives_by"]["chat"]
    assert "missed" not in report and "alarms" not in report and report["frozen"] is True
    shares = report["near_duplicate_shares"]
    assert "emergency_blind.jsonl" in shares and blind_set.BLIND2 not in shares
    assert shares["any"] <= blind_set.NEAR_DUPLICATE_TARGET
    expected = {f"blind2:recall:{kind}" for kind, value in report["recall"].items()
                if value < 1.0}
    expected |= {f"blind2:false_alarms:{group}" for group, target
                 in blind_set.FALSE_ALARM_TARGET.items()
                 if report["false_alarms"][group] > target}
    assert {name for name in missed if name.startswith("blind2:")} == expected
    items, _ = blind_set.read_blind2()
    assert not any(item.text in section for item in items)


def test_everyday_false_alarms_are_told_for_hard_and_plain_messages_apart():
    rows = [("emergency", "fire", "chat", True), ("negative", "past", "chat", True),
            ("negative", "past", "voice", True), ("negative", "consult", "chat", False),
            ("negative", "long_letter", "letter", True), ("negative", "thanks", "chat", False)]
    items = [emergency_set.Item(label, kind, register, f"text {i}")
             for i, (label, kind, register, _) in enumerate(rows)]
    report = emergency_set.Report("sample", 0, 0, {}, {}, 0.0, {}, {})
    blind_set.everyday_split(report, items, [row[3] for row in rows],
                             [True, True, False, False, True, True])
    assert report.negatives_by == {"chat:hard": 2, "chat:plain": 2}
    assert report.false_alarms == {"chat:hard": 0.5, "chat:plain": 0.5}
