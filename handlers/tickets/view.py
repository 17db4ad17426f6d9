"""A ticket as officers' tools see it (§5): masked contact and text, local ISO times."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

from handlers import texts
from handlers.core.privacy import MASKED, Masking, mask_phone
from handlers.tickets import places
from storage.tickets.models import (
    UNRESOLVED_STATUSES,
    RatingFollowup,
    Ticket,
    TicketEvent,
    Verdict,
)
from storage.tickets.store import event_data


def iso(moment: datetime | None, tz: tzinfo) -> str | None:
    """ISO 8601 in the tickets' timezone (+08:00 for Asia/Shanghai)."""
    return moment.astimezone(tz).isoformat(timespec="seconds") if moment else None


# A moment kept as text in an event's or access-log row's details (a sign's deadline, an
# export's as_of), with its offset: rows written before they were kept local hold UTC.
MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:\d{2}|Z)")


def local_times(value: Any, tz: tzinfo) -> Any:
    """`value` (details: text, dicts, lists) with every moment in the tickets' timezone, as
    officers read every other time."""
    if isinstance(value, str):
        return iso(datetime.fromisoformat(value), tz) if MOMENT.fullmatch(value) else value
    if isinstance(value, dict):
        return {k: local_times(v, tz) for k, v in value.items()}
    if isinstance(value, list):
        return [local_times(v, tz) for v in value]
    return value


def contact(ticket: Ticket) -> str | None:
    """匿名 for anonymous tickets (their phone is never shown), else the masked phone."""
    if ticket.anonymous:
        return texts.text("contact_anonymous")
    return mask_phone(ticket.contact_phone) if ticket.contact_phone else None


def verdict(row: Verdict | None, mask: Masking = MASKED) -> dict[str, Any] | None:
    """The resident's verdict, or None while none was given."""
    if row is None or (row.answered_at is None and row.solved is None
                       and row.satisfaction is None):
        return None
    return {"solved": row.solved, "satisfaction": row.satisfaction,
            "comment": mask(row.comment) if row.comment is not None else None}


def event(row: TicketEvent, tz: tzinfo, mask: Masking = MASKED) -> dict[str, Any]:
    """One timeline entry; extra fields after the fixed ones, every text masked."""
    extra = {k: mask(v) if isinstance(v, str) else v
             for k, v in local_times(event_data(row), tz).items()
             if k not in ("at", "actor", "type", "text")}
    return {"at": iso(row.at, tz), "actor": row.actor, "type": row.type,
            "text": mask(row.text), **extra}


def first_response_stop(row: Ticket) -> datetime | None:
    """When the first-response clock stopped: the first officer reply, or for P1 an
    acknowledgement if that came first (§4)."""
    stops = [row.first_response_at]
    if row.priority == "P1":
        stops.append(row.acknowledged_at)
    return min((s for s in stops if s is not None), default=None)


def running_clock(row: Ticket) -> tuple[str | None, datetime | None]:
    """The deadline that counts now: first response until that clock stops, then
    resolution; (None, None) once the ticket is resolved, closed or cancelled."""
    if row.status not in UNRESOLVED_STATUSES:
        return None, None
    if first_response_stop(row) is None:
        return "first_response", row.first_response_due
    return "resolve", row.resolve_due


def followup(row: RatingFollowup | None, tz: tzinfo,
             mask: Masking = MASKED) -> dict[str, Any] | None:
    """A 差评 follow-up as officers' tools show it (detail view), or None."""
    if row is None:
        return None
    return {"satisfaction": row.satisfaction, "rated_officer": row.rated_officer,
            "officer": row.officer, "opened_at": iso(row.opened_at, tz),
            "callback_due": iso(row.callback_due, tz), "fix_due": iso(row.fix_due, tz),
            "called_at": iso(row.called_at, tz), "fixed_at": iso(row.fixed_at, tz),
            "outcome": mask(row.outcome) if row.outcome else None,
            "disputed_at": iso(row.disputed_at, tz), "disputed_by": row.disputed_by,
            "dispute_reason": mask(row.dispute_reason) if row.dispute_reason else None}


def ticket(row: Ticket, tz: tzinfo, *, verdict_row: Verdict | None = None,
           events: Sequence[TicketEvent] | None = None,
           map_template: str = "", mask: Masking = MASKED) -> dict[str, Any]:
    """The ticket object of §5; `timeline` only when `events` is given (detail view).
    Free text goes through `mask` (the settings' masking; unmasked only on a reveal)."""
    clock, due = running_clock(row)
    data: dict[str, Any] = {
        "number": row.number, "kind": row.kind, "status": row.status,
        "priority": row.priority, "channel": row.channel, "unit": row.unit,
        "assignee": row.assignee, "flagged_unassigned": row.flagged_unassigned,
        "created_at": iso(row.created_at, tz), "updated_at": iso(row.updated_at, tz),
        "summary": mask(row.summary), "area": mask(row.area) if row.area else row.area,
        "place": mask(row.place) if row.place else None,
        "first_response_due": iso(row.first_response_due, tz),
        "resolve_due": iso(row.resolve_due, tz),
        "first_response_at": iso(row.first_response_at, tz),
        "resolved_at": iso(row.resolved_at, tz),
        "acknowledged_at": iso(row.acknowledged_at, tz),
        "acknowledged_by": row.acknowledged_by,
        "contact": contact(row), "verdict": verdict(verdict_row, mask),
        "emergency_kind": row.emergency_kind if row.kind == "emergency" else None,
        "incident_no": row.incident_no,
        "location": places.view(row, map_template),
        "due": iso(due, tz), "due_clock": clock,
        # 12345 steps: the unit's sign, returns, supervision, merging.
        "sign_due": iso(row.sign_due, tz), "signed_at": iso(row.signed_at, tz),
        "signed_by": row.signed_by, "returns": row.returns or 0,
        "supervised_at": iso(row.supervised_at, tz),
        "supervise_due": iso(row.supervise_due, tz), "merged_into": row.merged_into,
    }
    if events is not None:
        data["timeline"] = [event(e, tz, mask) for e in events]
    return data
