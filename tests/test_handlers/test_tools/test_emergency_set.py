"""The emergency set's harness: the frozen test part, the figures, the near-duplicate check."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from importlib import resources

import pytest

from handlers.classifier import alarm
from handlers.tools import emergency_set


@pytest.fixture(scope="module")
def plain_reports(classifier):
    """make eval's emergency sections, figures and missed targets, as shipped (one run)."""
    return emergency_set.reports(classifier, [], False, False)


def _bytes(name: str) -> bytes:
    return resources.files("handlers").joinpath("data", name).read_bytes()


def test_the_frozen_test_part_is_byte_for_byte_what_was_frozen():
    assert hashlib.sha256(_bytes(emergency_set.TEST)).hexdigest() == \
        emergency_set.FROZEN[emergency_set.TEST]
    assert emergency_set.frozen_ok()


def test_an_edited_test_part_fails_make_eval(classifier, monkeypatch):
    # One changed byte anywhere changes the digest; the harness then reports a missed target.
    edited = bytearray(_bytes(emergency_set.TEST))
    edited[-2] ^= 1
    monkeypatch.setitem(emergency_set.FROZEN, emergency_set.TEST,
                        hashlib.sha256(bytes(edited)).hexdigest())
    assert not emergency_set.frozen_ok()
    _, _, missed = emergency_set.reports(classifier, [], False, False, cross_validate=False)
    assert f"frozen:{emergency_set.TEST} was edited" in missed


def test_both_parts_are_large_enough_labelled_by_kind_and_disjoint():
    dev = emergency_set.read_items(emergency_set.DEV)
    test = emergency_set.read_items(emergency_set.TEST)
    items = dev + test
    labels = Counter(item.label for item in items)
    assert labels["emergency"] >= 400 and labels["negative"] >= 1500
    kinds = Counter(item.kind for item in items if item.label == "emergency")
    assert set(kinds) == set(emergency_set.EMERGENCY_KINDS)
    assert Counter(item.register for item in items if item.label == "negative")["letter"] >= 300
    assert not {item.text for item in dev} & {item.text for item in test}


def test_near_duplicates_across_the_parts_stay_under_two_percent():
    dev = [item.text for item in emergency_set.read_items(emergency_set.DEV)]
    test = [item.text for item in emergency_set.read_items(emergency_set.TEST)]
    shared = len(emergency_set.near_duplicates(dev, test)) + \
        len(emergency_set.near_duplicates(test, dev))
    assert shared / (len(dev) + len(test)) <= emergency_set.NEAR_DUPLICATE_TARGET


def test_near_duplicates_are_3_gram_jaccard_at_or_above_the_threshold():
    base = "我家孩子在柳园广场走丢了，穿红色外套，五岁"
    assert emergency_set.near_duplicates([base.replace("五岁", "六岁")], [base]) == [0]
    assert emergency_set.near_duplicates(["楼下饭店油烟太大，熏得睡不着"], [base]) == []


def test_figures_count_recall_by_kind_and_false_alarms_by_register(classifier):
    lines = [json.dumps(row, ensure_ascii=False) for row in (
        {"label": "emergency", "kind": "fire", "register": "chat", "text": "我家着火了"},
        {"label": "emergency", "kind": "fire", "register": "chat", "text": "今天天气不错"},
        {"label": "emergency", "kind": "missing", "register": "traditional",
         "text": "我的孩子走丟了"},
        {"label": "negative", "register": "chat", "text": "这天热得要命"},
        {"label": "negative", "register": "chat", "text": "救命 有人拿刀砍人"},
        {"label": "negative", "register": "letter", "text": "尊敬的领导：路灯坏了。"},
    )]
    report = emergency_set.evaluate(classifier, emergency_set.parse_items(lines), "sample")
    assert report.recall == {"fire": 0.5, "missing": 1.0, "all": 2 / 3}
    assert report.false_alarms["chat"] == 0.5 and report.false_alarms["letter"] == 0.0
    assert report.false_alarms["all"] == pytest.approx(1 / 3)
    assert report.missed == [("fire", "今天天气不错")]
    assert "recall:fire" in emergency_set.missed_targets(report)
    assert "false_alarms:chat" in emergency_set.missed_targets(report)


def test_a_bad_line_is_named():
    with pytest.raises(ValueError, match="part:2"):
        emergency_set.parse_items(['{"label": "negative", "text": "好"}',
                                   '{"label": "emergency", "kind": "flood", "text": "x"}'],
                                  "part")


def test_the_fifth_part_is_well_formed_and_trained_on():
    items = emergency_set.read_items(emergency_set.DEV5)
    labels = Counter(item.label for item in items)
    assert labels["emergency"] >= 350 and labels["negative"] >= 900
    kinds = {item.kind for item in items if item.label == "emergency"}
    assert kinds == set(emergency_set.EMERGENCY_KINDS)
    assert len({item.text for item in items}) == len(items)
    others = {item.text for name in (emergency_set.DEV, emergency_set.DEV2, emergency_set.DEV3,
                                     emergency_set.DEV4, emergency_set.DEV_OWN)
              for item in emergency_set.read_items(name)}
    assert not others & {item.text for item in items}
    assert emergency_set.DEV5 in alarm.TRAINING_SETS
    assert emergency_set.TEST not in alarm.TRAINING_SETS
    assert emergency_set.TEST2 not in alarm.TRAINING_SETS


def test_make_eval_holds_the_fifth_part_to_the_development_target(classifier, plain_reports,
                                                                   monkeypatch):
    texts, figures, _ = plain_reports
    sections = [text for text in texts
                if text.startswith(f"== emergency set, {emergency_set.DEV5} ")]
    # Counted, not compared: a failing assert would print the part's figures.
    labelled = sum("not yet trained on" in text for text in sections)
    assert len(sections) == 1 and labelled == 0, "one dev5 section, no longer labelled"
    assert emergency_set.DEV5 in figures
    # A dev5 emergency missed is a missed target now, as on dev..dev4.
    missed_line = json.dumps({"label": "emergency", "kind": "fire", "register": "chat",
                              "text": "今天天气不错"}, ensure_ascii=False)
    read = emergency_set.read_items
    monkeypatch.setattr(emergency_set, "read_items", lambda name: emergency_set.parse_items(
        [missed_line], name) if name == emergency_set.DEV5 else read(name))
    _, _, missed = emergency_set.reports(classifier, [], False, False)
    assert f"{emergency_set.DEV5}:recall:fire" in missed


def test_the_sixth_part_is_well_formed_and_trained_on():
    items = emergency_set.read_items(emergency_set.DEV6)
    labels = Counter(item.label for item in items)
    assert labels["emergency"] >= 350 and labels["negative"] >= 900
    kinds = {item.kind for item in items if item.label == "emergency"}
    assert kinds == set(emergency_set.EMERGENCY_KINDS)
    assert len({item.text for item in items}) == len(items)
    others = {item.text for name in (emergency_set.DEV, emergency_set.DEV2, emergency_set.DEV3,
                                     emergency_set.DEV4, emergency_set.DEV5, emergency_set.DEV_OWN)
              for item in emergency_set.read_items(name)}
    assert not others & {item.text for item in items}
    assert emergency_set.DEV6 in alarm.TRAINING_SETS


def test_make_eval_holds_the_sixth_part_to_the_development_target(classifier, plain_reports,
                                                                  monkeypatch):
    texts, figures, _ = plain_reports
    sections = [text for text in texts
                if text.startswith(f"== emergency set, {emergency_set.DEV6} ")]
    # Counted, not compared: a failing assert would print the part's figures.
    labelled = sum("not yet trained on" in text for text in sections)
    assert len(sections) == 1 and labelled == 0, "one dev6 section, no longer labelled"
    assert emergency_set.DEV6 in figures
    # A dev6 emergency missed is a missed target now, as on dev..dev5.
    missed_line = json.dumps({"label": "emergency", "kind": "fire", "register": "chat",
                              "text": "今天天气不错"}, ensure_ascii=False)
    read = emergency_set.read_items
    monkeypatch.setattr(emergency_set, "read_items", lambda name: emergency_set.parse_items(
        [missed_line], name) if name == emergency_set.DEV6 else read(name))
    _, _, missed = emergency_set.reports(classifier, [], False, False)
    assert f"{emergency_set.DEV6}:recall:fire" in missed


def test_leave_one_writer_out_scores_each_part_by_an_alarm_that_never_read_it(monkeypatch):
    from handlers.classifier.model import LABELS, Item, LinearModel

    trained: list[set[str]] = []

    def spy(corpus, extra=None):
        trained.append({text for _, text in extra})
        return alarm.Alarm.constant(0.5)

    monkeypatch.setattr(emergency_set.Alarm, "train", spy)
    writers = [[Item("emergency", "fire", "chat", f"{place}着火了，火很大，快来人救火"),
                Item("negative", "past", "chat", f"{place}去年着过一次火，现在修好了"),
                Item("negative", "idiom", "chat", f"{place}的饭菜好吃得要命")]
               for place in ("三楼", "菜市场", "学校门口")]
    intents = LinearModel({}, [5.0 if name == "consult" else 0.0 for name in LABELS])
    report = emergency_set.writers_left_out([], writers, intents)
    assert (report.name, report.emergencies, report.negatives) == (emergency_set.LOWO, 3, 6)
    assert report.recall["all"] == 1.0     # the gate's cue, with an alarm that never overrules
    assert len(trained) == 3
    for held, seen in zip(writers, trained, strict=True):
        assert len(seen) == 6 and seen.isdisjoint(item.text for item in held)
