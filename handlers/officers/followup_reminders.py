"""差评 follow-up reminders: the follow-up officer is told in WeCom when a deadline (call back
within 1 working day, 整改 or explanation within 5) is near, and again once it has passed,
with the unit's supervisors; each stage once per follow-up, on the working calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core.durations import Duration, parse_duration
from storage.delivery import outbox
from storage.tickets import verdicts as verdict_store
from storage.tickets import workflow as workflow_store
from storage.tickets.models import RatingFollowup, Ticket


@dataclass(frozen=True)
class Deadline:
    """One of the follow-up's two deadlines and when it counts as near."""

    name: str                 # "callback" | "fix": the stages are name_near, name_late
    due: str                  # the follow-up's column holding the deadline
    done: str                 # the column recording the step
    near: Duration            # working time before the deadline that the first notice leaves


# A call back is due within a working day: warned 2 working hours ahead. 整改 has five:
# warned a working day ahead, in time to do something.
DEADLINES = (
    Deadline("callback", "callback_due", "called_at", parse_duration("2wh")),
    Deadline("fix", "fix_due", "fixed_at", parse_duration("1wd")),
)


def stage_due(row: RatingFollowup, deadline: Deadline, now: datetime,
              calendar: Any) -> str | None:
    """The reminder `deadline` calls for at `now` ("callback_near", "fix_late", ...), or None
    (step done, not near yet, or already sent)."""
    if getattr(row, deadline.done) is not None:
        return None
    due: datetime = getattr(row, deadline.due)
    stage = f"{deadline.name}_late" if due <= now else f"{deadline.name}_near"
    if stage.endswith("_near") and (deadline.near.after(now, calendar) < due
                                    or calendar.add_working_time(now, timedelta(0)) != now):
        # Not near yet, or near but out of working time: warned when the office opens.
        return None
    _, sent = workflow_store.REMINDER_STAGES[stage]
    return None if getattr(row, sent) is not None else stage


async def sweep(session: AsyncSession, services: Any, now: datetime) -> int:
    """Send the reminders due at `now`; how many notices were queued. Each stage is claimed
    by a conditional UPDATE first, so a second sweep (another instance) sends nothing."""
    queued = 0
    for ticket, row in await workflow_store.followups_to_chase(session):
        for deadline in DEADLINES:
            stage = stage_due(row, deadline, now, services.calendar)
            if stage is None or not await workflow_store.claim_reminder(session, row.id,
                                                                        stage, now):
                continue
            queued += await _remind(session, services, ticket, row, deadline, stage, now)
    return queued


async def _remind(session: AsyncSession, services: Any, ticket: Ticket, row: RatingFollowup,
                  deadline: Deadline, stage: str, now: datetime) -> int:
    """The notice of one stage, to whom it goes, and its timeline event."""
    due = getattr(row, deadline.due).astimezone(services.settings.tz)
    officer = await verdict_store.officer(session, row.officer)
    nobody = texts.text("followup_nobody")
    body = texts.text(f"wecom_followup_{stage}", number=ticket.number, due=f"{due:%m-%d %H:%M}",
                      officer=(officer.name if officer else row.officer) or nobody,
                      link=services.console_link(ticket.number))
    users = [officer.wecom_user] if officer is not None and officer.wecom_user else []
    told = [texts.text("followup_told_officer", officer=officer.name)] if users else []
    if stage.endswith("_late") or not users:
        # Past the deadline (or nobody to warn): the unit's supervisors hear it too.
        supervisors = await workflow_store.supervisors_wecom(session, ticket.unit)
        users += [user for user in supervisors if user not in users]
        if supervisors:
            told.append(texts.text("followup_told_supervisors"))
    if services.alerting.app and users:
        for user in users:
            outbox.enqueue(session, "wecom_app", user, {"text": body, "ticket": ticket.number})
    else:
        # Without the WeCom app (or anyone in it) the police group is told instead.
        outbox.enqueue(session, "wecom_robot", "robot", {"text": body, "ticket": ticket.number})
        users, told = ["robot"], [texts.text("followup_told_group")]
    await services.lifecycle.record(session, ticket, "rating_followup", actor="system", at=now,
                                    text=texts.text(f"event_followup_{stage}",
                                                    due=f"{due:%m-%d %H:%M}",
                                                    told="、".join(told)),
                                    step="reminded", stage=stage, officer=row.officer)
    return len(users)
