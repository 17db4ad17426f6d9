"""The inbound table: every message recorded once, its reply kept for retries."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.base import utcnow
from storage.db import durable
from storage.intake import admission, direct, media, nonces
from storage.intake.batching import Batcher
from storage.intake.handled import MARK_HANDLED

# Re-exported: callers store a reply with the rest of the inbound table's API.
from storage.intake.handled import mark_handled as mark_handled
from storage.intake.handled import mark_handled_in as mark_handled_in
from storage.intake.media import FETCHED_KINDS
from storage.intake.models import InboundMessage
from storage.intake.nonces import SignedWith

_TABLE = InboundMessage.__table__
@dataclass(frozen=True)
class Recorded:
    """The outcome of recording a message: its row, and whether it was there before.

    `reused`: refused and not recorded, its URL signature was already used for another
    message. A duplicate carries the row's lease, to tell whether its handler is alive.
    """

    id: int
    duplicate: bool
    state: str
    reply: str | None = None
    reply_mode: str | None = None
    reused: bool = False
    lease_holder: str | None = None
    lease_until: datetime | None = None
    received_at: datetime | None = None
    # Rate verdict across instances ("ok", "notice", "over"; see storage.intake.admission).
    verdict: str = "ok"


@dataclass(frozen=True)
class Ask:
    """What the recording instance knows for admission: its boot id, the resident's rate
    limit, and how many of the resident's messages it counted itself this minute (this one
    included)."""

    holder: str
    limit: int
    own_recent: int


@dataclass(frozen=True)
class Completion:
    """A handled message's reply, to be stored on its row."""

    id: int
    reply: str
    reply_mode: str
    classified: str | None = None    # acted / menu / joined (None keeps the row's)
    ticket_id: int | None = None     # the ticket it opened or joined (None keeps the row's)

    def parameters(self, now: datetime) -> dict[str, Any]:
        """MARK_HANDLED's parameters, handled at `now`."""
        return {"b_id": self.id, "b_reply": self.reply, "b_mode": self.reply_mode,
                "b_at": now, "b_classified": self.classified, "b_ticket": self.ticket_id}


@dataclass(frozen=True)
class Renewal:
    """Messages still in hand: their holder keeps them until `until`."""

    ids: tuple[int, ...]
    holder: str
    until: datetime


@dataclass(frozen=True)
class _Record:
    row: dict[str, Any]
    signed: SignedWith | None
    ask: Ask | None = None


class InboundStore:
    """Records and completes inbound messages, grouping concurrent commits.

    New messages, their URL signatures and replies of handled ones share one batch, so a busy
    instance commits once per window rather than once for each kind.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], *,
                 max_delay_s: float = 0.002) -> None:
        self._sessions = sessions
        self._dialect = sessions.kw["bind"].dialect.name
        # Items are rows to record (answered with a Recorded), completions or renewals (None).
        self._batcher: Batcher[Any, Any] = Batcher(self._run_batch, max_delay_s=max_delay_s)
        self._insert_statement = self._insert()
        self._nonces = nonces.NonceBook(self._dialect)

    @property
    def single_instance(self) -> bool:
        """True on SQLite, which one instance owns (a row held by another boot is orphaned)."""
        return self._dialect == "sqlite"

    async def record(self, row: dict[str, Any], signed: SignedWith | None = None,
                     ask: Ask | None = None) -> Recorded:
        """Insert `row` unless its (channel, dedupe_key) exists, after checking its URL
        signature was not used for another message; committed when this returns. With
        `ask` on PostgreSQL, a "received" row is queued instead when the resident has
        messages waiting on any instance or passed the rate limit across instances."""
        return await self._batcher.submit(_Record(row, signed, ask))

    async def complete(self, completion: Completion) -> None:
        """Store a reply and mark the message handled (unless another handler did first);
        committed when this returns."""
        await self._batcher.submit(completion)

    async def renew(self, renewal: Renewal) -> None:
        """Extend the leases of messages still in hand, in a transaction of its own (not the
        batch's: recording must never wait for a handler). A row a handler has locked is
        skipped: its handler is alive and about to settle it."""
        ids = list(renewal.ids)
        alive = (select(_TABLE.c.id)
                 .where(_TABLE.c.id.in_(ids), _TABLE.c.state == "received",
                        _TABLE.c.lease_holder == renewal.holder)
                 .with_for_update(skip_locked=True))
        async with self._sessions() as session, session.begin():
            await session.execute(update(_TABLE).where(_TABLE.c.id.in_(alive.scalar_subquery()))
                                  .values(lease_until=renewal.until))

    async def close(self) -> None:
        """Flush the pending batch."""
        await self._batcher.close()

    async def _run_batch(self, items: list[Any]) -> list[Any]:
        records = [item for item in items if isinstance(item, _Record)]
        done = [item for item in items if isinstance(item, Completion)]
        if self._dialect == "sqlite":
            results = await self._direct(records, done)
            if results is not None:
                return [results.get(id(item)) for item in items]
        results = {}
        async with durable(self._sessions) as session:   # on the disk before any answer
            if done:
                now = utcnow()
                await session.execute(MARK_HANDLED,        # never twice (its WHERE)
                                      [i.parameters(now) for i in done])
            # Last: on PostgreSQL recording locks its residents (admission) until the commit.
            if records:
                outcomes = iter(await self._record_all(session, records))
                results.update((id(item), next(outcomes)) for item in records)
        return [results.get(id(item)) for item in items]

    async def _direct(self, records: list[_Record], done: list[Completion]
                      ) -> dict[int, Any] | None:
        """The batch on SQLite's connection directly (storage.intake.direct), when it is the
        plain case: each record's outcome by id(), or None (nothing kept)."""
        now = utcnow()
        marks = (MARK_HANDLED, [i.parameters(now) for i in done]) if done else None
        signed = [self._nonces.row(r.signed, r.row["dedupe_key"]) for r in records
                  if r.signed is not None]
        ids = await direct.record_batch(
            self._sessions.kw["bind"], marks,
            (self._nonces.statement, signed) if signed else None,
            (self._insert_statement, [r.row for r in records]) if records else None)
        if ids is None:
            return None
        return {id(r): Recorded(i, False, r.row.get("state", "received"))
                for r, i in zip(records, ids, strict=True)}

    async def _record_all(self, session: AsyncSession, records: list[_Record]) -> list[Recorded]:
        signed = [(i, r) for i, r in enumerate(records) if r.signed is not None]
        refused: set[int] = set()
        if signed:
            verdicts = await self._nonces.reused(
                session, [(r.signed, r.row["dedupe_key"]) for _, r in signed])
            refused = {i for (i, _), bad in zip(signed, verdicts, strict=True) if bad}
        kept = [r for i, r in enumerate(records) if i not in refused]
        verdicts = await self._admit(session, kept) if self._dialect == "postgresql" else {}
        rows = [r.row for r in kept]
        recorded = iter(await self._record_rows(session, rows) if rows else ())
        results = []
        for i, record in enumerate(records):
            if i in refused:
                results.append(Recorded(0, False, "refused", reused=True))
                continue
            outcome = next(recorded)
            if not outcome.duplicate and id(record) in verdicts:
                outcome = replace(outcome, verdict=verdicts[id(record)])
            results.append(outcome)
        return results

    async def _admit(self, session: AsyncSession, records: list[_Record]) -> dict[int, str]:
        """Queue the rows whose resident waits elsewhere or is over the rate across
        instances; the rate verdict of each record asked about."""
        asked = [r for r in records if r.ask is not None]
        if not asked:
            return {}
        now = utcnow()
        standing = await admission.standings(
            session, {(r.row["channel"], r.row["openid"]) for r in asked}, asked[0].ask.holder,
            now)
        queued_in_batch: set[tuple[str, str]] = set()
        verdicts = {}
        for record in asked:
            row, ask = record.row, record.ask
            key = (row["channel"], row["openid"])
            known = standing.get(key, admission.Standing())
            verdict = admission.verdict(ask.own_recent + known.others_recent, ask.limit)
            verdicts[id(record)] = verdict
            if row["state"] == "received" and (known.waiting or verdict != "ok"
                                               or key in queued_in_batch):
                row.update(state="queued", lease_holder=None, lease_until=None)
            if row["state"] == "queued":
                queued_in_batch.add(key)
        return verdicts

    def _insert(self):
        module = postgresql if self._dialect == "postgresql" else sqlite
        return (module.insert(_TABLE)
                .on_conflict_do_nothing(index_elements=["channel", "dedupe_key"])
                .returning(_TABLE.c.id, _TABLE.c.channel, _TABLE.c.dedupe_key))

    async def _record_rows(self, session: AsyncSession,
                           rows: list[dict[str, Any]]) -> list[Recorded]:
        # The same push twice in one batch: only the first is inserted.
        first_of: dict[tuple[str, str], int] = {}
        unique_rows = []
        for index, row in enumerate(rows):
            key = (row["channel"], row["dedupe_key"])
            if key not in first_of:
                first_of[key] = index
                unique_rows.append(row)
        # One constant statement run as executemany: SQLAlchemy compiles it once and
        # batches the rows itself ("insertmanyvalues"); .values(rows) recompiled a
        # statement of rows x columns parameters for every batch (a third of the CPU).
        result = await session.execute(self._insert_statement, unique_rows)
        inserted = {(r.channel, r.dedupe_key): r.id for r in result.all()}
        for row in unique_rows:
            key = (row["channel"], row["dedupe_key"])
            if key in inserted and row.get("media_id") and row["msg_type"] in FETCHED_KINDS:
                media.schedule_fetch(session, inserted[key], row["media_id"], row["msg_type"])
        missing = [key for key in first_of if key not in inserted]
        existing: dict[tuple[str, str], InboundMessage] = {}
        if missing:
            found = await session.scalars(select(InboundMessage).where(
                tuple_(InboundMessage.channel, InboundMessage.dedupe_key).in_(missing)))
            existing = {(m.channel, m.dedupe_key): m for m in found}
        results = []
        for index, row in enumerate(rows):
            key = (row["channel"], row["dedupe_key"])
            if key in inserted and first_of[key] == index:
                results.append(Recorded(inserted[key], False, row.get("state", "received")))
            elif key in inserted:
                # A retry in the same batch: it shares the first delivery's row and state.
                first = rows[first_of[key]]
                results.append(Recorded(inserted[key], True, first.get("state", "received"),
                                        lease_holder=first.get("lease_holder"),
                                        lease_until=first.get("lease_until"),
                                        received_at=first.get("received_at")))
            else:
                old = existing[key]
                results.append(Recorded(old.id, True, old.state, old.reply, old.reply_mode,
                                        lease_holder=old.lease_holder,
                                        lease_until=old.lease_until,
                                        received_at=old.received_at))
        return results


async def get(session: AsyncSession, inbound_id: int) -> InboundMessage | None:
    """One inbound row by id."""
    return await session.get(InboundMessage, inbound_id)


async def get_many(session: AsyncSession, ids: list[int]) -> dict[int, InboundMessage]:
    """Inbound rows by id (those that exist)."""
    rows = await session.scalars(select(InboundMessage).where(InboundMessage.id.in_(ids)))
    return {row.id: row for row in rows}


async def mark_classified(session: AsyncSession, inbound_id: int, outcome: str) -> None:
    """Record whether the bot acted on the message at once or asked ("acted" / "menu")."""
    await session.execute(update(InboundMessage).where(InboundMessage.id == inbound_id)
                          .values(classified=outcome))


async def purge_raw(session: AsyncSession, before: datetime) -> int:
    """Clear raw payloads received before `before`; returns how many were cleared."""
    result = await session.execute(
        update(InboundMessage)
        .where(InboundMessage.received_at < before, InboundMessage.raw.is_not(None))
        .values(raw=None))
    return result.rowcount or 0
