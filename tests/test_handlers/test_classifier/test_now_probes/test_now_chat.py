"""A resident telling where they are pages no one; the same shape telling a danger does."""

from __future__ import annotations

import pytest

EMERGENCY_REPLY = "请立即拨打110"


@pytest.mark.parametrize("text", ["我现在在派出所排队", "我现在在派出所门口等着"])
async def test_queueing_at_the_station_now_gets_no_alert_and_no_p1(chat, db, text):
    # Each the resident's first message: an answer inside a dialog is read by the dialog.
    reply = await chat.say("o-1", text)
    assert not reply.startswith(EMERGENCY_REPLY), reply
    assert [t.priority for t in await db.tickets("o-1") if t.priority == "P1"] == []
    assert [job for job in await db.outbox() if job.kind == "wecom_robot"] == []


async def test_cornered_in_the_stairwell_now_takes_the_p1_path(chat, db):
    reply = await chat.say("o-1", "我现在被人堵在楼道里了")
    assert reply.startswith(EMERGENCY_REPLY), reply
    [ticket] = await db.tickets("o-1")
    assert (ticket.kind, ticket.priority) == ("emergency", "P1")
    assert [job for job in await db.outbox() if job.kind == "wecom_robot"] != []
