"""Cue families told plainly: farewells, frail people gone, bites, structures giving way."""

from __future__ import annotations

import pytest

from handlers.classifier.gate import EMERGENCY, EmergencyGate
from handlers.classifier.text import normalize


@pytest.fixture(scope="module")
def gate() -> EmergencyGate:
    return EmergencyGate()


@pytest.mark.parametrize(("text", "kind"), [
    # a farewell in everyday words: a word of finality beside settling one's affairs
    ("我姨把这个月的房租交了，狗粮也买好了，说以后就不用我们操心了", "self_harm"),
    ("我奶奶把存折放在枕头底下了，说想去陪老伴", "self_harm"),
    ("表弟刚在家族群里说以后不麻烦各位了，就退群了", "self_harm"),
    ("学生在群里说明天不用点我的名了", "self_harm"),
    # medical told plainly or in Cantonese
    ("我阿爷喺厕所跌低咗，起唔到身", "medical"),
    ("老人烧得厉害，喊她都不睁眼", "medical"),
    ("邻居家的狗咬了我闺女的腿，血一直流", "medical"),
    ("切菜切到手了，口子特别深", "medical"),
    # structures giving way, someone shut in
    ("楼下店铺装修，承重墙被掏了个大洞，楼上的墙都裂了", "other"),
    ("工地的塔吊晃得厉害，随时可能倒塌，下面都是人", "other"),
    ("我被困在地下车库里了，卷帘门拉不起来", "other"),
    # a frail adult gone, told without a time word but the hours since
    ("我叔精神不太好，今天上午从家里出去，邻居说中午就没看到人", "missing"),
])
def test_plainly_told_emergencies_are_found(gate, text, kind):
    assessment = gate.assess(normalize(text), False)
    assert assessment.verdict == EMERGENCY and kind in assessment.kinds, assessment.reasons()


@pytest.mark.parametrize("text", [
    "这个月的房租交了，我调到济南工作了，以后就不用麻烦你们了",   # a departure with a reason
    "妈，电费我交了，我走了，晚上回来吃饭",
    "我要去找我儿子拿钥匙，钥匙放在他那了",
    "上个月狗咬伤了我儿子，现在好了，想问问赔偿怎么算",
    "我被关在门外了，钥匙忘带了，怎么开锁",
    "楼道墙上有条裂缝，麻烦物业来看看",
])
def test_their_everyday_twins_are_not(gate, text):
    assert gate.assess(normalize(text), False).verdict != EMERGENCY
