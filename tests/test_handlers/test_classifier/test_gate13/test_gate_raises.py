"""The gate itself, not the alarm, raises a medical plea, a self-harm plan, a sight or a cry
with no cue before stop 31; the same words asked ahead, in general or in everyday plans do not."""

from __future__ import annotations

import pytest

from tests.classifying import quiet, raised


def _by_gate(reasons: tuple[str, ...], cue: str) -> bool:
    return any(reason.startswith(f"rule:emergency:{cue}:") for reason in reasons)


@pytest.mark.parametrize(("text", "cue"), [
    ("孩子发高烧抽搐怎么办", "unconscious"),
    ("俺娘口吐白沫了，咋办", "unconscious"),
    ("宝宝吃错药了怎么办", "wrong_pill"),
    ("我奶奶把洗衣凝珠当糖吃了，怎么办", "swallowed"),
])
def test_a_medical_plea_told_now_is_a_p1_medical_emergency(classifier, text, cue):
    prediction = raised(classifier, text)
    assert prediction.priority == "P1" and "medical" in prediction.emergency_kinds
    assert _by_gate(prediction.reasons, cue), prediction.reasons
    assert "self_harm" not in prediction.emergency_kinds


@pytest.mark.parametrize("text", [
    "孩子发烧了怎么办",
    "如果孩子抽搐怎么办",
    "抽搐怎么办",
    "小孩高烧抽搐一般怎么处理",
    "他今天是不是吃错药了，冲我发火",
    "你吃错药了吧",
])
def test_a_medical_question_ahead_or_in_general_stays_a_question(classifier, text):
    quiet(classifier, text)


@pytest.mark.parametrize("text", [
    "药都准备好了，今晚就全吃了",
    "绳子买好了，等家里人都睡了我就走",
    "安眠药我囤了两盒，一会儿就全部吃下去",
    "遗书写好了，木炭也买好了，就在宾馆里",
])
def test_a_self_harm_plan_is_raised_by_the_gate_itself(classifier, text):
    prediction = raised(classifier, text)
    assert "self_harm" in prediction.emergency_kinds
    assert not prediction.reasons[0].startswith("alarm:"), prediction.reasons


@pytest.mark.parametrize("text", [
    "药买好了，明天开始按时吃",
    "木炭买好了，周末在河边烧烤",
    "绳子准备好了，明天搬家捆东西用",
    "刀片买好了，给我爸刮胡子用",
])
def test_means_readied_for_everyday_use_are_no_plan(classifier, text):
    quiet(classifier, text)


@pytest.mark.parametrize("text", [
    "池塘里有个小孩一直在扑腾，快来人",
    "游泳池深水区有个人沉下去了",
    "楼下有个女人哭着喊放开我",
    "隔壁一直有人喊别打了别打了",
])
def test_a_sight_or_a_cry_now_names_a_cue(classifier, text):
    prediction = raised(classifier, text)
    assert any(reason.startswith("rule:emergency:") for reason in prediction.reasons)


@pytest.mark.parametrize("text", [
    "我的心一下子沉下去了",
    "孩子们在操场上玩，喊着放开我放开我",
    "电视剧里女主一直喊别打了",
    "我跟我哥闹着玩，他喊别打了",
])
def test_the_same_words_in_play_a_screen_or_a_feeling_are_quiet(classifier, text):
    quiet(classifier, text)
