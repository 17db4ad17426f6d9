"""The police WeChat groups' figures (§8, issue 17): per group and per unit, requests
received in the group, first-response times there, open group tickets and members."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.reports.kpi import _pad, _width, duration, percentile
from handlers.texts.groups import GROUP_HEADERS
from storage.groups import figures as rows

HEADERS = GROUP_HEADERS


@dataclass
class GroupFigures:
    """One group's (or one unit's groups') figures for a period."""

    name: str
    unit: str
    requests: int = 0
    responses: list[float] = field(default_factory=list)
    open: int = 0
    members: int | None = None

    @property
    def median_s(self) -> float | None:
        """Median first response, seconds."""
        return percentile(self.responses, 0.5)

    @property
    def p90_s(self) -> float | None:
        """90th percentile first response, seconds."""
        return percentile(self.responses, 0.9)

    def cells(self) -> list[str]:
        """The row as printed and shown."""
        return [self.name, self.unit, str(self.requests), duration(self.median_s),
                duration(self.p90_s), str(self.open),
                "—" if self.members is None else str(self.members)]

    def as_json(self) -> dict[str, Any]:
        """Machine-readable."""
        return {"name": self.name, "unit": self.unit, "requests": self.requests,
                "first_responses": len(self.responses),
                "first_response_median_s": self.median_s,
                "first_response_p90_s": self.p90_s, "open": self.open,
                "members": self.members}


@dataclass(frozen=True)
class GroupReport:
    """Per group (by room id) and per unit."""

    groups: dict[str, GroupFigures]
    units: dict[str, GroupFigures]

    def as_json(self) -> dict[str, Any]:
        """Machine-readable."""
        return {"groups": {room: f.as_json() for room, f in self.groups.items()},
                "units": {unit: f.as_json() for unit, f in self.units.items()}}


async def group_report(session: AsyncSession, start: datetime, end: datetime, *,
                       unit: str | None = None,
                       known: Mapping[str, tuple[str, str]] | None = None) -> GroupReport:
    """Figures for [start, end); `known` (room id -> (name, unit)) lists configured groups
    even when quiet; `unit` narrows to one unit's groups."""
    groups: dict[str, GroupFigures] = {}
    for room, (name, unit_) in (known or {}).items():
        if unit is None or unit_ == unit:
            groups[room] = GroupFigures(name, unit_)

    def of(room: str, name: str, unit_: str) -> GroupFigures:
        return groups.setdefault(room, GroupFigures(name or room, unit_))

    for room, name, unit_, seconds in await rows.opened(session, start, end, unit):
        figures = of(room, name, unit_)
        figures.requests += 1
        if seconds is not None:
            figures.responses.append(seconds)
    for room, name, unit_, count in await rows.open_now(session, unit):
        of(room, name, unit_).open += count
    members = await rows.members(session)
    for room, figures in groups.items():
        figures.members = members.get(room)
    return GroupReport(groups, _by_unit(groups.values()))


def _by_unit(groups: Iterable[GroupFigures]) -> dict[str, GroupFigures]:
    units: dict[str, GroupFigures] = defaultdict(lambda: GroupFigures("", ""))
    for figures in groups:
        total = units[figures.unit]
        total.name, total.unit = texts.text("group_unit_total"), figures.unit
        total.requests += figures.requests
        total.responses += figures.responses
        total.open += figures.open
        if figures.members is not None:
            total.members = (total.members or 0) + figures.members
    return dict(units)


def render(report: GroupReport) -> str:
    """A plain-text table (groups, then each unit's total); empty without groups."""
    if not report.groups:
        return ""
    lines = [[*HEADERS], *(f.cells() for f in report.groups.values()),
             *(f.cells() for f in report.units.values())]
    widths = [max(_width(row[i]) for row in lines) for i in range(len(HEADERS))]
    body = ["  ".join(_pad(cell, widths[i], right=i > 1) for i, cell in enumerate(row)).rstrip()
            for row in lines]
    return "\n".join([texts.text("group_report_title"), *body]) + "\n"
