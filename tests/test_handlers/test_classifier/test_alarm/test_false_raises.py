"""Everyday words the emergency cues must leave alone, beside the emergencies they still name."""

from __future__ import annotations

import pytest

from handlers.classifier.gate import EMERGENCY, EmergencyGate
from handlers.classifier.rules import Rules
from handlers.classifier.text import normalize
from tests.classifying import quiet, raised


def _verdict(text: str) -> str:
    return EmergencyGate().assess(normalize(text), letter=False).verdict


@pytest.mark.parametrize("text", [
    "我正在跟客服聊退货，问运费谁出",
    "在群里交了两千块报名费，第二天就被踢出群了",
])
def test_a_shop_chat_and_a_group_kick_are_no_emergency_cue(text):
    assert _verdict(text) != EMERGENCY


@pytest.mark.parametrize("text", [
    "我正在跟一个自称客服的人通话，他让我开屏幕共享",
    "我正在跟对方视频，他让我把钱转到安全账户",
    "我儿子在学校被同学踢了好几脚，现在肚子疼得站不起来",
])
def test_a_stranger_on_the_line_and_a_kick_are_still_emergencies(text):
    assert _verdict(text) == EMERGENCY


def test_blame_for_an_officers_manner_is_a_conduct_complaint_not_a_status_question():
    text = normalize("报了两回警都说在处理，到底处理了没有，这是什么态度")
    assert Rules("DCF").officer_conduct(text) is not None


def test_a_question_the_model_reads_as_a_consultation_is_no_raise_of_a_sure_alarm(classifier):
    from handlers.classifier.alarm import Alarm
    from handlers.classifier.classifier import IntentClassifier

    sure = IntentClassifier(classifier.intent_model, alarm=Alarm.constant(0.99))
    assert sure.classify("我现在在交警队，事故认定书去哪领").intent == "consult"
    assert sure.classify("我朋友躺在宿舍里一直不说话，叫也不应").intent == "emergency"


@pytest.mark.parametrize("text", [
    "那我现在就预约吧", "那我现在就去办吧", "行，我马上过去办", "好的，我现在就预约",
    "我现在在派出所门口", "我现在在你们大厅", "我已经到了，在门口等着", "俺到了，在楼下等着呢",
])
def test_paperwork_or_arriving_for_it_now_is_no_emergency(classifier, text):
    # Short and "now" as a cry is, with no cue: the alarm alone read them as emergencies.
    quiet(classifier, text)


@pytest.mark.parametrize("text", [
    "我现在就在楼顶上，你们别来劝我了",
    "快来人啊怎么办，我爸现在叫不醒了",
    "我刚预约完从派出所出来，有个男的一直跟着我，现在还在后面",
    "他已经到了，在门口等着，手里拿着刀",
    "我现在在派出所门口，有个男的一直跟着我",
])
def test_dangers_told_now_beside_the_same_words_still_raise(classifier, text):
    raised(classifier, text)
