"""The ticket page's 12345 controls and badges (签收, 退单, 督办): which this officer is
offered and what the ticket's state says; the workflow still decides every action."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from handlers.officers.accounts import Actor
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket


def _moment(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def steps(actor: Actor, view: dict[str, Any], now: datetime,
          duplicates: Sequence[Ticket] = ()) -> dict[str, Any]:
    """Badges (unsigned, overdue, supervised, returns), the forms offered, and the possible
    duplicates a supervisor may merge this ticket into."""
    open_ = view["status"] in UNRESOLVED_STATUSES
    with_unit = open_ and not view["flagged_unassigned"]
    of_unit = actor.unit == view["unit"]
    due = _moment(view.get("sign_due"))
    followup = view.get("rating_followup")
    followup_open = bool(followup) and not (followup["called_at"] and followup["fixed_at"])
    unsigned = with_unit and due is not None and not view.get("signed_at")
    return {
        "unsigned": unsigned,
        "sign_overdue": unsigned and due is not None and due < now,
        "sign_due": due,
        "signed_at": _moment(view.get("signed_at")),
        "signed_by": view.get("signed_by_name") or view.get("signed_by"),
        "returns": view.get("returns") or 0,
        "supervised_at": _moment(view.get("supervised_at")),
        "supervise_due": _moment(view.get("supervise_due")),
        "merged_into": view.get("merged_into"),
        "can_sign": of_unit and with_unit and not view.get("signed_at"),
        "can_return": of_unit and with_unit,
        "can_supervise": actor.supervises and open_,
        "followup": followup,
        "can_followup": followup_open and (actor.supervises
                                           or followup["officer"] == actor.username),
        "can_hand_over_followup": followup_open and actor.supervises,
        "can_dispute": bool(followup) and actor.supervises and not followup["disputed_at"],
        "duplicates": [{"number": t.number, "unit": t.unit, "created_at": t.created_at,
                        "status": t.status} for t in duplicates
                       if actor.supervises or t.unit == actor.unit],
        "can_merge": actor.supervises and open_,
    }
