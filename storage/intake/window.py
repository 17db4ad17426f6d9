"""WeChat's customer-service window: a resident may be sent 5 customer-service messages within
48 hours of their last message (then only templates reach them)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.base import utcnow
from storage.delivery.models import OutboxJob
from storage.intake.models import InboundMessage

CUSTOMER_SERVICE_WINDOW = timedelta(hours=48)
# How many customer-service messages WeChat lets through within the window.
CUSTOMER_SERVICE_QUOTA = 5


async def customer_service_window(session: AsyncSession,
                                  openid: str) -> tuple[datetime | None, int]:
    """The resident's last message time and how many customer-service messages were sent
    since (WeChat allows CUSTOMER_SERVICE_QUOTA within CUSTOMER_SERVICE_WINDOW of it)."""
    last = await session.scalar(
        select(func.max(InboundMessage.received_at))
        .where(InboundMessage.channel == "wechat", InboundMessage.openid == openid))
    if last is None or last < utcnow() - CUSTOMER_SERVICE_WINDOW:
        return last, 0
    sent = await session.scalar(
        select(func.count()).select_from(OutboxJob)
        .where(OutboxJob.recipient == openid, OutboxJob.kind == "wechat_text",
               OutboxJob.state == "sent", OutboxJob.sent_at >= last))
    return last, int(sent or 0)
