"""Writes waiting in the session (storage.deferred): dialog steps and timeline events in one
queue, seen by the transaction's next statement, written in order with the commit (a run of
events as one executemany), gone with a rollback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import event, exists, func, select, update

from storage import deferred
from storage.base import utcnow
from storage.intake import dialogs
from storage.intake.models import DialogState
from storage.tickets import store as tickets
from storage.tickets.models import Ticket, TicketEvent

LATER = timedelta(minutes=30)


async def _steps(sessions) -> dict[str, int]:
    async with sessions() as session:
        rows = await session.execute(select(DialogState.openid, DialogState.step))
        return {openid: step for openid, step in rows}


async def test_the_next_statement_of_the_transaction_sees_the_waiting_write(sessions):
    async with sessions() as session:
        await dialogs.save(session, "o-wait", dialogs.Saved("consult", 3), utcnow() + LATER)
        assert session.in_transaction() and deferred.waiting(session.sync_session)
        saved, _ = await dialogs.load(session, "o-wait")
        assert saved == dialogs.Saved("consult", 3)
        assert not deferred.waiting(session.sync_session)
        await session.commit()
    assert await _steps(sessions) == {"o-wait": 3}


async def test_waiting_writes_go_out_in_order_with_the_commit(sessions):
    async with sessions() as session:
        await dialogs.save(session, "o-a", dialogs.Saved("consult", 1), utcnow() + LATER)
        await dialogs.save(session, "o-b", dialogs.Saved("consult", 1), utcnow() + LATER)
        await dialogs.clear(session, "o-a")
        await dialogs.save(session, "o-b", dialogs.Saved("consult", 2), utcnow() + LATER)
        await session.commit()
    assert await _steps(sessions) == {"o-b": 2}


async def test_a_rollback_drops_the_waiting_writes(sessions):
    async with sessions() as session:
        await dialogs.save(session, "o-gone", dialogs.Saved("consult", 1), utcnow() + LATER)
        await session.rollback()
        assert not deferred.waiting(session.sync_session)
        await session.commit()
    async with sessions() as session:
        await dialogs.save(session, "o-gone", dialogs.Saved("consult", 1), utcnow() + LATER)
    assert await _steps(sessions) == {}


NOW = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)


async def _ticket(sessions) -> Ticket:
    async with sessions() as session, session.begin():
        return await tickets.create_ticket(
            session, prefix="DCF", tz=ZoneInfo("Asia/Shanghai"), kind="complaint",
            priority="P3", channel="wechat", unit="古楼派出所", flagged=False,
            openid="o-queue", contact_phone=None, anonymous=False, summary="楼下噪音",
            area=None, lat=None, lng=None, reasons=[], first_response_due=NOW,
            resolve_due=NOW, now=NOW)


async def _events(sessions, ticket: Ticket) -> list[str]:
    async with sessions() as session:
        return [e.type for e in await tickets.events(session, ticket)]


async def test_events_and_dialog_steps_are_one_queue_in_order(sessions):
    ticket = await _ticket(sessions)
    async with sessions() as session:
        tickets.add_event(session, ticket, "system", "routed", at=NOW)
        await dialogs.save(session, "o-queue", dialogs.Saved("complaint", 1), utcnow() + LATER)
        tickets.add_event(session, ticket, "resident", "message_in", "三楼", at=NOW)
        await dialogs.clear(session, "o-queue")
        # A statement of the same transaction sees every waiting write, of both kinds.
        assert await session.scalar(select(func.count()).select_from(TicketEvent)) == 3
        assert await session.scalar(select(func.count()).select_from(DialogState)) == 0
        tickets.add_event(session, ticket, "system", "reply_out", at=NOW)
        await session.commit()
    # The timeline reads in the order the handler wrote it.
    assert await _events(sessions, ticket) == ["created", "routed", "message_in", "reply_out"]
    assert await _steps(sessions) == {}


async def test_an_update_whose_condition_reads_the_timeline_sees_a_waiting_event(sessions):
    ticket = await _ticket(sessions)
    async with sessions() as session:
        tickets.add_event(session, ticket, "system", "alerted", at=NOW)
        # An alert not yet sent: NOT EXISTS its event (as the alerts' claim asks).
        changed = await session.execute(
            update(Ticket).where(Ticket.id == ticket.id, ~exists().where(
                TicketEvent.ticket_id == Ticket.id, TicketEvent.type == "alerted"))
            .values(summary="改了"))
        assert changed.rowcount == 0
        await session.commit()
    assert await _events(sessions, ticket) == ["created", "alerted"]


async def test_a_run_of_events_is_one_executemany(sessions, engine):
    ticket = await _ticket(sessions)
    inserts: list[bool] = []

    def seen(_conn, _cursor, statement, _parameters, _context, executemany):
        if statement.startswith("INSERT INTO ticket_events"):
            inserts.append(executemany)

    event.listen(engine.sync_engine, "before_cursor_execute", seen)
    try:
        async with sessions() as session:
            for kind in ("routed", "message_in", "reply_out"):
                tickets.add_event(session, ticket, "system", kind, at=NOW)
            await dialogs.save(session, "o-queue", dialogs.Saved("complaint", 1),
                               utcnow() + LATER)
            tickets.add_event(session, ticket, "system", "asked", at=NOW)
            await session.commit()
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", seen)
    assert inserts == [True, False]       # three rows at once, then the one after the step
    assert await _events(sessions, ticket) == [
        "created", "routed", "message_in", "reply_out", "asked"]


async def test_a_rollback_drops_waiting_events_with_the_dialog_steps(sessions):
    ticket = await _ticket(sessions)
    async with sessions() as session:
        tickets.add_event(session, ticket, "system", "routed", at=NOW)
        await dialogs.save(session, "o-queue", dialogs.Saved("complaint", 1), utcnow() + LATER)
        await session.rollback()
        assert not deferred.waiting(session.sync_session)
        tickets.add_event(session, ticket, "system", "reply_out", at=NOW)
        await session.commit()
    assert await _events(sessions, ticket) == ["created", "reply_out"]
    assert await _steps(sessions) == {}
