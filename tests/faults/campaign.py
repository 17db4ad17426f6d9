"""Running a scenario: wait (bounded) for the residents to be told and the outbox to settle,
then read the database, judge the invariants, print, and fail with what broke."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

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
    while loop.time() < quiet_deadline and await _busy(dsn, openids):
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
                instances: Sequence[Instance], extra: Sequence[Check] = ()) -> None:
    """Judge the standard invariants (and `extra`), print the report, fail on any breach."""
    state = await State.read(dsn, [p.openid for p in pushes])
    for check in invariants.standard(state, pushes, residents):
        report.add(check)
    for check in extra:
        report.add(check)
    print(report.render(instances), flush=True)
    failures = report.failures()
    BROKEN.extend(failures)
    assert not failures, "invariants broken:\n" + "\n".join(failures)
