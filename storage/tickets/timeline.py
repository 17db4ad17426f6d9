"""Timeline entries written together: one Core executemany a transaction, not an ORM insert
each.

Handlers append a ticket's events as they go (store.add_event), typically two or three a
message: opened, answered, routed. Through the ORM each was its own `INSERT ... RETURNING`
and unit-of-work flush at the commit (SQLite returns rows in no promised order, so the ORM
does not batch them). Nothing reads an event's id back, so the rows wait in the session and
are written as one statement without RETURNING: just before the transaction commits, or
before any SELECT, UPDATE or DELETE the session runs meanwhile (so a statement in the same
transaction sees them, as the ORM's autoflush did). A rollback, or a close without a
commit, discards them with everything else.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session

from storage import deferred
from storage.tickets.models import TicketEvent

_PENDING = "jingmin.pending_ticket_events"
_INSERT = insert(TicketEvent.__table__)


def append(session: AsyncSession | Session, row: dict[str, Any]) -> None:
    """Queue one `ticket_events` row (every column but id) in the session's transaction."""
    session.info.setdefault(_PENDING, []).append(row)


def pending(session: AsyncSession | Session) -> bool:
    """True while timeline rows wait in the session."""
    return _PENDING in session.info


deferred.other_queue(pending)


def _write(session: Session) -> None:
    rows = session.info.pop(_PENDING, None)
    if rows:
        session.connection().execute(_INSERT, rows)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    _write(session)


@event.listens_for(Session, "do_orm_execute")
def _before_reading(state: ORMExecuteState) -> None:
    # A SELECT, or an UPDATE or DELETE whose WHERE may read the timeline (an alert not yet
    # sent: NOT EXISTS an event).
    if _PENDING in state.session.info and (state.is_select or state.is_update
                                           or state.is_delete):
        _write(state.session)


@event.listens_for(Session, "after_transaction_end")
def _discard(session: Session, transaction: Any) -> None:
    # A transaction rolled back or closed without a commit: its events go with it (after a
    # commit there are none left).
    if transaction.parent is None:
        session.info.pop(_PENDING, None)
