"""alarm20's probes (`probes`): a danger of eblind3's missed families pages the duty officers,
every look-alike stays quiet. On 6f3683a, 13 of the 59 dangers were missed and 2 of the 30
look-alikes raised: the strict xfails, with the reason."""

from __future__ import annotations

import pytest

from tests.classifying import probes, quiet, raised
from tests.test_handlers.test_classifier.test_alarm20.probes import QUIET, RAISE

_STILL_MISSED = {
    "my 7 year old went out to play after lunch and nobody has seen him since, we searched the"
    " whole estate": "no English cue reads 'nobody has seen him since'",
    "阿仔出咗去玩成个下昼都冇返嚟，成条村都搵过晒": "no Cantonese cue reads 冇返嚟 after a search",
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
