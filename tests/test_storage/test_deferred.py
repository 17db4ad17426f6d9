"""Writes waiting in the session (storage.deferred): seen by the transaction's next
statement, written in order with the commit, gone with a rollback."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from storage import deferred
from storage.base import utcnow
from storage.intake import dialogs
from storage.intake.models import DialogState

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
