"""The local archive (a table standing in for WeCom's) and the reader's cursor with its
lease: one instance at a time reads, and the sequence moves in the transaction that stores
what was read, so a reader that dies re-reads exactly what it had not committed."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.base import utcnow
from storage.groups.models import ArchiveCursor, LocalArchiveRecord

CURSOR = "archive"


def _insert(session: AsyncSession, model: type):
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


async def append_local(session: AsyncSession, message: Mapping[str, Any],
                       msgid: str | None = None) -> tuple[int, str]:
    """Write one message into the local archive; returns (seq, msgid)."""
    msgid = msgid or str(message.get("msgid") or f"local-{uuid.uuid4().hex}")
    body = {**message, "msgid": msgid}
    row = LocalArchiveRecord(msgid=msgid, message=json.dumps(body, ensure_ascii=False))
    session.add(row)
    await session.flush()
    return row.seq, msgid


async def last_local_line(session: AsyncSession, room_id: str, sender: str,
                          look_back: int = 500) -> str | None:
    """The msgid of `sender`'s newest line in the local archive's group `room_id` that no
    recall took back yet (among the newest `look_back` records), else None."""
    rows = await session.execute(
        select(LocalArchiveRecord.msgid, LocalArchiveRecord.message)
        .order_by(LocalArchiveRecord.seq.desc()).limit(look_back))
    recalled: set[str] = set()
    for msgid, body in rows:
        message = json.loads(body)
        if message.get("roomid") != room_id or message.get("from") != sender:
            continue
        if message.get("msgtype") == "revoke":
            recalled.add(str((message.get("revoke") or {}).get("pre_msgid") or ""))
        elif msgid not in recalled:
            return msgid
    return None


async def read_local(session: AsyncSession, after: int,
                     limit: int) -> list[tuple[int, str, str]]:
    """(seq, msgid, message JSON) after `after`, oldest first, at most `limit`."""
    rows = await session.execute(
        select(LocalArchiveRecord.seq, LocalArchiveRecord.msgid, LocalArchiveRecord.message)
        .where(LocalArchiveRecord.seq > after).order_by(LocalArchiveRecord.seq).limit(limit))
    return [(seq, msgid, message) for seq, msgid, message in rows]


async def claim(session: AsyncSession, holder: str, ttl: timedelta,
                now: datetime | None = None) -> int | None:
    """Take (or keep) the reader's lease; the last sequence handled, or None when another
    instance holds it. Commits nothing: the caller's transaction does."""
    now = now or utcnow()
    created = (_insert(session, ArchiveCursor)
               .values(name=CURSOR, seq=0, holder=None, lease_until=None, updated_at=now)
               .on_conflict_do_nothing(index_elements=["name"]))
    await session.execute(created)
    table = ArchiveCursor.__table__
    result = await session.execute(
        update(ArchiveCursor)
        .where(ArchiveCursor.name == CURSOR,
               or_(table.c.holder.is_(None), table.c.holder == holder,
                   table.c.lease_until < now))
        .values(holder=holder, lease_until=now + ttl)
        .returning(ArchiveCursor.seq))
    return result.scalar_one_or_none()


async def advance(session: AsyncSession, holder: str, from_seq: int, to_seq: int,
                  now: datetime | None = None) -> bool:
    """Move the sequence on, only if `holder` still holds it where it read from (a reader
    whose lease was taken over must not commit what the new holder reads again)."""
    result = await session.execute(
        update(ArchiveCursor)
        .where(ArchiveCursor.name == CURSOR, ArchiveCursor.holder == holder,
               ArchiveCursor.seq == from_seq)
        .values(seq=to_seq, updated_at=now or utcnow()))
    return bool(result.rowcount)


async def release(session: AsyncSession, holder: str) -> None:
    """Give the lease back (at shutdown), keeping the sequence."""
    await session.execute(
        update(ArchiveCursor).where(ArchiveCursor.name == CURSOR, ArchiveCursor.holder == holder)
        .values(holder=None, lease_until=None))


async def position(session: AsyncSession) -> int:
    """The last sequence handled (0 before the first read)."""
    seq = await session.scalar(select(ArchiveCursor.seq).where(ArchiveCursor.name == CURSOR))
    return int(seq or 0)
