"""Intake: every message recorded once, one resident at a time in order, replies kept."""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text
from sqlalchemy.exc import DataError, OperationalError
from wechatpy import parse_message

from bot import keys
from handlers import texts
from handlers.channels.intake import Delivery, Intake
from handlers.channels.throttle import Throttle
from handlers.core.types import Inbound, Reply
from storage.db import create_engine, session_factory
from storage.intake.inbound import InboundStore
from storage.intake.locks import ResidentLocks
from tests.helpers import APP_ID, inbound_rows, outbox_rows, running, with_intake, with_wechat
from tests.pushes import event_xml, open_reply, safe_push, text_xml

HELP = texts.text("help")
WELCOME = texts.text("welcome")


@pytest.fixture
async def client(config):
    """The real app, workers running, with a scripted dispatcher in place of the intent
    router: what is tested here must not depend on how messages are classified."""
    async with running(config, run_workers=True) as client:
        yield client


async def push(client, xml: str, *, compatible: bool = False) -> str:
    """Send `xml` as WeChat would in safe (or compatible) mode; the reply's text ("" for
    `success`)."""
    params, body = safe_push(xml, APP_ID, compatible=compatible)
    response = await client.post("/wechat", params=params, data=body)
    assert response.status == 200
    raw = await response.text()
    if raw == "success":
        return ""
    return parse_message(open_reply(raw, APP_ID, params)).content


def counter(text: str, name: str, **labels: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    return 0.0


# --- durable, exactly-once intake -----------------------------------------------------------

async def test_every_accepted_message_is_stored_with_its_fields(client, sessions):
    before = datetime.now(UTC) - timedelta(seconds=1)
    sent = 1_790_000_000
    pushes = [
        text_xml("o-rec", "柳园小区门口有人打架", msg_id=5001, create_time=sent),
        "<xml><ToUserName>gh_test</ToUserName><FromUserName>o-rec</FromUserName>"
        f"<CreateTime>{sent + 1}</CreateTime><MsgType>image</MsgType>"
        "<PicUrl>http://mmbiz/x</PicUrl><MediaId>media-img-1</MediaId>"
        "<MsgId>5002</MsgId></xml>",
        "<xml><ToUserName>gh_test</ToUserName><FromUserName>o-rec</FromUserName>"
        f"<CreateTime>{sent + 2}</CreateTime><MsgType>voice</MsgType>"
        "<MediaId>media-voice-1</MediaId><Format>amr</Format>"
        "<Recognition>我要报警</Recognition><MsgId>5003</MsgId></xml>",
        "<xml><ToUserName>gh_test</ToUserName><FromUserName>o-rec</FromUserName>"
        f"<CreateTime>{sent + 3}</CreateTime><MsgType>location</MsgType>"
        "<Location_X>36.4563</Location_X><Location_Y>115.9859</Location_Y><Scale>15</Scale>"
        "<Label><![CDATA[古楼街道柳园]]></Label><MsgId>5004</MsgId></xml>",
        event_xml("o-rec", "CLICK", "MY_TICKETS", create_time=sent + 4),
    ]
    for index, xml in enumerate(pushes):
        await push(client, xml, compatible=index % 2 == 1)
    rows = await inbound_rows(sessions, "o-rec")
    after = datetime.now(UTC) + timedelta(seconds=1)
    assert [r.dedupe_key for r in rows] == [
        "msg:5001", "msg:5002", "msg:5003", "msg:5004",
        f"evt:o-rec:{sent + 4}:click:MY_TICKETS"]
    assert {r.channel for r in rows} == {"wechat"}
    assert [r.msg_type for r in rows] == ["text", "image", "voice", "location", "event"]
    text, image, voice, location, event = rows
    assert text.content == "柳园小区门口有人打架"
    assert image.media_id == "media-img-1"
    assert (voice.media_id, voice.media_format, voice.recognition) == (
        "media-voice-1", "amr", "我要报警")
    assert (location.latitude, location.longitude, location.location_label) == (
        36.4563, 115.9859, "古楼街道柳园")
    assert (event.event, event.event_key) == ("click", "MY_TICKETS")
    for offset, row in enumerate(rows):
        assert row.sent_at == datetime.fromtimestamp(sent + offset, UTC)
        assert before <= row.received_at <= after
        assert row.raw and "<FromUserName>" in row.raw
        assert row.state == "handled"
    # Answered within the budget: the reply is kept on the row, no reply in the outbox.
    assert (text.reply, text.reply_mode) == (HELP, "passive")
    assert [j for j in await outbox_rows(sessions) if j.kind == "wechat_text"] == []


async def test_a_retried_message_is_stored_once_and_answered_alike(client, sessions):
    xml = text_xml("o-retry", "噪音扰民", msg_id=6001)
    first = await push(client, xml)
    # WeChat's retry carries a new timestamp and nonce but the same MsgId.
    second = await push(client, xml, compatible=True)
    third = await push(client, text_xml("o-retry", "噪音扰民", msg_id=6001,
                                         create_time=1_790_000_999))
    assert first == second == third == HELP
    [row] = await inbound_rows(sessions, "o-retry")
    assert row.dedupe_key == "msg:6001"


async def test_a_retried_event_is_stored_once_and_answered_alike(client, sessions):
    xml = event_xml("o-evt", "subscribe", create_time=1_790_000_100)
    assert await push(client, xml) == WELCOME
    assert await push(client, xml) == WELCOME
    assert len(await inbound_rows(sessions, "o-evt")) == 1
    # Another time, key or event is another event.
    await push(client, event_xml("o-evt", "subscribe", create_time=1_790_000_101))
    await push(client, event_xml("o-evt", "CLICK", "GUIDE", create_time=1_790_000_100))
    await push(client, event_xml("o-evt", "CLICK", "MY_TICKETS", create_time=1_790_000_100))
    assert len(await inbound_rows(sessions, "o-evt")) == 4


async def test_a_retry_of_a_silent_message_stays_silent(client, sessions):
    xml = event_xml("o-unsub", "unsubscribe", create_time=1_790_000_200)
    assert await push(client, xml) == ""
    assert await push(client, xml) == ""
    [row] = await inbound_rows(sessions, "o-unsub")
    assert (row.state, row.reply_mode) == ("handled", "none")


async def test_concurrent_duplicates_are_stored_once_and_answered_alike(client, sessions):
    xml = text_xml("o-conc", "同时到达", msg_id=6101)
    replies = await asyncio.gather(*(push(client, xml, compatible=i % 2 == 0) for i in range(6)))
    assert replies == [HELP] * 6
    assert len(await inbound_rows(sessions, "o-conc")) == 1
    metrics = await (await client.get("/metrics")).text()
    assert counter(metrics, "jingmin_inbound_duplicates_total", channel="wechat") == 5


async def test_two_instances_store_a_push_once_and_answer_alike(config, sessions):
    async with running(config) as one, running(config) as two:
        xml = text_xml("o-two", "两台服务器", msg_id=6201)
        replies = await asyncio.gather(push(one, xml), push(two, xml, compatible=True))
        assert replies == [HELP, HELP]
        # A later retry to either instance gets the stored reply.
        assert await push(two, xml) == HELP
        assert await push(one, xml) == HELP
        event = event_xml("o-two", "subscribe", create_time=1_790_000_300)
        replies = await asyncio.gather(push(two, event), push(one, event))
        assert replies == [WELCOME, WELCOME]
        hits = [counter(await (await c.get("/metrics")).text(),
                        "jingmin_inbound_duplicates_total", channel="wechat") for c in (one, two)]
        assert sum(hits) == 4
    rows = await inbound_rows(sessions, "o-two")
    assert [r.dedupe_key for r in rows] == ["msg:6201", "evt:o-two:1790000300:subscribe:"]


async def test_dedupe_hits_are_counted_in_metrics(client):
    xml = text_xml("o-metric", "你好", msg_id=6301)
    for _ in range(3):
        await push(client, xml)
    metrics = await (await client.get("/metrics")).text()
    assert counter(metrics, "jingmin_inbound_duplicates_total", channel="wechat") == 2


# --- one resident at a time, in order -------------------------------------------------------

class RecordingDispatch:
    """A dispatcher that notes the order of messages and how many run at once per resident."""

    def __init__(self, delay_s: float = 0.01) -> None:
        self.delay_s = delay_s
        self.order: dict[str, list[str]] = defaultdict(list)
        self.active: dict[str, int] = defaultdict(int)
        self.most_at_once: dict[str, int] = defaultdict(int)
        self.overall_active = 0
        self.overall_most = 0

    async def __call__(self, message: Inbound) -> Reply:
        who = message.openid
        self.active[who] += 1
        self.overall_active += 1
        self.most_at_once[who] = max(self.most_at_once[who], self.active[who])
        self.overall_most = max(self.overall_most, self.overall_active)
        try:
            await asyncio.sleep(self.delay_s)
            self.order[who].append(message.content)
            return Reply(HELP)
        finally:
            self.active[who] -= 1
            self.overall_active -= 1


_serial = iter(range(10**6))


def message(openid: str, content: str) -> Inbound:
    return Inbound(channel="wechat", dedupe_key=f"msg:t{next(_serial)}", openid=openid,
                   msg_type="text", content=content, raw=f"<xml>{content}</xml>")


async def accept_and_handle(intake: Intake, inbound: Inbound) -> asyncio.Task[Reply]:
    accepted = await intake.accept(inbound)
    assert not accepted.duplicate and not accepted.queued
    return asyncio.create_task(intake.handle(accepted, inbound, Delivery()))


async def test_one_residents_messages_are_handled_one_at_a_time_in_order(engine, sessions):
    recorder = RecordingDispatch()
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
    # The two residents did not wait for each other.
    assert recorder.overall_most == 2
    rows = await inbound_rows(sessions)
    assert {(r.state, r.reply_mode) for r in rows} == {("handled", "passive")}


def two_instances(db_url: str, recorder, rate_limit: int = 100):
    engines = [create_engine(db_url), create_engine(db_url)]
    stores = [InboundStore(session_factory(e)) for e in engines]
    intakes = [Intake(session_factory(e), s, ResidentLocks(e), recorder, rate_limit=rate_limit)
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
    async with running(with_wechat(config, reply_budget_s=0.2), dispatch=held) as client:
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
    async with running(with_wechat(config, reply_budget_s=0.2), dispatch=held) as client:
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
