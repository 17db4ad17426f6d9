"""Intake: every message recorded once, retries answered alike, on one instance or two."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from handlers import texts
from tests.helpers import inbound_rows, outbox_rows, running
from tests.pushes import event_xml, text_xml
from tests.support.intake import (
    HELP,
    counter,
    push,
)

WELCOME = texts.text("welcome")


@pytest.fixture
async def client(config):
    """The real app, workers running, with a scripted dispatcher in place of the intent
    router: what is tested here must not depend on how messages are classified."""
    async with running(config, run_workers=True) as client:
        yield client


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
