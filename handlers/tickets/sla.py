"""Priorities and deadlines (§5): first response and resolution, fixed when a ticket opens."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from handlers.core.durations import Duration, parse_duration
from handlers.tickets.workcalendar import WorkCalendar

# priority -> (first response, resolution); m/h/d are calendar time, wh/wd working time.
DEFAULT_SLA: Mapping[str, tuple[str, str]] = {
    "P1": ("15m", "24h"),
    "P2": ("4wh", "3wd"),
    "P3": ("1wd", "5wd"),
    "P4": ("2wd", "10wd"),
}

# kind -> default priority.
KIND_PRIORITY: Mapping[str, str] = {
    "emergency": "P1",
    "complaint": "P3",
    "appointment": "P3",
    "consult": "P4",
    "feedback": "P4",
}

# (kind, circumstance) -> raised priority: emergency cues in past or hypothetical wording,
# and complaints about an officer's conduct, are handled sooner than other complaints.
RAISED_PRIORITY: Mapping[tuple[str, str], str] = {
    ("complaint", "downgraded_emergency"): "P2",
    ("complaint", "officer_conduct"): "P2",
}


@dataclass(frozen=True)
class Deadlines:
    """When the first officer reply and the resolution are due."""

    first_response_due: datetime
    resolve_due: datetime


def sla_table(overrides: Mapping[str, tuple[str, str]] | None = None
              ) -> dict[str, tuple[Duration, Duration]]:
    """§5's table with the `[sla]` overrides applied, parsed."""
    merged = {**DEFAULT_SLA, **(overrides or {})}
    return {priority: (parse_duration(first), parse_duration(resolve))
            for priority, (first, resolve) in merged.items()}


def default_priority(kind: str, *, downgraded: bool = False, conduct: bool = False) -> str:
    """The priority a new ticket of `kind` gets."""
    circumstances = [name for name, present in
                     (("downgraded_emergency", downgraded), ("officer_conduct", conduct))
                     if present]
    for circumstance in circumstances:
        raised = RAISED_PRIORITY.get((kind, circumstance))
        if raised is not None:
            return raised
    return KIND_PRIORITY[kind]


def deadlines(priority: str, opened_at: datetime, calendar: WorkCalendar,
              overrides: Mapping[str, tuple[str, str]] | None = None) -> Deadlines:
    """Both deadlines of a ticket of `priority` opened at `opened_at`."""
    first, resolve = sla_table(overrides)[priority]
    return Deadlines(first.after(opened_at, calendar), resolve.after(opened_at, calendar))
