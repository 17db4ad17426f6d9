"""The alarm's second opinion: a sure alarm revives a past event unless its outcome is told."""

from __future__ import annotations

import pytest

from handlers.classifier.gate import EMERGENCY, NOTHING, PAST_EVENT, EmergencyGate
from handlers.classifier.opinion import claimed, own_raise, raise_believed, second_opinion
from handlers.classifier.text import normalize

SURE = 0.99


_GATE = EmergencyGate()


def _past(text: str):
    assessment = _GATE.assess(normalize(text), letter=False)
    assert assessment.verdict == PAST_EVENT, assessment.reasons()
    return assessment


@pytest.mark.parametrize("text", [
    "我爸刚刚突然晕倒了，邻居帮忙已经送到医院了，大夫说没大事，跟你们说一声",
    "孩子刚才走丢了，我们找了半天，在超市门口找到了，没事了",
])
def test_an_outcome_the_writer_tells_stays_past_however_sure_the_alarm(text):
    assessment, _ = second_opinion(_past(text), SURE, letter=False, told_kinds=_GATE.told_kinds)
    assert assessment.verdict == PAST_EVENT


@pytest.mark.parametrize("text", [
    "有人打电话说我儿子开车撞了人要赔钱私了，我爸现在正往银行走",
])
def test_an_outcome_claimed_or_still_to_come_does_not_close_the_danger(text):
    assessment, _ = second_opinion(_past(text), SURE, letter=False, told_kinds=_GATE.told_kinds)
    assert assessment.verdict == EMERGENCY


def test_a_past_event_stays_past_when_the_alarm_is_unsure():
    text = "有人打电话说我儿子开车撞了人要赔钱私了，我爸现在正往银行走"
    assessment, _ = second_opinion(_past(text), 0.5, letter=False, told_kinds=_GATE.told_kinds)
    assert assessment.verdict == PAST_EVENT


def test_claimed_reads_only_the_clause_before_the_words():
    norm = normalize("他说要赔钱，后来赔钱了")
    assert claimed(norm, norm.index("赔钱"))
    assert not claimed(norm, norm.rindex("赔钱"))


def test_an_offender_who_fled_closes_nothing_for_the_one_hurt():
    text = "我在路口被车撞了，胳膊一直在流血，肇事者跑了"
    assessment, _ = second_opinion(_past(text), SURE, letter=False, told_kinds=_GATE.told_kinds)
    assert assessment.verdict == EMERGENCY


def _believed(text: str, p_alarm: float = SURE) -> bool:
    norm = normalize(text)
    not_now = EmergencyGate().not_now(norm)
    assert not_now is not None
    return raise_believed(norm, not_now, p_alarm)


@pytest.mark.parametrize("text", [
    "女儿说六点到家，七点半了还没到，刚打通她的电话手表，她说在同桌家写作业呢",
    "My son was two hours late from football, but his coach rang: he is fine, he missed the bus",
])
def test_a_sure_alarm_does_not_raise_a_worry_whose_answer_the_writer_tells(text):
    assert not _believed(text)


@pytest.mark.parametrize("text", [
    "两个孩子去水库边玩，一个回来了，另一个到现在也没回来",
    "老人走丢了一上午，刚才派出所打电话说找到了，可他又不见了",
])
def test_an_outcome_followed_by_danger_words_leaves_the_alarm_its_raise(text):
    assert _believed(text)
    assert not _believed(text, 0.7)     # below SURE a word out of "now" decides


def _own(text: str) -> str:
    norm = normalize(text)
    return own_raise(norm, EmergencyGate().not_now(norm), SURE)


@pytest.mark.parametrize("text", [
    "我家兔子刚才从阳台掉下去了，腿好像瘸了，正抱着往宠物医院跑",
    "俺家的鸭子今儿一早全跑了，顺着沟往西去了，谁瞅见了说一声",
])
def test_an_animal_in_trouble_with_nobody_else_named_is_no_raise_of_the_alarm(text):
    assert _own(text) == NOTHING


@pytest.mark.parametrize("text", [
    "一头猪从货车上掉下来了，在高速上乱跑，后面的车都在急刹",
    "我家狗跑出去了，我奶奶出去找它，到现在三个小时了",
    "我把我的猫托付给邻居了，我现在在河边",
])
def test_an_animal_that_is_the_danger_or_beside_a_person_leaves_the_raise(text):
    assert _own(text) == EMERGENCY


@pytest.mark.parametrize("text", [
    "我这会儿正在车管所门口，驾照换证的窗口在几楼",
    "牙疼得睡不着，这么晚了附近哪家药店还开着",
])
def test_a_question_about_an_everyday_service_is_no_raise_of_the_alarm(text):
    assert _own(text) == NOTHING


def test_a_floor_number_is_no_service_question():
    assert _own("塔吊上的工人困在十几楼高的地方，下不来了") == EMERGENCY


@pytest.mark.parametrize("text", [
    "我的耳机在地铁上不见了，手机上显示在一个小区里",
    "早上晾在外面的被子不见了，估计叫风刮跑了",
    "我正在跟客服聊换货的事，他们一直不回",
])
def test_a_thing_lost_or_a_shop_talk_with_nobody_in_danger_is_no_raise_of_the_alarm(text):
    assert _own(text) == NOTHING


@pytest.mark.parametrize("text", [
    "我爸骑的三轮车找不到了，人也联系不上，他有老年痴呆",
    "对方说我的快递丢了要理赔，让我下载了一个软件开屏幕共享",
    "客服说退货要先验证，让我把验证码告诉他，我正在操作",
])
def test_a_person_a_scam_or_money_asked_for_leaves_the_raise(text):
    assert _own(text) == EMERGENCY


def test_a_sighting_responders_already_handle_is_no_raise_of_the_alarm():
    assert _own("超市门口有个大爷晕倒了，店员叫了120，救护车已经到了") == NOTHING


@pytest.mark.parametrize(("text", "verdict"), [
    ("电脑又死机了，开不了机，里面还有明天要交的材料", NOTHING),
    ("今晚八点抢演唱会门票，就怕手速不够快", NOTHING),
    ("手机卡死了打不了电话，我爸在旁边晕倒了", EMERGENCY),
])
def test_danger_words_of_a_device_or_a_ticket_rush_alone_are_no_raise(text, verdict):
    assert _own(text) == verdict
