"""The archive poller: one instance at a time (a lease on the cursor) reads the archive
from the saved sequence, keeps configured groups' lines from members who agreed, and moves
the sequence in the transaction that stores them: a reader that dies mid-batch leaves
nothing half-done, and the next holder reads exactly what was not committed."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.group.archive import ArchiveError, ArchiveReader, ArchiveRecord, ConsentSource
from bot.delivery.waits import woken
from handlers.channels.group.desk import GroupDesk
from handlers.channels.group.types import GroupLine, is_external
from storage.base import utcnow
from storage.groups import archive as cursor
from storage.groups import messages as group_store

log = logging.getLogger(__name__)
LEASE_TTL = timedelta(seconds=60)
# check_room_agree answers are kept this long before a member's line asks again.
CONSENT_TTL = timedelta(hours=6)
BATCH = 100


class LostLease(Exception):
    """Another instance took the reader over: this batch is not ours to commit."""


def decode(record: ArchiveRecord, now: datetime) -> GroupLine | None:
    """A group line from a decrypted record (a recall names the message it takes back);
    None for one-to-one chats and switches."""
    if not record.room_id or not record.sender:
        return None
    if record.action == "recall":
        if not record.recalled:
            return None
        return GroupLine(seq=record.seq, msgid=record.msgid, room_id=record.room_id,
                         sender=record.sender, msgtype="revoke",
                         sent_at=record.sent_at or now, recalls=record.recalled)
    if record.action != "send":
        return None
    text = record.text or ""
    return GroupLine(seq=record.seq, msgid=record.msgid, room_id=record.room_id,
                     sender=record.sender, msgtype=record.msgtype or "unknown",
                     sent_at=record.sent_at or now, text=text)


class ArchivePoller:
    """Reads the archive while it has news; `wake()` (msgaudit_notify) reads at once."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], reader: ArchiveReader,
                 consent: ConsentSource, desk: GroupDesk, *, poll_s: float = 5.0,
                 batch: int = BATCH, holder: str | None = None,
                 clock: Callable[[], datetime] = utcnow,
                 names: Callable[[str], Awaitable[Mapping[str, str]]] | None = None) -> None:
        self._sessions = sessions
        self._reader = reader
        self._consent = consent
        self._desk = desk
        self._poll_s = poll_s
        self._batch = batch
        self.holder = holder or f"archive-{uuid.uuid4().hex[:12]}"
        self._clock = clock
        self._names = names      # sdk: nicknames from groupchat/get (local: stored with consent)
        self._wakeup = asyncio.Event()

    def wake(self) -> None:
        """Read now rather than at the next poll (WeCom's msgaudit_notify)."""
        self._wakeup.set()

    async def run_once(self) -> int:
        """Read and handle one batch; how many records it held (0 when another instance
        holds the reader or nothing is new)."""
        async with self._sessions() as session, session.begin():
            seq = await cursor.claim(session, self.holder, LEASE_TTL, self._clock())
        if seq is None:
            return 0
        batch = await self._reader.fetch(seq, self._batch)
        if batch.last_seq == seq:
            return 0
        now = self._clock()
        lines = [line for record in batch.records
                 if (line := decode(record, now)) is not None]
        agreed = await self._agreed(lines, now)
        async with self._sessions() as session, session.begin():
            taken = await self._desk.take(session, lines, lambda room, member:
                                          (room, member) in agreed)
            if not await cursor.advance(session, self.holder, seq, batch.last_seq, now):
                raise LostLease(f"archive sequence {seq} was taken over")
        counts = dict(taken.counts)
        if batch.skipped:
            counts["unreadable"] = len(batch.skipped)
        log.info("archive %d..%d read: %s", seq + 1, batch.last_seq, counts)
        return len(batch.records) + len(batch.skipped)

    async def run(self) -> None:
        """Poll until cancelled; errors are logged and retried at the next poll."""
        while True:
            try:
                while await self.run_once() >= self._batch:
                    pass            # a full page: more is waiting
            except (ArchiveError, LostLease) as exc:
                log.warning("archive read failed: %s", exc)
            except Exception:
                log.exception("archive poll failed")
            await woken(self._wakeup, self._poll_s)     # a stop at a wake-up is not lost
            self._wakeup.clear()

    async def stop(self) -> None:
        """Give the lease back so another instance takes over at once; close the reader."""
        try:
            async with self._sessions() as session, session.begin():
                await cursor.release(session, self.holder)
        finally:
            await self._reader.close()

    async def _agreed(self, lines: Iterable[GroupLine], now: datetime) -> set[tuple[str, str]]:
        """(room, member) pairs of residents who agreed: stored answers younger than
        CONSENT_TTL, else the group asked again (once per group) and its answers stored."""
        wanted: dict[str, set[str]] = {}
        for line in lines:
            if is_external(line.sender) and self._desk.chat(line.room_id) is not None:
                wanted.setdefault(line.room_id, set()).add(line.sender)
        agreed: set[tuple[str, str]] = set()
        for room, members in wanted.items():
            async with self._sessions() as session:
                known = await group_store.consent_of(session, room, members)
            fresh = {member: row.status for member, row in known.items()
                     if now - row.checked_at < CONSENT_TTL}
            if set(fresh) != members:
                fresh.update(await self._ask(room, members, now))
            agreed.update((room, member) for member, status in fresh.items()
                          if status in ("Agree", "Default_Agree"))
        return agreed

    async def _ask(self, room: str, members: set[str], now: datetime) -> Mapping[str, str]:
        answers = await self._consent.room_consent(room)
        names: Mapping[str, str] = {}
        if self._names is not None:
            try:
                names = await self._names(room)
            except Exception as exc:   # nicknames help @-matching; consent is what matters
                log.warning("group nicknames not read: %s", type(exc).__name__)
        async with self._sessions() as session, session.begin():
            for member, consent in answers.items():
                await group_store.set_consent(session, room, member, consent.status.value, now,
                                              nickname=names.get(member))
            for member in members - set(answers):   # not listed: has not agreed
                await group_store.set_consent(session, room, member, "Disagree", now)
        return {member: answers[member].status.value if member in answers else "Disagree"
                for member in members}
