"""Tickets in storage: daily numbers, the timeline, a resident's own tickets, linked messages."""

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from storage.intake.models import InboundMessage
from storage.tickets import store as tickets
from storage.tickets.models import Ticket, TicketCounter, TicketEvent
from tests.support.ticket_rows import NOW, SH
from tests.support.ticket_rows import open_row as _open


async def test_numbers_use_the_local_day(sessions):
    async with sessions() as session, session.begin():
        first = await _open(session)
        yesterday = await _open(session, now=datetime(2026, 11, 27, 15, 59, tzinfo=UTC))
        second = await _open(session, now=NOW + timedelta(hours=8))
    assert first.number == "DCF20261128-0001"
    assert yesterday.number == "DCF20261127-0001"
    assert second.number == "DCF20261128-0002"
    async with sessions() as session:
        again = await tickets.get_by_number(session, "DCF20261128-0001")
        assert await tickets.get_by_number(session, "DCF20261128-0099") is None
    assert again.id == first.id and again.status == "new" and again.summary == "楼下噪音扰民"
    assert again.created_at == NOW and again.resolve_due == NOW + timedelta(days=7)
    assert tickets.reasons(again) == ["noise"]


async def test_the_sequence_widens_past_9999(sessions):
    async with sessions() as session, session.begin():
        session.add(TicketCounter(day="20261128", seq=9998))
    async with sessions() as session, session.begin():
        last = await _open(session)
        wide = await _open(session)
    assert (last.number, wide.number) == ("DCF20261128-9999", "DCF20261128-10000")


async def test_concurrent_openings_get_distinct_consecutive_numbers(sessions):
    async def one(i):
        async with sessions() as session, session.begin():
            ticket = await _open(session, openid=f"o{i}")
            await asyncio.sleep(0)       # hold the transaction open across a switch
            return ticket.number

    numbers = await asyncio.gather(*(one(i) for i in range(50)))
    assert sorted(numbers) == [f"DCF20261128-{seq:04d}" for seq in range(1, 51)]


async def test_a_rolled_back_opening_gives_its_number_back(sessions):
    async with sessions() as session:
        async with session.begin():
            await _open(session)
        with pytest.raises(RuntimeError):
            async with session.begin():
                await _open(session)
                raise RuntimeError("handler failed")
        async with session.begin():
            third = await _open(session)
        postgres = session.bind.dialect.name == "postgresql"
    if postgres:
        # The counter commits on its own (no day's row held across openings, issue 16):
        # the rolled-back ticket leaves a gap, and its number is never given again.
        assert third.number == "DCF20261128-0003"
    else:
        # One writer: the counter moves in the ticket's own transaction and rolls back.
        assert third.number == "DCF20261128-0002"


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_an_opening_in_progress_does_not_hold_up_the_next_one(sessions):
    async with sessions() as slow, slow.begin():
        first = await _open(slow, openid="o-slow")
        # The first opening's transaction is still open (its handler still working): the
        # next one, on another connection as on another instance, gets its number at once.
        async def other():
            async with sessions() as session, session.begin():
                return (await _open(session, openid="o-quick")).number
        second = await asyncio.wait_for(other(), timeout=5)
    assert (first.number, second) == ("DCF20261128-0001", "DCF20261128-0002")


async def test_timeline_events(sessions):
    async with sessions() as session, session.begin():
        ticket = await _open(session)
        later = NOW + timedelta(minutes=5)
        tickets.add_event(session, ticket, "system", "status", "", at=later,
                          **{"from": "new", "to": "assigned"})
        tickets.add_event(session, ticket, "wangwei", "reply_out", "您好，民警已受理",
                          at=later + timedelta(minutes=1), first_response=True)
        tickets.add_event(session, ticket, "wangwei", "reply_out", "再次回复",
                          at=later + timedelta(minutes=2), first_response=False)
        with pytest.raises(ValueError):
            tickets.add_event(session, ticket, "o-resident", "message_in", "谢谢")
    async with sessions() as session:
        ticket = await tickets.get_by_number(session, ticket.number)
        timeline = await tickets.events(session, ticket)
    assert [(e.actor, e.type) for e in timeline] == [
        ("system", "created"), ("system", "status"), ("wangwei", "reply_out"),
        ("wangwei", "reply_out")]
    created = tickets.event_data(timeline[0])
    assert created == {"kind": "complaint", "priority": "P3", "channel": "wechat",
                       "unit": "古楼派出所", "flagged": False}
    assert timeline[0].text == "楼下噪音扰民" and timeline[0].at == NOW
    assert tickets.event_data(timeline[1]) == {"from": "new", "to": "assigned"}
    assert tickets.event_data(timeline[2]) == {"first_response": True}
    assert ticket.updated_at == NOW + timedelta(minutes=7)
    assert ticket.first_response_at == NOW + timedelta(minutes=6)


async def test_list_for_openid_only_returns_that_residents_tickets(sessions):
    async with sessions() as session, session.begin():
        mine = [await _open(session, openid="o-a") for _ in range(3)]
        await _open(session, openid="o-b")
        await _open(session, openid=None, channel="hotline")
    async with sessions() as session:
        listed = await tickets.list_for_openid(session, "o-a", limit=2)
        none = await tickets.list_for_openid(session, "o-c", limit=10)
    assert [t.number for t in listed] == [mine[2].number, mine[1].number]
    assert none == []


async def test_link_inbound(sessions):
    async with sessions() as session, session.begin():
        message = InboundMessage(channel="wechat", dedupe_key="m1", openid="o-a",
                                 msg_type="text", content="楼下噪音", state="handled")
        session.add(message)
        await session.flush()
        ticket = await _open(session, openid="o-a")
        await tickets.link_inbound(session, message.id, ticket)
    async with sessions() as session:
        linked = await session.scalar(select(InboundMessage.ticket_id)
                                      .where(InboundMessage.id == message.id))
    assert linked == ticket.id


async def test_unknown_kind_is_refused_by_the_database(sessions):
    with pytest.raises(IntegrityError):
        async with sessions() as session, session.begin():
            await _open(session, kind="other")


async def test_event_data_is_json(sessions):
    async with sessions() as session, session.begin():
        ticket = await _open(session)
        tickets.add_event(session, ticket, "system", "alert", "超时提醒", at=NOW,
                          overdue=["first_response"])
    async with sessions() as session:
        events = list(await session.scalars(select(TicketEvent).order_by(TicketEvent.id)))
    assert len(events) == 2
    assert json.loads(events[1].data) == {"overdue": ["first_response"]}


async def test_an_event_that_does_not_move_updated_at_leaves_the_ticket_clean(sessions):
    async with sessions() as session, session.begin():
        ticket = await _open(session)
        tickets.add_event(session, ticket, "system", "status", at=NOW)     # opened at NOW
        assert not session.dirty              # nothing for the ORM to flush at the commit
        tickets.add_event(session, ticket, "system", "status", at=NOW + timedelta(minutes=1))
        assert ticket in session.dirty
    async with sessions() as session:
        assert (await tickets.get_by_number(session, ticket.number)).updated_at == (
            NOW + timedelta(minutes=1))


async def test_events_wait_for_the_commit_or_a_read_and_leave_with_a_rollback(sessions):
    async with sessions() as session, session.begin():
        ticket = await _open(session)
        tickets.add_event(session, ticket, "system", "alert", "超时提醒", at=NOW)
        # A read in the same transaction sees them (the ORM's autoflush did the same).
        assert [e.type for e in await tickets.events(session, ticket)] == ["created", "alert"]
        tickets.add_event(session, ticket, "system", "note", "写入前")
    session = sessions()
    async with session.begin():
        tickets.add_event(session, ticket, "system", "lost", "回滚")
        await session.rollback()
    await session.get(Ticket, ticket.id)     # begins a transaction that is closed unended
    tickets.add_event(session, ticket, "system", "lost", "关闭")
    await session.close()
    async with session.begin():           # the same session again: nothing left over
        tickets.add_event(session, ticket, "system", "kept", "提交")
    await session.close()
    async with sessions() as session:
        kinds = [e.type for e in await tickets.events(session, ticket)]
    assert kinds == ["created", "alert", "note", "kept"]


async def test_a_plain_opening_writes_the_rows_an_orm_opening_writes(sessions):
    # Every optional column given, so that a column either way leaves out shows.
    fields = dict(prefix="DCF", tz=SH, kind="emergency", priority="P1", channel="wechat",
                  unit="古楼派出所", flagged=True, openid="o-a", contact_phone="13800000000",
                  anonymous=True, summary="有人撬门", area="古楼街道", lat=31.2, lng=121.4,
                  reasons=["rule:burglary", "alarm"], now=NOW,
                  first_response_due=NOW + timedelta(minutes=5),
                  resolve_due=NOW + timedelta(hours=2), actor="resident",
                  emergency_kind="burglary", location_label="柳园小区", place="柳园小区3号楼",
                  sign_due=NOW + timedelta(minutes=3), location_asked_at=NOW)
    async with sessions() as session, session.begin():
        orm = await tickets.create_ticket(session, **fields)
        tickets.add_event(session, orm, "system", "auto_reply", "已受理", at=NOW)
    async with sessions() as session, session.begin():
        plain = await tickets.open_plain(session, **fields)
        tickets.add_event(session, plain, "system", "auto_reply", "已受理", at=NOW)
        assert not session.sync_session.identity_map      # nothing for the ORM to flush
    columns = [c for c in Ticket.__table__.columns if c.key not in ("id", "number")]
    async with sessions() as session:
        rows = {t.id: t for t in await session.scalars(select(Ticket))}
        events = list(await session.scalars(select(TicketEvent).order_by(TicketEvent.id)))
    written = [{c.key: getattr(rows[t.id], c.key) for c in columns} for t in (orm, plain)]
    assert written[0] == written[1]
    # What the opener reads back is what was written.
    assert {c.key: getattr(plain, c.key) for c in columns} == written[1]
    assert (orm.number, plain.number) == ("DCF20261128-0001", "DCF20261128-0002")
    timelines = [[(e.at, e.actor, e.type, e.text, e.data) for e in events
                  if e.ticket_id == t.id] for t in (orm, plain)]
    assert timelines[0] == timelines[1] and len(timelines[0]) == 2


async def test_a_plain_opening_takes_no_event_that_would_move_the_ticket(sessions):
    async with sessions() as session, session.begin():
        plain = await tickets.open_plain(
            session, prefix="DCF", tz=SH, kind="feedback", priority="P4", channel="wechat",
            unit="古楼派出所", flagged=False, openid="o-a", contact_phone=None,
            anonymous=False, summary="建议", area=None, lat=None, lng=None, reasons=[],
            first_response_due=NOW, resolve_due=NOW, now=NOW)
        # Its updated_at would have to be written, and nothing holds the ticket to write it.
        with pytest.raises(ValueError):
            tickets.add_event(session, plain, "system", "note", at=NOW + timedelta(minutes=1))
        with pytest.raises(ValueError):
            tickets.add_event(session, plain, "wangwei", "reply_out", at=NOW,
                              first_response=True)
