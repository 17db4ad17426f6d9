"""What one commit for several replies could save: a micro-benchmark on SQLite.

`python -m bench.micro.grouped [--rounds N] [--per-round N] [--group K ...]`. The reply's unit
of work of a push answered on SQLite's fast path (a dialog step waiting in the session, then
the reply stored with storage.intake.handled.commit_handled: one transaction of its own) is
run by K residents' tasks at once, as K pushes answered in one loop iteration would be, two
ways on the same database:
  alone    each task commits its own transaction (what `jingmin serve` does);
  grouped  the design of issue 16 item 3 ("one commit for several replies"): each task runs
           the same statements inside a SAVEPOINT of one shared transaction, released (or
           rolled back to on failure), and waits for the one commit, made by a callback the
           first task schedules for the loop's next iteration; only then may its reply leave.
Reports this process's CPU (`process_time`) per push, the median of the rounds and the
lowest. Run the two ways alternately, on a quiet
machine if possible: the difference is a few µs.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

WAYS = ("alone", "grouped")
SEEDED = 60_000          # residents' messages waiting for their reply


async def _seed(engine, sessions) -> None:
    from storage.base import sqlite_utc_text, utcnow
    from storage.intake.models import InboundMessage

    now = sqlite_utc_text(utcnow())
    rows = [("wechat", f"m-{i}", f"o-{i}", "text", "楼上天天半夜蹦迪，吵死了", now, "received")
            for i in range(SEEDED)]
    table = InboundMessage.__table__.name
    async with engine.begin() as connection:
        driver = (await connection.get_raw_connection()).driver_connection
        await driver.executemany(
            f"INSERT INTO {table} (channel, dedupe_key, openid, msg_type, content, received_at,"
            " state) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


async def _unit(sessions, i: int, group: Group | None) -> None:
    """One push's reply: its dialog step, then the reply stored and committed."""
    from storage.base import utcnow
    from storage.intake import dialogs, handled

    async with sessions() as session:
        await session.begin()
        await dialogs.save(session, f"o-{i}", dialogs.Saved("complaint", 2, {"what": "噪音"}),
                           utcnow() + timedelta(minutes=30))
        if group is not None and await group.commit(session, i + 1):
            return
        if await handled.commit_handled(session, i + 1, "已记录，请问发生在哪里？", "passive",
                                        "acted") is None:
            await session.run_sync(_settle, i + 1)


def _settle(sync, inbound_id: int) -> None:
    from storage.intake import handled

    handled.mark_handled_in(sync, inbound_id, "已记录，请问发生在哪里？", "passive", "acted")
    sync.commit()


class Group:
    """The grouped way: one transaction for the units of work of one loop iteration."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.members: list[asyncio.Future] = []

    async def commit(self, session, inbound_id: int) -> bool:
        """The unit's writes in a SAVEPOINT of the open group, then its commit awaited:
        True once committed; False, having done nothing, when the fast path does not apply
        (the caller commits alone)."""
        from storage import deferred, inline
        from storage.intake import handled

        driver = inline.driver(self.engine)
        if driver is None or driver._commits == 0 or not (self.members or driver.idle):
            return False
        sync = session.sync_session
        writes = [inline.sql_of(self.engine.dialect, statement, rows)
                  for statement, rows, _batch in deferred.waiting(sync)]
        writes.append(inline.sql_of(self.engine.dialect, handled.MARK_HANDLED,
                                    [handled._handled(inbound_id, "已记录，请问发生在哪里？",
                                                      "passive", "acted", None)]))
        connection = driver._conn
        if not self.members:
            connection.execute("BEGIN")
            asyncio.get_running_loop().call_soon(self._commit, driver)
        connection.execute("SAVEPOINT reply")
        try:
            for sql, rows in writes:
                if len(rows) == 1:
                    connection.execute(sql, rows[0])
                else:
                    connection.executemany(sql, rows)
        except BaseException:
            connection.execute("ROLLBACK TO reply")
            connection.execute("RELEASE reply")
            raise
        connection.execute("RELEASE reply")
        done = asyncio.get_running_loop().create_future()
        self.members.append(done)
        await done
        deferred.waiting(sync, pop=True)
        sync.commit()        # bookkeeping only, as storage.inline.commit_with
        return True

    def _commit(self, driver) -> None:
        members, self.members = self.members, []
        driver._conn.commit()
        driver._commits += 1
        for done in members:
            done.set_result(None)
        asyncio.get_running_loop().create_task(driver.checkpoint_if_due())


async def _round(engine, sessions, way: str, first: int, n: int, k: int) -> float:
    """CPU µs a push, `n` pushes in groups of `k` concurrent tasks."""
    group = Group(engine) if way == "grouped" else None
    cpu = time.process_time()
    for start in range(first, first + n, k):
        await asyncio.gather(*(_unit(sessions, i, group) for i in range(start, start + k)))
    return (time.process_time() - cpu) / n * 1e6


async def _measure(url: str, rounds: int, per_round: int, groups: list[int]) -> dict:
    from storage.db import create_engine, session_factory
    from storage.migrate import upgrade

    await upgrade(url)
    engine = create_engine(url)
    sessions = session_factory(engine)
    try:
        await _seed(engine, sessions)
        figures: dict[tuple[str, int], list[float]] = {}
        first = 0
        for k in groups:
            for way in WAYS:
                await _round(engine, sessions, way, first, 100 * k, k)        # warm-up
                first += 100 * k
        for _ in range(rounds):
            for k in groups:
                for way in WAYS:      # alternated: a disturbance hits both ways alike
                    if first + per_round > SEEDED:
                        raise SystemExit("too few seeded messages for these rounds")
                    figures.setdefault((way, k), []).append(
                        await _round(engine, sessions, way, first, per_round, k))
                    first += per_round
        return figures
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """Print CPU µs per push, alone and grouped, per group size."""
    parser = argparse.ArgumentParser(prog="python -m bench.micro.grouped", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--per-round", type=int, default=1200)
    parser.add_argument("--group", type=int, nargs="+", default=[1, 2, 4, 8])
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="jingmin-grouped-"))
    figures = asyncio.run(_measure(f"sqlite+aiosqlite:///{work}/bench.db", args.rounds,
                                   args.per_round, args.group))
    print(f"{'per push':<10}{'k':>3}{'median cpu µs':>15}{'lowest':>9}")
    for (way, k), values in figures.items():
        print(f"{way:<10}{k:>3}{statistics.median(values):>15.1f}{min(values):>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
