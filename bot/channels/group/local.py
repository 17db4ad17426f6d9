"""The `local` archive reader and consent source: tables the development tools and tests
write into, read exactly as the `sdk` reader reads WeCom's."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.group.archive import (
    ArchiveBatch,
    ArchiveClosedError,
    ArchiveRecord,
    ConsentStatus,
    MemberConsent,
    SkippedRecord,
    SkipReason,
)
from storage.base import utcnow
from storage.groups import archive as archive_store
from storage.groups import messages as group_store

log = logging.getLogger(__name__)
MAX_LIMIT = 1000


class LocalArchiveReader:
    """Reads the local archive table by sequence."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._closed = False

    async def fetch(self, seq: int, limit: int = 100) -> ArchiveBatch:
        """The records after `seq`, at most `limit` (1–1000), in sequence order."""
        if self._closed:
            raise ArchiveClosedError("the local archive reader is closed")
        if seq < 0 or not 1 <= limit <= MAX_LIMIT:
            raise ValueError(f"bad seq {seq} or limit {limit}")
        async with self._sessions() as session:
            rows = await archive_store.read_local(session, seq, limit)
        records: list[ArchiveRecord] = []
        skipped: list[SkippedRecord] = []
        for row_seq, msgid, body in rows:
            try:
                message = json.loads(body)
                if not isinstance(message, dict):
                    raise ValueError("not an object")
            except ValueError:
                log.warning("local archive record %d is not a JSON object: skipped", row_seq)
                skipped.append(SkippedRecord(row_seq, msgid, SkipReason.MALFORMED))
                continue
            records.append(ArchiveRecord(row_seq, msgid, MappingProxyType(message)))
        last = rows[-1][0] if rows else seq
        return ArchiveBatch(tuple(records), tuple(skipped), last, len(rows) == limit)

    async def close(self) -> None:
        """Nothing to release; later fetches raise."""
        self._closed = True


class LocalConsent:
    """Consent as `jingmin chat --group` and tests recorded it (members not listed: no)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def room_consent(self, room_id: str) -> Mapping[str, MemberConsent]:
        """Every recorded answer in the group."""
        async with self._sessions() as session:
            rows = await group_store.room_consent(session, room_id)
        return {row.member_id: MemberConsent(row.member_id, ConsentStatus(row.status),
                                             row.checked_at) for row in rows}


def member_id(nickname: str) -> str:
    """The stable external user id local mode gives a member by nickname (WeCom's start
    with "wm")."""
    return "wm" + hashlib.sha256(nickname.encode("utf-8")).hexdigest()[:28]


async def post(sessions: async_sessionmaker[AsyncSession], room_id: str, sender: str,
               text: str, *, at: datetime | None = None, msgtype: str = "text") -> int:
    """Write one group message into the local archive as WeCom's archive words it; its seq."""
    at = at or utcnow()
    message: dict[str, Any] = {"action": "send", "from": sender, "tolist": [],
                               "roomid": room_id, "msgtime": int(at.timestamp() * 1000),
                               "msgtype": msgtype}
    if msgtype == "text":
        message["text"] = {"content": text}
    async with sessions() as session, session.begin():
        seq, _ = await archive_store.append_local(session, message)
    return seq


async def consent(sessions: async_sessionmaker[AsyncSession], room_id: str, member: str,
                  nickname: str, agreed: bool = True) -> None:
    """Record a member's answer to archiving (what check_room_agree would say)."""
    async with sessions() as session, session.begin():
        await group_store.set_consent(session, room_id, member,
                                      "Agree" if agreed else "Disagree", nickname=nickname)


async def recall_last(sessions: async_sessionmaker[AsyncSession], room_id: str,
                      sender: str) -> bool:
    """Recall `sender`'s newest line in the group not recalled yet; whether there was one."""
    async with sessions() as session:
        msgid = await archive_store.last_local_line(session, room_id, sender)
    if msgid is None:
        return False
    await recall(sessions, room_id, sender, msgid)
    return True


async def recall(sessions: async_sessionmaker[AsyncSession], room_id: str, sender: str,
                 pre_msgid: str, *, at: datetime | None = None) -> int:
    """Write a recall of message `pre_msgid` as WeCom's archive words it (a `revoke`); its
    seq."""
    at = at or utcnow()
    message = {"action": "recall", "from": sender, "tolist": [], "roomid": room_id,
               "msgtime": int(at.timestamp() * 1000), "msgtype": "revoke",
               "revoke": {"pre_msgid": pre_msgid}}
    async with sessions() as session, session.begin():
        seq, _ = await archive_store.append_local(session, message)
    return seq
