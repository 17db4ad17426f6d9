"""A payment to a swindler minutes ago: named among the classifier's reasons, so the complaint
tells the resident to have it stopped, while money going now stays an emergency."""

from __future__ import annotations

import pytest

from handlers.classifier.decide.stop_payment import paid_to_swindler
from handlers.core.labels import PAID_JUST_NOW, PAID_TO_SWINDLER


@pytest.mark.parametrize(("said", "just_sent"), [
    ("刚转了钱才发现是骗子", True),
    ("十分钟前我给一个冒充客服的人转了3万，现在联系不上了", True),
    ("刚才网上买东西，转了钱给卖家，对方不回消息了", True),
    ("刚转了5000过去，对方不给退款还把我拉黑了", True),      # the swindler keeps it
    ("昨天被骗了，转了五千", False),                 # too long ago for a stop
    ("去年刷单被骗了三万", False),
    ("我刚刚差点被骗，还好没转", False),
    ("刚刚有人冒充我领导让我转账", False),          # asked, not paid
    ("刚才给儿子转了生活费", False),               # no swindle
    ("对方不给退款", False),                       # no payment just made
    # A swindle that failed, and one retold: nothing of the resident's to stop.
    ("我刚才差点被骗，对方冒充公检法，我打了96110问了才知道", False),
    ("我朋友刚才接到骗子电话要转钱，我及时拦住了", False),
    ("刚看了一篇报道说有个老人被骗了，转了十万", False),
    # Still paid just now, with a hotline's number beside the amount.
    ("刚刚被冒充客服的骗了，转了3000，我已经打了110", True),
    ("我妈刚刚被骗了，转了两万，我没拦住", True),
    ("我刚听说我爸刚才被骗子骗着转了八千", True),
])
def test_money_just_sent_to_a_swindler(said, just_sent):
    assert (paid_to_swindler(said) or "").startswith(f"{PAID_JUST_NOW}:") is just_sent


def test_the_reason_names_the_words_that_told_it():
    told = "刚刚被骗了，转了"
    assert paid_to_swindler("我刚刚被骗了，转了5000块钱给对方") == f"{PAID_JUST_NOW}:{told}"


def test_a_swindle_word_of_the_gate_is_one_here_too():
    # The swindle's words are the gate's (cues.kinds.SCAM): a code given away is one.
    assert paid_to_swindler("刚刚把验证码告诉了对方，卡里转了两万出去") is not None


@pytest.mark.parametrize("said", ["我刚刚被骗了，转了5000块钱给对方",
                                  "半小时前扫码付了2000买演唱会门票，卖家把我拉黑了"])
def test_the_classifier_names_the_payment_whatever_the_intent(classifier, said):
    assert any(r.startswith(PAID_JUST_NOW) for r in classifier.classify(said).reasons)


@pytest.mark.parametrize("said", [
    # Look-alikes told now: the money is still going, a danger the reason must not defuse.
    "我刚刚转了5000，对方还在让我继续转账",
    "刚才转了两万，骗子现在又让我转到安全账户",
    "对方正在让我转账，我刚转了一笔",
])
def test_money_still_going_is_an_emergency_all_the_same(classifier, said):
    prediction = classifier.classify(said)
    assert (prediction.intent, prediction.priority) == ("emergency", "P1")


@pytest.mark.parametrize(("said", "lost"), [
    ("接到冒充公检法的电话，转了五千", "转了"),
    ("网上买东西被骗了800块", "被骗了800"),
    ("刷单被骗了两万，对方已经把我拉黑了", "被骗了两万"),
])
def test_money_paid_to_a_swindler_at_a_time_not_told_is_named_too(said, lost):
    assert paid_to_swindler(said) == f"{PAID_TO_SWINDLER}:{lost}"


@pytest.mark.parametrize("said", ["有人冒充我朋友借钱，我没转", "差点被骗了五千，幸亏银行拦住了",
                                  "昨天被骗了，转了五千", "上个月在网上被骗了两千块，想报案",
                                  "刚看新闻说有人刷单被骗了三万", "骗子让我转账，我直接挂了"])
def test_money_kept_or_a_swindle_not_the_residents_is_not(said):
    assert paid_to_swindler(said) is None
