"""Stop 33's probes (`probes`): every danger told now pages the duty officers, every look-alike
stays quiet. On main 2c9fab9, 18 of the 121 dangers were missed and 7 of the 99 look-alikes
raised; the strict xfails are those still wrong, with the reason."""

from __future__ import annotations

import pytest

from tests.classifying import probes, quiet, raised
from tests.test_handlers.test_classifier.test_alarm15.probes import QUIET, RAISE

_STILL_MISSED = {
    # A self-harm plan whose means are readied (炭也买好了) and the room sealed: the gate's
    # `plan` cue holds, but the alarm reads a shopping list and overrules it (p 0.10, at the
    # threats' bar).
    "给孩子的信写好了，炭也买好了，门窗都用胶带封上了": "plan overruled by the alarm",
    # The caller's story told in the past (was kidnapped) frames the whole English message,
    # the payment about to go included (no clause break at "and", nor past a comma).
    "a lady on the phone says my daughter was kidnapped and I am about to wire the ransom":
        "English past story frames the payment",
}
_STILL_RAISED = {
    # The alarm's own raise on the writer's whereabouts and an errand (false15's family):
    # 转账 inside the opening clause keeps the whole message weighed (`decide.scene`).
    "我现在在银行排队转账给孩子交学费，人好多": "alarm's own raise, an errand at a bank",
    "客服让我提供订单号退款，我正在找": "alarm's own raise, a refund (退款, not 退货)",
    # A phone switched off is out of reach, though the message says where she is.
    "我妈手机关机了，应该是没电了，她在打麻将": "not_back: out of reach, whereabouts told",
    # The alarm's own raise on a child who went home by himself: 回家了 of the child is an
    # outcome, but read as one it put three development-set emergencies in the past (同学都
    # 回家了, 寄回家了, 以为孩子先跑回家了): tried and dropped.
    "孩子在楼下玩，我接个电话的工夫，他就自己跑回家了": "alarm's own raise, child home",
    "孩子坐在高脚凳上，腿悬空够不着地": "alarm's own raise on 腿悬空",
    "my son left for school this morning, is the road by the bridge open now":
        "alarm's own raise on a question about a road",
}


@pytest.mark.parametrize("text", probes(RAISE, _STILL_MISSED))
def test_a_danger_told_now_pages_the_duty_officers(classifier, text):
    assert raised(classifier, text).priority == "P1"


@pytest.mark.parametrize("text", probes(QUIET, _STILL_RAISED))
def test_a_look_alike_pages_no_one(classifier, text):
    quiet(classifier, text)
