"""PostgreSQL restarted (an immediate stop: connections cut, as in a crash or fail-over) while
residents keep writing to two instances at WeChat's pace, retries included."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.faults.campaign import judge, settle
from tests.faults.cluster import Cluster, Instance
from tests.faults.invariants import Report
from tests.faults.residents import Residents, complaints, statuses

RESIDENTS = 200
SPREAD_S = 4.0          # residents start writing over this long
RESTART_AT_S = 1.5      # into the load


async def test_postgres_restarted_mid_load(pg, database, fake, tmp_path: Path) -> None:
    db_url, dsn = database
    pushes = complaints(RESIDENTS, "P")
    report = Report("postgres restart", f"2 instances, {RESIDENTS} residents writing over "
                                        f"{SPREAD_S:.0f} s (WeChat retries after 5 s); "
                                        f"PostgreSQL stopped -m immediate and started again "
                                        f"{RESTART_AT_S} s in")
    async with Cluster([Instance(n, tmp_path, db_url, fake) for n in ("a", "b")]) as cluster, \
            Residents(fake) as residents:
        urls = cluster.urls

        async def resident(i: int) -> None:
            await asyncio.sleep(SPREAD_S * i / RESIDENTS)
            await residents.send(pushes[i], [urls[i % 2], urls[(i + 1) % 2]])

        async def restart() -> float:
            await asyncio.sleep(RESTART_AT_S)
            loop = asyncio.get_running_loop()
            began = loop.time()
            await asyncio.to_thread(pg.restart)
            return loop.time() - began

        took, *_ = await asyncio.gather(restart(), *(resident(i) for i in range(RESIDENTS)))
        report.notes.append(f"PostgreSQL was away for {took:.1f} s")
        report.notes.append(f"deliveries answered: {dict(statuses(pushes).most_common())}")
        waited = await settle(dsn, pushes, residents)
        report.notes.append(f"observed {waited:.1f} s after the last delivery")
        await judge(report, dsn, pushes, residents, cluster.instances)
