"""Recalls in the police WeChat group (the archive's `revoke` records): stored once, a line
taken back before it was read is not acted on (an emergency still is), and a ticket a
recalled line opened keeps it, its words and its status, with the recall on its timeline."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from types import MappingProxyType
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from bot.channels.group import local
from bot.channels.group.archive import ArchiveRecord
from bot.channels.group.poller import decode
from handlers.console.group_view import group_panel
from handlers.core.privacy import MASKED
from storage.base import utcnow
from storage.groups.models import ArchiveCursor, GroupMessage, LocalArchiveRecord
from storage.tickets.models import Ticket, TicketEvent
from tests.groups import AUNT, OWNER, ROOM, count, make_poller, member_id, stored, with_groups
from tests.helpers import outbox_rows

PARKING = "楼下有人乱停车堵住消防通道，麻烦处理一下"
FIGHT = "小区门口有人拿刀打架，已经有人流血了，快来人"
TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def group_config(config):
    return with_groups(config)


async def _aunt(sessions) -> str:
    aunt = member_id(AUNT)
    await local.consent(sessions, ROOM, aunt, AUNT)
    return aunt


async def _msgid(sessions, seq: int) -> str:
    async with sessions() as session:
        return await session.scalar(select(LocalArchiveRecord.msgid)
                                    .where(LocalArchiveRecord.seq == seq))


async def _tickets(sessions) -> list[Ticket]:
    async with sessions() as session:
        return list(await session.scalars(select(Ticket).order_by(Ticket.id)))


async def _events(sessions, ticket_id: int, type_: str) -> list[TicketEvent]:
    async with sessions() as session:
        return list(await session.scalars(select(TicketEvent).where(
            TicketEvent.ticket_id == ticket_id, TicketEvent.type == type_)
            .order_by(TicketEvent.id)))


def test_a_revoke_record_decodes_to_a_recall_of_its_pre_msgid():
    now = datetime(2026, 12, 4, tzinfo=UTC)
    revoke = {"msgid": "r1", "action": "recall", "from": "wmAunt0000001", "roomid": ROOM,
              "msgtime": 1764806400000, "msgtype": "revoke", "revoke": {"pre_msgid": "m1"}}
    line = decode(ArchiveRecord(7, "r1", MappingProxyType(revoke)), now)
    assert line is not None and (line.recalls, line.msgid, line.text) == ("m1", "r1", "")
    unnamed = {**revoke, "revoke": {}}
    assert decode(ArchiveRecord(8, "r2", MappingProxyType(unnamed)), now) is None
    sent = {**revoke, "action": "send", "msgtype": "text", "text": {"content": "你好"}}
    assert decode(ArchiveRecord(9, "r3", MappingProxyType(sent)), now).recalls == ""


async def test_a_recalled_request_keeps_its_ticket_and_words_and_the_timeline_says_so(
        group_config, sessions):
    aunt = await _aunt(sessions)
    seq = await local.post(sessions, ROOM, aunt, PARKING)
    poller = await make_poller(group_config, sessions)
    await poller.run_once()
    [opened] = await _tickets(sessions)
    await local.recall(sessions, ROOM, aunt, await _msgid(sessions, seq))
    await poller.run_once()
    [ticket] = await _tickets(sessions)
    assert ticket.status == opened.status                     # nothing closed by a recall
    [event] = await _events(sessions, ticket.id, "recalled")
    assert "群众撤回了消息" in event.text and event.actor == "resident"
    original, recall_row = await stored(sessions)
    assert original.text == PARKING and original.recalled_at is not None
    assert original.ticket_id == ticket.id and original.role == "request"
    assert recall_row.recalls == original.msgid and recall_row.ticket_id == ticket.id
    # Read again from the start (a restore, a replay): stored once, told once.
    async with sessions() as session, session.begin():
        await session.execute(update(ArchiveCursor).values(seq=0))
    await poller.run_once()
    assert await count(sessions, GroupMessage) == 2
    assert len(await _events(sessions, ticket.id, "recalled")) == 1
    async with sessions() as session:
        panel = await group_panel(session, ticket, MASKED, utcnow(), TZ)
    shown = [m for m in panel["thread"] if m["recalled"]]
    assert [(m["text"], m["recalled"]) for m in shown] == [(PARKING, "已撤回")]


async def test_a_request_recalled_before_it_was_read_opens_nothing(group_config, sessions):
    aunt = await _aunt(sessions)
    seq = await local.post(sessions, ROOM, aunt, PARKING)
    await local.recall(sessions, ROOM, aunt, await _msgid(sessions, seq))
    poller = await make_poller(group_config, sessions)
    assert await poller.run_once() == 2
    assert await _tickets(sessions) == []
    assert await outbox_rows(sessions, OWNER) == []           # the owner is not told either
    original, _ = await stored(sessions)
    assert original.recalled_at is not None and original.role == "chat"


async def test_an_emergency_recalled_before_it_was_read_still_alerts(group_config, sessions):
    aunt = await _aunt(sessions)
    seq = await local.post(sessions, ROOM, aunt, FIGHT)
    await local.recall(sessions, ROOM, aunt, await _msgid(sessions, seq))
    poller = await make_poller(group_config, sessions)
    await poller.run_once()
    [ticket] = await _tickets(sessions)
    assert (ticket.kind, ticket.priority) == ("emergency", "P1")
    assert await _events(sessions, ticket.id, "alert")
    assert len(await _events(sessions, ticket.id, "recalled")) == 1
    [notice] = await outbox_rows(sessions, OWNER)
    assert json.loads(notice.payload)["ticket"] == ticket.number


async def test_a_recall_of_a_message_never_stored_touches_nothing(group_config, sessions):
    aunt = await _aunt(sessions)
    await local.recall(sessions, ROOM, aunt, "msg-from-before-we-read")
    poller = await make_poller(group_config, sessions)
    assert await poller.run_once() == 1
    [row] = await stored(sessions)
    assert row.recalls == "msg-from-before-we-read" and row.ticket_id is None
    assert await count(sessions, TicketEvent) == 0


async def test_an_officers_answer_recalled_later_stays_the_first_response(group_config,
                                                                          sessions):
    aunt = await _aunt(sessions)
    await local.post(sessions, ROOM, aunt, PARKING)
    poller = await make_poller(group_config, sessions)
    await poller.run_once()
    seq = await local.post(sessions, ROOM, OWNER, f"@{AUNT} 已联系车主挪车")
    await poller.run_once()
    [ticket] = await _tickets(sessions)
    assert ticket.first_response_at is not None
    await local.recall(sessions, ROOM, OWNER, await _msgid(sessions, seq))
    await poller.run_once()
    [after] = await _tickets(sessions)
    assert after.first_response_at == ticket.first_response_at and after.status == ticket.status
    [event] = await _events(sessions, ticket.id, "recalled")
    assert "民警撤回了群内消息" in event.text and event.actor == OWNER


async def test_an_officers_answer_recalled_before_it_was_read_is_not_an_answer(group_config,
                                                                               sessions):
    aunt = await _aunt(sessions)
    await local.post(sessions, ROOM, aunt, PARKING)
    poller = await make_poller(group_config, sessions)
    await poller.run_once()
    seq = await local.post(sessions, ROOM, OWNER, f"@{AUNT} 已联系车主挪车")
    await local.recall(sessions, ROOM, OWNER, await _msgid(sessions, seq))
    await poller.run_once()
    [ticket] = await _tickets(sessions)
    assert ticket.first_response_at is None
    assert await _events(sessions, ticket.id, "reply_out") == []
