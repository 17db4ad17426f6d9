"""The recording batch on SQLite's connection directly (storage.intake.direct) keeps what
SQLAlchemy's way keeps; writes run on the driver raise SQLAlchemy's errors."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import event, exc, select

from storage import deferred
from storage.base import utcnow
from storage.db import create_engine, session_factory
from storage.intake import handled
from storage.intake.inbound import Completion, InboundStore
from storage.intake.models import PushNonce
from storage.intake.nonces import SignedWith
from storage.tickets import store as tickets
from tests.helpers import inbound_rows
from tests.support.intake import inbound_row


async def test_a_plain_batch_runs_on_sqlites_connection_with_the_same_rows(sessions, db_url,
                                                                          engine):
    store = InboundStore(sessions, max_delay_s=0.02)
    statements: list[str] = []
    try:
        first = await store.record(inbound_row("msg:d1", "o-direct"))
        event.listen(engine.sync_engine, "before_cursor_execute",
                     lambda *args: statements.append(args[2]))
        at = utcnow()
        _, second, third = await asyncio.gather(
            store.complete(Completion(first.id, "已收到", "passive", "acted")),
            store.record(inbound_row("msg:d2", "o-direct", received_at=at),
                         SignedWith("wechat", 1_790_000_100, "n-2")),
            store.record(inbound_row("msg:d3", "o-direct", state="queued", raw=None),
                         SignedWith("wechat", 1_790_000_100, "n-3")))
    finally:
        await store.close()
    if db_url.startswith("sqlite"):
        assert statements == []      # nothing through SQLAlchemy's execution
    assert (second.duplicate, second.state, third.duplicate, third.state) == (
        False, "received", False, "queued")
    rows = {r.dedupe_key: r for r in await inbound_rows(sessions, "o-direct")}
    assert (rows["msg:d1"].state, rows["msg:d1"].reply, rows["msg:d1"].classified) == (
        "handled", "已收到", "acted")
    assert rows["msg:d2"].id == second.id and rows["msg:d2"].received_at == at
    assert (rows["msg:d2"].raw, rows["msg:d3"].raw, rows["msg:d3"].state) == (
        "<xml/>", None, "queued")
    async with sessions() as session:
        kept = set(await session.execute(select(PushNonce.nonce, PushNonce.dedupe_key)))
    assert kept == {("n-2", "msg:d2"), ("n-3", "msg:d3")}


async def test_a_batch_that_is_not_the_plain_case_keeps_nothing_of_its_first_try(sessions):
    store = InboundStore(sessions, max_delay_s=0.02)
    try:
        first = await store.record(inbound_row("msg:e1"), SignedWith("wechat", 1_790_000_200, "x"))
        # A new message, and one signed with the first's signature: refused, the new one kept.
        fresh, reused = await asyncio.gather(
            store.record(inbound_row("msg:e2")),
            store.record(inbound_row("msg:e3"), SignedWith("wechat", 1_790_000_200, "x")))
    finally:
        await store.close()
    assert not first.reused and not fresh.duplicate and reused.reused
    assert sorted(r.dedupe_key for r in await inbound_rows(sessions)) == ["msg:e1", "msg:e2"]


async def test_a_fresh_sqlite_engine_records_without_waiting_for_its_connection(tmp_path):
    from storage.migrate import upgrade

    url = f"sqlite+aiosqlite:///{tmp_path}/fresh.db"
    await upgrade(url)
    engine = create_engine(url)
    store = InboundStore(session_factory(engine), max_delay_s=0)
    try:
        # The pool has never connected: the batch goes SQLAlchemy's way, at once.
        recorded = await asyncio.wait_for(store.record(inbound_row("msg:f1")), 10)
        again = await asyncio.wait_for(store.record(inbound_row("msg:f2")), 10)
    finally:
        await store.close()
        await engine.dispose()
    assert (recorded.id, again.id) == (1, 2)


async def test_a_failing_write_raises_sqlalchemys_error_on_either_path(sessions):
    store = InboundStore(sessions, max_delay_s=0)
    try:
        inbound_id = (await store.record(inbound_row("msg:g1"))).id
    finally:
        await store.close()
    async with sessions() as session:
        # A timeline event of a ticket that does not exist: its foreign key refuses it.
        deferred.add(session, tickets._INSERT_EVENT,
                     {"ticket_id": 987654, "at": utcnow(), "actor": "system", "type": "x",
                      "text": "", "data": "{}"}, batch=True)
        with pytest.raises(exc.IntegrityError):
            if await handled.commit_handled(session, inbound_id, "好", "passive") is None:
                await handled.mark_handled(session, inbound_id, "好", "passive")
                await session.commit()
    (row,) = await inbound_rows(sessions)
    assert row.state == "received"
