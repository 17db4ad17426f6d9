"""Storing a handled message's reply: with its effects through the session, or through
SQLite's fast path (storage.inline) with the commit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, String, bindparam, column, func, select, table, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from storage import inline
from storage.base import utcnow
from storage.intake.models import InboundMessage

__all__ = ["MARK_HANDLED", "commit_handled", "mark_handled", "mark_handled_in"]

_TABLE = InboundMessage.__table__
_KEEP_CLASSIFIED = func.coalesce(bindparam("b_classified", type_=String), _TABLE.c.classified)
# The ticket the message opened or joined, written with its reply (None, or a ticket that is
# not there, keeps the row's: a dialog's answer links its ticket without reading it).
_TICKETS = table("tickets", column("id", BigInteger))     # storage.tickets is above us
_KEEP_TICKET = func.coalesce(
    select(_TICKETS.c.id).where(_TICKETS.c.id == bindparam("b_ticket", type_=BigInteger))
    .scalar_subquery(), _TABLE.c.ticket_id)
# Core statements built once: SQLAlchemy caches their compiled form, and a Core UPDATE skips
# the ORM's bulk-update bookkeeping (synchronising the session), a third of its cost.
MARK_HANDLED = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("b_id"), _TABLE.c.state != "handled")
    .values(state="handled", reply=bindparam("b_reply"), reply_mode=bindparam("b_mode"),
            handled_at=bindparam("b_at"), classified=_KEEP_CLASSIFIED, ticket_id=_KEEP_TICKET))


async def mark_handled(session: AsyncSession, inbound_id: int, reply: str, mode: str,
                       classified: str | None = None, ticket_id: int | None = None) -> bool:
    """mark_handled_in, awaited."""
    return await session.run_sync(mark_handled_in, inbound_id, reply, mode, classified,
                                  ticket_id)


def mark_handled_in(session: Session, inbound_id: int, reply: str, mode: str,
                    classified: str | None = None, ticket_id: int | None = None) -> bool:
    """Store the reply of a message handled inside `session`'s transaction (with whether its
    classification was acted on and the ticket it opened or joined, when known); False
    (nothing changed) when another handler completed it first. Synchronous: settlement
    runs it with the commit in one greenlet."""
    result = session.execute(MARK_HANDLED, _handled(inbound_id, reply, mode, classified,
                                                     ticket_id))
    return bool(result.rowcount)


async def commit_handled(session: AsyncSession, inbound_id: int, reply: str, mode: str,
                   classified: str | None = None, ticket_id: int | None = None) -> bool | None:
    """mark_handled_in and the commit through SQLite's fast path (storage.inline): True
    committed, False rolled back (another handler completed the message first), None when
    the path does not apply (nothing done: the caller goes SQLAlchemy's way)."""
    return await inline.commit_with(session, MARK_HANDLED, _handled(inbound_id, reply, mode,
                                                               classified, ticket_id))


def _handled(inbound_id: int, reply: str, mode: str, classified: str | None,
             ticket_id: int | None) -> dict[str, Any]:
    return {"b_id": inbound_id, "b_reply": reply, "b_mode": mode, "b_at": utcnow(),
            "b_classified": classified, "b_ticket": ticket_id}


async def passive_to_outbox(session: AsyncSession, inbound_id: int) -> bool:
    """A reply stored as the passive answer goes out through the outbox instead (it was
    ready after the platform stopped waiting); False when it is not stored as passive."""
    result = await session.execute(
        update(_TABLE).where(_TABLE.c.id == inbound_id, _TABLE.c.reply_mode == "passive")
        .values(reply_mode="outbox"))
    return bool(result.rowcount)
