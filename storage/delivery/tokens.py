"""Access tokens shared by every instance, refreshed by one instance at a time under a lease."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.base import utcnow
from storage.delivery.models import Lease, ServiceToken

Clock = Callable[[], datetime]
# force -> (token, seconds it stays valid); raises whatever the API client raises.
Fetch = Callable[[bool], Awaitable[tuple[str, float]]]
FORCE_EVERY = timedelta(seconds=30)


@dataclass(frozen=True)
class StoredToken:
    """A token as stored in service_tokens."""

    value: str
    expires_at: datetime


class TokenBusy(Exception):
    """Another instance holds the refresh lease and no usable token appeared in time."""


def _insert(session: AsyncSession, model: type):
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


class TokenStore:
    """Rows of service_tokens and leases."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def read(self, name: str) -> StoredToken | None:
        """The stored token `name`, expired or not, or None."""
        async with self._sessions() as session:
            row = await session.get(ServiceToken, name)
            return None if row is None else StoredToken(row.value, row.expires_at)

    async def write(self, name: str, value: str, expires_at: datetime) -> None:
        """Store (or replace) token `name`."""
        async with self._sessions() as session:
            stmt = _insert(session, ServiceToken).values(
                name=name, value=value, expires_at=expires_at)
            stmt = stmt.on_conflict_do_update(
                index_elements=[ServiceToken.name],
                set_={"value": stmt.excluded.value, "expires_at": stmt.excluded.expires_at},
            )
            await session.execute(stmt)
            await session.commit()

    async def acquire(self, name: str, holder: str, ttl: timedelta,
                      now: datetime | None = None) -> bool:
        """Take lease `name` for `ttl` if it is free or expired; one statement, so atomic."""
        now = now or utcnow()
        async with self._sessions() as session:
            stmt = _insert(session, Lease).values(name=name, holder=holder, expires_at=now + ttl)
            stmt = stmt.on_conflict_do_update(
                index_elements=[Lease.name],
                set_={"holder": stmt.excluded.holder, "expires_at": stmt.excluded.expires_at},
                where=Lease.__table__.c.expires_at < now,
            ).returning(Lease.holder)
            taken = (await session.execute(stmt)).first() is not None
            await session.commit()
            return taken

    async def renew(self, name: str, holder: str, ttl: timedelta,
                    now: datetime | None = None) -> bool:
        """Extend lease `name` by `ttl` from now if `holder` holds it; False otherwise."""
        now = now or utcnow()
        async with self._sessions() as session:
            result = await session.execute(
                update(Lease).where(Lease.name == name, Lease.holder == holder)
                .values(expires_at=now + ttl))
            await session.commit()
            return bool(result.rowcount)

    async def release(self, name: str, holder: str) -> None:
        """Give lease `name` back, if `holder` still holds it."""
        async with self._sessions() as session:
            await session.execute(delete(Lease).where(Lease.name == name, Lease.holder == holder))
            await session.commit()

    async def drop(self, name: str) -> None:
        """Free lease `name` whoever holds it (at start-up, when its holder died with the
        previous process)."""
        async with self._sessions() as session:
            await session.execute(delete(Lease).where(Lease.name == name))
            await session.commit()

    async def holder(self, name: str) -> str | None:
        """Who holds lease `name` (expired or not), for tests and diagnostics."""
        async with self._sessions() as session:
            return await session.scalar(select(Lease.holder).where(Lease.name == name))


class SharedToken:
    """Token `name`, cached in the database for every instance and refreshed `margin`
    before it expires, by whichever instance takes the lease; the others wait and re-read."""

    def __init__(self, store: TokenStore, name: str, fetch: Fetch, *, can_force: bool = False,
                 margin: float = 300.0, lease_ttl: float = 30.0, wait: float = 6.0,
                 poll: float = 0.05, clock: Clock = utcnow) -> None:
        self._store = store
        self.name = name
        self._lease = f"token:{name}"
        self._fetch = fetch
        self._can_force = can_force
        self._margin = timedelta(seconds=margin)
        self._lease_ttl = timedelta(seconds=lease_ttl)
        self._wait = wait
        self._poll = poll
        self._clock = clock
        self._holder = uuid.uuid4().hex
        self._flights: dict[str | None, asyncio.Future[str]] = {}

    async def get(self, refused: str | None = None) -> str:
        """A usable token; `refused` is one the API just rejected (never returned again).

        Callers in this process asking at once share one look-up: in a 42001 storm every send
        in flight is refused together, and each polling the database for the new token made
        the repeat of the send wait seconds (issue 16)."""
        flight = self._flights.get(refused)
        if flight is None:
            flight = self._flights[refused] = asyncio.ensure_future(self._get(refused))
            flight.add_done_callback(lambda _: self._flights.pop(refused, None))
        return await asyncio.shield(flight)

    async def _get(self, refused: str | None) -> str:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._wait
        while True:
            now = self._clock()
            stored = await self._store.read(self.name)
            if self._fresh(stored, refused, now):
                return stored.value
            if await self._store.acquire(self._lease, self._holder, self._lease_ttl, now):
                return await self._refresh(refused)
            # Someone else is refreshing: a token that still works will do meanwhile.
            if (stored is not None and stored.value != refused
                    and stored.expires_at > now + timedelta(seconds=30)):
                return stored.value
            if loop.time() >= deadline:
                raise TokenBusy(f"token {self.name} is being refreshed elsewhere")
            await asyncio.sleep(self._poll)

    async def _refresh(self, refused: str | None) -> str:
        keep_lease = False
        try:
            # Re-read under the lease: another instance may have refreshed meanwhile.
            stored = await self._store.read(self.name)
            if self._fresh(stored, refused, self._clock()):
                return stored.value
            value, expires_in = await self._fetch(False)
            if value == refused and self._can_force:
                # The normal fetch handed back the token just refused: ask for a new one. A
                # forced refresh counts against 20 a day and does nothing within 30 s of the
                # last (stable_token's rules), so at most one every 30 s across instances; a
                # 42001 storm otherwise spends the day's in a minute.
                if not await self._store.acquire(f"{self._lease}:force", self._holder,
                                                 FORCE_EVERY):
                    raise TokenBusy(f"token {self.name} was forced anew less than 30 s ago")
                value, expires_in = await self._fetch(True)
            await self._store.write(self.name, value,
                                    self._clock() + timedelta(seconds=expires_in))
            # A token already inside the margin would make every call refetch it: keep the
            # lease until it lapses so the others use that token instead of refetching.
            keep_lease = expires_in <= self._margin.total_seconds()
            return value
        finally:
            if not keep_lease:
                await self._store.release(self._lease, self._holder)

    def _fresh(self, stored: StoredToken | None, refused: str | None,
               now: datetime) -> bool:
        return (stored is not None and stored.value != refused
                and stored.expires_at - now > self._margin)
