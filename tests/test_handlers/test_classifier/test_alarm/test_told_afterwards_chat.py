"""A resident telling a matter already over is answered as a complaint or a question, not
with the emergency reply and an alert to the police group (issue 14)."""

from __future__ import annotations

import pytest

EMERGENCY_REPLY = "请立即拨打110"


@pytest.mark.parametrize("text", ["仓库门被人撬了", "闺女被同学打了",
                                  "对方让我转钱解冻，我转了两次"])
async def test_a_matter_told_afterwards_gets_no_emergency_reply(chat, db, text):
    reply = await chat.say("o-1", text)
    assert not reply.startswith(EMERGENCY_REPLY), reply
    assert [t.kind for t in await db.tickets("o-1") if t.kind == "emergency"] == []
    assert [job for job in await db.outbox() if job.kind == "wecom_robot"] == []


async def test_the_same_words_going_on_now_still_get_the_emergency_reply(chat, db):
    reply = await chat.say("o-1", "有人正在撬我家门")
    assert reply.startswith(EMERGENCY_REPLY)
    [ticket] = await db.tickets("o-1")
    assert (ticket.kind, ticket.priority) == ("emergency", "P1")
