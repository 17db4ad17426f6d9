"""Storing a reply with the writes that waited for it: SQLite's fast path (storage.inline)
and SQLAlchemy's path (PostgreSQL, or SQLite's connection busy) leave the same rows."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from storage.base import utcnow
from storage.intake import dialogs, handled
from storage.intake.inbound import InboundStore
from storage.intake.models import DialogState
from tests.helpers import inbound_rows
from tests.test_storage.test_inbound import row


async def _recorded(sessions, key: str) -> int:
    store = InboundStore(sessions, max_delay_s=0)
    try:
        return (await store.record(row(key, "o-inline"))).id
    finally:
        await store.close()


async def _settle(session, inbound_id: int, reply: str) -> bool:
    """As handlers.core.settlement does: the fast path, else the session's."""
    done = handled.commit_handled(session, inbound_id, reply, "passive", "acted")
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
            assert handled.commit_handled(session, inbound_id, "已收到", "passive",
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


async def test_a_session_holding_the_connection_sends_the_others_through_theirs(
        sessions, db_url):
    inbound_id = await _recorded(sessions, "msg:inline-3")
    async with sessions() as holder:
        await holder.execute(select(DialogState.openid))      # holds the connection
        async with sessions() as session:
            await dialogs.clear(session, "o-inline")
            # Not now (SQLite: the pool's connection is in use; PostgreSQL: never).
            assert handled.commit_handled(session, inbound_id, "好的", "passive") is None
            assert session.in_transaction()
        await holder.rollback()
    async with sessions() as session:
        await dialogs.save(session, "o-inline", dialogs.Saved("consult", 1),
                           utcnow() + timedelta(minutes=30))
        assert await _settle(session, inbound_id, "好的")
    assert (await _dialog(sessions)).dialog == "consult"
    assert (await inbound_rows(sessions, "o-inline"))[0].reply == "好的"
