"""Storing a reply with the writes that waited for it: SQLite's fast path (storage.inline)
and SQLAlchemy's path (PostgreSQL, or SQLite's connection busy) leave the same rows."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, timedelta

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from storage.base import utcnow
from storage.intake import dialogs, handled
from storage.intake.inbound import InboundStore
from storage.intake.models import DialogState
from storage.tickets import store as tickets
from storage.tickets.models import Ticket, TicketEvent
from tests.helpers import inbound_rows
from tests.support.intake import inbound_row


async def _recorded(sessions, key: str) -> int:
    store = InboundStore(sessions, max_delay_s=0)
    try:
        return (await store.record(inbound_row(key, "o-inline"))).id
    finally:
        await store.close()


async def _settle(session, inbound_id: int, reply: str) -> bool:
    """As handlers.core.settlement does: the fast path, else the session's."""
    done = await handled.commit_handled(session, inbound_id, reply, "passive", "acted")
    if done is None:
        if not await handled.mark_handled(session, inbound_id, reply, "passive", "acted"):
            return False
        await session.commit()
        return True
    return done


async def _dialog(sessions) -> DialogState | None:
    async with sessions() as session:
        return await session.scalar(select(DialogState).where(DialogState.openid == "o-inline"))


async def test_a_reply_commits_with_the_dialog_step_that_waited_for_it(sessions, db_url):
    inbound_id = await _recorded(sessions, "msg:inline-1")
    async with sessions() as session:
        await dialogs.save(session, "o-inline", dialogs.Saved("complaint", 2, {"地点": "东昌路"}),
                           utcnow() + timedelta(minutes=30))
        if db_url.startswith("sqlite"):    # nothing else holds the connection: the fast path
            assert await handled.commit_handled(session, inbound_id, "已收到", "passive",
                                                "acted") is True
        else:
            assert await _settle(session, inbound_id, "已收到")
        assert not session.in_transaction()
    (message,) = await inbound_rows(sessions, "o-inline")
    assert (message.state, message.reply, message.reply_mode, message.classified) == (
        "handled", "已收到", "passive", "acted")
    assert message.handled_at is not None
    state = await _dialog(sessions)
    assert (state.dialog, state.step, state.data) == ("complaint", 2, '{"地点": "东昌路"}')
    async with sessions() as session:      # the dialog reads back as saved (types converted)
        saved, expires_at = await dialogs.load(session, "o-inline")
    assert saved == dialogs.Saved("complaint", 2, {"地点": "东昌路"}) and expires_at > utcnow()


async def test_a_message_handled_elsewhere_rolls_back_the_waiting_writes(sessions):
    inbound_id = await _recorded(sessions, "msg:inline-2")
    async with sessions() as session:
        assert await _settle(session, inbound_id, "第一次")
    async with sessions() as session:
        await dialogs.save(session, "o-inline", dialogs.Saved("complaint", 0),
                           utcnow() + timedelta(minutes=30))
        assert not await _settle(session, inbound_id, "第二次")
    (message,) = await inbound_rows(sessions, "o-inline")
    assert message.reply == "第一次"
    assert await _dialog(sessions) is None


async def test_a_session_that_read_stores_its_reply_through_its_connection(sessions, db_url):
    inbound_id = await _recorded(sessions, "msg:inline-3")
    async with sessions() as session:
        await session.execute(select(DialogState.openid))      # holds a connection now
        await dialogs.clear(session, "o-inline")
        done = await handled.commit_handled(session, inbound_id, "好的", "passive")
        # On SQLite its writes run on the connection it holds, then it commits.
        assert done is (True if db_url.startswith("sqlite") else None)
        if done is None:
            assert await _settle(session, inbound_id, "好的")
        assert not session.in_transaction()
    assert (await inbound_rows(sessions, "o-inline"))[0].reply == "好的"


async def test_a_session_that_read_leaves_its_writes_to_sqlalchemy_when_sqlite_is_locked(
        sessions, db_url):
    if not db_url.startswith("sqlite"):
        return
    inbound_id = await _recorded(sessions, "msg:inline-5")
    other = sqlite3.connect(make_url(db_url).database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")          # another process holds SQLite's write lock
    async with sessions() as session:
        await session.execute(select(DialogState.openid))
        await dialogs.clear(session, "o-inline")
        assert await handled.commit_handled(session, inbound_id, "好的", "passive") is None
        assert session.in_transaction()
        asyncio.get_running_loop().call_later(0.2, other.rollback)
        assert await _settle(session, inbound_id, "好的")     # waits in SQLite's thread
    other.close()
    assert (await inbound_rows(sessions, "o-inline"))[0].reply == "好的"


async def test_the_fast_path_waits_for_the_connection_another_task_holds(sessions, db_url):
    inbound_id = await _recorded(sessions, "msg:inline-4")
    holding, release = asyncio.Event(), asyncio.Event()

    async def hold() -> None:
        async with sessions() as holder:
            await holder.execute(select(DialogState.openid))
            holding.set()
            await release.wait()
            await dialogs.save(holder, "o-inline", dialogs.Saved("consult", 0),
                               utcnow() + timedelta(minutes=30))
            await holder.commit()

    holder = asyncio.create_task(hold())
    await holding.wait()
    async with sessions() as session:
        await dialogs.save(session, "o-inline", dialogs.Saved("consult", 1),
                           utcnow() + timedelta(minutes=30))
        settling = asyncio.create_task(_settle(session, inbound_id, "好的"))
        await asyncio.sleep(0.05)
        if db_url.startswith("sqlite"):     # one connection: it waits for the holder
            assert not settling.done()
        release.set()
        assert await settling
    await holder
    if db_url.startswith("sqlite"):
        assert (await _dialog(sessions)).step == 1      # written after the holder's
    assert (await inbound_rows(sessions, "o-inline"))[0].reply == "好的"


async def _opened(sessions, now):
    """A resident's complaint ticket, committed."""
    async with sessions() as session, session.begin():
        return await tickets.create_ticket(
            session, prefix="DCF", tz=UTC, kind="complaint", priority="P3", channel="wechat",
            unit="古楼派出所", flagged=False, openid="o-inline", contact_phone=None,
            anonymous=False, summary="噪音", area=None, lat=None, lng=None, reasons=[],
            first_response_due=now, resolve_due=now, now=now)


async def test_timeline_events_waiting_with_the_dialog_step_commit_with_the_reply(sessions,
                                                                                  db_url):
    inbound_id = await _recorded(sessions, "msg:inline-5")
    now = utcnow()
    ticket = await _opened(sessions, now)
    async with sessions() as session:
        tickets.add_event(session, ticket, "resident", "message_in", "三楼", at=now)
        await dialogs.save(session, "o-inline", dialogs.Saved("complaint", 3),
                           utcnow() + timedelta(minutes=30))
        tickets.add_event(session, ticket, "system", "reply_out", at=now)
        if db_url.startswith("sqlite"):    # nothing else holds the connection: the fast path
            assert await handled.commit_handled(session, inbound_id, "收到", "passive") is True
        else:
            assert await _settle(session, inbound_id, "收到")
    async with sessions() as session:
        assert [e.type for e in await tickets.events(session, ticket)] == [
            "created", "message_in", "reply_out"]
    assert (await _dialog(sessions)).step == 3
    assert (await inbound_rows(sessions, "o-inline"))[0].reply == "收到"


async def test_a_reply_links_its_ticket_only_if_the_ticket_is_there(sessions, db_url):
    first = await _recorded(sessions, "msg:inline-6")
    second = await _recorded(sessions, "msg:inline-7")
    now = utcnow()
    ticket = await _opened(sessions, now)
    for inbound_id, ticket_id in ((first, ticket.id), (second, ticket.id + 99)):
        async with sessions() as session:
            await session.begin()
            done = await handled.commit_handled(session, inbound_id, "收到", "passive",
                                                ticket_id=ticket_id)
            assert done is (None if db_url.startswith("postgres") else True)
            if done is None:       # PostgreSQL: SQLAlchemy's way
                assert await handled.mark_handled(session, inbound_id, "收到", "passive",
                                                  ticket_id=ticket_id)
                await session.commit()
    rows = await inbound_rows(sessions, "o-inline")
    assert [(row.state, row.ticket_id) for row in rows] == [
        ("handled", ticket.id), ("handled", None)]


async def _opened_with_reply(sessions, inbound_id: int, db_url: str) -> bool:
    """A unit of work that opens a ticket (its session then holds the connection), queues
    an event and a dialog step, and stores its reply."""
    now = utcnow()
    async with sessions() as session:
        ticket = await tickets.create_ticket(
            session, prefix="DCF", tz=UTC, kind="complaint", priority="P3", channel="wechat",
            unit="古楼派出所", flagged=False, openid="o-inline", contact_phone=None,
            anonymous=False, summary="噪音", area=None, lat=None, lng=None, reasons=[],
            first_response_due=now, resolve_due=now, now=now)
        tickets.add_event(session, ticket, "system", "reply_out", "请问地点", at=now)
        await dialogs.save(session, "o-inline", dialogs.Saved("complaint", 1),
                           utcnow() + timedelta(minutes=30))
        done = await handled.commit_handled(session, inbound_id, "已受理", "passive",
                                            ticket_id=ticket.id)
        if db_url.startswith("sqlite"):    # on its own connection, committed by the session
            assert done is not None
        if done is None:       # PostgreSQL: SQLAlchemy's way
            done = await handled.mark_handled(session, inbound_id, "已受理", "passive",
                                              ticket_id=ticket.id)
            if done:
                await session.commit()
        if not done:
            await session.rollback()
        assert not session.in_transaction()
        return done


async def test_a_unit_of_work_holding_its_connection_commits_its_writes_on_it(sessions,
                                                                              db_url):
    inbound_id = await _recorded(sessions, "msg:inline-8")
    assert await _opened_with_reply(sessions, inbound_id, db_url)
    (message,) = await inbound_rows(sessions, "o-inline")
    assert (message.state, message.reply) == ("handled", "已受理")
    assert (await _dialog(sessions)).step == 1
    async with sessions() as session:
        ticket = await session.get(Ticket, message.ticket_id)
        assert [e.type for e in await tickets.events(session, ticket)] == [
            "created", "reply_out"]


async def test_a_unit_of_work_holding_its_connection_leaves_nothing_if_handled_elsewhere(
        sessions, db_url):
    inbound_id = await _recorded(sessions, "msg:inline-9")
    async with sessions() as session:
        assert await _settle(session, inbound_id, "第一次")
    assert not await _opened_with_reply(sessions, inbound_id, db_url)
    assert (await inbound_rows(sessions, "o-inline"))[0].reply == "第一次"
    assert await _dialog(sessions) is None
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Ticket)) == 0
        assert await session.scalar(select(func.count()).select_from(TicketEvent)) == 0
