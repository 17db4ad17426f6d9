"""The inbound table: recorded once per (channel, dedupe key), raw payloads purged in time."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from storage.base import utcnow
from storage.db import create_engine, session_factory
from storage.intake import inbound as inbound_repo
from storage.intake.inbound import Completion, InboundStore
from tests.helpers import inbound_rows
from tests.support.intake import inbound_row


async def test_duplicates_within_one_batch_are_recorded_once(sessions):
    store = InboundStore(sessions, max_delay_s=0.02)
    try:
        results = await asyncio.gather(
            store.record(inbound_row("msg:1")), store.record(inbound_row("msg:2")),
            store.record(inbound_row("msg:1")), store.record(inbound_row("msg:1", channel="wecom")),
            store.record(inbound_row("msg:2")))
    finally:
        await store.close()
    assert [r.duplicate for r in results] == [False, False, True, False, True]
    assert results[0].id == results[2].id and results[1].id == results[4].id
    assert results[3].id != results[0].id  # another channel, another message
    rows = await inbound_rows(sessions)
    assert sorted((r.channel, r.dedupe_key) for r in rows) == [
        ("wechat", "msg:1"), ("wechat", "msg:2"), ("wecom", "msg:1")]


async def test_a_duplicate_in_the_same_batch_shares_the_first_ones_state(sessions):
    store = InboundStore(sessions, max_delay_s=0.02)
    try:
        first, again = await asyncio.gather(store.record(inbound_row("msg:q", state="queued")),
                                            store.record(inbound_row("msg:q", state="received")))
    finally:
        await store.close()
    assert (first.duplicate, again.duplicate) == (False, True)
    assert first.state == again.state == "queued"


async def test_duplicates_across_batches_return_the_stored_reply(sessions):
    store = InboundStore(sessions, max_delay_s=0)
    try:
        first = await store.record(inbound_row("msg:10"))
        await store.complete(Completion(first.id, "已收到", "passive"))
        again = await store.record(inbound_row("msg:10", state="queued"))
        fresh = await store.record(inbound_row("msg:11"))
    finally:
        await store.close()
    assert not first.duplicate and first.state == "received"
    assert again.duplicate and again.id == first.id
    assert (again.state, again.reply, again.reply_mode) == ("handled", "已收到", "passive")
    assert not fresh.duplicate
    assert len(await inbound_rows(sessions)) == 2


async def test_replies_and_new_messages_committed_together_are_both_kept(sessions):
    store = InboundStore(sessions, max_delay_s=0.02)
    try:
        first = await store.record(inbound_row("msg:20"))
        # One window: the first message's reply and two new messages share a transaction.
        _, second, again = await asyncio.gather(
            store.complete(Completion(first.id, "您好，已收到", "passive")),
            store.record(inbound_row("msg:21")), store.record(inbound_row("msg:20")))
    finally:
        await store.close()
    assert not second.duplicate and again.duplicate and again.id == first.id
    stored = {r.dedupe_key: r for r in await inbound_rows(sessions)}
    assert (stored["msg:20"].state, stored["msg:20"].reply) == ("handled", "您好，已收到")
    assert stored["msg:21"].state == "received"


async def test_a_second_store_on_the_same_database_sees_the_first(engine, sessions):
    other_engine = create_engine(str(engine.url.render_as_string(hide_password=False)))
    one, two = InboundStore(sessions), InboundStore(session_factory(other_engine))
    try:
        results = await asyncio.gather(*(store.record(inbound_row("msg:20"))
                                         for store in (one, two, one, two)))
    finally:
        await one.close()
        await two.close()
        await other_engine.dispose()
    assert sorted(r.duplicate for r in results) == [False, True, True, True]
    assert len({r.id for r in results}) == 1


async def test_purge_raw_clears_only_payloads_past_the_retention(sessions):
    now = utcnow()
    store = InboundStore(sessions)
    try:
        old = await store.record(inbound_row("msg:old", received_at=now - timedelta(days=31)))
        edge = await store.record(inbound_row("msg:edge", received_at=now - timedelta(days=29)))
        new = await store.record(inbound_row("msg:new", received_at=now))
        gone = await store.record(inbound_row("msg:none", received_at=now - timedelta(days=40),
                                      raw=None))
    finally:
        await store.close()
    async with sessions() as session, session.begin():
        cleared = await inbound_repo.purge_raw(session, now - timedelta(days=30))
    assert cleared == 1
    by_id = {r.id: r for r in await inbound_rows(sessions)}
    assert by_id[old.id].raw is None
    assert by_id[old.id].content == "msg:old"  # only the raw payload goes
    assert by_id[edge.id].raw == "<xml/>"
    assert by_id[new.id].raw == "<xml/>"
    assert by_id[gone.id].raw is None
    async with sessions() as session, session.begin():
        assert await inbound_repo.purge_raw(session, now - timedelta(days=30)) == 0
