"""A resident's previous answered message, read from the inbound table: every instance
records there and it outlives restarts, so what a resident was last told does not depend on
which instance answered, or whether it has restarted since."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, exists, or_, select
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from storage import inline
from storage.compiled import read_row, sql_of
from storage.delivery.models import OutboxJob
from storage.intake.models import InboundMessage

_TABLE = InboundMessage.__table__
_JOBS = OutboxJob.__table__
_COLUMNS = (_TABLE.c.received_at, _TABLE.c.handled_at, _TABLE.c.reply, _TABLE.c.id,
            _TABLE.c.content, _TABLE.c.recognition)
# A reply sent late whose outbox job was given up on never reached the resident; one held
# (WeChat's window closed) has not reached them yet: it goes out inside a later reply, or
# when released, and counts from then (its job is no longer held).
_UNTOLD = exists().where(_JOBS.c.inbound_id == _TABLE.c.id,
                         _JOBS.c.recipient == _TABLE.c.openid,
                         # Not IN: its expanding parameter has no plain SQL for the
                         # inline read (storage.compiled).
                         or_(_JOBS.c.state == "dead", _JOBS.c.state == "held"))
# Walks ix_inbound_messages_openid_id backwards from the message in hand; rows with no words
# (silent events, nothing to say) and replies not delivered are stepped over. NULL replies
# fail `!= ''` too; only the outbox's rows look their job up (ix_outbox_jobs_inbound_id).
_PREVIOUS = (select(*_COLUMNS)
             .where(_TABLE.c.openid == bindparam("p_openid"),
                    _TABLE.c.id < bindparam("p_id"), _TABLE.c.reply != "",
                    or_(_TABLE.c.reply_mode != "outbox", ~_UNTOLD))
             .order_by(_TABLE.c.id.desc())
             .limit(1))


@dataclass(frozen=True)
class Answered:
    """When the message came, when its reply was stored, and the reply's words as sent
    (passive or through the outbox, the same text; never a reply the outbox gave up on or
    holds); the message's own row and words (a voice message's by its recognition)."""

    received_at: datetime
    handled_at: datetime | None
    reply: str
    id: int | None = None
    content: str | None = None
    recognition: str | None = None

    @property
    def said(self) -> str:
        """What the resident said in that message."""
        return self.content or self.recognition or ""


async def previous_answered(db: AsyncSession | AsyncConnection, openid: str,
                            inbound_id: int) -> Answered | None:
    """The resident's last message before `inbound_id` that was answered with words, read
    in `db`'s transaction. On SQLite a session's transaction is not made to take the one
    connection for it (its commit could no longer go storage.inline's way): it is read as
    previous_answered_on reads, or on the driver connection the transaction holds, directly.
    The session's own writes waiting unflushed are of other rows, which the read never needs.
    """
    if isinstance(db, AsyncSession) and db.bind.dialect.name == "sqlite":
        held = inline.held_by(db)
        if held is None:
            return await previous_answered_on(db.bind, openid, inbound_id)
        if not held.running:
            try:
                return held.at_once(_read, db.bind.dialect,
                                    {"p_openid": openid, "p_id": inbound_id})
            except sqlite3.OperationalError:
                pass   # another process's lock: SQLAlchemy's way waits
    row = (await db.execute(_PREVIOUS, {"p_openid": openid, "p_id": inbound_id})).first()
    return Answered(*row) if row is not None else None


async def previous_answered_on(engine: AsyncEngine, openid: str,
                               inbound_id: int) -> Answered | None:
    """previous_answered outside any unit of work. On SQLite, on its one connection
    directly while the pool holds it unused (storage.inline): a keyed read of one row, in
    the loop's thread, without a checkout, SQLAlchemy's execution or a trip to SQLite's
    thread. Otherwise on a connection from the pool (on PostgreSQL outside a transaction)."""
    parameters = {"p_openid": openid, "p_id": inbound_id}
    found = await inline.at_once(engine, _read, engine.dialect, parameters)
    if found is not inline.NOT_RUN:   # else another process's lock: SQLAlchemy's way waits
        return found
    async with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            # One read needs no transaction: the SELECT alone, no BEGIN and ROLLBACK around it.
            await connection.execution_options(isolation_level="AUTOCOMMIT")
        return await previous_answered(connection, openid, inbound_id)


def _read(connection: sqlite3.Connection, dialect: Dialect,
          parameters: dict[str, Any]) -> Answered | None:
    found = sql_of(dialect, _PREVIOUS, [parameters])
    if found is None:     # never for this statement; SQLAlchemy's way if it were
        raise sqlite3.OperationalError("not runnable on the connection directly")
    sql, (values,) = found
    row = connection.execute(sql, values).fetchone()
    if row is None:
        return None
    return Answered(*read_row(dialect, _COLUMNS, row))
