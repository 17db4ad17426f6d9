"""Local mode: outgoing calls recorded instead of sent, read back by `jingmin chat`."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.delivery.models import LocalDelivery


async def since(session: AsyncSession, recipient: str, after_id: int | None,
                limit: int = 100) -> tuple[list[LocalDelivery], int]:
    """What was recorded for `recipient` after `after_id`, and the id to continue from.
    Without `after_id` nothing is returned: the caller learns where "now" is."""
    if after_id is None:
        newest = await session.scalar(select(func.max(LocalDelivery.id)))
        return [], newest or 0
    rows = list(await session.scalars(
        select(LocalDelivery)
        .where(LocalDelivery.recipient == recipient, LocalDelivery.id > after_id)
        .order_by(LocalDelivery.id).limit(limit)))
    return rows, rows[-1].id if rows else after_id
