"""alarm18's probes (`probes`): every danger told without its usual word pages the duty
officers, every look-alike stays quiet. On main 8af2b9a, 16 of the 91 dangers were missed and 4
of the 70 look-alikes raised; the strict xfails are those still wrong, with the reason (a
sounding smoke alarm with an acrid smell and a pinyin night away pass since alarm19:
`witnessed.SEEN_NOW`)."""

from __future__ import annotations

import pytest

from tests.classifying import probes, quiet, raised
from tests.test_handlers.test_classifier.test_alarm18.probes import QUIET, RAISE

_STILL_MISSED = {
    # "last night" in the first clause is carried to the phone that goes to voicemail in the
    # next (`frames`: a past marker of an earlier clause frames a plain one): read as past.
    "My husband went out last night and never came back, no message, his phone goes straight"
    " to voicemail": "last night carried into the clause of the silence",
    # 谢谢大家这些年 is a farewell, but 这些年 is a habit word, and a habit anywhere frames a
    # plain clause (`frames`' last fallback): read as habitual.
    "儿子把他的游戏账号和球鞋都送给同学了，还说谢谢大家这些年，人联系不上":
        "这些年 read as a habit from another clause",
    # The farewell is quoted (“再见了”: a quotation is no event) and a rooftop alone is
    # no cue: nothing reads a place to fall beside a farewell.
    "女儿把日记本里写的“再见了”拍给我看，她人在学校天台": "quoted farewell beside a rooftop",
}
_STILL_RAISED = {
    # The alarm's own raise (p 0.64): things given away read as a farewell, though a move is
    # told; no cue fired, so no veto of a departure applies.
    "我把旧衣服都送人了，准备搬家去外地": "alarm's own raise on things given away before a move",
    # `crime`'s perch cue reads 承重墙砸 as a structure giving way (on main too); a smashed
    # load-bearing wall is near a danger, but worry is what the writer tells.
    "装修的把承重墙砸了，墙上裂了大缝，楼里住户都很担心": "perch: 承重墙砸 (on main too)",
    # The alarm's own raise (p 0.92) on 一动不动 said of a fish (on main too).
    "爷爷从河里钓上来一条鱼，一动不动了": "alarm's own raise on a still fish",
    # `crime`'s abduction cue reads 被拉上 as pulled into a car, not out of a pool (on main
    # too), and 现在好了 does not end it.
    "孩子从泳池里被拉上来，咳了几口水，现在好了": "abduction: 被拉上来 out of water (on main too)",
}


@pytest.mark.parametrize("text", probes(RAISE, _STILL_MISSED))
def test_a_danger_told_without_its_word_pages_the_duty_officers(classifier, text):
    assert raised(classifier, text).priority == "P1"


@pytest.mark.parametrize("text", probes(QUIET, _STILL_RAISED))
def test_a_look_alike_pages_no_one(classifier, text):
    quiet(classifier, text)
