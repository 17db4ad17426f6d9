"""§7's figures on a small hand-made week, and how they print."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from handlers.reports.kpi import (
    duration,
    kpi_for_week,
    kpi_report,
    percentile,
    render_json,
    render_table,
)
from tests.support.export_data import GULOU, LIUYUAN, TZ, W10, add_ticket, local

NOW = local(2026, 3, 20, 9)


async def _week(sessions) -> None:
    async with sessions() as session, session.begin():
        await add_ticket(session, local(2026, 3, 2, 9), assignee="li",
                         statuses=((local(2026, 3, 3, 9), "resolved"),),
                         replies=((local(2026, 3, 2, 10), "li", True),),
                         verdict={"solved": True, "satisfaction": 5,
                                  "answered_at": local(2026, 3, 4, 9)})
        await add_ticket(session, local(2026, 3, 3, 9), assignee="li",
                         statuses=((local(2026, 3, 10, 9), "resolved"),),
                         replies=((local(2026, 3, 3, 12), "li", True),
                                  (local(2026, 3, 3, 13), "li", False)))
        await add_ticket(session, local(2026, 3, 4, 9), assignee="li",
                         resolve_due=timedelta(days=1),
                         statuses=((local(2026, 3, 6, 9), "resolved"),),
                         replies=((local(2026, 3, 4, 14), "li", True),),
                         verdict={"solved": False, "satisfaction": 3,
                                  "answered_at": local(2026, 3, 7, 9)})
        await add_ticket(session, local(2026, 3, 5, 9), unit=LIUYUAN,
                         replies=((local(2026, 3, 5, 9, 1), "system", True),))
        await add_ticket(session, local(2026, 2, 24, 9),
                         statuses=((local(2026, 2, 25, 9), "resolved"),),
                         verdict={"solved": True, "satisfaction": None,
                                  "answered_at": local(2026, 3, 3, 9)})


async def test_figures_for_the_week_per_unit_and_branch(sessions) -> None:
    await _week(sessions)
    async with sessions() as session:
        week = await kpi_for_week(session, W10, TZ, now=NOW, units=[GULOU, LIUYUAN, "湖西派出所"])
    branch = week.branch
    assert (branch.opened, branch.done, branch.done_rate) == (4, 2, 0.5)
    assert (branch.resolved, branch.resolved_on_time, branch.on_time_rate) == (2, 1, 0.5)
    assert branch.first_responses == 3
    assert branch.first_response_median_s == 3 * 3600
    assert branch.first_response_p90_s == pytest.approx(4.6 * 3600)
    assert (branch.rated, branch.satisfied, branch.satisfaction_rate) == (2, 1, 0.5)
    assert (branch.answered, branch.solved) == (3, 2)
    assert branch.solved_rate == pytest.approx(2 / 3)
    assert list(week.units) == [GULOU, LIUYUAN, "湖西派出所"]
    assert (week.units[GULOU].opened, week.units[GULOU].done) == (3, 2)
    liuyuan = week.units[LIUYUAN]
    assert (liuyuan.opened, liuyuan.done, liuyuan.first_responses) == (1, 0, 0)
    assert liuyuan.on_time_rate is None and liuyuan.first_response_median_s is None
    assert week.units["湖西派出所"].opened == 0


async def test_the_week_before_and_one_unit(sessions) -> None:
    await _week(sessions)
    async with sessions() as session:
        _, before = await kpi_report(session, W10, TZ, now=NOW)
        only = await kpi_for_week(session, W10, TZ, LIUYUAN, now=NOW)
    assert str(before.week) == "2026-W09"
    assert (before.branch.opened, before.branch.done, before.branch.resolved_on_time) == (1, 1, 1)
    assert list(only.units) == [LIUYUAN] and only.branch.opened == 1


async def test_a_week_not_over_counts_as_of_now(sessions) -> None:
    await _week(sessions)
    async with sessions() as session:
        week = await kpi_for_week(session, W10, TZ, now=local(2026, 3, 3, 10))
    assert week.as_of == local(2026, 3, 3, 10)
    assert (week.branch.opened, week.branch.done) == (2, 1)


async def test_a_p1_responds_when_acknowledged(sessions) -> None:
    """§7: an emergency's first response is its acknowledgement, not the later reply; a
    reply before any acknowledgement still stops the clock (as the P1 deadline reads it)."""
    async with sessions() as session, session.begin():
        await add_ticket(session, local(2026, 3, 2, 9), kind="emergency", priority="P1",
                         acknowledged=(local(2026, 3, 2, 9, 2), "li"),
                         replies=((local(2026, 3, 2, 10), "li", True),))
        await add_ticket(session, local(2026, 3, 3, 9), kind="emergency", priority="P1",
                         acknowledged=(local(2026, 3, 3, 9, 30), "li"),
                         replies=((local(2026, 3, 3, 9, 5), "li", True),))
        await add_ticket(session, local(2026, 3, 4, 9), kind="emergency", priority="P1",
                         acknowledged=(local(2026, 3, 4, 9, 8), "li"))
        # Acknowledged in the week before: its reply in W10 is no first response of W10.
        await add_ticket(session, local(2026, 3, 1, 23, 50), kind="emergency", priority="P1",
                         acknowledged=(local(2026, 3, 1, 23, 55), "li"),
                         replies=((local(2026, 3, 2, 1), "li", True),))
    async with sessions() as session:
        week = await kpi_for_week(session, W10, TZ, now=NOW)
    assert week.branch.first_responses == 3
    assert week.branch.first_response_median_s == 5 * 60
    assert week.branch.first_response_p90_s == pytest.approx(7.4 * 60)


async def test_table_and_json(sessions) -> None:
    await _week(sessions)
    async with sessions() as session:
        weeks = await kpi_report(session, W10, TZ, now=NOW, units=[GULOU, LIUYUAN])
    table = render_table(weeks, TZ)
    assert "2026-W10（2026-03-02 至 2026-03-08）" in table
    assert "受理量" in table and "首次响应中位数" in table and "全分局" in table
    assert "50.0%" in table and "3小时0分" in table
    data = json.loads(render_json(weeks))
    assert data["week"]["week"] == "2026-W10" and data["previous"]["week"] == "2026-W09"
    assert data["week"]["branch"]["opened"] == 4
    assert data["week"]["units"][LIUYUAN]["on_time_rate"] is None


def test_percentile_and_duration() -> None:
    assert percentile([], 0.5) is None
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert duration(35 * 60) == "35分钟"
    assert duration(2 * 3600 + 5 * 60) == "2小时5分"
    assert duration(3 * 86400 + 4 * 3600) == "3天4小时"
    assert duration(None) == "—"
