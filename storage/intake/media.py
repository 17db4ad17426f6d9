"""Residents' images and voice notes, fetched from WeChat before their 3-day expiry."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.base import utcnow
from storage.delivery.outbox import PRIORITY_REPLY, enqueue
from storage.intake.models import MediaFile

FETCHED_KINDS = ("image", "voice", "video", "shortvideo")


def schedule_fetch(session: AsyncSession, inbound_id: int, media_id: str, kind: str) -> None:
    """Add a pending media row and the outbox job that fetches it (same transaction)."""
    session.add(MediaFile(inbound_id=inbound_id, media_id=media_id, kind=kind, state="pending"))
    enqueue(session, "media_fetch", media_id, {"media_id": media_id, "kind": kind},
            priority=PRIORITY_REPLY, inbound_id=inbound_id)


async def store(session: AsyncSession, media_id: str, content_type: str, size: int, *,
                data: bytes | None = None, path: str | None = None) -> None:
    """Keep a fetched file: small ones in the database, larger ones as a path in data_dir."""
    await session.execute(
        update(MediaFile).where(MediaFile.media_id == media_id)
        .values(state="stored", content_type=content_type, size=size, data=data, path=path,
                fetched_at=utcnow(), error=None))


async def mark(session: AsyncSession, media_id: str, state: str, error: str) -> None:
    """Record a failed or lost fetch."""
    await session.execute(
        update(MediaFile).where(MediaFile.media_id == media_id)
        .values(state=state, error=error[:2000]))


async def get(session: AsyncSession, media_id: str) -> MediaFile | None:
    """A media row by WeChat media id."""
    return await session.scalar(select(MediaFile).where(MediaFile.media_id == media_id))
