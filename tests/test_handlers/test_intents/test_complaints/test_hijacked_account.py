"""Issue 14 (the walk-through): an account taken over and used to borrow money in the
resident's name is reported (a complaint, never the menu), with what to do at once: warn the
friends another way, freeze the account, 110 / 96110 for money already sent (§4); and, as it
happened online, the station where the resident lives is asked for."""

from __future__ import annotations

import pytest

from handlers import texts
from tests.conversations import COMPLAINT, asks

ADVICE = texts.text("complaint_account_hijacked")


@pytest.mark.parametrize("said", [
    "我的微信昨天被人盗了，骗子给我通讯录里的人发消息借钱",
    "俺的QQ号让人给盗了，那家伙到处跟俺同学借钱",
    "我妈的微信号被盗号了，对方冒充她找我舅借了三千",
    "我的微信帳號被盜了，還有人拿它給朋友發借錢消息",
    "帐号被盗 骗子用我的号找好友借钱",
    "我抖音号被黑了，对方用我的号找粉丝借钱，这算诈骗吧",
    "微信号叫人给登了，给亲戚都发了要钱的消息，怎么办",
    "My WeChat was hacked and the scammer asked my contacts to transfer money",
])
async def test_an_account_taken_to_borrow_money_is_reported_with_what_to_do(chat, db, said):
    reply = await chat.say("h-1", said)
    ticket = await db.ticket("h-1")
    assert ticket.kind == "complaint"
    assert ADVICE in reply
    # Online: the station where the resident lives takes it.
    assert "您住在哪个街道" in reply and asks(reply, COMPLAINT) is None


@pytest.mark.parametrize("said", [
    "有人冒充我朋友的微信找我借钱，我没转",
    "感谢民警帮我找回了被盗的微信号，骗子没借到钱",
    "我的电动车昨晚在楼下被盗了",
])
async def test_other_swindles_and_thefts_get_no_account_advice(chat, db, said):
    reply = await chat.say("h-2", said)
    assert ADVICE not in reply


async def test_one_the_alarm_reads_as_money_moving_now_stays_its_emergency(chat, db):
    # The emergency gate and alarm come first (§4): a fraud told now is answered with 96110.
    reply = await chat.say("h-3", "我的支付宝账号被盗了，有人拿它找朋友借钱")
    ticket = await db.ticket("h-3")
    assert ticket.kind in ("complaint", "emergency")
    assert "96110" in reply
