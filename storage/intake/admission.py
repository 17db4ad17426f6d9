"""Admission across instances sharing PostgreSQL: whether a new message of a resident must
queue behind messages another instance holds or that wait in the backlog, and how many
messages of the resident other instances recorded in the last minute (the rate limit).

Decided inside the batch that records the messages, under a transaction-scoped advisory
lock per resident: two instances recording the same resident's messages at once take turns
for a few milliseconds, and no connection is held while a resident's turn is awaited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

WINDOW = timedelta(seconds=60)

# Sorted, so two batches locking overlapping residents never deadlock.
_LOCK = text(
    "SELECT count(pg_advisory_xact_lock(h)) FROM "
    "(SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(CAST(:keys AS text[])) AS k "
    " ORDER BY 1) AS held")
# Waiting: queued in the backlog; or being handled by another instance, or by nobody any
# more (its lease ran out). A message this instance holds is ordered by its in-process lock.
_LOOK = text(
    "SELECT channel, openid, "
    "  count(*) FILTER (WHERE received_at >= :since AND recorded_by IS DISTINCT FROM :me) "
    "    AS others, "
    "  bool_or(state = 'queued' OR (state = 'received' AND "
    "          (lease_holder IS DISTINCT FROM :me OR lease_until < :now))) AS waiting "
    "FROM inbound_messages "
    "WHERE openid = ANY(CAST(:openids AS text[])) "
    "  AND (state IN ('queued', 'received') OR received_at >= :since) "
    "GROUP BY channel, openid")


@dataclass(frozen=True)
class Standing:
    """A resident's standing on one channel, before the batch's own messages."""

    waiting: bool = False
    others_recent: int = 0      # recorded by other instances within the last minute


async def standings(session: AsyncSession, residents: set[tuple[str, str]], holder: str,
                    now: datetime) -> dict[tuple[str, str], Standing]:
    """Lock the residents (channel, openid) for the rest of `session`'s transaction and read
    their standing."""
    if not residents:
        return {}
    await session.execute(_LOCK, {"keys": sorted(f"{c}:{o}" for c, o in residents)})
    rows = await session.execute(_LOOK, {
        "openids": sorted({o for _, o in residents}), "me": holder, "now": now,
        "since": now - WINDOW})
    return {(r.channel, r.openid): Standing(bool(r.waiting), int(r.others))
            for r in rows if (r.channel, r.openid) in residents}


def verdict(position: int, limit: int) -> str:
    """A message's place in its resident's minute against the limit: "ok", "notice" (the
    first one past it) or "over"."""
    if position <= limit:
        return "ok"
    return "notice" if position == limit + 1 else "over"
