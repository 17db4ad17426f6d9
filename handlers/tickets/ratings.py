"""好差评: a satisfaction of 1–2 (不满意/非常不满意) opens a 差评 follow-up for an officer of the
unit other than the one rated: a call back within 1 working day, 整改 or an explanation within
5 working days, the resident told the outcome. Declared as a lifecycle hook on the verdict."""

from __future__ import annotations

from typing import Any

from handlers import texts
from handlers.core.durations import parse_duration
from handlers.tickets.lifecycle import HookSet, Step
from storage.delivery import outbox
from storage.tickets import workflow as workflow_store
from storage.tickets.models import RatingFollowup

BAD_SCORES = frozenset({1, 2})
CALL_BACK_WITHIN = parse_duration("1wd")
FIX_WITHIN = parse_duration("5wd")


def hooks(services: Any) -> HookSet:
    """Open the follow-up when a resident's satisfaction is 1 or 2."""
    async def verdict(step: Step) -> None:
        if step.data.get("field") != "satisfaction":
            return
        score = int(step.data.get("value") or 0)
        if score not in BAD_SCORES:
            return
        await open_followup(step, score, services)

    return {"verdict": verdict}


async def open_followup(step: Step, score: int, services: Any) -> RatingFollowup | None:
    """The follow-up of this rating (once per ticket), its event and the officer's notice."""
    session, ticket = step.session, step.ticket
    if await workflow_store.followup(session, ticket.id) is not None:
        return None
    chosen = await workflow_store.other_officer(session, ticket.unit, ticket.assignee)
    row = RatingFollowup(
        ticket_id=ticket.id, satisfaction=score, rated_officer=ticket.assignee,
        officer=chosen.username if chosen else None, opened_at=step.at,
        callback_due=CALL_BACK_WITHIN.after(step.at, services.calendar),
        fix_due=FIX_WITHIN.after(step.at, services.calendar))
    session.add(row)
    tz = services.settings.tz
    text = texts.text("event_followup_opened", score=score,
                      officer=chosen.name if chosen else texts.text("followup_nobody"),
                      call=f"{row.callback_due.astimezone(tz):%m-%d %H:%M}",
                      fix=f"{row.fix_due.astimezone(tz):%m-%d %H:%M}")
    await services.lifecycle.record(session, ticket, "rating_followup", actor="system",
                                    at=step.at, text=text, step="opened",
                                    officer=row.officer, satisfaction=score)
    body = texts.text("wecom_followup", number=ticket.number, score=score, text=text)
    if chosen is not None and chosen.wecom_user:
        outbox.enqueue(session, "wecom_app", chosen.wecom_user,
                       {"text": body, "ticket": ticket.number})
    else:
        outbox.enqueue(session, "wecom_robot", "robot", {"text": body, "ticket": ticket.number})
    return row
