"""The learned view of the kind (`cues/learned.py`): it adds a kind the words did not name
when it is sure, never removes one, and leaves a bare cry alone."""

from __future__ import annotations

import pytest

from handlers.classifier.cues.kinds import KindWords
from handlers.classifier.cues.learned import BESIDE, RAISE, KindModel, trained
from handlers.classifier.gate import EmergencyGate
from handlers.classifier.text import normalize

# Made-up stories: the model learns a missing child from a few lines and nothing else.
_LINES = [
    ("missing", "孩子在公园里玩着玩着就找不到了，到处喊也没有回应"),
    ("missing", "我家小孙子在菜市场跟我走散了，找了一圈也没有"),
    ("missing", "女儿在游乐场排队的时候突然找不到了，广播也喊过了"),
    ("missing", "儿子在广场玩，一眨眼找不到了，问了好多人都说没注意"),
    ("crime", "有人拿着棍子在楼道里砸门，嘴里一直骂人"),
    ("crime", "几个人在店门口拿棍子砸车，还在骂"),
    ("other", "电梯停在两层中间不动了，里面有人出不来"),
    ("other", "河里有人在扑腾，看着快不行了"),
]


@pytest.fixture(scope="module")
def model() -> KindModel:
    return KindModel.train(_LINES)


def test_the_model_names_the_kind_of_an_emergency_the_words_left_other(model):
    norm = normalize("我家孩子在公园里找不到了，喊了半天也没有回应")
    kind, probability = model.best(norm)
    assert kind == "missing" and probability >= RAISE
    assert model.add(norm, ("other",)) == ("missing",)


def test_it_never_removes_a_kind_and_adds_beside_others_only_when_sure(model):
    norm = normalize("我家孩子在公园里找不到了，喊了半天也没有回应")
    assert set(model.add(norm, ("crime",))) >= {"crime"}
    beside = model.add(norm, ("crime",))
    assert beside == (("crime", "missing") if model.best(norm)[1] >= BESIDE else ("crime",))
    assert model.add(norm, ("fire", "missing")) == ("fire", "missing")


def test_a_bare_cry_is_left_to_the_words(model):
    assert model.add(normalize("救命啊快来人"), ("other",)) == ("other",)


def test_the_gate_asks_the_model_it_was_given():
    norm = normalize("我家孩子在广场上玩着玩着，喊了半天也没有回应")
    assert KindWords().kinds(norm) == ("other",)        # no kind word
    assert EmergencyGate(kind_model=KindModel.train(_LINES)).hinted_kinds(norm) == ("missing",)


def test_the_trained_model_reads_the_development_parts_once():
    assert trained() is trained()
    assert trained().model.labels[-1] == "other"
