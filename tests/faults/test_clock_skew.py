"""Pushes signed with timestamps off by less and by more than max_clock_skew_s (300 s), both
ways: the first are WeChat's own (a clock a little off) and must be served like any other;
the second are refused with 403 and leave nothing behind."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.faults.campaign import judge, settle
from tests.faults.cluster import Cluster, Instance
from tests.faults.invariants import Check, Report, State
from tests.faults.residents import Push, Residents, complaints, statuses

MAX_SKEW_S = 300        # the example config's max_clock_skew_s
MARGIN_S = 30
PER_GROUP = 25


async def test_clock_skew(database, fake, tmp_path: Path) -> None:
    db_url, dsn = database
    pushes = complaints(PER_GROUP * 4, "S")
    inside = {-(MAX_SKEW_S - MARGIN_S): pushes[:PER_GROUP],
              MAX_SKEW_S - MARGIN_S: pushes[PER_GROUP:2 * PER_GROUP]}
    outside = {-(MAX_SKEW_S + MARGIN_S): pushes[2 * PER_GROUP:3 * PER_GROUP],
               MAX_SKEW_S + MARGIN_S: pushes[3 * PER_GROUP:]}
    report = Report("clock skew", f"2 instances; {PER_GROUP} residents each with timestamps "
                                  f"off by -{MAX_SKEW_S + MARGIN_S}, -{MAX_SKEW_S - MARGIN_S}, "
                                  f"+{MAX_SKEW_S - MARGIN_S}, +{MAX_SKEW_S + MARGIN_S} s "
                                  f"(max_clock_skew_s = {MAX_SKEW_S})")
    async with Cluster([Instance(n, tmp_path, db_url, fake) for n in ("a", "b")]) as cluster, \
            Residents(fake) as residents:
        urls = cluster.urls
        await asyncio.gather(
            *(residents.send(p, [urls[i % 2], urls[(i + 1) % 2]], skew_s=skew)
              for skew, group in inside.items() for i, p in enumerate(group)),
            *(residents.deliver(urls[i % 2], p, skew_s=skew)
              for skew, group in outside.items() for i, p in enumerate(group)))
        served = [p for group in inside.values() for p in group]
        refused = [p for group in outside.values() for p in group]
        report.notes.append(f"inside the window: {dict(statuses(served).most_common())}; "
                            f"outside: {dict(statuses(refused).most_common())}")
        await settle(dsn, served, residents)
        left = await State.read(dsn, [p.openid for p in refused])
        await judge(report, dsn, served, residents, cluster.instances,
                    [_refused(refused, left)])


def _refused(refused: list[Push], left: State) -> Check:
    """Pushes outside the window: 403, nothing stored, nothing opened, nothing sent."""
    not_403 = [p for p in refused if p.statuses != [403]]
    evidence = [f"{p.openid}: answered {p.statuses}" for p in not_403]
    evidence += [f"{r['openid']}: stored ({r['state']})" for r in left.inbound]
    evidence += [f"{t['number']} opened for {t['openid']}" for t in left.tickets]
    return Check("pushes outside the window refused (403), nothing kept",
                 not evidence, f"{len(refused) - len(not_403)}/{len(refused)} answered 403, "
                 f"{len(left.inbound)} stored, {len(left.tickets)} tickets", evidence)
