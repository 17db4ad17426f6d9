"""The export as a supervisor reads it: short summaries, minutes, the place in the
resident's words, and a word of why when a week has no row."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import openpyxl

from handlers.reports.export import export_unresolved
from storage.tickets.models import Ticket
from tests.support.export_data import GULOU, LIUYUAN, TZ, W10, add_ticket, local

NOW = local(2026, 3, 20, 9)
# An 800-character message, with a phone number right where a cut at 120 would fall.
LONG = ("楼下烧烤摊每晚营业到凌晨，油烟和噪音严重影响休息。" * 4 + "联系我" + "又" * 14
        + "13912345678" + "又" * 700)


async def _export(sessions, tmp_path: Path, fmt: str, **kw):
    path = tmp_path / f"out.{fmt}"
    await export_unresolved(sessions, W10, fmt, path, tz=TZ, now=NOW, units=[GULOU, LIUYUAN],
                            officer="zhangsan", **kw)
    return path


def _rows(path: Path) -> list[dict[str, object]]:
    rows = list(openpyxl.load_workbook(path)["未办结工单"].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


async def test_the_summary_is_a_glance_and_never_cuts_a_number(sessions, tmp_path):
    async with sessions() as session, session.begin():
        ticket = await add_ticket(session, local(2026, 3, 3, 9), summary=LONG)
        ticket.place, ticket.area = "柳园小区8号楼", "柳园"
    [row] = _rows(await _export(sessions, tmp_path, "xlsx"))
    summary = str(row["内容摘要"])
    assert len(summary) <= 120 and summary.endswith("…")
    assert summary.startswith("楼下烧烤摊每晚营业到凌晨")
    assert "139" not in summary            # cut before the number, not through it
    # The place in the resident's words (not which door: the console has that), and the
    # matched area apart.
    assert (row["地点"], row["所属片区"]) == ("柳园小区*号楼", "柳园")
    # The full text stays on the ticket for the console.
    async with sessions() as session:
        assert (await session.get(Ticket, ticket.id)).summary == LONG


async def test_first_response_figures_are_in_minutes(sessions, tmp_path):
    async with sessions() as session, session.begin():
        opened = local(2026, 3, 3, 9)
        await add_ticket(session, opened,
                         replies=((opened + timedelta(minutes=4), "zhangsan", True),))
    kpi = list(openpyxl.load_workbook(await _export(sessions, tmp_path, "xlsx"))["KPI"]
               .iter_rows(values_only=True))
    header = kpi[0]
    assert "首次响应中位数（分钟）" in header and "首次响应P90（分钟）" in header
    column = header.index("首次响应中位数（分钟）")
    branch = next(r for r in kpi[1:] if r[0] == "2026-W10（本周）" and r[1] == "全分局")
    assert branch[column] == 4


async def test_an_empty_week_says_why(sessions, tmp_path):
    [row] = list(openpyxl.load_workbook(await _export(sessions, tmp_path, "xlsx"))
                 ["未办结工单"].iter_rows(min_row=2, values_only=True))
    assert "没有未办结的工单" in row[0] and "本周未受理新工单" in row[0]
    assert "2026-W10" in row[0]


async def test_an_empty_week_with_everything_done_says_so_in_the_csv(sessions, tmp_path):
    async with sessions() as session, session.begin():
        await add_ticket(session, local(2026, 3, 3, 9),
                         statuses=((local(2026, 3, 4, 9), "resolved"),))
        await add_ticket(session, local(2026, 3, 3, 9), unit=LIUYUAN)
    path = await _export(sessions, tmp_path, "csv", unit=GULOU)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == 2
    assert "本周受理1件" in rows[1][0] and "均已办结、关闭或撤销" in rows[1][0]
