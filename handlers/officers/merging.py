"""合并: the same resident, or the same place and matter within 72 hours, is suggested as a
duplicate; a supervisor merges one ticket into another: the merged one is cancelled (合并至 N),
both carry `merged` events, and the residents of both are answered with N from then on."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core import fields
from handlers.core.errors import Conflict, Invalid
from handlers.officers.acts import Act, Outcome
from storage.delivery import outbox
from storage.tickets import workflow as workflow_store
from storage.tickets import worklists
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket

DUPLICATE_WITHIN = timedelta(hours=72)


async def suggestions(session: AsyncSession, ticket: Ticket) -> list[Ticket]:
    """Open tickets that may be the same matter (same resident, or place and kind)."""
    if ticket.status not in UNRESOLVED_STATUSES:
        return []
    return await workflow_store.duplicates(session, ticket, DUPLICATE_WITHIN)


async def merge(act: Act) -> Outcome:
    """{into}: cancel this ticket in favour of `into` (supervisors)."""
    if act.fields is None:
        raise Invalid("body", "invalid_body")
    value = act.fields.get("into")
    if value is None:
        raise Invalid("into", "field_required")
    if not fields.is_number(value):
        raise Invalid("into", "merge_into_invalid")
    ticket = act.ticket
    if value == ticket.number:
        raise Conflict("conflict_merge_self", field="into")
    target = await worklists.for_update(act.session, value)
    if target is None or target.status not in UNRESOLVED_STATUSES:
        raise Conflict("merge_into_unknown", field="into", number=value)
    if ticket.status not in UNRESOLVED_STATUSES:
        raise Conflict("conflict_not_open", status=texts.STATUS_LABELS[ticket.status])
    reason = texts.text("event_merged_into", number=target.number)
    ticket.merged_into = target.number
    await act.lifecycle.record(act.session, ticket, "merged", actor=act.actor.username,
                               at=act.now, text=reason, into=target.number)
    await act.lifecycle.record(act.session, target, "merged", actor=act.actor.username,
                               at=act.now,
                               text=texts.text("event_merged_from", number=ticket.number),
                               **{"from": ticket.number})
    await act.lifecycle.move(act.session, ticket, "cancelled", by="supervisor",
                             actor=act.actor.username, at=act.now, text=reason,
                             merged_into=target.number)
    if ticket.openid:
        outbox.enqueue(act.session, "wechat_text", ticket.openid,
                       {"text": texts.text("merged_to_resident", old=ticket.number,
                                           number=target.number), "ticket": target.number},
                       priority=outbox.PRIORITY_REPLY)
    return Outcome(ticket)
