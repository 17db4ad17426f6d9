"""The export workbook (openpyxl, write-only): 未办结工单, 统计 with a bar chart, and KPI."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import tzinfo
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from handlers import texts
from handlers.reports.kpi import WeekFigures
from handlers.reports.rows import SLA_FIRST_RESPONSE, SLA_OK, SLA_RESOLVE, ExportRow
from handlers.reports.tally import Tally
from storage.tickets.models import KINDS, PRIORITIES

DATE_FORMAT = "yyyy-mm-dd hh:mm"
PERCENT_FORMAT = "0.0%"
MINUTES_FORMAT = "0"
# Widths in characters, in EXPORT_HEADERS order.
WIDTHS = (18, 10, 7, 9, 9, 17, 14, 18, 60, 9, 17, 14, 9, 13, 24, 24, 12)
DATE_COLUMNS = (5, 10)                   # 受理时间, 最后更新时间
OVERDUE_COLUMN = get_column_letter(texts.EXPORT_HEADERS.index("是否超时") + 1)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
OVERDUE_FILL = PatternFill("solid", fgColor="FFC7CE")


class WorkbookSink:
    """Writes rows as they come; 统计 and KPI are filled in at the end."""

    def __init__(self, path: Path, tz: tzinfo) -> None:
        self._path = path
        self._wb = Workbook(write_only=True)
        # Sheets are created now so their order is fixed: rows first, as §6 asks.
        self._rows = self._wb.create_sheet(texts.text("export_sheet_rows"))
        self._stats = self._wb.create_sheet(texts.text("export_sheet_stats"))
        self._kpi = self._wb.create_sheet(texts.text("export_sheet_kpi"))
        self._count = 0
        ws = self._rows
        for index, width in enumerate(WIDTHS, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "A2"
        ws.append([self._header(ws, name) for name in texts.EXPORT_HEADERS])

    @staticmethod
    def _header(ws: Any, value: Any) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        return cell

    def write(self, rows: Sequence[ExportRow]) -> None:
        """Append rendered rows, dates as real Excel dates."""
        ws = self._rows
        for row in rows:
            # "" would still be written as an empty cell; None is left out.
            cells = [None if value == "" else value for value in row.values]
            for index in DATE_COLUMNS:
                cells[index] = cell = WriteOnlyCell(ws, cells[index])
                cell.number_format = DATE_FORMAT
            ws.append(cells)
        self._count += len(rows)

    def note(self, text: str) -> None:
        """A line in place of rows, saying why there is none."""
        self._rows.append([text])

    def finish(self, tally: Tally, units: Sequence[str], title: str,
               kpi: Sequence[WeekFigures] | None) -> None:
        """Add the filter, 统计 and KPI, and save."""
        last = get_column_letter(len(texts.EXPORT_HEADERS))
        self._rows.auto_filter.ref = f"A1:{last}{self._count + 1}"
        # Overdue rows are highlighted by one rule on 是否超时 rather than a fill on each
        # cell: styled cells cost openpyxl three times as much, and the rule follows sorting.
        if self._count:
            self._rows.conditional_formatting.add(
                f"A2:{last}{self._count + 1}",
                FormulaRule(formula=[f'${OVERDUE_COLUMN}2="{texts.text("export_yes")}"'],
                            fill=OVERDUE_FILL))
        self._write_stats(tally, units, title)
        self._write_kpi(kpi or ())
        self._wb.save(self._path)

    def abort(self) -> None:
        """Close the sheets' streams (the caller removes the partial file)."""
        for ws in (self._rows, self._stats, self._kpi):
            with contextlib.suppress(Exception):
                ws.close()

    def _write_stats(self, tally: Tally, units: Sequence[str], title: str) -> None:
        ws = self._stats
        ws.column_dimensions["A"].width = 16
        for letter in "BCDEFGH":
            ws.column_dimensions[letter].width = 11
        bold = lambda value: self._header(ws, value)  # noqa: E731
        ws.append([title])
        ws.append([])
        ws.append([texts.text("export_stats_by_unit_kind")])
        ws.append([bold(texts.text("export_unit")),
                   *(bold(texts.KIND_LABELS[k]) for k in KINDS),
                   bold(texts.text("export_total")), bold(texts.text("export_overdue"))])
        header_row = 4
        for unit in units:
            ws.append([unit, *(tally.by_unit_kind[unit, k] for k in KINDS),
                       tally.by_unit[unit], tally.overdue_by_unit[unit]])
        ws.append([texts.text("export_total"),
                   *(sum(tally.by_unit_kind[u, k] for u in units) for k in KINDS),
                   tally.rows, tally.overdue])
        ws.append([])
        ws.append([texts.text("export_stats_by_priority")])
        ws.append([bold(texts.text("export_priority")),
                   bold(texts.text("export_count")), bold(texts.text("export_overdue"))])
        for priority in PRIORITIES:
            ws.append([priority, tally.by_priority[priority],
                       tally.overdue_by_priority[priority]])
        ws.append([])
        ws.append([texts.text("export_stats_by_sla")])
        for key in (SLA_OK, SLA_FIRST_RESPONSE, SLA_RESOLVE):
            ws.append([texts.text(key), tally.by_sla[key]])
        self._add_chart(ws, header_row, len(units))

    @staticmethod
    def _add_chart(ws: Any, header_row: int, count: int) -> None:
        chart = BarChart()
        chart.type = "col"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = texts.text("export_stats_chart")
        chart.y_axis.title = texts.text("export_count")
        chart.height, chart.width = 9, 18
        last_row = header_row + max(count, 1)
        data = Reference(ws, min_col=2, max_col=1 + len(KINDS), min_row=header_row,
                         max_row=last_row)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1,
                                       max_row=last_row))
        ws.add_chart(chart, "J3")

    def _write_kpi(self, weeks: Sequence[WeekFigures]) -> None:
        ws = self._kpi
        for letter, width in zip("ABCDEFGHIJKLMNOP",
                                 (22, 16, 9, 9, 11, 18, 18, 9, 9, 9, 11, 9, 9, 11, 11, 9),
                                 strict=True):
            ws.column_dimensions[letter].width = width
        names = list(texts.KPI_HEADERS)
        # Minutes, as the console says them (4分钟), not 0.1 hours.
        names[4] += "（分钟）"
        names[5] += "（分钟）"
        names += texts.STEP_KPI_HEADERS[1:]     # the 12345 figures after today's
        ws.append([self._header(ws, v) for v in (texts.text("export_kpi_week"), *names)])
        ws.freeze_panes = "A2"
        labels = (texts.text("export_kpi_this_week"), texts.text("export_kpi_last_week"))
        for label, figures in zip(labels, weeks, strict=False):
            week = f"{figures.week}（{label}）"
            rows = [*figures.units.items(), (texts.text("export_branch"), figures.branch)]
            for name, f in rows:
                ws.append([week, name, f.opened,
                           self._number(ws, f.done_rate, PERCENT_FORMAT),
                           self._number(ws, f.on_time_rate, PERCENT_FORMAT),
                           self._number(ws, _minutes(f.first_response_median_s), MINUTES_FORMAT),
                           self._number(ws, _minutes(f.first_response_p90_s), MINUTES_FORMAT),
                           self._number(ws, f.satisfaction_rate, PERCENT_FORMAT),
                           self._number(ws, f.solved_rate, PERCENT_FORMAT),
                           *self._steps(ws, f)])

    def _steps(self, ws: Any, f: Any) -> list[Any]:
        s = f.steps
        return [self._number(ws, s.sign_rate, PERCENT_FORMAT),
                self._number(ws, s.sign_on_time_rate, PERCENT_FORMAT),
                self._number(ws, s.return_rate, PERCENT_FORMAT), s.supervisions,
                self._number(ws, s.callback_rate, PERCENT_FORMAT),
                self._number(ws, s.fix_rate, PERCENT_FORMAT), s.disputed]

    @staticmethod
    def _number(ws: Any, value: float | None, number_format: str) -> Any:
        if value is None:
            return texts.text("kpi_none")
        cell = WriteOnlyCell(ws, value)
        cell.number_format = number_format
        cell.alignment = Alignment(horizontal="right")
        return cell


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60)
