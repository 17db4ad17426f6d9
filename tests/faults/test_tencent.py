"""The Tencent API misbehaving while every reply goes out through the outbox: 5xx answers,
timeouts, an expired-token (42001) storm, one after the other, and the customer-service
quota (45047) spent for some residents until they write again.

WeChat lets nothing through to a resident whose quota is spent until they write again (the
customer-service rules: 5 messages within 48 h of the resident's message), so those residents
are owed their number within 15 s of their next message, and a reply held visibly until then
(invariants.told_number). They write again once the storms are over: while the storms last,
custom/send answers 503, hangs or 42001 before WeChat would look at the quota at all."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path

from tests.faults import tencent_checks, timeline
from tests.faults.campaign import judge, settle
from tests.faults.cluster import Cluster, Instance
from tests.faults.invariants import Report, State
from tests.faults.residents import Push, Residents, complaints, statuses

RESIDENTS = 60
SPREAD_S = 3.0
STORM_S = 3.0           # each kind of fault lasts this long, one after the other
HANG_S = 8.0            # longer than the server waits for Tencent (5 s): a timeout
QUOTA_SPENT = 6         # residents whose customer-service quota is spent (45047)
WRITE_AGAIN = 4         # of whom this many write again (a new window opens), the rest not
WRITE_AGAIN_AT_S = 12.0  # when: the storms are over and their replies were refused (45047)
# Every reply late: the passive answer is "success" and the reply goes by the outbox.
ENV = {"JINGMIN_WECHAT_REPLY_BUDGET_S": "0.001"}


async def test_tencent_faults(database, fake, tmp_path: Path) -> None:
    db_url, dsn = database
    pushes = complaints(RESIDENTS, "T")
    quota = pushes[:QUOTA_SPENT]
    again = [Push(p.openid, "请问我反映的事情处理得怎么样了", "") for p in quota[:WRITE_AGAIN]]
    report = Report("tencent faults", f"2 instances, every reply by the outbox; custom/send "
                    f"answers HTTP 503 for {STORM_S:.0f} s, then hangs {HANG_S:.0f} s per call "
                    f"for {STORM_S:.0f} s, then 42001 for {STORM_S:.0f} s; 45047 for "
                    f"{QUOTA_SPENT} residents, {WRITE_AGAIN} of whom write again at "
                    f"{WRITE_AGAIN_AT_S:.0f} s")
    for push in quota:
        fake.openid_error(push.openid, 45047)
    async with Cluster([Instance(n, tmp_path, db_url, fake, env=ENV)
                        for n in ("a", "b")]) as cluster, Residents(fake) as residents:
        urls = cluster.urls
        zero, wall_zero = asyncio.get_running_loop().time(), time.time()

        async def storms() -> None:
            fake.storm("custom_send", status=503, seconds=STORM_S)
            await asyncio.sleep(STORM_S)
            fake.storm("custom_send", delay=HANG_S, seconds=STORM_S)
            await asyncio.sleep(STORM_S)
            fake.storm("custom_send", 42001, seconds=STORM_S)

        async def resident(i: int) -> None:
            await asyncio.sleep(SPREAD_S * i / RESIDENTS)
            await residents.send(pushes[i], [urls[i % 2], urls[(i + 1) % 2]])

        async def write_again(push: Push) -> None:
            await asyncio.sleep(WRITE_AGAIN_AT_S)
            fake.openid_error(push.openid, 0)  # their new message opens a new window
            await residents.send(push, urls)

        await asyncio.gather(storms(), *(resident(i) for i in range(RESIDENTS)),
                             *(write_again(p) for p in again))
        report.notes.append(f"deliveries answered: {dict(statuses(pushes + again).most_common())}")
        # Those who never write again cannot be told (their reply is held): waiting for them
        # would only run the clock out.
        silent = {p.openid for p in quota[WRITE_AGAIN:]}
        waited = await settle(dsn, [p for p in pushes + again if p.openid not in silent],
                              residents, settle_s=15.0)
        report.notes.append(f"observed {waited:.1f} s after the last delivery")
        calls = fake.calls_to("custom_send")
        faults = Counter(c.fault for c in calls if c.fault)
        report.notes.append(f"custom/send called {len(calls)} times: answered by the storms "
                            f"{dict(faults)}, {sum(c.ok for c in calls)} delivered; "
                            f"stable_token called {len(fake.calls_to('stable_token'))} times")
        phases = [("503", 0.0), ("hang", STORM_S), ("42001", 2 * STORM_S),
                  ("healed", 3 * STORM_S)]
        report.notes.append("custom/send by phase (from the start): "
                            + timeline.sends_by_phase(fake, zero, phases))
        report.notes.append(timeline.token_fetches(fake, zero))
        report.notes.append(timeline.send_starts(fake, zero))
        openids = [p.openid for p in pushes]
        state = await State.read(dsn, openids)
        db = await timeline.stored(dsn, openids, wall_zero)
        shown = set()
        for push, delay in timeline.late(state, pushes, residents):
            report.notes += timeline.lines(push, fake, zero, delay, db)
            shown.add(push.openid)
        for push in quota:  # the residents whose quota was spent, late or not
            if push.openid not in shown:
                report.notes += timeline.lines(push, fake, zero, timeline.delay(
                    state, push, residents), db)
        scripted = {p.openid for p in quota}
        await judge(report, dsn, pushes + again, residents, cluster.instances,
                    extra=[tencent_checks.token_refusals(fake),
                           tencent_checks.quota_held(fake, state, scripted)],
                    quota_spent=tencent_checks.quota_refused(fake) & scripted)
