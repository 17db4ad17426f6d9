"""Dialog state per resident, kept in the database so dialogs resume after a restart."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage import deferred
from storage.base import utcnow
from storage.intake.models import DialogState

# Core statements built once (their compiled forms are cached): a dialog step is stored on
# nearly every message of a conversation, and the ORM's load-then-flush cost two statements
# and its unit of work each time.
_TABLE = DialogState.__table__
_LOAD = (select(_TABLE.c.dialog, _TABLE.c.step, _TABLE.c.data, _TABLE.c.expires_at)
         .where(_TABLE.c.openid == bindparam("b_openid")))
_CLEAR = delete(_TABLE).where(_TABLE.c.openid == bindparam("b_openid"))


def _upsert(module):
    insert = module.insert(_TABLE)
    return insert.on_conflict_do_update(
        index_elements=[_TABLE.c.openid],
        set_={name: insert.excluded[name]
              for name in ("dialog", "step", "data", "expires_at", "updated_at")})


_SAVE = {"sqlite": _upsert(sqlite), "postgresql": _upsert(postgresql)}


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
    row = (await session.execute(_LOAD, {"b_openid": openid})).first()
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
    """Store (or replace) the open dialog of `openid`: one upsert, written with the
    transaction's next statement or its commit (storage.deferred)."""
    deferred.add(session, _SAVE[session.bind.dialect.name], {
        "openid": openid, "dialog": saved.dialog, "step": saved.step,
        "data": json.dumps(saved.data, ensure_ascii=False), "expires_at": expires_at,
        "updated_at": utcnow()})


async def clear(session: AsyncSession, openid: str) -> None:
    """End the open dialog of `openid`, if any (written as `save` is)."""
    deferred.add(session, _CLEAR, {"b_openid": openid})
