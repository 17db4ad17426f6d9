"""The backlog: messages waiting to be handled, queued ones and ones whose handler died."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, or_, select, update
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
    """The oldest unhandled message of each sender on `channel`, where it waits: queued, or
    its handler died (see Orphans). A sender whose oldest message is still in hand (here or
    on another instance) has no head: what is queued behind it waits its turn."""
    waiting = (InboundMessage.state == "queued") | orphans.condition()
    heads = (select(func.min(InboundMessage.id))
             # One channel at a time: residents' WeChat messages and officers' WeCom
             # commands have their own dispatchers.
             .where(InboundMessage.channel == channel,
                    InboundMessage.state.in_(("queued", "received")))
             .group_by(InboundMessage.openid)
             .having(func.min(InboundMessage.id)
                     == func.min(case((waiting, InboundMessage.id))))
             .limit(limit))
    rows = await session.scalars(
        select(InboundMessage).where(InboundMessage.id.in_(heads)).order_by(InboundMessage.id))
    return list(rows)


async def queued_count(session: AsyncSession, channel: str = "wechat") -> int:
    """How many messages wait in the queue on `channel` (on every instance)."""
    return await session.scalar(select(func.count()).where(
        InboundMessage.channel == channel, InboundMessage.state == "queued")) or 0


async def next_lease_end(session: AsyncSession, holder: str,
                         channel: str = "wechat") -> datetime | None:
    """When the first lease held by another instance runs out (its message is taken over
    then, if that instance died)."""
    return await session.scalar(
        select(func.min(InboundMessage.lease_until)).where(
            InboundMessage.channel == channel, InboundMessage.state == "received",
            InboundMessage.lease_holder != holder))


async def take_lease(session: AsyncSession, inbound_id: int, orphans: Orphans,
                     until: datetime) -> InboundMessage | None:
    """Hold a message whose handler died (or that `orphans.holder` holds but no longer has
    in hand), in `session`'s transaction: its row (with the new lease) while it still awaits
    handling, else None (handled, or another instance holds it alive)."""
    result = await session.execute(
        update(InboundMessage)
        .where(InboundMessage.id == inbound_id,
               orphans.condition() | ((InboundMessage.state == "received")
                                      & (InboundMessage.lease_holder == orphans.holder)))
        .values(lease_holder=orphans.holder, lease_until=until))
    if not result.rowcount:
        return None
    return await session.get(InboundMessage, inbound_id, populate_existing=True)


async def claim_queued(session: AsyncSession, inbound_id: int, holder: str,
                       until: datetime) -> InboundMessage | None:
    """Take a queued message for handling (state "received" under `holder`'s lease), in
    `session`'s transaction: its row, or None when another instance took it first."""
    result = await session.execute(
        update(InboundMessage)
        .where(InboundMessage.id == inbound_id, InboundMessage.state == "queued")
        .values(state="received", lease_holder=holder, lease_until=until))
    if not result.rowcount:
        return None
    return await session.get(InboundMessage, inbound_id, populate_existing=True)


async def requeue(session: AsyncSession, inbound_id: int, holder: str) -> None:
    """Put a claimed message whose handling failed back in the queue, at its place."""
    await session.execute(
        update(InboundMessage)
        .where(InboundMessage.id == inbound_id, InboundMessage.state == "received",
               InboundMessage.lease_holder == holder)
        .values(state="queued", lease_holder=None, lease_until=None))
