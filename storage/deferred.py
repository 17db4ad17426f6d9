"""Writes that wait in the session and go out with the transaction's next statement.

A handler's unit of work typically writes a resident's dialog step and then stores its reply
and commits (handlers.core.settlement, one call into SQLAlchemy). Awaited on its own, the
dialog's upsert cost a greenlet, SQLAlchemy's execution path and, being the first statement,
the connection's checkout: a sixth of a mixed push's calls into SQLAlchemy. Nothing reads
what such a write returns, so it waits in the session (in order) and is written, in the
greenlet of the statement that follows, just before that statement or before the commit: a
statement in the same transaction sees it, as if it had been run at once. A rollback, or a
close without a commit, discards it with everything else.

Only statements run through the session see the writes first (a Core statement on a
connection taken from the session does not): as with storage.tickets.timeline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql import Executable

_PENDING = "jingmin.deferred_writes"


def add(session: AsyncSession | Session, statement: Executable,
        parameters: dict[str, Any]) -> None:
    """Queue `statement` (a write whose result no one reads) in the session's transaction,
    beginning it if need be (bookkeeping only: the connection comes with the first
    statement that runs)."""
    sync = session.sync_session if isinstance(session, AsyncSession) else session
    if not sync.in_transaction():
        sync.begin()
    sync.info.setdefault(_PENDING, []).append((statement, parameters))


def waiting(session: Session, *, pop: bool = False) -> list[tuple[Executable, dict]]:
    """The writes waiting in the session, in order (`pop`: taken out, as written)."""
    if pop:
        return session.info.pop(_PENDING, [])
    return session.info.get(_PENDING, [])


# Other queues of writes kept in a session the same way (storage.tickets.timeline): a
# write made without the session (storage.inline) must wait while any of them holds one.
_OTHER_QUEUES: list[Callable[[Session], bool]] = []


def other_queue(holds: Callable[[Session], bool]) -> None:
    """Register another queue of waiting writes, by its test of a session."""
    _OTHER_QUEUES.append(holds)


def others_waiting(session: Session) -> bool:
    """True while another queue holds writes in the session."""
    return any(holds(session) for holds in _OTHER_QUEUES)


def _write(session: Session) -> None:
    writes = session.info.pop(_PENDING, None)
    if writes:
        connection = session.connection()
        for statement, parameters in writes:
            connection.execute(statement, parameters)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    _write(session)


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    # An explicit flush writes what the handler did so far, in the order it did it.
    _write(session)


@event.listens_for(Session, "do_orm_execute")
def _before_statement(state: ORMExecuteState) -> None:
    if _PENDING in state.session.info:
        _write(state.session)


@event.listens_for(Session, "after_transaction_end")
def _discard(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_PENDING, None)
