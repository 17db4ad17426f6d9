"""差评 follow-ups as officers record them: the call back (called), 整改 or an explanation
(fixed, which tells the resident), a supervisor's 申诉 (disputed rating, counted apart), and
a supervisor handing the follow-up to another officer of the unit."""

from __future__ import annotations

from handlers import texts
from handlers.core import fields
from handlers.core.errors import Conflict, Forbidden
from handlers.officers.acts import NOTE_MAX, REASON_MAX, Act, Outcome, check_assignee
from storage.delivery import outbox
from storage.officers import store as officer_store
from storage.tickets import workflow as workflow_store
from storage.tickets.models import RatingFollowup

STEPS = ("called", "fixed")


async def _followup(act: Act) -> RatingFollowup:
    row = await workflow_store.followup(act.session, act.ticket.id)
    if row is None:
        raise Conflict("conflict_not_rated_badly")
    return row


async def record(act: Act) -> Outcome:
    """{step: called|fixed, note}: the follow-up officer or a supervisor."""
    ticket = act.ticket
    row = await workflow_store.followup(act.session, ticket.id)
    if not act.actor.supervises and (row is None or row.officer != act.actor.username):
        raise Forbidden("forbidden_followup_officer")
    step = fields.choice(act.fields, "step", STEPS, "followup_step_unknown")
    note = fields.text(act.fields, "note", NOTE_MAX)
    row = row or await _followup(act)
    if (row.called_at if step == "called" else row.fixed_at) is not None:
        raise Conflict("conflict_followup_done")
    told = False
    if step == "called":
        row.called_at = act.now
        on_time = act.now <= row.callback_due
    else:
        row.fixed_at, row.outcome = act.now, note
        on_time = act.now <= row.fix_due
        if ticket.openid:
            # The resident hears the outcome (§5), after officers' replies in WeChat's order.
            outbox.enqueue(act.session, "wechat_text", ticket.openid,
                           {"text": texts.text("followup_to_resident", number=ticket.number,
                                               note=note), "ticket": ticket.number},
                           priority=outbox.PRIORITY_REPLY)
            told = True
    await act.lifecycle.record(act.session, ticket, "rating_followup",
                               actor=act.actor.username, at=act.now,
                               text=texts.text(f"event_followup_{step}", note=note),
                               step=step, on_time=on_time, told=told)
    return Outcome(ticket)


async def dispute(act: Act) -> Outcome:
    """申诉 {reason}: a supervisor marks the rating disputed; it stays visible, counted
    apart."""
    reason = fields.text(act.fields, "reason", REASON_MAX)
    row = await _followup(act)
    if row.disputed_at is not None:
        raise Conflict("conflict_disputed")
    row.disputed_at, row.disputed_by, row.dispute_reason = act.now, act.actor.username, reason
    await act.lifecycle.record(act.session, act.ticket, "rating_disputed",
                               actor=act.actor.username, at=act.now,
                               text=texts.text("event_rating_disputed", reason=reason),
                               reason=reason)
    return Outcome(act.ticket)


async def hand_over(act: Act) -> Outcome:
    """{officer}: a supervisor makes another active officer of the ticket's unit, not the
    one rated, the follow-up officer; they are told in WeCom and get the reminders still
    due."""
    username = fields.username(act.fields, "officer")
    ticket = act.ticket
    row = await _followup(act)
    if row.called_at is not None and row.fixed_at is not None:
        raise Conflict("conflict_followup_done")
    await check_assignee(act.session, username, ticket.unit)
    if username == row.rated_officer:
        raise Conflict("conflict_followup_rated_officer", field="officer", username=username)
    if username == row.officer:
        raise Conflict("conflict_followup_same_officer", field="officer", username=username)
    previous, row.officer = row.officer, username
    # The reminders of the steps still open go to the new officer.
    if row.called_at is None:
        row.callback_near_sent_at = row.callback_late_sent_at = None
    if row.fixed_at is None:
        row.fix_near_sent_at = row.fix_late_sent_at = None
    officer = await officer_store.by_username(act.session, username)
    name = officer.name if officer is not None and officer.name else username
    text = texts.text("event_followup_handed_over", officer=name)
    await act.lifecycle.record(act.session, ticket, "rating_followup",
                               actor=act.actor.username, at=act.now, text=text,
                               step="handed_over", officer=username, previous=previous)
    if officer is not None and officer.wecom_user:
        body = texts.text("wecom_followup", number=ticket.number, score=row.satisfaction,
                          text=text)
        outbox.enqueue(act.session, "wecom_app", officer.wecom_user,
                       {"text": body, "ticket": ticket.number})
    return Outcome(ticket)
