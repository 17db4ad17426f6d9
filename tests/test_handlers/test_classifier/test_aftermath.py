"""Danger already over or in others' hands pages nobody; danger that goes on still does."""

from __future__ import annotations

import pytest

from handlers.classifier.classifier import IntentClassifier
from handlers.classifier.gate import EMERGENCY, EmergencyGate
from handlers.classifier.text import normalize


@pytest.fixture(scope="module")
def classifier() -> IntentClassifier:
    return IntentClassifier.load()


@pytest.mark.parametrize("text", [
    "刚才超市里闺女找不着了，急得我到处喊，后来广播一叫她自己跑回来了，已经找到了",
    "刚刚楼道里电动车冒烟，保安拿灭火器喷了，火已经灭了，没事了",
    "刚才有人打电话说我儿子出事了要我转钱，我打给儿子一问是骗子，钱没转",
    "将才俺爹在院里摔倒了，扶起来问了问，人没事，就是胳膊蹭破点皮",
])
def test_a_scare_told_with_its_happy_ending_is_no_emergency(classifier, text):
    prediction = classifier.classify(text)
    assert prediction.intent != "emergency", prediction.reasons


@pytest.mark.parametrize("text", [
    "刚才厨房着火了，火已经灭了，可是我妈被烧伤了流了好多血",
    "孩子刚才找不着了，问了邻居都说没看见，到现在还没找到",
    "对方让我转账到安全账户，我已经转了两笔，还差一笔没转，要不要停",
])
def test_danger_that_goes_on_after_part_of_it_ended_is_still_an_emergency(classifier, text):
    prediction = classifier.classify(text)
    assert prediction.intent == "emergency", prediction.reasons


def test_someone_pulled_back_from_self_harm_is_still_at_risk(classifier):
    prediction = classifier.classify(
        "我弟刚才站在楼顶说要跳下去，被我们拉回来了，现在坐在屋里不说话")
    assert prediction.intent == "emergency", prediction.reasons
    assert prediction.emergency_kind == "self_harm"


@pytest.mark.parametrize("text", [
    "刚才路过东昌路，看到两辆消防车鸣笛往北开过去了，不知道哪里着火了",
    "小区里走丢了一只泰迪，谁看到了帮忙说一声",
])
def test_a_passers_by_sighting_and_a_lost_pet_page_nobody(classifier, text):
    prediction = classifier.classify(text)
    assert prediction.intent != "emergency", prediction.reasons


def test_a_fire_of_ones_own_is_no_sighting(classifier):
    prediction = classifier.classify("我家着火了，看到消防车开过来了但是进不了小区，快来人")
    assert prediction.intent == "emergency", prediction.reasons
    assert prediction.emergency_kind == "fire"


def test_a_swindle_going_on_now_is_no_hearsay_for_the_video_call_it_came_by():
    gate = EmergencyGate()
    swindle = "有个穿制服的在视频里说我的卡涉嫌洗钱，要我把存款都转过去核查，我这会儿正在柜台"
    assert gate.assess(normalize(swindle), letter=False).verdict == EMERGENCY
    news = "新闻里说有人冒充检察官让人把钱转到安全账户，大家要小心"
    assert gate.assess(normalize(news), letter=False).verdict != EMERGENCY


@pytest.mark.parametrize("text", [
    "手机密码是我的生日，里面的钱都留给你们，以后不用再等我回家了",
    "谢谢这么多年大家的照顾，我的鱼托付给楼下王姐了，今晚之后就不麻烦你们了",
])
def test_a_farewell_in_everyday_words_is_self_harm(classifier, text):
    prediction = classifier.classify(text)
    assert prediction.intent == "emergency", prediction.reasons
    assert prediction.emergency_kind == "self_harm"


@pytest.mark.parametrize("text", [
    "下个月调到济南上班了，谢谢这几年大家的照顾，以后回聊城一定来看你们",
    "我退休了，办公室钥匙放在门卫那了，以后不用等我开会了，谢谢大家",
])
def test_a_farewell_with_a_reason_to_leave_is_no_emergency(classifier, text):
    prediction = classifier.classify(text)
    assert prediction.intent != "emergency", prediction.reasons
