"""Intake: one resident's messages one at a time, in order; a flood queued behind one notice."""

from __future__ import annotations

import asyncio
import dataclasses
import json

import pytest
from sqlalchemy import make_url

from bot import keys
from handlers import texts
from handlers.channels.intake import Delivery, Intake
from handlers.channels.throttle import Throttle
from handlers.channels.wecom_intake import OfficerIntake
from handlers.core.types import Inbound, Reply
from storage.db import create_engine, session_factory
from storage.intake.inbound import InboundStore
from storage.intake.locks import ResidentLocks
from tests.helpers import inbound_rows, outbox_rows, running, with_intake
from tests.pushes import text_xml
from tests.support.intake import (
    HELP,
    RecordingDispatch,
    accept_and_handle,
    message,
    push,
)

WELCOME = texts.text("welcome")


# --- one resident at a time, in order -------------------------------------------------------
class MeetingDispatch(RecordingDispatch):
    """Holds the first message of each of `residents` until all of them are in hand at once:
    residents that waited for one another would never meet (and time out)."""

    def __init__(self, *residents: str) -> None:
        super().__init__()
        self._waiting = set(residents)
        self._met = asyncio.Event()

    async def __call__(self, message: Inbound) -> Reply:
        if message.openid in self._waiting:
            self._waiting.discard(message.openid)
            if not self._waiting:
                self._met.set()
            await asyncio.wait_for(self._met.wait(), 10.0)
        return await super().__call__(message)

    @property
    def met(self) -> bool:
        """Whether every resident's first message was in hand at the same time."""
        return self._met.is_set()


async def test_one_residents_messages_are_handled_one_at_a_time_in_order(engine, sessions):
    recorder = MeetingDispatch("o-a", "o-b")
    store = InboundStore(sessions)
    intake = Intake(sessions, store, ResidentLocks(engine), recorder, rate_limit=100)
    try:
        tasks = []
        for index in range(6):
            tasks.append(await accept_and_handle(intake, message("o-a", f"a{index}")))
            tasks.append(await accept_and_handle(intake, message("o-b", f"b{index}")))
        await asyncio.gather(*tasks)
    finally:
        await store.close()
    assert recorder.order["o-a"] == [f"a{i}" for i in range(6)]
    assert recorder.order["o-b"] == [f"b{i}" for i in range(6)]
    assert recorder.most_at_once == {"o-a": 1, "o-b": 1}
    # The two residents did not wait for each other (an event, not a race of sleeps).
    assert recorder.met
    rows = await inbound_rows(sessions)
    assert {(r.state, r.reply_mode) for r in rows} == {("handled", "passive")}


def two_instances(db_url: str, recorder, rate_limit: int = 100, door: type[Intake] = Intake):
    engines = [create_engine(db_url), create_engine(db_url)]
    stores = [InboundStore(session_factory(e)) for e in engines]
    intakes = [door(session_factory(e), s, ResidentLocks(e), recorder, rate_limit=rate_limit)
               for e, s in zip(engines, stores, strict=True)]
    return engines, stores, intakes


async def close_instances(engines, stores) -> None:
    for store in stores:
        await store.close()
    for engine in engines:
        await engine.dispose()


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_a_residents_order_holds_across_instances_on_postgresql(db_url):
    recorder = RecordingDispatch(delay_s=0.02)
    engines, stores, intakes = two_instances(db_url, recorder)
    try:
        handling, queued = [], 0
        for index in range(8):
            intake, inbound = intakes[index % 2], message("o-shared", f"s{index}")
            accepted = await intake.accept(inbound)
            queued += accepted.queued
            if not accepted.queued:
                handling.append(asyncio.create_task(intake.handle(accepted, inbound,
                                                                  Delivery())))
        await asyncio.gather(*handling)
        # What the other instance received meanwhile waits in the one queue both backlogs
        # see; the first claim of a message wins.
        while sum(await asyncio.gather(*(i.drain_backlog_once() for i in intakes))):
            pass
        states = [r.state for r in await inbound_rows(session_factory(engines[0]),
                                                      "o-shared")]
    finally:
        await close_instances(engines, stores)
    assert queued >= 4     # every message the second instance got while the first worked
    assert recorder.order["o-shared"] == [f"s{i}" for i in range(8)]
    assert recorder.most_at_once["o-shared"] == 1
    assert states == ["handled"] * 8


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_the_rate_limit_counts_every_instance_on_postgresql(db_url):
    engines, stores, intakes = two_instances(db_url, RecordingDispatch(0), rate_limit=2)
    try:
        results = [await intakes[i % 2].accept(message("o-rate", f"r{i}")) for i in range(4)]
    finally:
        await close_instances(engines, stores)
    # Each instance saw two messages, within its own limit; together they are four.
    assert results[2].queued and results[2].reply == Reply(texts.text("rate_limited"))
    assert results[3].queued and results[3].reply is None


async def test_a_flood_gets_one_notice_and_is_answered_in_order_later(config, sessions):
    config = with_intake(config, rate_limit_per_minute=3)
    async with running(config) as client:
        replies = [await push(client, text_xml("o-flood", f"第{i}条", msg_id=7100 + i))
                   for i in range(6)]
        assert replies[:3] == [HELP] * 3
        assert replies[3] == texts.text("rate_limited")
        assert replies[4:] == ["", ""]
        # Someone else is answered at once meanwhile.
        assert await push(client, text_xml("o-calm", "你好", msg_id=7200)) == HELP
        # A retry of a queued message is not a new notice.
        assert await push(client, text_xml("o-flood", "第4条", msg_id=7104)) == ""
        rows = await inbound_rows(sessions, "o-flood")
        assert [r.state for r in rows] == ["handled"] * 3 + ["queued"] * 3
        assert await outbox_rows(sessions, "o-flood") == []

        intake = client.server.app[keys.INTAKE]
        for _ in range(3):
            assert await intake.drain_backlog_once() == 1
        assert await intake.drain_backlog_once() == 0
        # While the backlog drains, the calm resident is still answered at once.
        assert await push(client, text_xml("o-calm", "再问", msg_id=7201)) == HELP

    rows = await inbound_rows(sessions, "o-flood")
    assert [r.state for r in rows] == ["handled"] * 6
    assert [r.reply_mode for r in rows] == ["passive"] * 3 + ["outbox"] * 3
    later = rows[3:]
    assert [r.handled_at for r in later] == sorted(r.handled_at for r in later)
    jobs = await outbox_rows(sessions, "o-flood")
    assert [(j.kind, j.recipient, j.inbound_id) for j in jobs] == [
        ("wechat_text", "o-flood", r.id) for r in later]
    assert [json.loads(j.payload)["text"] for j in jobs] == [HELP] * 3
    assert [r.state for r in await inbound_rows(sessions, "o-calm")] == ["handled"] * 2


async def test_a_resident_with_a_backlog_queues_behind_it(engine, sessions):
    clock = [1000.0]
    recorder = RecordingDispatch(delay_s=0)
    store = InboundStore(sessions)
    intake = Intake(sessions, store, ResidentLocks(engine), recorder, rate_limit=2,
                    throttle=Throttle(2, clock=lambda: clock[0]))
    try:
        results = [await intake.accept(message("o-q", f"q{i}")) for i in range(4)]
        assert [r.queued for r in results] == [False, False, True, True]
        assert results[2].reply == Reply(texts.text("rate_limited"))
        assert results[3].reply is None
        for accepted, index in ((results[0], 0), (results[1], 1)):
            await intake.handle(accepted, message("o-q", f"q{index}"), Delivery())
        # A minute later the rate is fine again, but the backlog comes first.
        clock[0] += 61
        late = await intake.accept(message("o-q", "q4"))
        assert late.queued and late.reply is None
        while await intake.drain_backlog_once():
            pass
        fresh = await intake.accept(message("o-q", "q5"))
        assert not fresh.queued
        await intake.handle(fresh, message("o-q", "q5"), Delivery())
    finally:
        await store.close()
    assert recorder.order["o-q"] == ["q0", "q1", "q2", "q3", "q4", "q5"]


@pytest.mark.parametrize(("door", "queued"), [
    # Residents past the rate wait, counted across instances on PostgreSQL (SQLite serves one
    # instance: here each counts its own).
    (Intake, {"postgresql": [False, True, True, True], "sqlite": [False, False, True, True]}),
    # An officer's commands (the WeCom app) never wait, here or behind another instance.
    (OfficerIntake, {"postgresql": [False] * 4, "sqlite": [False] * 4}),
])
async def test_only_a_door_that_queues_its_senders_queues_a_flood(db_url, door, queued):
    # The door's intake policy decides (IntakePolicy.rate_limited).
    engines, stores, intakes = two_instances(db_url, RecordingDispatch(0), rate_limit=1,
                                             door=door)
    try:
        results = []
        for index in range(4):
            intake = intakes[index % 2]
            inbound = dataclasses.replace(message("u-flood", f"f{index}"),
                                          channel=intake.channel.name)
            results.append(await intake.accept(inbound))
    finally:
        await close_instances(engines, stores)
    assert [r.queued for r in results] == queued[make_url(db_url).get_backend_name()]


async def test_retries_do_not_use_up_the_rate_or_its_notice(engine, sessions):
    clock = [1000.0]
    store = InboundStore(sessions)
    intake = Intake(sessions, store, ResidentLocks(engine), RecordingDispatch(0), rate_limit=2,
                    throttle=Throttle(2, clock=lambda: clock[0]))
    first, second = message("o-r", "r0"), message("o-r", "r1")
    try:
        for inbound in (first, second):
            accepted = await intake.accept(inbound)
            await intake.handle(accepted, inbound, Delivery())
        for _ in range(3):  # WeChat retrying the second one
            retry = await intake.accept(second)
            assert retry.duplicate and retry.reply == Reply(HELP)
        third = await intake.accept(message("o-r", "r2"))
        assert third.queued and third.reply == Reply(texts.text("rate_limited"))
    finally:
        await store.close()
