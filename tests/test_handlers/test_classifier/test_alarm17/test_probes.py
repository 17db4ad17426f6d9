"""alarm17's probes (`probes`): a danger whose telling holds an outcome-looking word that is
part of it (灯灭了, 把我们都拉黑了, 120说在路上, 暂时没人受伤, 拉回来了但她说别管她) pages the
duty officers, and so does an errand to the bank to pay a swindler; every look-alike stays
quiet. On main 8af2b9a, 14 of the 43 dangers were missed and 1 of the 23 look-alikes raised;
of the errand probes (written before that change) 3 of 16 missed and 1 of 12 raised; of the
home-alight ones 3 of 8 missed and none of 6 raised. The strict xfails are those still wrong,
with the reason."""

from __future__ import annotations

import pytest

from tests.classifying import probes, quiet, raised
from tests.test_handlers.test_classifier.test_alarm17.probes import (
    QUIET,
    QUIET_AFTERWARDS,
    QUIET_ALIGHT,
    QUIET_ERRAND,
    RAISE,
    RAISE_ALIGHT,
    RAISE_ERRAND,
)

_STILL_MISSED = {
    # English, no cue for a ledge or "leave me alone"; the alarm reads a complaint (p 0.31).
    "my roommate was on the roof ledge, I pulled her back inside but she keeps saying leave me"
    " alone": "English: no cue, the alarm reads a complaint",
    # A farewell in figurative words only (明天的太阳我就不看了): no cue, the alarm p 0.03.
    "明天的太阳我就不看了，东西都收拾好了，跟大家说声谢谢": "a figurative farewell",
    # Pinyin pills and an ending: no pinyin cue for them, the alarm p 0.49 under its bar.
    "wo ba yao dou chi le, jin wan jiu jie shu le": "pinyin pills: no cue",
    # 离家出走 told with 一整夜 and no cue; the alarm p 0.47, the model a complaint.
    "儿子离家出走一整夜，把全家人都拉黑了，同学也说没见过他": "runaway overnight: no cue",
    # "last night" puts the English runaway in the past; nothing says he is still gone.
    "my 14 year old brother ran away last night and blocked all of us on every app":
        "English: 'last night' with no 'still gone' word",
    # The errand told done (往邮局去了) with no word of now or a plea to stop her: the cue
    # asks for one, so that a story of last month stays a report.
    "邻居阿姨说中了奖要交税，拿着存折往邮局去了，我觉得是骗子": "no word of now or of a plea",
}
_STILL_RAISED = {
    # The alarm's own raise (p 0.94), on main too: whereabouts known (在她屋里) is no outcome
    # the gate reads.
    "我闺女跟我吵架把我微信拉黑了，现在还在她屋里生闷气": "alarm's own raise, on main too",
    # The alarm's own raise (p 0.96), on main too: a drunk husband asleep in the stairwell.
    "我老公喝多了躺在楼道里，我婆婆说别管他，让他自己醒": "alarm's own raise, on main too",
    # The alarm's own raise (p 0.94), on main too: no caller's story, a grandson's fees.
    "老太太拿着存折往银行走，说是去给孙子交学费": "alarm's own raise, on main too",
    "我妈刚拿着银行卡去银行挂失了，卡被吞了，客服说要本人去": "alarm's own raise, on main too",
    "我爸现在拿着存折去信用社办社保，平台上说要本人到场": "alarm's own raise, on main too",
    "我奶奶刚揣着存折去邮政储蓄了，老师说孙子的学费今天要交": "alarm's own raise, on main too",
    # The alarm's own raise (p 0.86), on main too: a girlfriend who blocked the writer.
    "我女朋友把我拉黑了，现在在她闺蜜家，我怎么哄她": "alarm's own raise, on main too",
    # The gate's crash cue in the swindler's story, told now by 正在 (跟民警说), on main too.
    "我奶奶说孙子出车祸要交钱，我就在她旁边，已经报警了，她正在跟民警说":
        "a swindler's story read as a crash told now, on main too",
}


@pytest.mark.parametrize("text", probes({**RAISE, **RAISE_ERRAND, **RAISE_ALIGHT}, _STILL_MISSED))
def test_a_danger_told_now_pages_the_duty_officers(classifier, text):
    assert raised(classifier, text).priority == "P1"


@pytest.mark.parametrize("text", probes({**QUIET, **QUIET_AFTERWARDS, **QUIET_ERRAND,
                                        **QUIET_ALIGHT}, _STILL_RAISED))
def test_a_look_alike_pages_no_one(classifier, text):
    quiet(classifier, text)
