"""Shared tokens and refresh leases, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from storage.base import utcnow
from storage.db import create_engine, session_factory
from storage.delivery.tokens import SharedToken, TokenBusy, TokenStore


class Fetcher:
    """A token source counting its calls; each call issues a new token."""

    def __init__(self, expires_in: float = 7200, delay: float = 0.0,
                 repeat: str | None = None) -> None:
        self.calls: list[bool] = []
        self.expires_in = expires_in
        self.delay = delay
        self.repeat = repeat

    async def __call__(self, force: bool) -> tuple[str, float]:
        self.calls.append(force)
        await asyncio.sleep(self.delay)
        if self.repeat is not None and not force:
            return self.repeat, self.expires_in
        return f"token-{len(self.calls)}", self.expires_in


async def test_write_read_and_replace(sessions):
    store = TokenStore(sessions)
    assert await store.read("wechat") is None
    expires = utcnow() + timedelta(hours=2)
    await store.write("wechat", "a", expires)
    await store.write("wechat", "b", expires + timedelta(minutes=1))
    stored = await store.read("wechat")
    assert stored.value == "b"
    assert abs((stored.expires_at - expires).total_seconds() - 60) < 0.01


async def test_lease_is_exclusive_until_it_expires(sessions):
    store = TokenStore(sessions)
    now = utcnow()
    assert await store.acquire("refresh", "one", timedelta(seconds=30), now)
    assert not await store.acquire("refresh", "two", timedelta(seconds=30), now)
    assert not await store.acquire("refresh", "one", timedelta(seconds=30), now)
    assert await store.holder("refresh") == "one"
    later = now + timedelta(seconds=31)
    assert await store.acquire("refresh", "two", timedelta(seconds=30), later)
    assert await store.holder("refresh") == "two"


async def test_release_frees_the_lease_only_for_its_holder(sessions):
    store = TokenStore(sessions)
    assert await store.acquire("refresh", "one", timedelta(seconds=30))
    await store.release("refresh", "two")
    assert not await store.acquire("refresh", "two", timedelta(seconds=30))
    await store.release("refresh", "one")
    assert await store.acquire("refresh", "two", timedelta(seconds=30))


async def test_concurrent_acquire_from_two_engines_has_one_winner(db_url, sessions):
    other = create_engine(db_url)
    try:
        stores = [TokenStore(sessions), TokenStore(session_factory(other))]
        results = await asyncio.gather(*(
            stores[i % 2].acquire("refresh", f"h{i}", timedelta(seconds=30)) for i in range(10)))
        assert sum(results) == 1
    finally:
        await other.dispose()


async def test_token_fetched_once_for_two_instances(db_url, sessions):
    other = create_engine(db_url)
    try:
        fetch = Fetcher(delay=0.2)
        first = SharedToken(TokenStore(sessions), "wechat", fetch)
        second = SharedToken(TokenStore(session_factory(other)), "wechat", fetch)
        tokens = await asyncio.gather(first.get(), second.get(), first.get(), second.get())
        assert tokens == ["token-1"] * 4
        assert fetch.calls == [False]
    finally:
        await other.dispose()


async def test_token_refreshed_a_few_minutes_before_expiry(sessions):
    store = TokenStore(sessions)
    await store.write("wechat", "old", utcnow() + timedelta(seconds=200))
    fetch = Fetcher()
    assert await SharedToken(store, "wechat", fetch).get() == "token-1"
    stored = await store.read("wechat")
    assert stored.value == "token-1"
    assert stored.expires_at > utcnow() + timedelta(seconds=7000)


async def test_fresh_token_is_reused(sessions):
    store = TokenStore(sessions)
    await store.write("wechat", "cached", utcnow() + timedelta(hours=1))
    fetch = Fetcher()
    assert await SharedToken(store, "wechat", fetch).get() == "cached"
    assert fetch.calls == []


async def test_refused_token_is_replaced(sessions):
    store = TokenStore(sessions)
    await store.write("wechat", "cached", utcnow() + timedelta(hours=1))
    fetch = Fetcher()
    assert await SharedToken(store, "wechat", fetch).get(refused="cached") == "token-1"
    assert fetch.calls == [False]


async def test_refetch_returning_the_refused_token_forces_a_new_one(sessions):
    store = TokenStore(sessions)
    await store.write("wechat", "cached", utcnow() + timedelta(hours=1))
    fetch = Fetcher(repeat="cached")
    shared = SharedToken(store, "wechat", fetch, can_force=True)
    assert await shared.get(refused="cached") == "token-2"
    assert fetch.calls == [False, True]


async def test_forcing_a_new_token_happens_at_most_once_in_30_s(sessions):
    # stable_token's forced refresh: 20 a day, 30 s apart; a 42001 storm must not spend them.
    store = TokenStore(sessions)
    await store.write("wechat", "cached", utcnow() + timedelta(hours=1))
    fetch = Fetcher(repeat="cached")
    first = SharedToken(store, "wechat", fetch, can_force=True)
    assert await first.get(refused="cached") == "token-2"
    await store.write("wechat", "cached", utcnow() + timedelta(hours=1))   # refused again
    other = SharedToken(store, "wechat", fetch, can_force=True)       # another instance
    with pytest.raises(TokenBusy):
        await other.get(refused="cached")
    assert fetch.calls == [False, True, False]
    assert await store.holder("token:wechat") is None   # the refresh lease is free again


class CountingStore(TokenStore):
    """A token store counting its reads (each a database round trip)."""

    reads = 0

    async def read(self, name):
        self.reads += 1
        return await super().read(name)


async def test_sends_refused_together_share_one_refresh(sessions):
    # A 42001 storm refuses every send in flight at once: one look-up, not one poller each.
    store = CountingStore(sessions)
    await store.write("wechat", "cached", utcnow() + timedelta(hours=1))
    fetch = Fetcher(delay=0.2)
    shared = SharedToken(store, "wechat", fetch)
    tokens = await asyncio.gather(*(shared.get(refused="cached") for _ in range(10)))
    assert tokens == ["token-1"] * 10 and fetch.calls == [False]
    assert store.reads == 2     # the look-up and its re-read under the lease
    assert await shared.get(refused="token-1") == "token-2"   # a later refusal: a new look-up


async def test_short_lived_token_is_not_refetched_on_every_call(sessions):
    # Tencent may hand back a token already inside our margin: use it, do not hammer.
    fetch = Fetcher(expires_in=120)
    shared = SharedToken(TokenStore(sessions), "wechat", fetch)
    assert await shared.get() == "token-1"
    assert await shared.get() == "token-1"
    assert fetch.calls == [False]


async def test_waiter_gives_up_when_the_lease_holder_never_writes(sessions):
    store = TokenStore(sessions)
    assert await store.acquire("token:wechat", "crashed", timedelta(seconds=30))
    shared = SharedToken(store, "wechat", Fetcher(), wait=0.2)
    with pytest.raises(TokenBusy):
        await shared.get()


async def test_fetch_failure_releases_the_lease(sessions):
    async def broken(force: bool) -> tuple[str, float]:
        raise RuntimeError("down")

    store = TokenStore(sessions)
    with pytest.raises(RuntimeError):
        await SharedToken(store, "wechat", broken).get()
    assert await store.holder("token:wechat") is None
