"""The console's overview pages: the dashboard with §7's figures, common replies (常用回复),
the working calendar's overrides (工作日历), the list of officers whose access log a
supervisor may read, and the banner of escalated emergencies on every page."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.console.views import named_rows
from handlers.core.errors import Invalid, NotFound, supervisors_only
from handlers.core.fields import CONTROL
from handlers.officers import accounts as officers
from handlers.officers import worklist
from handlers.officers.accounts import Actor
from handlers.officers.workflow import REPLY_MAX, Workflow
from handlers.reports import kpi
from handlers.reports.groups import group_report
from handlers.reports.weeks import IsoWeek
from handlers.texts.groups import GROUP_HEADERS
from handlers.tickets.workcalendar import WorkCalendar
from storage.delivery import outbox
from storage.tickets import alerts as alert_store
from storage.tickets import calendar as calendar_store
from storage.tickets import console as store
from storage.tickets.models import UNRESOLVED_STATUSES

TITLE_MAX = 64
NOTE_MAX = 64


def _bars(counts: dict[str, int]) -> list[dict[str, Any]]:
    """Rows of a CSS bar chart: label, count and width in percent of the largest."""
    top = max(counts.values(), default=0)
    return [{"label": label, "count": count, "width": round(count * 100 / top) if top else 0}
            for label, count in counts.items()]


async def dashboard(session: AsyncSession, workflow: Workflow, actor: Actor,
                    week: IsoWeek | None = None) -> dict[str, Any]:
    """Open tickets by status and unit, one week's figures (this week unless `week` names an
    earlier one), unacknowledged emergencies and dead deliveries: the branch for
    supervisors, their own unit for officers."""
    now = workflow.clock()
    units = None if actor.supervises else [actor.unit]
    by_status = dict.fromkeys(UNRESOLVED_STATUSES, 0)
    by_unit: dict[str, int] = {}
    if actor.supervises:
        by_unit = {u.name: 0 for u in workflow.settings.units}
    for unit, status, count in await store.open_counts(session, units):
        by_status[status] += count
        by_unit[unit] = by_unit.get(unit, 0) + count
    tz = workflow.settings.tz
    current = IsoWeek.containing(now, tz)
    week = min(week or current, current)
    figures = await kpi.kpi_for_week(
        session, week, tz, None if actor.supervises else actor.unit, now=now,
        units=[u.name for u in workflow.settings.units] if actor.supervises else ())
    rows = [(name, kpi.figure_cells(f)) for name, f in figures.units.items()]
    emergencies = await store.unacknowledged_emergencies(session, units)
    dead = (await outbox.counts_by_state(session)).get("dead", 0)
    officers.log_access(session, actor, "dashboard", "", now)
    return {
        "by_status": _bars(by_status), "by_unit": _bars(by_unit),
        "kpi_title": kpi.title(figures, tz), "kpi_rows": rows,
        "week": str(week), "this_week": week == current,
        "previous_week": str(week.previous()),
        "next_week": str(IsoWeek.containing(week.end(tz), tz)) if week < current else None,
        "kpi_branch": kpi.figure_cells(figures.branch) if actor.supervises else None,
        # The 12345 figures (§7), in their own table.
        "kpi_step_headers": texts.STEP_KPI_HEADERS,
        "kpi_step_rows": [(name, kpi.step_cells(f)) for name, f in figures.units.items()],
        "kpi_step_branch": kpi.step_cells(figures.branch) if actor.supervises else None,
        "emergencies": await named_rows(
            session, await worklist.views(session, workflow, emergencies), now),
        "dead": dead,
        "groups": await _groups(session, figures, None if actor.supervises else actor.unit),
    }


async def _groups(session: AsyncSession, figures: kpi.WeekFigures,
                  unit: str | None) -> dict[str, Any] | None:
    """The week's police WeChat group figures (none shown where no group ticket exists)."""
    report = await group_report(session, figures.start, figures.as_of, unit=unit)
    if not report.groups:
        return None
    return {"headers": GROUP_HEADERS, "rows": [f.cells() for f in report.groups.values()],
            "units": [f.cells() for f in report.units.values()]}


def _units(actor: Actor) -> Collection[str] | None:
    return None if actor.supervises else [actor.unit]


async def saved_replies(session: AsyncSession, actor: Actor) -> list[dict[str, Any]]:
    """The common replies an officer may pick: their unit's and the branch's (all of them for
    supervisors)."""
    rows = await store.saved_replies(session, _units(actor))
    return [{"id": r.id, "unit": r.unit, "title": r.title, "text": r.text,
             "created_by": r.created_by} for r in rows]


def _field(value: str, name: str, maximum: int) -> str:
    value = CONTROL.sub("", value or "").strip()
    if not value:
        raise Invalid(name, "field_required")
    if len(value) > maximum:
        raise Invalid(name, "field_too_long", max=maximum)
    return value


async def add_saved_reply(session: AsyncSession, workflow: Workflow, actor: Actor, *,
                          unit: str, title: str, text: str) -> None:
    """A supervisor adds a common reply for one unit or (unit empty) the whole branch."""
    if not actor.supervises:
        raise supervisors_only("saved_replies", actor.role)
    if unit and workflow.settings.unit(unit) is None:
        raise Invalid("unit", "transfer_unit_unknown", unit=unit)
    store.add_saved_reply(session, unit=unit or None, title=_field(title, "title", TITLE_MAX),
                          text=_field(text, "text", REPLY_MAX), created_by=actor.username,
                          now=workflow.clock())


async def delete_saved_reply(session: AsyncSession, actor: Actor, reply_id: int) -> None:
    """A supervisor removes a common reply."""
    if not actor.supervises:
        raise supervisors_only("saved_replies", actor.role)
    if await store.saved_reply(session, reply_id) is None:
        raise NotFound("saved_reply_unknown")
    await store.delete_saved_reply(session, reply_id)


async def saved_reply_text(session: AsyncSession, actor: Actor, reply_id: int) -> str:
    """The words of a common reply the officer may use (for forms sent without script)."""
    row = await store.saved_reply(session, reply_id)
    if row is None or not (row.unit is None or actor.supervises or row.unit == actor.unit):
        raise Invalid("saved", "saved_reply_unknown")
    return row.text


async def officer_choices(session: AsyncSession, actor: Actor) -> list[dict[str, str]]:
    """Officers whose access log a supervisor may open."""
    if not actor.supervises:
        raise supervisors_only("access_log", actor.role)
    return [{"username": o.username, "name": o.name, "unit": o.unit}
            for o in await store.officers_of(session, None)]



async def calendar_page(session: AsyncSession, calendar: WorkCalendar, actor: Actor,
                        now: datetime) -> dict[str, Any]:
    """The overrides from this year on, and the years the official calendar does not know
    yet (whose holidays and make-up working days someone must enter)."""
    if not actor.supervises:
        raise supervisors_only("calendar", actor.role)
    this_year = now.astimezone(calendar.tz).year
    rows = [r for r in await calendar_store.list_overrides(session) if r.day.year >= this_year]
    return {"overrides": [{"day": r.day.isoformat(), "kind": r.kind,
                           "label": texts.CALENDAR_LABELS.get(r.kind, r.kind), "note": r.note}
                          for r in rows],
            "missing": calendar.missing_years(now),
            "kinds": texts.CALENDAR_LABELS}


def _calendar_day(value: str) -> date:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        raise Invalid("day", "calendar_day_invalid") from None


async def set_calendar_day(session: AsyncSession, actor: Actor, *, day: str, kind: str,
                           note: str, now: datetime) -> date:
    """A supervisor declares a date a holiday or a working day (calendars take it when they
    next refresh: the caller's once this commits, the other instances' within minutes)."""
    if not actor.supervises:
        raise supervisors_only("calendar", actor.role)
    chosen = _calendar_day(day)
    if kind not in texts.CALENDAR_LABELS:
        raise Invalid("kind", "calendar_kind_invalid")
    note = CONTROL.sub("", note or "").strip()
    if len(note) > NOTE_MAX:
        raise Invalid("note", "field_too_long", max=NOTE_MAX)
    await calendar_store.set_override(session, chosen, kind, note)
    officers.log_access(session, actor, "calendar", chosen.isoformat(), now, kind=kind)
    return chosen


async def delete_calendar_day(session: AsyncSession, actor: Actor, day: str,
                              now: datetime) -> date:
    """A supervisor removes an override: the date follows the official calendar again."""
    if not actor.supervises:
        raise supervisors_only("calendar", actor.role)
    chosen = _calendar_day(day)
    if not await calendar_store.delete_override(session, chosen):
        raise NotFound("calendar_day_unknown")
    officers.log_access(session, actor, "calendar", chosen.isoformat(), now, kind="default")
    return chosen


async def banner(session: AsyncSession, actor: Actor, now: datetime) -> list[dict[str, Any]]:
    """Escalated emergencies nobody acknowledged yet, for every console page of the unit's
    officers and of supervisors."""
    rows = await alert_store.escalated_open(session, None if actor.supervises else [actor.unit])
    return [{"number": t.number, "unit": t.unit,
             "kind": texts.EMERGENCY_KIND_LABELS[t.emergency_kind or "other"],
             "minutes": max(0, int((now - t.created_at).total_seconds() // 60))}
            for t in rows]
