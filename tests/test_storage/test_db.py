"""Engines: SQLite's durability levels, its one-trip cursor and its writes in the loop's
thread; `durable` on both databases."""

import asyncio
import sqlite3
import subprocess
import sys
import threading

import pytest
from sqlalchemy import text

from storage import wal
from storage.db import PREFETCH_ROWS, create_engine, durable, session_factory, sqlite_path
from storage.pool import FairLine

ROWS = PREFETCH_ROWS * 3 + 5     # more than one trip's rows, not a multiple of them


async def _fill(sessions) -> None:
    async with sessions() as session, session.begin():
        await session.execute(text("CREATE TABLE probe (n INTEGER)"))
        await session.execute(text("INSERT INTO probe (n) VALUES (:n)"),
                              [{"n": n} for n in range(ROWS)])


async def _level(sessions) -> int:
    async with sessions() as session:
        return (await session.execute(text("PRAGMA synchronous"))).scalar_one()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_sqlite_commits_normally_and_durable_ones_in_full(sessions):
    assert await _level(sessions) == 1                      # NORMAL
    async with durable(sessions) as session:
        level = (await session.execute(text("PRAGMA synchronous"))).scalar_one()
        await session.execute(text("CREATE TABLE kept (n INTEGER)"))
    assert level == 2                                      # FULL while it commits
    assert await _level(sessions) == 1
    async with sessions() as session:
        assert (await session.execute(text("SELECT count(*) FROM kept"))).scalar_one() == 0


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_a_durable_batch_raises_the_level_with_its_first_statement_and_lowers_it(sessions):
    await _fill(sessions)
    async with durable(sessions) as session:   # first statement an executemany
        await session.execute(text("INSERT INTO probe (n) VALUES (:n)"), [{"n": -1}, {"n": -2}])
        level = (await session.execute(text("PRAGMA synchronous"))).scalar_one()
    assert level == 2 and await _level(sessions) == 1
    with pytest.raises(RuntimeError):
        async with durable(sessions) as session:
            await session.execute(text("DELETE FROM probe"))
            raise RuntimeError("handler failed")
    assert await _level(sessions) == 1                      # the rollback lowered it
    async with durable(sessions):                          # nothing run: nothing to raise
        pass
    assert await _level(sessions) == 1
    async with sessions() as session:
        assert (await session.execute(text("SELECT count(*) FROM probe"))).scalar_one() == ROWS + 2


async def test_a_failed_durable_transaction_keeps_nothing(sessions):
    await _fill(sessions)
    with pytest.raises(RuntimeError):
        async with durable(sessions) as session:
            await session.execute(text("DELETE FROM probe"))
            raise RuntimeError("handler failed")
    async with sessions() as session:
        assert (await session.execute(text("SELECT count(*) FROM probe"))).scalar_one() == ROWS


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_every_row_comes_back_however_it_is_fetched(sessions):
    await _fill(sessions)
    expected = list(range(ROWS))
    async with sessions() as session:
        rows = (await session.execute(text("SELECT n FROM probe ORDER BY n"))).scalars().all()
        one = (await session.execute(text("SELECT n FROM probe WHERE n = 7"))).scalar_one()
        none = (await session.execute(text("SELECT n FROM probe WHERE n < 0"))).all()
        streamed = await session.stream(text("SELECT n FROM probe ORDER BY n"))
        parts = [[row.n for row in part] async for part in streamed.partitions(50)]
    assert rows == expected and one == 7 and none == []
    assert [n for part in parts for n in part] == expected
    assert [len(part) for part in parts][:-1] == [50] * (ROWS // 50)
    async with sessions() as session, session.begin():
        returned = (await session.execute(
            text("UPDATE probe SET n = n + 1 WHERE n >= :low RETURNING n"),
            {"low": ROWS - PREFETCH_ROWS - 2})).scalars().all()
        changed = (await session.execute(text("DELETE FROM probe WHERE n < 3"))).rowcount
    assert sorted(returned) == list(range(ROWS - PREFETCH_ROWS - 1, ROWS + 1))
    assert changed == 3


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_a_write_waits_for_another_process_lock_without_holding_up_the_loop(
        sessions, db_url):
    """Writes run in the loop's thread with no busy wait; one that finds the database
    locked by another process waits in SQLite's thread instead, and the loop runs on."""
    await _fill(sessions)
    other = sqlite3.connect(sqlite_path(db_url), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")                        # holds the write lock
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticker = asyncio.create_task(tick())
    asyncio.get_running_loop().call_later(0.3, other.execute, "COMMIT")
    try:
        async with durable(sessions) as session:
            await session.execute(text("INSERT INTO probe (n) VALUES (:n)"), {"n": -1})
            await session.execute(text("UPDATE probe SET n = n + 1000 WHERE n = 0"))
    finally:
        ticker.cancel()
        other.close()
    assert ticks >= 10                                      # the loop ran while it waited
    async with sessions() as session:
        assert (await session.execute(text(
            "SELECT count(*) FROM probe WHERE n IN (-1, 1000)"))).scalar_one() == 2
    assert await _level(sessions) == 1


async def test_sessions_begin_and_end_at_once_and_roll_back_what_they_leave_open(sessions):
    await _fill(sessions)
    session = sessions()
    await session.execute(text("DELETE FROM probe"))
    await session.close()             # its transaction still open: rolled back, connection back
    async with sessions() as session, session.begin():
        await session.execute(text("INSERT INTO probe (n) VALUES (-1)"))
    with pytest.raises(RuntimeError):
        async with sessions() as session, session.begin():
            await session.execute(text("DELETE FROM probe"))
            raise RuntimeError("handler failed")
    async with sessions() as session:
        async with session.begin():
            async with session.begin_nested():
                await session.execute(text("INSERT INTO probe (n) VALUES (-2)"))
        assert not session.in_transaction()
    async with sessions() as session:
        session.sync_session.close()     # nothing held: closing again is harmless
        assert (await session.execute(text("SELECT count(*) FROM probe"))).scalar_one() == ROWS + 2


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_normal_commits_stay_in_the_loop_and_checkpoints_go_to_sqlite_thread(
        sessions, db_url, monkeypatch):
    """A NORMAL commit is made in the loop's thread, never checkpointing there; every
    CHECKPOINT_EVERY transactions, after the commit that makes it due, a trip of its own
    to SQLite's thread copies the WAL into the database file; the next commit goes there
    (it restarts the WAL and syncs its header); a durable (FULL) commit always goes there."""
    await _fill(sessions)
    monkeypatch.setattr(wal, "CHECKPOINT_EVERY", 4)
    commits: list[tuple[int, str]] = []
    async with sessions() as session:
        raw = (await session.run_sync(lambda s: s.connection().connection.driver_connection))
        raw._conn.set_trace_callback(
            lambda sql: commits.append((threading.get_ident(), sql)) if sql == "COMMIT" else None)
        raw._commits = 1                                  # a cycle under way
    database = sqlite_path(db_url)
    size = database.stat().st_size
    grown = []
    for n in range(5):
        async with sessions() as session, session.begin():
            await session.execute(text("INSERT INTO probe (n) VALUES (:n)"),
                                  [{"n": -n - 10 * k} for k in range(1, 200)])
        grown.append(database.stat().st_size > size)      # the WAL copied into it
    async with durable(sessions) as session:
        await session.execute(text("INSERT INTO probe (n) VALUES (-1)"))
    loop = threading.get_ident()
    assert [thread == loop for thread, _ in commits] == [True, True, True, False, True, False]
    assert grown == [False, False, True, True, True]


async def test_the_pools_line_serves_a_starving_waiter_before_a_task_asking_again():
    line = FairLine(starved_after=0.02)
    line.put_nowait("connection")
    held = await line.get()
    waiter = asyncio.create_task(line.get())
    await asyncio.sleep(0.03)           # waited past the bar
    line.put_nowait(held)               # given back, and at once asked for again
    with pytest.raises(asyncio.QueueEmpty):
        line.get_nowait()
    again = asyncio.create_task(line.get())
    assert await waiter == "connection"
    line.put_nowait("connection")
    assert await again == "connection"


async def test_a_young_waiter_is_woken_to_try_and_keeps_its_place():
    # Below the bar the task that gave the connection back may take it again at once (no
    # switch for its next session); the woken waiter keeps the head of the line.
    line = FairLine(starved_after=10)
    line.put_nowait("connection")
    held = await line.get()
    first = asyncio.create_task(line.get())
    second = asyncio.create_task(line.get())
    await asyncio.sleep(0)
    line.put_nowait(held)
    assert line.get_nowait() == "connection"      # asked again before the waiter ran
    await asyncio.sleep(0)
    line.put_nowait("connection")
    assert await first == "connection"            # still ahead of the second
    assert not second.done()
    line.put_nowait("connection")
    assert await second == "connection"


async def test_a_waiter_that_gives_up_loses_nothing_from_the_line():
    line = FairLine()
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.01):
            await line.get()
    line.put_nowait("connection")       # nobody waits any more: it stays for the next
    assert line.get_nowait() == "connection"
    # Handed over just as the wait is cancelled: passed on to the next in line.
    first = asyncio.create_task(line.get())
    second = asyncio.create_task(line.get())
    await asyncio.sleep(0)
    line.put_nowait("connection")
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    assert await second == "connection"


async def test_sqlites_pool_logs_under_sqlalchemys_name(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'pool.db'}")
    try:
        assert engine.pool.logger.name.startswith("sqlalchemy.pool.")
    finally:
        await engine.dispose()


def _other_process_opens_and_closes(path) -> int:
    """Another process (a `jingmin` command) reads the database and closes it: the rows it
    sees."""
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "print(c.execute('SELECT count(*) FROM probe').fetchone()[0]); c.close()")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, check=True)
    return int(done.stdout)


async def test_a_second_engine_in_the_process_keeps_the_wal_safe_from_other_processes(
        tmp_path):
    """An export opens an engine of its own beside the app's; another process closing the
    database afterwards (a CLI command) must not take it for the last one and delete the
    WAL the app still writes to."""
    path = tmp_path / "app.db"
    app = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        sessions = session_factory(app)
        await _fill(sessions)
        export = create_engine(f"sqlite+aiosqlite:///{path}")
        async with session_factory(export)() as session:
            await session.execute(text("SELECT count(*) FROM probe"))
        await export.dispose()
        assert _other_process_opens_and_closes(path) == ROWS
        assert path.with_name("app.db-wal").exists() and path.with_name("app.db-shm").exists()
        async with sessions() as session, session.begin():
            await session.execute(text("INSERT INTO probe (n) VALUES (-1)"))
        assert _other_process_opens_and_closes(path) == ROWS + 1
    finally:
        await app.dispose()
