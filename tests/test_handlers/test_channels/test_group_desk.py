"""Group messages into tickets (§8): consent both ways, once by msgid, requests, emergencies,
chit-chat, and the owner told in WeCom."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.channels.group import local
from handlers.channels.group.desk import GroupDesk
from handlers.channels.group.types import GroupLine, GroupSettings
from storage.base import utcnow
from storage.delivery import outbox
from storage.groups import messages as group_store
from storage.groups.models import GroupConsent, GroupMessage, GroupTicket
from storage.tickets.models import Ticket, TicketEvent
from tests.groups import (
    AUNT,
    GROUP_NAME,
    OWNER,
    ROOM,
    UNCLE,
    CountingConsent,
    count,
    make_poller,
    member_id,
    stored,
    with_groups,
)
from tests.helpers import outbox_rows

PARKING = "楼下有人乱停车堵住消防通道，麻烦处理一下，我电话13812345678"
FIGHT = "小区门口有人拿刀打架，已经有人流血了，快来人"


@pytest.fixture
def group_config(config):
    return with_groups(config)


@pytest.fixture
async def poller(group_config, sessions):
    return await make_poller(group_config, sessions)


async def _tickets(sessions) -> list[Ticket]:
    async with sessions() as session:
        return list(await session.scalars(select(Ticket).order_by(Ticket.id)))


async def _events(sessions, ticket: Ticket, type_: str) -> list[TicketEvent]:
    async with sessions() as session:
        return list(await session.scalars(select(TicketEvent).where(
            TicketEvent.ticket_id == ticket.id, TicketEvent.type == type_)
            .order_by(TicketEvent.id)))


async def test_consent_both_ways(poller, sessions, caplog):
    aunt, uncle = member_id(AUNT), member_id(UNCLE)
    await local.consent(sessions, ROOM, aunt, AUNT, agreed=True)
    await local.consent(sessions, ROOM, uncle, UNCLE, agreed=False)
    await local.post(sessions, ROOM, uncle, "小区里晚上总有人偷电动车电瓶，请派出所查一查")
    await local.post(sessions, ROOM, aunt, PARKING)
    with caplog.at_level(logging.DEBUG):
        assert await poller.run_once() == 2
    messages = await stored(sessions)
    assert [m.sender for m in messages] == [aunt]           # the uncle's line left no row
    tickets = await _tickets(sessions)
    assert len(tickets) == 1 and "消防通道" in tickets[0].summary
    ours = [r.getMessage() for r in caplog.records
            if r.name.split(".")[0] in ("bot", "handlers", "storage")]
    assert ours                                 # the poller did log its batch
    logged = "\n".join(ours)
    assert uncle not in logged and "电瓶" not in logged and UNCLE not in logged


async def test_a_member_nobody_asked_is_asked_once_and_not_stored_without_consent(
        group_config, sessions):
    consent = CountingConsent(sessions)
    poller = await make_poller(group_config, sessions, consent=consent)
    stranger = member_id("新来的")
    await local.post(sessions, ROOM, stranger, PARKING)
    await poller.run_once()
    await local.post(sessions, ROOM, stranger, FIGHT)
    await poller.run_once()
    assert consent.asked == [ROOM]                          # the answer is kept
    assert await stored(sessions) == [] and await _tickets(sessions) == []
    async with sessions() as session:
        row = await session.get(GroupConsent, (ROOM, stranger))
    assert row is not None and row.status == "Disagree"
    # They agree later: once the kept answer is old, the group is asked again.
    await local.consent(sessions, ROOM, stranger, "新来的", agreed=True)
    async with sessions() as session, session.begin():
        row = await session.get(GroupConsent, (ROOM, stranger))
        row.checked_at = utcnow() - timedelta(days=1)
    await local.post(sessions, ROOM, stranger, PARKING)
    await poller.run_once()
    assert len(await stored(sessions)) == 1


async def test_a_request_opens_a_ticket_for_the_groups_unit_and_the_owner_is_told(
        poller, sessions):
    aunt = member_id(AUNT)
    await local.consent(sessions, ROOM, aunt, AUNT)
    await local.post(sessions, ROOM, aunt, PARKING)
    await poller.run_once()
    [ticket] = await _tickets(sessions)
    assert (ticket.channel, ticket.unit, ticket.area, ticket.kind) == (
        "group", "古楼派出所", "柳园", "complaint")
    assert ticket.openid is None
    [message_in] = await _events(sessions, ticket, "message_in")
    assert message_in.actor == "resident" and json.loads(message_in.data)["member"] == AUNT
    async with sessions() as session:
        link = await session.get(GroupTicket, ticket.id)
    assert (link.room_id, link.member_id, link.nickname, link.owner) == (ROOM, aunt, AUNT, OWNER)
    [notice] = await outbox_rows(sessions, OWNER)
    body = json.loads(notice.payload)["text"]
    assert notice.kind == "wecom_app" and ticket.number in body and AUNT in body
    assert GROUP_NAME in body and "13812345678" not in body and "138****5678" in body
    [row] = await stored(sessions)
    assert row.role == "request" and row.ticket_id == ticket.id


async def test_an_emergency_takes_the_emergency_path_at_once(poller, sessions):
    aunt = member_id(AUNT)
    await local.consent(sessions, ROOM, aunt, AUNT)
    await local.post(sessions, ROOM, aunt, FIGHT)
    await poller.run_once()
    [ticket] = await _tickets(sessions)
    assert (ticket.kind, ticket.priority, ticket.channel) == ("emergency", "P1", "group")
    assert await _events(sessions, ticket, "alert")            # the police group alerted
    notices = [job for job in await outbox_rows(sessions, OWNER)]
    [owner] = notices
    assert owner.priority == outbox.PRIORITY_EMERGENCY
    body = json.loads(owner.payload)["text"]
    assert "群内" in body and "110" in body and AUNT in body and ticket.number in body


async def test_a_place_told_after_the_request_is_the_tickets_place(poller, sessions):
    aunt = member_id(AUNT)
    await local.consent(sessions, ROOM, aunt, AUNT)
    await local.post(sessions, ROOM, aunt, "张警官，我们楼下那个烧烤摊又开始了，烟大得很")
    await local.post(sessions, ROOM, aunt, "在柳园小区南门")
    await poller.run_once()
    [ticket] = await _tickets(sessions)
    assert (ticket.place, ticket.area) == ("柳园小区南门", "柳园")
    assert len(await _events(sessions, ticket, "message_in")) == 2


async def test_a_place_told_after_an_emergency_is_sent_to_the_duty_officers(poller, sessions):
    aunt = member_id(AUNT)
    await local.consent(sessions, ROOM, aunt, AUNT)
    await local.post(sessions, ROOM, aunt, "有人拿刀打架，已经有人流血了，快来人")
    await local.post(sessions, ROOM, aunt, "我在柳园小区3号楼下面")
    await poller.run_once()
    [ticket] = await _tickets(sessions)
    assert (ticket.kind, ticket.place) == ("emergency", "柳园小区3号楼下面")
    told = [json.loads(job.payload)["text"] for job in await outbox_rows(sessions, "robot")]
    assert any("群众告知地点：柳园小区3号楼下面" in text and ticket.number in text
               for text in told), told


async def test_a_cry_repeated_joins_the_members_emergency(poller, sessions):
    aunt = member_id(AUNT)
    await local.consent(sessions, ROOM, aunt, AUNT)
    await local.post(sessions, ROOM, aunt, "快来人啊，楼下有人拿刀打架")
    await local.post(sessions, ROOM, aunt, "已经有人流血了，快报警")
    await poller.run_once()
    [ticket] = await _tickets(sessions)            # one P1, not two
    assert len(await _events(sessions, ticket, "alert")) == 1
    assert [e.text for e in await _events(sessions, ticket, "message_in")][-1] == \
        "已经有人流血了，快报警"
    assert [row.role for row in await stored(sessions)] == ["emergency", "emergency"]


async def test_chit_chat_opens_nothing_and_is_kept_only_for_the_retention(poller, sessions):
    aunt = member_id(AUNT)
    await local.consent(sessions, ROOM, aunt, AUNT)
    await local.post(sessions, ROOM, aunt, "大家早上好，今天天气真不错")
    await local.post(sessions, ROOM, aunt, PARKING)
    await poller.run_once()
    assert len(await _tickets(sessions)) == 1
    chat, request = await stored(sessions)
    assert (chat.role, chat.ticket_id) == ("chat", None)
    async with sessions() as session, session.begin():
        assert await group_store.purge_chat(session, timedelta(days=30)) == 0
        later = utcnow() + timedelta(days=31)
        assert await group_store.purge_chat(session, timedelta(days=30), later) == 1
    assert [m.id for m in await stored(sessions)] == [request.id]


async def test_each_message_is_stored_once_by_msgid(group_config, sessions):
    from bot.assembly import build_services

    aunt = member_id(AUNT)
    await local.consent(sessions, ROOM, aunt, AUNT)
    desk = GroupDesk(await build_services(group_config, sessions),
                     GroupSettings.from_config(group_config))
    line = GroupLine(seq=1, msgid="m-1", room_id=ROOM, sender=aunt, msgtype="text",
                     sent_at=utcnow(), text=PARKING)
    for _ in range(2):   # the archive handed over again (a restored backup, a replay)
        async with sessions() as session, session.begin():
            await desk.take(session, [line], lambda room, member: True)
    assert await count(sessions, GroupMessage) == 1 and len(await _tickets(sessions)) == 1
