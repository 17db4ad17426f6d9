"""The export read back as officers would open it: xlsx with openpyxl, CSV with csv."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import openpyxl
from sqlalchemy import select

from handlers import texts
from handlers.reports.export import export_unresolved
from storage.officers.models import AccessLog
from tests.support.export_data import GULOU, LIUYUAN, TZ, W10, local, week_ten

NOW = local(2026, 3, 20, 9)


async def _export(sessions, tmp_path: Path, fmt: str, **kw):
    path = tmp_path / f"out.{fmt}"
    result = await export_unresolved(sessions, W10, fmt, path, tz=TZ, now=NOW,
                                     units=[GULOU, LIUYUAN], officer="zhangsan", **kw)
    return path, result


async def test_workbook_rows_labels_masking_and_guard(sessions, tmp_path) -> None:
    made = await week_ten(sessions)
    path, result = await _export(sessions, tmp_path, "xlsx")
    assert result.rows == 4 and result.path == path
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["未办结工单", "统计", "KPI"]
    ws = wb["未办结工单"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == texts.EXPORT_HEADERS
    assert rows[0][:12] == ("工单号", "类型", "优先级", "状态", "渠道", "受理时间", "所属单位",
                            "责任民警", "内容摘要", "是否超时", "最后更新时间", "联系方式")
    by_number = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert set(by_number) == {made["sunday_late"], made["resolved_after"], made["personal"],
                              made["anonymous"]}
    personal = by_number[made["personal"]]
    assert personal["类型"] == "咨询" and personal["渠道"] == "热线"
    assert personal["状态"] == "待受理" and personal["所属单位"] == LIUYUAN
    assert personal["内容摘要"] == "'=SUM(A1) 我的电话139****5678，身份证371502********1234"
    assert personal["联系方式"] == "138****1234"
    # Real dates, local wall-clock time: 2026-03-02 00:00 Shanghai is Sunday 16:00 UTC.
    assert personal["受理时间"] == datetime(2026, 3, 2, 0, 0)
    assert ws.cell(row=2, column=6).number_format == "yyyy-mm-dd hh:mm"
    later = by_number[made["resolved_after"]]
    assert later["状态"] == "办理中" and later["责任民警"] == "张三（zhangsan）"
    assert later["最后动作"] == "状态变更为办理中 · 张三"
    assert later["最后更新时间"] == datetime(2026, 3, 4, 10, 0)
    assert later["是否超时"] == "是" and later["时限状态"] == "办理超时"
    anonymous = by_number[made["anonymous"]]
    assert anonymous["联系方式"] == "匿名" and anonymous["内容摘要"] == "'-举报 @赌博窝点"
    assert anonymous["是否超时"] == "否" and anonymous["时限状态"] == "正常"
    late = by_number[made["sunday_late"]]
    assert late["责任民警"] == "未指派" and late["已办天数"] == 0
    assert late["时限状态"] == "正常"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:Q5"
    rules = [rule for cf in ws.conditional_formatting for rule in cf.rules]
    assert rules and rules[0].formula == ['$J2="是"']


async def test_statistics_chart_and_kpi_sheets(sessions, tmp_path) -> None:
    await week_ten(sessions)
    path, result = await _export(sessions, tmp_path, "xlsx")
    wb = openpyxl.load_workbook(path)
    stats = wb["统计"]
    rows = list(stats.iter_rows(values_only=True))
    assert rows[0][0].startswith("统计时点：2026-03-09 00:00（2026-W10")
    header = rows[3]
    assert header[:7] == ("单位", "投诉举报", "预约办理", "意见建议", "紧急警情", "咨询", "合计")
    table = {row[0]: row for row in rows[4:7]}
    assert table[GULOU][1:8] == (3, 0, 0, 0, 0, 3, 1)
    # The hotline consult never got its first response within a day: overdue too.
    assert table[LIUYUAN][1:8] == (0, 0, 0, 0, 1, 1, 1)
    assert table["合计"][6:8] == (4, 2)
    priorities = {row[0]: row[1:3] for row in rows if row and row[0] in ("P3", "P4")}
    assert priorities == {"P3": (3, 1), "P4": (1, 1)}
    assert len(stats._charts) == 1
    assert result.units == {GULOU: (3, 1), LIUYUAN: (1, 1)}
    kpi = list(wb["KPI"].iter_rows(values_only=True))
    assert kpi[0][:3] == ("周次", "单位", "受理量")
    weeks = {row[0] for row in kpi[1:]}
    assert weeks == {"2026-W10（本周）", "2026-W09（上周）"}
    branch = next(r for r in kpi[1:] if r[0] == "2026-W10（本周）" and r[1] == "全分局")
    assert branch[2] == 5          # opened in W10 (Monday 00:00 to Sunday 23:30)


async def test_csv_has_bom_local_times_masking_and_guard(sessions, tmp_path) -> None:
    made = await week_ten(sessions)
    path, _ = await _export(sessions, tmp_path, "csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0]) == texts.EXPORT_HEADERS
    personal = next(r for r in rows if r[0] == made["personal"])
    assert personal[5] == "2026-03-02 00:00"
    assert personal[8].startswith("'=SUM(A1)") and "13912345678" not in personal[8]
    assert personal[11] == "138****1234"


async def test_one_unit_and_one_access_log_row(sessions, tmp_path) -> None:
    await week_ten(sessions)
    _, result = await _export(sessions, tmp_path, "csv", unit=LIUYUAN)
    assert result.rows == 1
    async with sessions() as session:
        logged = list(await session.scalars(select(AccessLog)))
    assert len(logged) == 1
    assert logged[0].officer == "zhangsan" and logged[0].action == "export"
    detail = json.loads(logged[0].detail)
    assert detail["week"] == "2026-W10" and detail["rows"] == 1 and detail["unit"] == LIUYUAN
    assert detail["format"] == "csv"


async def test_a_week_not_over_is_exported_as_of_now(sessions, tmp_path) -> None:
    made = await week_ten(sessions)
    path = tmp_path / "now.xlsx"
    result = await export_unresolved(sessions, W10, "xlsx", path, tz=TZ,
                                     now=local(2026, 3, 4, 12))
    assert result.as_of == local(2026, 3, 4, 12)
    wb = openpyxl.load_workbook(path)
    numbers = {row[0] for row in wb["未办结工单"].iter_rows(min_row=2, values_only=True)}
    assert made["resolved_in_week"] in numbers and made["sunday_late"] not in numbers
    assert "尚未结束" in wb["统计"]["A1"].value
