"""Answering residents by phone (回访): a reply to a ticket with no WeChat resident but a phone
becomes a callback task; officers record how the call went."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core.errors import Conflict, Invalid, NotFound
from handlers.officers.accounts import Actor
from handlers.officers.acts import NOTE_MAX
from handlers.officers.workflow import Workflow
from storage.tickets import store as ticket_store
from storage.tickets import worklists as callback_store
from storage.tickets.models import CALLBACK_STATES, CallbackTask, Ticket

OUTCOMES = tuple(state for state in CALLBACK_STATES if state != "open")


async def record_callback(session: AsyncSession, officer: Actor, task_id: int, outcome: str,
                          note: str = "", *, workflow: Workflow) -> CallbackTask:
    """Record a callback: reached, not_reached, or resolved on the phone (which resolves the
    ticket with `note`, by the workflow's rules). A timeline event either way."""
    task = await callback_store.callback_for_update(session, task_id) if isinstance(task_id, int) \
        else None
    ticket = await session.get(Ticket, task.ticket_id) if task is not None else None
    if ticket is None or not (officer.supervises or ticket.unit == officer.unit):
        raise NotFound("callback_unknown")
    if outcome not in OUTCOMES:
        raise Invalid("outcome", "callback_outcome_invalid")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise Invalid("note", "field_too_long", max=NOTE_MAX)
    if outcome == "resolved" and not note:
        raise Invalid("note", "field_required")
    if task.state != "open":
        raise Conflict("callback_done")
    if outcome == "resolved":
        await workflow.perform(session, officer, ticket.number, "status",
                               {"status": "resolved", "note": note})
    now = workflow.clock()
    task.state, task.done_at, task.done_by, task.note = outcome, now, officer.username, note
    ticket_store.add_event(session, ticket, officer.username, "callback",
                           texts.text(f"callback_event_{outcome}", note=note or "—"), at=now,
                           outcome=outcome, task=task.id)
    return task


async def open_callbacks(session: AsyncSession, ticket: Ticket) -> list[CallbackTask]:
    """The calls still owed on the ticket."""
    return await callback_store.open_callbacks(session, ticket.id)
