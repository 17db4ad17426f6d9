"""Two instances on one PostgreSQL under a burst: 200 residents each pushing one complaint,
WeChat's three deliveries of each arriving together and spread over both instances."""

from __future__ import annotations

from pathlib import Path

from tests.faults.campaign import DatabaseSampler, judge, settle
from tests.faults.cluster import Cluster, Instance
from tests.faults.invariants import Report
from tests.faults.residents import DELIVERIES, Residents, complaints, statuses

RESIDENTS = 200


async def test_burst_on_two_instances(database, fake, tmp_path: Path) -> None:
    db_url, dsn = database
    pushes = complaints(RESIDENTS, "B")
    report = Report("burst", f"2 instances, 1 PostgreSQL, {RESIDENTS} residents × "
                             f"{DELIVERIES} deliveries at once ({RESIDENTS * DELIVERIES} requests)")
    async with Cluster([Instance(n, tmp_path, db_url, fake) for n in ("a", "b")]) as cluster, \
            Residents(fake) as residents:
        urls = cluster.urls
        async with DatabaseSampler(dsn) as sampler:
            await residents.burst(pushes, lambda i, k: urls[(i + k) % 2])
            report.notes.append(f"deliveries answered: {dict(statuses(pushes).most_common())}")
            waited = await settle(dsn, pushes, residents)
        report.notes.append(sampler.note())
        report.notes.append(f"observed {waited:.1f} s after the burst was answered")
        await judge(report, dsn, pushes, residents, cluster.instances)
