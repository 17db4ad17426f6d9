"""The burst again, and one of the two instances killed (SIGKILL) in the middle of it: the
survivor must take over what the dead one held, and every resident still hear their number."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg

from tests.faults.campaign import DatabaseSampler, judge, settle
from tests.faults.cluster import Cluster, Instance
from tests.faults.invariants import Report
from tests.faults.residents import DELIVERIES, Residents, complaints, statuses

RESIDENTS = 200
# Killed once this many messages are handled (handling is then in full swing on both), or
# after KILL_LATEST_S, whichever comes first.
KILL_AFTER_HANDLED = 30
KILL_LATEST_S = 3.0


async def test_kill_one_instance_mid_burst(database, fake, tmp_path: Path) -> None:
    db_url, dsn = database
    pushes = complaints(RESIDENTS, "K")
    report = Report("kill -9", f"2 instances, {RESIDENTS} residents × {DELIVERIES} deliveries "
                               f"at once; instance b killed (SIGKILL) mid-burst, not restarted")
    async with Cluster([Instance(n, tmp_path, db_url, fake) for n in ("a", "b")]) as cluster, \
            Residents(fake) as residents:
        urls = cluster.urls
        async with DatabaseSampler(dsn) as sampler:
            burst = asyncio.create_task(
                residents.burst(pushes, lambda i, k: urls[(i + k) % 2]))
            handled, received, at = await _kill_when_busy(dsn, cluster[1])
            report.notes.append(f"b killed {at:.1f} s into the burst, with {received} messages "
                                f"recorded and {handled} handled")
            await burst
            report.notes.append(f"deliveries answered: {dict(statuses(pushes).most_common())}")
            waited = await settle(dsn, pushes, residents, settle_s=25.0)
        report.notes.append(sampler.note())
        report.notes.append(f"observed {waited:.1f} s after the burst was answered")
        await judge(report, dsn, pushes, residents, cluster.instances)


async def _kill_when_busy(dsn: str, victim: Instance) -> tuple[int, int, float]:
    loop = asyncio.get_running_loop()
    started = loop.time()
    conn = await asyncpg.connect(dsn)
    try:
        while True:
            received, handled = await conn.fetchrow(
                "SELECT count(*), count(*) FILTER (WHERE state = 'handled') "
                "FROM inbound_messages")
            if handled >= KILL_AFTER_HANDLED or loop.time() - started >= KILL_LATEST_S:
                await victim.kill()
                return handled, received, loop.time() - started
            await asyncio.sleep(0.02)
    finally:
        await conn.close()
