"""The never-seen emergency set: read, frozen, and reported in `make eval` without its texts."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from importlib import resources

import pytest

from handlers.classifier.classifier import IntentClassifier
from handlers.tools import blind_set, emergency_set


@pytest.fixture(scope="module")
def classifier() -> IntentClassifier:
    return IntentClassifier.load()


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
    assert out["frozen"] is False


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


def test_make_eval_gets_the_blind_section_its_figures_and_no_text_of_the_set(classifier):
    texts: list[str] = ["earlier sections"]
    figures: dict = {}
    missed = blind_set.report(classifier, texts, figures)
    assert texts[0] == "earlier sections" and len(texts) == 2
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
    for item in emergency_set.read_items(emergency_set.BLIND)[:50]:
        assert item.text not in section


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
