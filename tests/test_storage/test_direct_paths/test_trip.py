"""One trip to SQLite's thread (storage.inline.trip): bounded in rows, never carrying the WAL's
checkpoint, its errors SQLAlchemy's and its transaction rolled back on any of them."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
from collections import OrderedDict

import pytest
from sqlalchemy import event, exc, select, text

from storage import compiled, inline, wal
from storage.intake.inbound import InboundStore
from storage.intake.models import InboundMessage
from tests.helpers import inbound_rows
from tests.support.intake import inbound_row

sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


async def _traced(sessions) -> list[str]:
    """The statements SQLite runs on the engine's one connection from now on."""
    seen: list[str] = []
    async with sessions() as session:
        raw = await session.run_sync(lambda s: s.connection().connection.driver_connection)
        raw._conn.set_trace_callback(seen.append)
    return seen


@sqlite_only
async def test_the_checkpoint_runs_in_a_trip_of_its_own_after_a_recording_batch(
        sessions, monkeypatch):
    monkeypatch.setattr(wal, "CHECKPOINT_EVERY", 2)
    seen = await _traced(sessions)
    store = InboundStore(sessions, max_delay_s=0)
    try:
        for n in range(6):
            await store.record(inbound_row(f"msg:c{n}"))
    finally:
        await store.close()
    assert len(await inbound_rows(sessions)) == 6
    checkpoints = [i for i, sql in enumerate(seen) if sql == wal.CHECKPOINT]
    assert len(checkpoints) >= 2
    for i in checkpoints:
        # The batch's transaction ended (committed in the loop's thread, or in its trip with
        # the level back to NORMAL and the busy wait lifted) before the checkpoint began:
        # nothing queued behind it waited for both.
        assert seen[i - 1] == "COMMIT" or seen[i - 3:i] == [
            "COMMIT", wal.NORMAL, "PRAGMA busy_timeout=0"]


@sqlite_only
async def test_a_recording_batch_waiting_for_the_disk_holds_up_no_other_unit_of_work(
        sessions, monkeypatch):
    store = InboundStore(sessions, max_delay_s=0)
    syncing, release = threading.Event(), threading.Event()
    fsync = os.fsync

    def slow_disk(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").endswith("-wal"):
            syncing.set()
            release.wait(5)
        fsync(fd)

    try:
        await store.record(inbound_row("msg:w0"))        # connected, the WAL under way
        monkeypatch.setattr(os, "fsync", slow_disk)
        recording = asyncio.create_task(store.record(inbound_row("msg:w1")))
        # The batch committed and waits for its WAL to reach the disk...
        assert await asyncio.to_thread(syncing.wait, 5)
        # ... while another unit of work reads on the connection, at once.
        async with sessions() as session:
            kept = set(await session.scalars(select(InboundMessage.dedupe_key)))
        assert kept == {"msg:w0", "msg:w1"}
        await asyncio.sleep(0.05)
        assert not recording.done()             # its caller answers only once it is synced
        release.set()
        assert not (await recording).duplicate
    finally:
        release.set()
        await store.close()


@sqlite_only
async def test_a_batch_bigger_than_one_trip_goes_sqlalchemys_way_and_keeps_every_row(
        sessions, engine, monkeypatch):
    monkeypatch.setattr(inline, "TRIP_ROWS", 2)
    store = InboundStore(sessions, max_delay_s=0.05)
    executed: list[str] = []
    try:
        await store.record(inbound_row("msg:b0"))           # the pool connected
        event.listen(engine.sync_engine, "before_cursor_execute",
                     lambda *args: executed.append(args[2]))
        small = await asyncio.gather(*(store.record(inbound_row(f"msg:s{n}")) for n in range(2)))
        direct = list(executed)
        big = await asyncio.gather(*(store.record(inbound_row(f"msg:b{n}")) for n in range(1, 4)))
    finally:
        await store.close()
    assert direct == []                                     # two rows: one trip
    assert any(sql.startswith("INSERT INTO inbound_messages") for sql in executed)
    assert not any(r.duplicate for r in (*small, *big))
    assert len(await inbound_rows(sessions)) == 6


@sqlite_only
async def test_a_trip_raises_sqlalchemys_error_and_keeps_nothing_of_its_transaction(
        sessions, engine):
    await _traced(sessions)                                 # the pool connected

    def work(connection: sqlite3.Connection) -> list:
        connection.execute("UPDATE inbound_messages SET reply = 'x'")
        connection.execute("INSERT INTO nowhere VALUES (1)")
        return []

    await InboundStore(sessions, max_delay_s=0).record(inbound_row("msg:t1"))
    with pytest.raises(exc.OperationalError):
        await inline.trip(engine, work, sql="UPDATE ...; INSERT ...")
    async with sessions() as session:
        replies = list(await session.scalars(select(InboundMessage.reply)))
    assert replies == [None]
    assert await inline.trip(engine, lambda connection: [], sql="") == []


async def test_a_trip_is_not_run_on_postgresql(sessions, engine, db_url):
    if db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL's way only")
    ran = []
    assert await inline.trip(engine, lambda connection: ran.append(1), sql="") is inline.NOT_RUN
    assert await inline.at_once(engine, lambda connection: ran.append(1)) is inline.NOT_RUN
    assert ran == []


def test_compiled_statements_are_kept_up_to_a_bound_the_least_recent_dropped(monkeypatch):
    from sqlalchemy.dialects import sqlite as sqlite_dialect

    monkeypatch.setattr(compiled, "COMPILED_KEPT", 2)
    monkeypatch.setattr(compiled, "_COMPILED", OrderedDict())
    dialect = sqlite_dialect.dialect()
    table = InboundMessage.__table__
    first, second, third = (select(table.c.id).where(table.c.openid == text(f"'{n}'"))
                            for n in "abc")
    for statement in (first, second, first, third):
        assert compiled.sql_of(dialect, statement, [{}]) is not None
    assert [key[0] for key in compiled._COMPILED] == [first, third]


@sqlite_only
async def test_recording_does_not_wait_behind_the_loops_busy_worker_threads(sessions):
    # Password hashing or an export's writes may fill the loop's default executor.
    store = InboundStore(sessions, max_delay_s=0)
    loop = asyncio.get_running_loop()
    release = threading.Event()
    busy = []
    try:
        await store.record(inbound_row("msg:x0"))        # connected, the WAL under way
        busy = [loop.run_in_executor(None, release.wait, 10) for _ in range(64)]
        recorded = await asyncio.wait_for(store.record(inbound_row("msg:x1")), 3)
        assert not recorded.duplicate
    finally:
        release.set()
        await asyncio.gather(*busy)
        await store.close()
    assert {r.dedupe_key for r in await inbound_rows(sessions)} == {"msg:x0", "msg:x1"}
