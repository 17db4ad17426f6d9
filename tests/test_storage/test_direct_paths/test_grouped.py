"""Replies stored in one loop iteration share one commit on SQLite (storage.grouped): each is
committed before its caller may send it, and one that fails loses none of the others."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from datetime import timedelta

import pytest
from sqlalchemy import exc, insert, select, update
from sqlalchemy.engine import make_url

from storage import deferred
from storage.base import utcnow
from storage.intake import dialogs, handled
from storage.intake.inbound import InboundStore
from storage.intake.models import DialogState, InboundMessage
from tests.support.intake import inbound_row


@pytest.fixture
def db_url(tmp_path, sqlite_template):     # the group is SQLite's only
    path = tmp_path / "jingmin.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite+aiosqlite:///{path}"


async def _recorded(sessions, *keys: str) -> list[int]:
    store = InboundStore(sessions, max_delay_s=0)
    try:
        return [(await store.record(inbound_row(key, f"o-{key}"))).id for key in keys]
    finally:
        await store.close()


def _states(db_url: str) -> dict[int, str]:
    """What another process would read: the committed states of every message."""
    with sqlite3.connect(make_url(db_url).database) as other:
        return dict(other.execute("SELECT id, state FROM inbound_messages"))


async def _reply(sessions, inbound_id: int, openid: str, db_url: str, seen: dict,
                 extra=None) -> bool | None:
    """A push's reply: its dialog step, the reply stored; then what another process sees at
    the moment the reply may leave."""
    async with sessions() as session:
        await dialogs.save(session, openid, dialogs.Saved("complaint", 2, {"地点": "东昌路"}),
                           utcnow() + timedelta(minutes=30))
        if extra is not None:
            deferred.add(session, *extra)
        done = await handled.commit_handled(session, inbound_id, "已记录", "passive", "acted")
        seen[inbound_id] = _states(db_url)
        return done


async def test_replies_of_one_iteration_are_committed_together_before_any_leaves(
        sessions, db_url):
    ids = await _recorded(sessions, "g1", "g2", "g3")
    seen: dict = {}
    done = await asyncio.gather(*(_reply(sessions, i, f"o-g{n}", db_url, seen)
                                  for n, i in enumerate(ids, 1)))
    assert done == [True, True, True]
    # When the first reply may leave, all three are on the disk's log: one commit for three.
    for inbound_id in ids:
        assert [seen[inbound_id][i] for i in ids] == ["handled"] * 3


async def test_a_reply_that_fails_in_a_group_loses_none_of_the_others(sessions, db_url):
    first, taken, broken, last = await _recorded(sessions, "f1", "f2", "f3", "f4")
    async with sessions() as session:      # another handler completed f2 already
        assert await handled.mark_handled(session, taken, "早先的回复", "passive")
        await session.commit()
    clash = (insert(InboundMessage.__table__),       # a row whose id is taken: refused
             {**inbound_row("f3-again", "o-f3"), "id": first})
    seen: dict = {}
    results = await asyncio.gather(
        _reply(sessions, first, "o-f1", db_url, seen),
        _reply(sessions, taken, "o-f2", db_url, seen),
        _reply(sessions, broken, "o-f3", db_url, seen, extra=clash),
        _reply(sessions, last, "o-f4", db_url, seen), return_exceptions=True)
    assert results[0] is True and results[1] is False and results[3] is True
    assert isinstance(results[2], exc.IntegrityError)
    assert seen[first][last] == "handled"         # f1 and f4 shared their commit
    async with sessions() as session:
        rows = dict((await session.execute(
            select(InboundMessage.id, InboundMessage.reply))).all())
        steps = set(await session.scalars(select(DialogState.openid)))
    assert (rows[first], rows[taken], rows[broken], rows[last]) == (
        "已记录", "早先的回复", None, "已记录")
    assert steps == {"o-f1", "o-f4"}        # the failed and the refused kept no dialog step


async def test_sqlalchemy_never_joins_nor_rolls_back_an_open_group(sessions, db_url):
    ids = await _recorded(sessions, "s1", "s2")

    async def rolled_back() -> None:       # a session that writes, then changes its mind
        async with sessions() as session:
            await session.execute(update(InboundMessage).where(InboundMessage.id == ids[1])
                                  .values(state="queued"))
            await session.rollback()

    seen: dict = {}
    done, _ = await asyncio.gather(_reply(sessions, ids[0], "o-s1", db_url, seen),
                                   rolled_back())
    assert done is True
    assert _states(db_url)[ids[0]] == "handled" and _states(db_url)[ids[1]] == "received"
