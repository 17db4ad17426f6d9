"""Dialog state per resident, kept in the database so dialogs resume after a restart."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.base import utcnow
from storage.intake.models import DialogState


@dataclass
class Saved:
    """A resident's open dialog: its name, step index and collected answers."""

    dialog: str
    step: int
    data: dict[str, Any] = field(default_factory=dict)


async def load(session: AsyncSession, openid: str,
               now: datetime | None = None) -> tuple[Saved | None, datetime | None]:
    """The open dialog of `openid` and when it expires, or (None, None); an expired one is
    removed."""
    # A plain SELECT: this runs for every message, most residents have no open dialog.
    row = (await session.execute(
        select(DialogState.dialog, DialogState.step, DialogState.data, DialogState.expires_at)
        .where(DialogState.openid == openid))).first()
    if row is None:
        return None, None
    if row.expires_at <= (now or utcnow()):
        await clear(session, openid)
        return None, None
    return Saved(row.dialog, row.step, json.loads(row.data)), row.expires_at


async def stored_openids(session: AsyncSession) -> set[str]:
    """Every resident with a stored dialog, expired or not."""
    return set(await session.scalars(select(DialogState.openid)))


async def save(session: AsyncSession, openid: str, saved: Saved, expires_at: datetime) -> None:
    """Store (or replace) the open dialog of `openid`."""
    row = await session.get(DialogState, openid)
    if row is None:
        row = DialogState(openid=openid)
        session.add(row)
    row.dialog, row.step = saved.dialog, saved.step
    row.data = json.dumps(saved.data, ensure_ascii=False)
    row.expires_at, row.updated_at = expires_at, utcnow()


async def clear(session: AsyncSession, openid: str) -> None:
    """End the open dialog of `openid`, if any."""
    await session.execute(delete(DialogState).where(DialogState.openid == openid))
