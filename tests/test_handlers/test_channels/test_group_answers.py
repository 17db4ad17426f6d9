"""Officers' answers in the group count (§8): an answer that quotes or @-mentions a resident
is recorded on that resident's open group ticket, the first one as the first response."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.channels.group import local
from handlers.channels.group.answers import addressed
from storage.base import utcnow
from storage.tickets.models import Ticket, TicketEvent
from tests.groups import AUNT, ROOM, UNCLE, make_poller, member_id, stored, with_groups
from tests.workbench import add_officer

PARKING = "楼下有人乱停车堵住消防通道，麻烦处理一下"


@pytest.fixture
def group_config(config):
    return with_groups(config)


async def _ticket(sessions) -> Ticket:
    async with sessions() as session:
        return await session.scalar(select(Ticket))


async def _replies(sessions, ticket: Ticket) -> list[TicketEvent]:
    async with sessions() as session:
        return list(await session.scalars(select(TicketEvent).where(
            TicketEvent.ticket_id == ticket.id, TicketEvent.type == "reply_out")
            .order_by(TicketEvent.id)))


def test_mentions_and_quotes_name_members():
    names = {"wm1": "张阿姨", "wm2": "李大爷", "wm3": "张"}
    assert addressed("@张阿姨 已联系物业", names) == ["wm1"]
    assert addressed("@李大爷\u2005@张阿姨\u2005明天上门", names) == ["wm2", "wm1"]
    assert addressed("@张阿姨您好，已处理", names) == ["wm1"]      # no space after the name
    assert addressed("「李大爷：楼道堆了杂物」\n- - - - - - -\n收到，马上安排", names) == ["wm2"]
    assert addressed("大家注意防范电信诈骗", names) == []
    assert addressed("@王五 你好", names) == []


async def test_an_at_reply_in_the_group_is_the_first_response(group_config, sessions):
    await add_officer(sessions, "zhang", wecom_user="wx-zhang")
    aunt, uncle = member_id(AUNT), member_id(UNCLE)
    await local.consent(sessions, ROOM, aunt, AUNT)
    await local.consent(sessions, ROOM, uncle, UNCLE)
    poller = await make_poller(group_config, sessions)
    asked = utcnow() - timedelta(minutes=20)
    await local.post(sessions, ROOM, aunt, PARKING, at=asked)
    await local.post(sessions, ROOM, "wx-zhang", "大家注意防范电信诈骗",
                     at=asked + timedelta(minutes=5))
    await local.post(sessions, ROOM, "wx-zhang", f"@{UNCLE} 您好", at=asked + timedelta(minutes=6))
    answered = asked + timedelta(minutes=9)
    await local.post(sessions, ROOM, "wx-zhang", f"@{AUNT} 已通知物业，马上挪车", at=answered)
    await local.post(sessions, ROOM, "wx-zhang", f"「{AUNT}：{PARKING}」\n- - - -\n车已挪走",
                     at=answered + timedelta(minutes=30))
    await poller.run_once()
    ticket = await _ticket(sessions)
    first, second = await _replies(sessions, ticket)
    assert first.actor == "zhang" and first.text.endswith("马上挪车")
    assert json.loads(first.data)["first_response"] is True
    assert "first_response" not in json.loads(second.data)
    assert ticket.first_response_at == answered.replace(microsecond=answered.microsecond
                                                        // 1000 * 1000)
    roles = [m.role for m in await stored(sessions)]
    assert roles == ["request", "chat", "chat", "reply", "reply"]


async def test_an_answer_to_a_resident_without_an_open_ticket_records_nothing(group_config,
                                                                              sessions):
    aunt = member_id(AUNT)
    await local.consent(sessions, ROOM, aunt, AUNT)
    poller = await make_poller(group_config, sessions)
    await local.post(sessions, ROOM, "wx-somebody", f"@{AUNT} 早上好")
    await poller.run_once()
    [message] = await stored(sessions)
    assert (message.sender_kind, message.role, message.ticket_id) == ("officer", "chat", None)
