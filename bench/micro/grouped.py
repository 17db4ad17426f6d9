"""What one commit for several replies saves: a micro-benchmark on SQLite.

`python -m bench.micro.grouped [--rounds N] [--per-round N] [--group K ...]`. The reply's unit
of work of a push answered on SQLite's fast path (a dialog step waiting in the session, then
the reply stored with storage.intake.handled.commit_handled, which commits) is
run by K residents' tasks at once, as K pushes answered in one loop iteration would be, two
ways on the same database:
  alone    each task commits its own transaction (as before storage.grouped);
  grouped  storage.grouped, as `jingmin serve` runs it: each task's statements in a
           SAVEPOINT of one shared transaction, the one commit made by a callback of the loop's
           next iteration, each reply waiting for it.
Reports this process's CPU (`process_time`) per push, the median of the rounds and the
lowest; the two ways alternate round by round, so a disturbance hits both alike.
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


async def _unit(sessions, i: int) -> None:
    """One push's reply: its dialog step, then the reply stored and committed."""
    from storage.base import utcnow
    from storage.intake import dialogs, handled

    async with sessions() as session:
        await session.begin()
        await dialogs.save(session, f"o-{i}", dialogs.Saved("complaint", 2, {"what": "噪音"}),
                           utcnow() + timedelta(minutes=30))
        if await handled.commit_handled(session, i + 1, "已记录，请问发生在哪里？", "passive",
                                        "acted") is None:
            await session.run_sync(_settle, i + 1)


def _settle(sync, inbound_id: int) -> None:
    from storage.intake import handled

    handled.mark_handled_in(sync, inbound_id, "已记录，请问发生在哪里？", "passive", "acted")
    sync.commit()


async def _alone(driver, writes):
    """The reply's transaction committed on its own, as before storage.grouped."""
    return driver.transact(writes)


async def _round(sessions, way: str, first: int, n: int, k: int) -> float:
    """CPU µs a push, `n` pushes in groups of `k` concurrent tasks."""
    from storage import grouped

    shared = grouped.commit
    if way == "alone":
        grouped.commit = _alone
    try:
        cpu = time.process_time()
        for start in range(first, first + n, k):
            await asyncio.gather(*(_unit(sessions, i) for i in range(start, start + k)))
        return (time.process_time() - cpu) / n * 1e6
    finally:
        grouped.commit = shared


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
                await _round(sessions, way, first, 100 * k, k)        # warm-up
                first += 100 * k
        for _ in range(rounds):
            for k in groups:
                for way in WAYS:      # alternated: a disturbance hits both ways alike
                    if first + per_round > SEEDED:
                        raise SystemExit("too few seeded messages for these rounds")
                    figures.setdefault((way, k), []).append(
                        await _round(sessions, way, first, per_round, k))
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
