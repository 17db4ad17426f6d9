"""alarm20's probes (`probes`): a danger of eblind3's missed families pages the duty officers,
every look-alike stays quiet. On 6f3683a, 19 of the 79 dangers were missed and 6 of the 61
look-alikes raised; the branch misses 3 and raises the same 6: the strict xfails, with the
reason."""

from __future__ import annotations

import pytest

from tests.classifying import probes, quiet, raised
from tests.test_handlers.test_classifier.test_alarm20.probes import QUIET, RAISE

_STILL_MISSED = {
    "my 7 year old went out to play after lunch and nobody has seen him since, we searched the"
    " whole estate": "'play' frames the whole message as a game (modal)",
    "阿仔出咗去玩成个下昼都冇返嚟，成条村都搵过晒":
        "the alarm (p 0.14), which has read little Cantonese, overrules person_unfound",
    "ta de shou zhi bei qie duan le, xue liu le yi di": "no pinyin cue reads a finger cut off",
}
_STILL_RAISED = {
    "有辆车倒车没看后面，把我们小区的垃圾桶撞倒了": "crash's 撞倒 reads a bin knocked over",
    "help me please, I can't find where to upload my residence permit photo":
        "en_help reads 'help me please' as a cry",
    "Help me please, my phone fell in the toilet and won't turn on":
        "en_help reads 'help me please' as a cry",
    "the app is not responding and i can't book my appointment, help please":
        "the alarm's own raise (p 0.94)",
    "门把手压下来就卡住了": "trapped reads 手…卡住 in a door handle (on main too)",
    "他以前打过孩子，后来改好了，现在电话打不通，估计在开会":
        "not_back's 电话打不通 told with 现在; 估计在开会 is no whereabouts to the gate",
}


@pytest.mark.parametrize("text", probes(RAISE, _STILL_MISSED))
def test_a_danger_of_the_missed_families_pages_the_duty_officers(classifier, text):
    assert raised(classifier, text).priority == "P1"


@pytest.mark.parametrize("text", probes(QUIET, _STILL_RAISED))
def test_a_look_alike_pages_no_one(classifier, text):
    quiet(classifier, text)


def test_a_fall_told_in_english_pages_the_duty_officers_as_medical(classifier):
    """Found walking through main: the alarm (p 0.19) overruled both cues of this cry."""
    prediction = raised(classifier, "help me please, my mother fell and cannot get up")
    assert "medical" in prediction.emergency_kinds
