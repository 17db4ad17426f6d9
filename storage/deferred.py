"""Writes that wait in the session and go out, in order, with the transaction's next
statement or its commit.

A handler's unit of work writes a resident's dialog step, a ticket's timeline events
(opened, answered, routed: two or three a message), then stores its reply and commits
(handlers.core.settlement, one call into SQLAlchemy). Nothing reads what such a write
returns, so it waits in the session and is written in the greenlet of the statement that
follows, just before that statement, a flush or the commit: a statement in the same
transaction sees it, as if it had been run at once. Each awaited on its own cost a greenlet,
SQLAlchemy's execution path and, being the first statement, the connection's checkout; the
timeline's events through the ORM were an `INSERT ... RETURNING` and a flush each. Rows of
one plain INSERT queued one after another (`batch`) go out as one executemany. A rollback,
or a close without a commit, discards them with everything else.

Only statements run through the session see the writes first (a Core statement on a
connection taken from the session does not). On SQLite, storage.inline may run the queue
and the reply's statement on SQLite's connection directly.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql import Executable

_PENDING = "jingmin.deferred_writes"

# A queued write: its statement, its rows (more than one only for a batch), whether rows
# that follow may join it.
Write = tuple[Executable, list[dict[str, Any]], bool]


def add(session: AsyncSession | Session, statement: Executable,
        parameters: dict[str, Any], *, batch: bool = False) -> None:
    """Queue `statement` (a write whose result no one reads) in the session's transaction,
    beginning it if need be (bookkeeping only: the connection comes with the first
    statement that runs). `batch`: a row of a plain INSERT (no ON CONFLICT: PostgreSQL
    refuses one that would touch a row twice), written in one executemany with the rows of
    the same statement queued just before it."""
    sync = session.sync_session if isinstance(session, AsyncSession) else session
    if not sync.in_transaction():
        sync.begin()
    queue = sync.info.setdefault(_PENDING, [])
    if batch and queue:
        last, rows, joins = queue[-1]
        if joins and last is statement and rows[0].keys() == parameters.keys():
            rows.append(parameters)
            return
    queue.append((statement, [parameters], batch))


def waiting(session: Session, *, pop: bool = False) -> list[Write]:
    """The writes waiting in the session, in order (`pop`: taken out, as written)."""
    if pop:
        return session.info.pop(_PENDING, [])
    return session.info.get(_PENDING, [])


def write_waiting(session: Session) -> None:
    """Write what waits in the session now (in SQLAlchemy's greenlet), in order."""
    _write(session)


def _write(session: Session) -> None:
    writes = session.info.pop(_PENDING, None)
    if writes:
        connection = session.connection()
        for statement, rows, _batch in writes:
            connection.execute(statement, rows if len(rows) > 1 else rows[0])


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
