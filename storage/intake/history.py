"""A resident's previous answered message, read from the inbound table: every instance
records there and it outlives restarts, so what a resident was last told does not depend on
which instance answered, or whether it has restarted since."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from storage.intake.models import InboundMessage

_TABLE = InboundMessage.__table__
# Walks ix_inbound_messages_openid_id backwards from the message in hand; rows with no words
# (silent events, nothing to say) are stepped over. NULL replies fail `!= ''` too.
_PREVIOUS = (select(_TABLE.c.received_at, _TABLE.c.handled_at, _TABLE.c.reply)
             .where(_TABLE.c.openid == bindparam("p_openid"),
                    _TABLE.c.id < bindparam("p_id"), _TABLE.c.reply != "")
             .order_by(_TABLE.c.id.desc())
             .limit(1))


@dataclass(frozen=True)
class Answered:
    """When the message came, when its reply was stored, and the reply's words as sent
    (passive or through the outbox, the same text)."""

    received_at: datetime
    handled_at: datetime | None
    reply: str


async def previous_answered(db: AsyncSession | AsyncConnection, openid: str,
                            inbound_id: int) -> Answered | None:
    """The resident's last message before `inbound_id` that was answered with words."""
    row = (await db.execute(_PREVIOUS, {"p_openid": openid, "p_id": inbound_id})).first()
    return Answered(row.received_at, row.handled_at, row.reply) if row is not None else None
