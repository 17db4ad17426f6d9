"""The backlog: messages waiting to be handled, queued ones and ones whose handler died."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.intake.models import InboundMessage


async def has_queued(session: AsyncSession, openid: str) -> bool:
    """True when the resident has messages waiting in the backlog."""
    row = await session.scalar(select(InboundMessage.id).where(
        InboundMessage.openid == openid, InboundMessage.state == "queued").limit(1))
    return row is not None


@dataclass(frozen=True)
class Orphans:
    """Which "received" messages lost their handler, as seen by lease holder `holder` at
    `now`: a lease run out; on a single instance any other holder's; rows from before
    leases existed once received before `stale_before`."""

    holder: str
    now: datetime
    stale_before: datetime
    single_instance: bool = False

    def condition(self):
        """The SQL condition on InboundMessage."""
        lease = InboundMessage.lease_until
        dead = [lease < self.now,
                lease.is_(None) & (InboundMessage.received_at < self.stale_before)]
        if self.single_instance:
            dead.append(InboundMessage.lease_holder != self.holder)
        return (InboundMessage.state == "received") & or_(*dead)


async def backlog_heads(session: AsyncSession, orphans: Orphans,
                        limit: int = 100, channel: str = "wechat") -> list[InboundMessage]:
    """The oldest waiting message of each sender on `channel`: queued ones, and ones whose
    handler died (see Orphans)."""
    waiting = and_(
        # One channel at a time: residents' WeChat messages and officers' WeCom commands
        # have their own dispatchers.
        InboundMessage.channel == channel,
        InboundMessage.state.in_(("queued", "received")),
        (InboundMessage.state == "queued") | orphans.condition(),
    )
    heads = (select(func.min(InboundMessage.id)).where(waiting)
             .group_by(InboundMessage.openid).limit(limit))
    rows = await session.scalars(
        select(InboundMessage).where(InboundMessage.id.in_(heads)).order_by(InboundMessage.id))
    return list(rows)


async def next_lease_end(session: AsyncSession, holder: str,
                         channel: str = "wechat") -> datetime | None:
    """When the first lease held by another instance runs out (its message is taken over
    then, if that instance died)."""
    return await session.scalar(
        select(func.min(InboundMessage.lease_until)).where(
            InboundMessage.channel == channel, InboundMessage.state == "received",
            InboundMessage.lease_holder != holder))


async def take_lease(session: AsyncSession, inbound_id: int, holder: str,
                     until: datetime) -> InboundMessage | None:
    """Hold a message whose handler died, in `session`'s transaction: its row (with the new
    lease) while it still awaits handling, else None."""
    result = await session.execute(
        update(InboundMessage)
        .where(InboundMessage.id == inbound_id, InboundMessage.state == "received")
        .values(lease_holder=holder, lease_until=until))
    if not result.rowcount:
        return None
    return await session.get(InboundMessage, inbound_id, populate_existing=True)
