"""Counts kept while an export's rows stream by (统计 and the police-group summary), apart from
the export so that the workbook can read them without importing the export."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from handlers.reports.rows import ExportRow


@dataclass
class Tally:
    """Counts kept while rows stream by, for 统计 and the police-group summary."""

    rows: int = 0
    overdue: int = 0
    by_unit_kind: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_unit: Counter[str] = field(default_factory=Counter)
    overdue_by_unit: Counter[str] = field(default_factory=Counter)
    by_priority: Counter[str] = field(default_factory=Counter)
    overdue_by_priority: Counter[str] = field(default_factory=Counter)
    by_sla: Counter[str] = field(default_factory=Counter)

    def add(self, row: ExportRow) -> None:
        """Count one exported row."""
        self.rows += 1
        self.by_unit_kind[row.unit, row.kind] += 1
        self.by_unit[row.unit] += 1
        self.by_priority[row.priority] += 1
        self.by_sla[row.sla] += 1
        if row.overdue:
            self.overdue += 1
            self.overdue_by_unit[row.unit] += 1
            self.overdue_by_priority[row.priority] += 1

    def units(self, configured: Iterable[str]) -> list[str]:
        """Configured units first (even with no row), then any other unit seen."""
        return list(dict.fromkeys([*configured, *sorted(self.by_unit)]))
