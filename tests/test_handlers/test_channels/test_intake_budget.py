"""Intake: the reply budget, shutdown, messages that keep failing, database outages, and a
crowd on one connection pool."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DataError, OperationalError

from bot import keys
from bot.channels.answering import REAL_CLOCKS
from handlers import texts
from handlers.channels.intake import Delivery, Intake
from handlers.core.types import Inbound, Reply
from storage.db import create_engine, session_factory
from storage.intake.inbound import InboundStore
from storage.intake.locks import ResidentLocks
from tests.helpers import inbound_rows, outbox_rows, running, with_wechat
from tests.pushes import text_xml
from tests.support.intake import (
    HELP,
    counter,
    message,
    push,
)

WELCOME = texts.text("welcome")


# --- the reply budget -----------------------------------------------------------------------

class HeldDispatch:
    """Replies only when released, so the reply budget runs out first."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.finished = False

    async def __call__(self, message: Inbound) -> Reply:
        await self.release.wait()
        self.finished = True
        return Reply(HELP)


async def test_a_slow_reply_answers_success_and_goes_to_the_outbox(config, sessions):
    held = HeldDispatch()
    async with running(with_wechat(config, reply_budget_s=0.2), dispatch=held,
                       clocks=REAL_CLOCKS) as client:
        assert await push(client, text_xml("o-slow", "慢", msg_id=8001)) == ""
        assert not held.finished
        held.release.set()
        await client.server.app[keys.TASKS].drain()
        assert held.finished
        [row] = await inbound_rows(sessions, "o-slow")
        assert (row.state, row.reply, row.reply_mode) == ("handled", HELP, "outbox")
        [job] = await outbox_rows(sessions, "o-slow")
        assert (job.kind, job.inbound_id) == ("wechat_text", row.id)
        assert json.loads(job.payload)["text"] == HELP
        # The retry neither repeats the reply passively nor queues it twice.
        assert await push(client, text_xml("o-slow", "慢", msg_id=8001)) == ""
        assert len(await outbox_rows(sessions, "o-slow")) == 1
        metrics = await (await client.get("/metrics")).text()
        assert counter(metrics, "jingmin_late_replies_total") == 1


async def test_shutdown_finishes_a_reply_in_hand(config, sessions):
    held = HeldDispatch()
    async with running(with_wechat(config, reply_budget_s=0.2), dispatch=held,
                       clocks=REAL_CLOCKS) as client:
        assert await push(client, text_xml("o-stop", "关机前", msg_id=8101)) == ""
        assert not held.finished
        asyncio.get_running_loop().call_later(0.1, held.release.set)
    # The app has shut down: the tracked task was drained, not cancelled.
    assert held.finished
    [row] = await inbound_rows(sessions, "o-stop")
    assert (row.state, row.reply_mode) == ("handled", "outbox")
    [job] = await outbox_rows(sessions, "o-stop")
    assert job.kind == "wechat_text"


async def test_a_retry_during_slow_handling_waits_for_the_same_answer(config, sessions):
    held = HeldDispatch()
    async with running(with_wechat(config, reply_budget_s=0.5), dispatch=held) as client:
        xml = text_xml("o-wait", "稍等", msg_id=8201)
        first = asyncio.create_task(push(client, xml))
        await asyncio.sleep(0.05)
        second = asyncio.create_task(push(client, xml))
        await asyncio.sleep(0.05)
        held.release.set()
        assert await asyncio.gather(first, second) == [HELP, HELP]
    assert len(await inbound_rows(sessions, "o-wait")) == 1


class FailingOn:
    """Answers HELP, but raises on one content every time (a message our code chokes on)."""

    def __init__(self, poison: str, error: Exception | None = None) -> None:
        self.poison = poison
        self.error = error or ValueError("cannot handle this one")
        self.seen: list[str] = []

    async def __call__(self, message: Inbound) -> Reply:
        self.seen.append(message.content)
        if message.content == self.poison:
            raise self.error
        return Reply(HELP)


async def queue_two(intake: Intake, openid: str, first: str, second: str) -> None:
    """The first message handled at once, the second queued (rate limit of one)."""
    accepted = await intake.accept(message(openid, first))
    await intake.handle(accepted, message(openid, first), Delivery())
    assert (await intake.accept(message(openid, second))).queued


@pytest.mark.parametrize(("with_fallback", "error"), [
    (True, None), (False, None),
    # The database refusing what this one message asks for is the message's failure too.
    (True, DataError("INSERT …", {}, Exception("value too long for type varchar(64)"))),
])
async def test_a_message_that_always_fails_holds_up_no_one_and_is_given_up(
        engine, sessions, with_fallback, error):
    dispatch = FailingOn("boom", error)
    handed_over: list[str] = []

    async def fallback(failed: Inbound) -> Reply:
        handed_over.append(failed.content)
        return Reply("已转民警人工处理")

    store = InboundStore(sessions)
    intake = Intake(sessions, store, ResidentLocks(engine), dispatch, rate_limit=1,
                    fallback=fallback if with_fallback else None)
    try:
        await queue_two(intake, "o-bad", "第一条", "boom")
        await queue_two(intake, "o-good", "你好", "再问一下")
        # The failing message is older, yet the other resident's is answered in round one.
        assert await intake.drain_backlog_once() == 1
        assert (await inbound_rows(sessions, "o-good"))[-1].state == "handled"
        assert (await inbound_rows(sessions, "o-bad"))[-1].state == "queued"
        assert await intake.drain_backlog_once() == 0
        # The last attempt gives up: the message is settled and the resident told.
        assert await intake.drain_backlog_once() == 1
        assert await intake.drain_backlog_once() == 0
    finally:
        await store.close()
    assert dispatch.seen.count("boom") == 3
    expected = "已转民警人工处理" if with_fallback else texts.with_110(
        texts.text("handling_failed"))
    assert handed_over == (["boom"] if with_fallback else [])
    failed = (await inbound_rows(sessions, "o-bad"))[-1]
    assert (failed.state, failed.reply, failed.reply_mode) == ("handled", expected, "outbox")
    jobs = await outbox_rows(sessions, "o-bad")
    assert [(j.inbound_id, json.loads(j.payload)["text"]) for j in jobs] == [
        (failed.id, expected)]


async def test_a_database_outage_is_not_counted_against_the_message(engine, sessions):
    dispatch = FailingOn("boom", OperationalError("SELECT …", {}, Exception("server closed")))
    store = InboundStore(sessions)
    intake = Intake(sessions, store, ResidentLocks(engine), dispatch, rate_limit=1)
    try:
        await queue_two(intake, "o-bad", "第一条", "boom")
        for _ in range(4):
            with pytest.raises(OperationalError):
                await intake.drain_backlog_once()
        # Still waiting to be handled for real, not given up.
        assert (await inbound_rows(sessions, "o-bad"))[-1].state == "queued"
        dispatch.poison = "never"
        assert await intake.drain_backlog_once() == 1
    finally:
        await store.close()
    assert (await inbound_rows(sessions, "o-bad"))[-1].reply == HELP


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_a_crowd_of_residents_never_exhausts_the_connection_pool(db_url):
    # Each resident held across instances keeps a connection; its handler needs another.
    engine = create_engine(db_url, pool_size=3)
    sessions = session_factory(engine)
    store = InboundStore(sessions)

    async def uses_the_database(inbound: Inbound) -> Reply:
        async with sessions() as session:
            await session.execute(text("SELECT pg_sleep(0.01)"))
        return Reply(HELP)

    intake = Intake(sessions, store, ResidentLocks(engine), uses_the_database, rate_limit=100)
    try:
        crowd = [message(f"o-crowd-{i}", "你好") for i in range(24)]
        accepted = await asyncio.gather(*(intake.accept(m) for m in crowd))
        async with asyncio.timeout(20):     # the pool's own timeout is 30 s
            replies = await asyncio.gather(*(intake.handle(a, m)
                                             for a, m in zip(accepted, crowd, strict=True)))
    finally:
        await store.close()
        await engine.dispose()
    assert replies == [Reply(HELP)] * 24
