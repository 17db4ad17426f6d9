"""The alarm's own raise on a harm reported after the fact or told as a habit (issue 14)."""

from __future__ import annotations

import pytest

from handlers.classifier.alarm import OVER_VETO, SURE
from handlers.classifier.gate import EMERGENCY, NOTHING, EmergencyGate
from handlers.classifier.opinion import own_raise, reported
from handlers.classifier.text import normalize


def _own(text: str) -> str:
    norm = normalize(text)
    return own_raise(norm, EmergencyGate().not_now(norm), SURE)


@pytest.mark.parametrize("text", [
    "对面楼有个人每天晚上拿手电往我家窗户照",
    "kids in our block set off firecrackers by the bins every night",
    "lou xia tian tian you ren shao su liao, wei dao hen da",
    "停在楼下的电动车电瓶叫人偷了，监控也没拍到",
    "somebody stole my bike from the rack outside the library",
    "wo de che bei ren hua le, ting zai chao shi men kou",
    "交了三千块押金说包分配工作，现在那个中介联系不上了",
    "the driving school took the deposit and now the office is closed, the boss blocked me",
    "单元门口堆了好多垃圾，一股味",
    "ge bi ban ye hai zai chang ge, tai chao le",
])
def test_a_habit_a_thing_taken_money_gone_or_a_nuisance_is_no_raise_of_the_alarm(text):
    assert reported(normalize(text))
    assert _own(text) != EMERGENCY


@pytest.mark.parametrize("text", [
    "有人正在撬我家的门，我一个人在家",
    "someone is scratching the cars in our lot right now with a key",
    "孩子的电话手表在校门口被抢了，孩子吓得直哭",
    "我爸每天都说不想活了，拿着绳子出去了",
    "我老婆晚上出去倒垃圾就没回来，手机在家里，人不见了",
])
def test_a_harm_now_or_a_person_at_risk_leaves_the_raise(text):
    assert not reported(normalize(text))
    assert _own(text) == EMERGENCY


@pytest.mark.parametrize(("text", "verdict"), [
    ("有只鸽子被困在广告牌后面出不来了", NOTHING),
    ("楼下的流浪猫困在下水道里叫了一晚上", NOTHING),
    ("我家的狗被困在车里，我被困在车外面的雨里，车钥匙锁在里面了", EMERGENCY),
])
def test_trapped_is_a_danger_of_a_person_only(text, verdict):
    norm = normalize(text)
    assert own_raise(norm, EmergencyGate().not_now(norm), OVER_VETO) == verdict
