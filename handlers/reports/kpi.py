"""The supervisors' weekly figures (§7), per unit and for the branch, and how they print."""

from __future__ import annotations

import json
import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.reports import steps_kpi
from handlers.reports.steps_kpi import StepFigures
from handlers.reports.weeks import IsoWeek
from handlers.tickets.view import iso
from storage.base import utcnow
from storage.tickets import queries


def percentile(values: Sequence[float], share: float) -> float | None:
    """The `share` quantile of `values`, interpolated between neighbours (as numpy does)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Figures:
    """One unit's (or the branch's) figures for one week."""

    opened: int = 0
    done: int = 0                  # opened in the week, resolved or closed by its end
    resolved: int = 0              # resolved in the week
    resolved_on_time: int = 0
    first_responses: int = 0
    first_response_median_s: float | None = None
    first_response_p90_s: float | None = None
    rated: int = 0                 # verdicts with a satisfaction score
    satisfied: int = 0             # ... of 4 or 5
    answered: int = 0              # verdicts answering 问题解决了吗
    solved: int = 0
    steps: StepFigures = field(default_factory=StepFigures)   # the 12345 figures

    @property
    def done_rate(self) -> float | None:
        """办结率."""
        return _rate(self.done, self.opened)

    @property
    def on_time_rate(self) -> float | None:
        """按时办结率."""
        return _rate(self.resolved_on_time, self.resolved)

    @property
    def satisfaction_rate(self) -> float | None:
        """满意率."""
        return _rate(self.satisfied, self.rated)

    @property
    def solved_rate(self) -> float | None:
        """解决率."""
        return _rate(self.solved, self.answered)

    def as_json(self) -> dict[str, Any]:
        """Machine-readable: counts, rates (0..1 or null) and seconds."""
        return {
            "opened": self.opened, "done": self.done, "done_rate": self.done_rate,
            "resolved": self.resolved, "resolved_on_time": self.resolved_on_time,
            "on_time_rate": self.on_time_rate, "first_responses": self.first_responses,
            "first_response_median_s": self.first_response_median_s,
            "first_response_p90_s": self.first_response_p90_s,
            "rated": self.rated, "satisfied": self.satisfied,
            "satisfaction_rate": self.satisfaction_rate, "answered": self.answered,
            "solved": self.solved, "solved_rate": self.solved_rate,
            "steps": self.steps.as_json(),
        }


@dataclass(frozen=True)
class WeekFigures:
    """A week's figures: per unit (configured units first) and for the whole branch."""

    week: IsoWeek
    start: datetime
    end: datetime
    as_of: datetime
    units: dict[str, Figures]
    branch: Figures
    tz: tzinfo = UTC        # the tickets' timezone, in which officers read the moments


    def as_json(self) -> dict[str, Any]:
        """Machine-readable form of the week."""
        return {"week": str(self.week), "start": iso(self.start, self.tz),
                "end": iso(self.end, self.tz), "as_of": iso(self.as_of, self.tz),
                "branch": self.branch.as_json(),
                "units": {name: f.as_json() for name, f in self.units.items()}}


def _figures(opened: int, done: int, on_time: list[bool], responses: list[float],
             verdicts: list[tuple[bool | None, int | None]]) -> Figures:
    rated = [s for _, s in verdicts if s is not None]
    answered = [s for s, _ in verdicts if s is not None]
    return Figures(
        opened=opened, done=done, resolved=len(on_time), resolved_on_time=sum(on_time),
        first_responses=len(responses),
        first_response_median_s=percentile(responses, 0.5),
        first_response_p90_s=percentile(responses, 0.9),
        rated=len(rated), satisfied=sum(1 for s in rated if s >= 4),
        answered=len(answered), solved=sum(1 for s in answered if s))


async def kpi_for_week(session: AsyncSession, week: IsoWeek, tz: tzinfo,
                       unit: str | None = None, *, now: datetime | None = None,
                       units: Iterable[str] = ()) -> WeekFigures:
    """§7's figures for `week` (judged as of now if it is not over), per unit and for the
    branch; `unit` narrows everything to one unit; `units` are listed even when idle."""
    start, end = week.start(tz), week.end(tz)
    # A week not over counts up to now.
    as_of = week.as_of(tz, now or utcnow())
    opened = await queries.opened_by_unit(session, start, as_of)
    done = await queries.done_by_unit(session, start, as_of, as_of)
    on_time: dict[str, list[bool]] = defaultdict(list)
    for name, ok in await queries.resolutions(session, start, as_of):
        on_time[name].append(ok)
    responses: dict[str, list[float]] = defaultdict(list)
    for name, seconds in await queries.first_responses(session, start, as_of):
        responses[name].append(seconds)
    verdicts: dict[str, list[tuple[bool | None, int | None]]] = defaultdict(list)
    for name, solved, satisfaction in await queries.verdicts(session, start, as_of):
        verdicts[name].append((solved, satisfaction))
    steps = await steps_kpi.step_figures(session, start, as_of)
    names = list(dict.fromkeys([*units, *sorted({*opened, *done, *on_time, *responses,
                                                  *verdicts, *steps})]))
    if unit is not None:
        names = [unit]
    per_unit = {name: replace(_figures(opened.get(name, 0), done.get(name, 0), on_time[name],
                                       responses[name], verdicts[name]),
                              steps=steps.get(name, StepFigures())) for name in names}
    branch = _figures(sum(opened.get(n, 0) for n in names), sum(done.get(n, 0) for n in names),
                      [x for n in names for x in on_time[n]],
                      [x for n in names for x in responses[n]],
                      [x for n in names for x in verdicts[n]])
    branch = replace(branch, steps=steps_kpi.total(f.steps for f in per_unit.values()))
    return WeekFigures(week, start, end, as_of, per_unit, branch, tz)


async def kpi_report(session: AsyncSession, week: IsoWeek, tz: tzinfo, unit: str | None = None,
                     *, now: datetime | None = None,
                     units: Iterable[str] = ()) -> tuple[WeekFigures, WeekFigures]:
    """The week's figures and the week before's, for comparison."""
    units = tuple(units)
    this = await kpi_for_week(session, week, tz, unit, now=now, units=units)
    before = await kpi_for_week(session, week.previous(), tz, unit, now=now, units=units)
    return this, before


# Rendering -------------------------------------------------------------------------------

def percent(rate: float | None) -> str:
    """0.853 -> 85.3%; — when there is nothing to divide by."""
    return texts.text("kpi_none") if rate is None else f"{rate * 100:.1f}%"


def duration(seconds: float | None) -> str:
    """Seconds as officers read them: 35分钟, 2小时5分, 3天4小时."""
    if seconds is None:
        return texts.text("kpi_none")
    minutes = round(seconds / 60)
    if minutes < 60:
        return texts.text("duration_minutes", m=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return texts.text("duration_hours", h=hours, m=minutes)
    days, hours = divmod(hours, 24)
    return texts.text("duration_days", d=days, h=hours)


def figure_cells(figures: Figures) -> list[str]:
    """One table row's cells after the unit name, in KPI_HEADERS order."""
    return [str(figures.opened), percent(figures.done_rate), percent(figures.on_time_rate),
            duration(figures.first_response_median_s), duration(figures.first_response_p90_s),
            percent(figures.satisfaction_rate), percent(figures.solved_rate)]


def step_cells(figures: Figures) -> list[str]:
    """The 12345 figures' cells after the unit name, in STEP_KPI_HEADERS order."""
    s = figures.steps
    return [percent(s.sign_rate), percent(s.sign_on_time_rate), percent(s.return_rate),
            str(s.supervisions), percent(s.callback_rate), percent(s.fix_rate),
            str(s.disputed)]


def title(figures: WeekFigures, tz: tzinfo) -> str:
    """2026-W10（2026-03-02 至 2026-03-08）, or 至今 for a week not over."""
    start = figures.start.astimezone(tz)
    if figures.as_of < figures.end:
        return texts.text("kpi_title_now", week=figures.week, start=f"{start:%Y-%m-%d}",
                          at=f"{figures.as_of.astimezone(tz):%Y-%m-%d %H:%M}")
    end = figures.end.astimezone(tz) - timedelta(days=1)
    return texts.text("kpi_title", week=figures.week, start=f"{start:%Y-%m-%d}",
                      end=f"{end:%Y-%m-%d}")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def render_table(weeks: Sequence[WeekFigures], tz: tzinfo) -> str:
    """Aligned plain-text tables, one per week, for a terminal (CJK counted double width)."""
    blocks = []
    for figures in weeks:
        lines = [title(figures, tz)]
        for headers, cells in ((texts.KPI_HEADERS, figure_cells),
                               (texts.STEP_KPI_HEADERS, step_cells)):
            rows = [list(headers)]
            rows += [[name, *cells(f)] for name, f in figures.units.items()]
            rows.append([texts.text("export_branch"), *cells(figures.branch)])
            widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
            for row in rows:
                lines.append("  ".join(_pad(cell, widths[i], right=i > 0)
                                       for i, cell in enumerate(row)).rstrip())
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def render_json(weeks: Sequence[WeekFigures]) -> str:
    """{"week": {...}, "previous": {...}} on one line."""
    this, *rest = weeks
    data = {"week": this.as_json(), "previous": rest[0].as_json() if rest else None}
    return json.dumps(data, ensure_ascii=False)
