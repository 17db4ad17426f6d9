"""Whether a message continues a ticket, as the router asks it for (almost) every message
outside a dialog: a micro-benchmark on SQLite and on a throw-away PostgreSQL.

`python -m bench.micro.continued [--rounds N]`. A database holds 20,000 residents' tickets (some
open, some replied on, most long closed); the look-up runs for residents of four kinds:
  none     never wrote a ticket;
  closed   their tickets are all resolved;
  stale    an open complaint from 3 days ago nobody replied on (nothing to continue);
  replied  an open complaint an officer replied on an hour ago, informing only: the look-up
           runs in full, and the message joins nothing (so the database stays as seeded).
Each is timed twice: `continuing` alone (a message the router reads on its own), and
`continuing` followed by `just_reported` (an unclear message bound for the quick menu).
Reports µs per message, the best of the rounds (the least disturbed by other work on the
machine), beside a transaction that only opens (the router's own, which the look-up shares):
the look-up's cost is the difference; and the statements SQLAlchemy executed per message
(SQLite's fast path runs beside it, uncounted). Compare runs made side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

RESIDENTS = 20_000
KINDS = ("none", "closed", "stale", "replied")


async def _seed(sessions, now) -> None:
    from storage.tickets.models import Ticket, TicketEvent

    rows, events = [], []
    for i in range(RESIDENTS):
        kind = KINDS[1 + i % 3]
        opened = now - (timedelta(days=3) if kind != "closed" else timedelta(days=40 + i % 30))
        rows.append(Ticket(
            id=i + 1, number=f"DCF20261101-{i:05d}", kind="complaint",
            status="closed" if kind == "closed" else "assigned", priority="P3",
            channel="wechat", unit="古楼派出所", openid=f"o-{kind}-{i}", summary="楼上噪音",
            created_at=opened, updated_at=opened, first_response_due=opened,
            resolve_due=opened))
        events.append(TicketEvent(ticket_id=i + 1, at=opened, actor="resident",
                                  type="message_in", text="楼上噪音"))
        if kind == "replied":
            events.append(TicketEvent(ticket_id=i + 1, at=now - timedelta(hours=1),
                                      actor="a1", type="reply_out", text="已安排社区民警上门。"))
    async with sessions() as session, session.begin():
        session.add_all(rows)
        await session.flush()
        session.add_all(events)


def _residents(kind: str, n: int) -> list[str]:
    if kind == "none":
        return [f"o-nobody-{i}" for i in range(n)]
    offset = KINDS.index(kind) - 1
    return [f"o-{kind}-{3 * i + offset}" for i in range(n)]


async def _time(sessions, now, openids: list[str], menu: bool | None) -> tuple[float, float]:
    """µs per message, wall-clock and this process's CPU (SQLite's work included, not
    PostgreSQL's); `menu` None: the transaction alone (the baseline)."""
    from sqlalchemy import text

    from handlers.conversation.ongoing import supplement
    from handlers.core.context import Context
    from handlers.core.types import Inbound

    started, cpu = time.perf_counter(), time.process_time()
    for openid in openids:
        async with sessions() as session, session.begin():
            # The router's session has already stored the message: its connection is open.
            await session.execute(text("SELECT 1"))
            if menu is None:
                continue
            ctx = Context(session, Inbound(channel="wechat", dedupe_key=openid, openid=openid,
                                           msg_type="text"), now)
            # An unclear message (the classifier's guess, not confident), as the router
            # asks: what `continuing` looked up is shared with `just_reported` (a version
            # of the code before `Seen`, measured for comparison, looks up anew).
            seen = supplement.Seen() if hasattr(supplement, "Seen") else None
            extra = (seen,) if seen is not None else ()
            found = await supplement.continuing(ctx, "就是那个地方", "complaint", False, (),
                                                *extra)
            if menu and found is None:
                await supplement.just_reported(ctx, *extra)
    return ((time.perf_counter() - started) / len(openids) * 1e6,
            (time.process_time() - cpu) / len(openids) * 1e6)


async def _measure(url: str, rounds: int,
                   per_round: int) -> dict[str, tuple[float, float, float]]:
    """Per case: wall-clock and CPU µs per message (the best round of each) and statements
    SQLAlchemy executed per message (SQLite's fast path runs beside it, uncounted)."""
    from sqlalchemy import event

    from storage.base import utcnow
    from storage.db import create_engine, session_factory
    from storage.migrate import upgrade

    await upgrade(url)
    engine = create_engine(url)
    sessions = session_factory(engine)
    now = utcnow()
    try:
        await _seed(sessions, now)
        executed = [0]

        def count(*_args) -> None:
            executed[0] += 1

        event.listen(engine.sync_engine, "before_cursor_execute", count)
        results = {}
        for kind, menu in (("transaction", None), *((k, m) for k in KINDS
                                                   for m in (False, True))):
            openids = _residents("none" if kind == "transaction" else kind, per_round)
            await _time(sessions, now, openids[:50], menu)         # warm-up
            executed[0] = 0
            times = [await _time(sessions, now, openids, menu) for _ in range(rounds)]
            results[f"{kind}{' +menu' if menu else ''}"] = (
                min(t[0] for t in times), min(t[1] for t in times),
                executed[0] / (rounds * len(openids)))
        return results
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """Measure on SQLite, then on PostgreSQL when its binaries are installed; print µs."""
    parser = argparse.ArgumentParser(prog="python -m bench.micro.continued", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--per-round", type=int, default=400)
    args = parser.parse_args(argv)
    from tests.support.pgserver import PostgresServer

    work = Path(tempfile.mkdtemp(prefix="jingmin-continued-"))
    runs = {"sqlite": asyncio.run(_measure(f"sqlite+aiosqlite:///{work}/bench.db",
                                           args.rounds, args.per_round))}
    pg = PostgresServer()
    if pg.available:
        pg.start()
        try:
            import asyncpg

            async def create() -> None:
                connection = await asyncpg.connect(pg.dsn("postgres"))
                await connection.execute("CREATE DATABASE continued")
                await connection.close()
            asyncio.run(create())
            runs["postgresql"] = asyncio.run(_measure(pg.url("continued"), args.rounds,
                                                      args.per_round))
        finally:
            pg.stop()
    else:
        print("PostgreSQL (initdb, pg_ctl) is missing: SQLite only", file=sys.stderr)
    print(f"{'per message':<16}" + "".join(f"{name + ' µs':>14}{'cpu µs':>8}{'stmts':>7}"
                                           for name in runs))
    for case in next(iter(runs.values())):
        print(f"{case:<16}" + "".join(f"{r[case][0]:>14.0f}{r[case][1]:>8.0f}{r[case][2]:>7.2f}"
                                      for r in runs.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
