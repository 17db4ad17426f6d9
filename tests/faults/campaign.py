"""Running a scenario: wait (bounded) for the residents to be told and the outbox to settle,
then read the database, judge the invariants, print, and fail with what broke."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Collection, Sequence

import asyncpg

from tests.faults import invariants
from tests.faults.cluster import Instance
from tests.faults.invariants import Check, Report, State
from tests.faults.residents import Push, Residents

POLL_S = 0.5
# Every scenario's broken invariants, for the campaign's closing summary (conftest).
BROKEN: list[str] = []


async def settle(dsn: str, pushes: Sequence[Push], residents: Residents, *,
                 told_within_s: float = invariants.TOLD_WITHIN_S,
                 settle_s: float = 10.0) -> float:
    """Wait until every resident is told their number or `told_within_s` after their first
    delivery is over, then until nothing of theirs is waiting (messages or outbox jobs) or
    `settle_s` more have passed. Returns how long it waited."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    firsts = [p.first_at for p in pushes if p.first_at is not None]
    told_deadline = max(firsts, default=started) + told_within_s + POLL_S
    openids = [p.openid for p in pushes]
    while loop.time() < told_deadline:
        if await _all_told(dsn, openids, residents):
            break
        await asyncio.sleep(POLL_S)
    quiet_deadline = loop.time() + settle_s
    while loop.time() < quiet_deadline and await _busy(dsn, openids):  # noqa: ASYNC110
        await asyncio.sleep(POLL_S)
    return loop.time() - started


async def _all_told(dsn: str, openids: list[str], residents: Residents) -> bool:
    conn = await asyncpg.connect(dsn)
    try:
        waiting = await conn.fetchval(
            "SELECT count(*) FROM inbound_messages WHERE openid = ANY($1::text[]) "
            "AND state <> 'handled'", openids)
        rows = await conn.fetch("SELECT openid, number FROM tickets "
                                "WHERE openid = ANY($1::text[])", openids)
        stored = await conn.fetchval(
            "SELECT count(DISTINCT openid) FROM inbound_messages "
            "WHERE openid = ANY($1::text[])", openids)
    finally:
        await conn.close()
    if waiting or len({r["openid"] for r in rows}) < stored:
        return False
    return all(any(r["number"] in t.text for t in residents.told.get(r["openid"], []))
               for r in rows)


async def _busy(dsn: str, openids: list[str]) -> bool:
    conn = await asyncpg.connect(dsn)
    try:
        return bool(await conn.fetchval(
            "SELECT (SELECT count(*) FROM inbound_messages WHERE openid = ANY($1::text[]) "
            "        AND state <> 'handled') "
            "     + (SELECT count(*) FROM outbox_jobs WHERE recipient = ANY($1::text[]) "
            "        AND state IN ('pending', 'sending'))", openids))
    finally:
        await conn.close()


async def judge(report: Report, dsn: str, pushes: Sequence[Push], residents: Residents,
                instances: Sequence[Instance], extra: Sequence[Check] = (),
                quota_spent: Collection[str] = ()) -> None:
    """Judge the standard invariants (and `extra`), print the report, fail on any breach.
    `quota_spent`: residents WeChat refused for a spent quota (invariants.told_number)."""
    state = await State.read(dsn, [p.openid for p in pushes])
    for check in invariants.standard(state, pushes, residents, quota_spent):
        report.add(check)
    for check in extra:
        report.add(check)
    print(report.render(instances), flush=True)
    failures = report.failures()
    BROKEN.extend(failures)
    assert not failures, "invariants broken:\n" + "\n".join(failures)


class DatabaseSampler:
    """Samples PostgreSQL's sessions while a scenario runs: how many connections the
    instances hold, how many sit idle while holding a resident's advisory lock, how many
    wait for one. Evidence for where handling waits (issue 16: a connection held while a
    resident's turn is awaited)."""

    QUERY = """
        SELECT count(*) AS connections,
               count(*) FILTER (WHERE a.state = 'active') AS active,
               count(*) FILTER (WHERE a.state LIKE 'idle%' AND EXISTS (
                   SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory'
                   AND l.granted)) AS idle_holding_lock,
               count(*) FILTER (WHERE a.wait_event_type = 'Lock') AS waiting_for_lock
        FROM pg_stat_activity a WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
    """

    def __init__(self, dsn: str, every_s: float = 0.25) -> None:
        self._dsn = dsn
        self._every_s = every_s
        self.peaks: dict[str, int] = {}
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> DatabaseSampler:
        self._task = asyncio.create_task(self._sample())
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _sample(self) -> None:
        while True:
            try:
                conn = await asyncpg.connect(self._dsn)
                try:
                    while True:
                        row = await conn.fetchrow(self.QUERY)
                        for key, value in row.items():
                            self.peaks[key] = max(self.peaks.get(key, 0), value)
                        await asyncio.sleep(self._every_s)
                finally:
                    await conn.close()
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
                await asyncio.sleep(self._every_s)  # PostgreSQL restarting: sample again

    def note(self) -> str:
        p = self.peaks
        return (f"PostgreSQL sessions of both instances at their peak: {p.get('connections', 0)} "
                f"connections, {p.get('active', 0)} active, {p.get('idle_holding_lock', 0)} "
                f"idle while holding a resident's advisory lock, "
                f"{p.get('waiting_for_lock', 0)} waiting for a lock")
