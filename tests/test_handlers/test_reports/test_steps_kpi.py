"""§7's 12345 figures per unit: 签收率, 按时签收率, 退单率, 督办数, 差评回访率, 差评整改率 (disputed
ratings apart), from steps taken through the workflow; in the table and the KPI sheet."""

from __future__ import annotations

from datetime import timedelta

import pytest
from openpyxl import load_workbook

from handlers.core.settings import TicketSettings
from handlers.officers.workflow import Workflow
from handlers.reports.export import export_unresolved
from handlers.reports.kpi import kpi_for_week, kpi_report, render_table
from handlers.reports.weeks import IsoWeek
from storage.tickets.models import RatingFollowup
from tests.workbench import NOW, UNIT_A, UNIT_B, staff, ticket


async def _do(sessions, config, actor, number, action, at=NOW, **fields):
    wf = Workflow(TicketSettings.from_config(config), clock=lambda: at)
    async with sessions() as session, session.begin():
        await wf.perform(session, actor, number, action, fields)


@pytest.fixture
async def week_of_steps(sessions, config):
    people = await staff(sessions)
    on_time, late, returned, untouched = [await ticket(sessions, config) for _ in range(4)]
    await _do(sessions, config, people["a1"], on_time.number, "sign",
              at=NOW + timedelta(hours=1))
    await _do(sessions, config, people["a2"], late.number, "sign",
              at=NOW + timedelta(hours=3))
    await _do(sessions, config, people["a1"], returned.number, "return", reason="非本所辖区")
    await _do(sessions, config, people["sup"], returned.number, "transfer", unit=UNIT_B,
              reason="辖区")
    await _do(sessions, config, people["b1"], returned.number, "sign")
    await _do(sessions, config, people["sup"], untouched.number, "supervise", note="请尽快签收")
    async with sessions() as session, session.begin():
        for t, called, disputed in ((on_time, True, False), (late, False, False),
                                    (untouched, False, True)):
            session.add(RatingFollowup(
                ticket_id=t.id, satisfaction=2, rated_officer="a1", officer="a2",
                opened_at=NOW, callback_due=NOW + timedelta(days=1),
                fix_due=NOW + timedelta(days=7),
                called_at=NOW + timedelta(hours=2) if called else None,
                fixed_at=NOW + timedelta(days=2) if called else None,
                disputed_at=NOW if disputed else None))
    return people


async def test_the_week_figures_per_unit(sessions, week_of_steps):
    tz = TicketSettings().tz
    week = IsoWeek.containing(NOW, tz)
    async with sessions() as session:
        figures = await kpi_for_week(session, week, tz, now=NOW + timedelta(days=1))
    a, b = figures.units[UNIT_A].steps, figures.units[UNIT_B].steps
    assert (a.routed, a.signed, a.signed_on_time, a.returns, a.supervisions) == (4, 2, 1, 1, 1)
    assert (a.sign_rate, a.sign_on_time_rate, a.return_rate) == (0.5, 0.25, 0.25)
    assert (b.routed, b.signed, b.signed_on_time) == (1, 1, 1)
    assert (a.followups, a.called_on_time, a.fixed_on_time, a.disputed) == (2, 1, 1, 1)
    assert (a.callback_rate, a.fix_rate) == (0.5, 0.5)
    assert figures.branch.steps.routed == 5
    assert figures.as_json()["units"][UNIT_A]["steps"]["sign_rate"] == 0.5


async def test_in_the_table_and_the_kpi_sheet(sessions, week_of_steps, tmp_path):
    tz = TicketSettings().tz
    week = IsoWeek.containing(NOW, tz)
    async with sessions() as session:
        weeks = await kpi_report(session, week, tz, now=NOW + timedelta(days=1),
                                 units=[UNIT_A, UNIT_B])
    table = render_table(weeks, tz)
    assert "签收率" in table and "差评整改率" in table and "25.0%" in table
    path = tmp_path / "export.xlsx"
    await export_unresolved(sessions, week, "xlsx", path, tz=tz, units=[UNIT_A, UNIT_B],
                            now=NOW + timedelta(days=1))
    rows = list(load_workbook(path)["KPI"].iter_rows(values_only=True))
    header = list(rows[0])
    assert header[-7:] == ["签收率", "按时签收率", "退单率", "督办数", "差评回访率",
                           "差评整改率", "差评申诉"]
    [unit_a] = [r for r in rows[1:] if r[1] == UNIT_A and "本周" in r[0]]
    assert unit_a[-7] == 0.5 and unit_a[-4] == 1
