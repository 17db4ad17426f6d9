"""alarm20's probes (`probes`): a danger of eblind3's missed families pages the duty officers,
every look-alike stays quiet. On 6f3683a, 13 of the 59 dangers were missed and 2 of the 30
look-alikes raised: the strict xfails, with the reason."""

from __future__ import annotations

import pytest

from tests.classifying import probes, quiet, raised
from tests.test_handlers.test_classifier.test_alarm20.probes import QUIET, RAISE

_STILL_MISSED = {
    "老太太打的去闺女家，闺女说没到，司机说早就送到小区门口了，现在人找不到了":
        "no cue reads 人找不到了 (the person as the topic)",
    "俺家小闺女在门口玩嘞，一晌午没见人了，塘边也找了，没有":
        "no cue reads 一晌午没见人了",
    "my 7 year old went out to play after lunch and nobody has seen him since, we searched the"
    " whole estate": "no English cue reads 'nobody has seen him since'",
    "阿仔出咗去玩成个下昼都冇返嚟，成条村都搵过晒": "no Cantonese cue reads 冇返嚟 after a search",
    "菜市场有人开车故意往人堆里开，撞了好几个": "no cue reads a car driven into people",
    "A car just drove into the crowd at the night market on purpose, several people are down":
        "no cue reads a car driven into people",
    "做饭把手指切掉了一截，血流得满地都是": "no cue reads 切掉 between the finger and its loss",
    "劈柴把脚趾劈断了，血流得到处都是": "no cue reads 劈断 between the toe and its loss",
    "ta de shou zhi bei qie duan le, xue liu le yi di": "no pinyin cue reads a finger cut off",
    "我朋友突然faint了，怎么叫都没反应，need ambulance":
        "the alarm (p 0.07) overrules ambulance in a message half in English",
}
_STILL_RAISED = {
    "有辆车倒车没看后面，把我们小区的垃圾桶撞倒了": "crash's 撞倒 reads a bin knocked over",
    "help me please, I can't find where to upload my residence permit photo":
        "en_help reads 'help me please' as a cry",
}


@pytest.mark.parametrize("text", probes(RAISE, _STILL_MISSED))
def test_a_danger_of_the_missed_families_pages_the_duty_officers(classifier, text):
    assert raised(classifier, text).priority == "P1"


@pytest.mark.parametrize("text", probes(QUIET, _STILL_RAISED))
def test_a_look_alike_pages_no_one(classifier, text):
    quiet(classifier, text)
