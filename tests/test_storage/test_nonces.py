"""Push nonces: a timestamp and nonce go with one message; old ones are forgotten."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.intake import nonces
from storage.intake.inbound import InboundStore
from storage.intake.models import PushNonce
from storage.intake.nonces import SignedWith


def row(dedupe_key: str, openid: str = "o-n") -> dict:
    from handlers.channels.intake_rows import new_row
    from handlers.core.types import Inbound

    return new_row(Inbound(channel="wechat", dedupe_key=dedupe_key, openid=openid,
                           msg_type="text", content="x"), "received")


async def test_a_signature_is_kept_with_its_message_in_the_group_commit(sessions):
    store = InboundStore(sessions)
    signed = SignedWith("wechat", 1_790_000_000, "5555")
    try:
        first = await store.record(row("msg:1"), signed)
        retry = await store.record(row("msg:1"), signed)
        other = await store.record(row("msg:2"), signed)
        elsewhere = await store.record(row("msg:2"), SignedWith("wecom", 1_790_000_000, "5555"))
    finally:
        await store.close()
    assert not first.reused and not first.duplicate
    assert retry.duplicate and not retry.reused
    assert other.reused and other.id == 0          # refused: not recorded
    assert not elsewhere.reused                    # another door signs with its own token


async def test_one_batch_with_a_reused_signature_refuses_only_the_other_message(sessions):
    book = nonces.NonceBook(sessions.kw["bind"].dialect.name)
    signed = SignedWith("wechat", 1_790_000_001, "6666")
    async with sessions() as session, session.begin():
        verdicts = await book.reused(session, [
            (signed, "msg:a"), (signed, "msg:a"), (signed, "msg:b"),
            (SignedWith("wechat", 1_790_000_001, "7777"), "msg:b")])
    assert verdicts == [False, False, True, False]


async def test_a_long_nonce_is_hashed_to_fit_and_still_told_apart(sessions):
    book = nonces.NonceBook(sessions.kw["bind"].dialect.name)
    long_a, long_b = "a" * 500 + "1", "a" * 500 + "2"
    async with sessions() as session, session.begin():
        verdicts = await book.reused(session, [
            (SignedWith("wechat", 1, long_a), "msg:a"), (SignedWith("wechat", 1, long_b), "msg:b")])
    assert verdicts == [False, False]
    async with sessions() as session:
        stored = list(await session.scalars(select(PushNonce.nonce)))
    assert all(len(n) <= nonces.NONCE_MAX for n in stored) and len(set(stored)) == 2


async def test_signatures_older_than_the_window_are_purged(sessions):
    book = nonces.NonceBook(sessions.kw["bind"].dialect.name)
    async with sessions() as session, session.begin():
        await book.reused(session, [
            (SignedWith("wechat", stamp, "n"), f"msg:{stamp}") for stamp in (100, 200, 300)])
    async with sessions() as session, session.begin():
        assert await nonces.purge(session, 250) == 2
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(PushNonce)) == 1
