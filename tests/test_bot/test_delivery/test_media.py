"""Residents' images and voice notes: fetched soon after they arrive, checked, kept, or lost."""

from __future__ import annotations

import asyncio
import itertools
import time
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select, update

from bot.app import create_app
from bot.delivery.outbox import MAX_ATTEMPTS, OutboxWorker
from bot.delivery.senders import MEDIA_IN_DB_MAX, MEDIA_MAX, build_senders
from bot.metrics import Metrics
from storage.base import utcnow
from storage.delivery.models import OutboxJob
from storage.intake.models import MediaFile
from tests.pushes import safe_push

JPEG = b"\xff\xd8\xff\xe0" + b"\x00JFIF" + bytes(range(256)) * 40
_msg_ids = itertools.count(int(time.time() * 1000) + 7_000_000)


def media_xml(openid: str, media_id: str, kind: str = "image") -> str:
    """An image or voice message as WeChat pushes it."""
    extra = ("<PicUrl><![CDATA[http://mmbiz.qpic.cn/fake.jpg]]></PicUrl>" if kind == "image"
             else "<Format><![CDATA[amr]]></Format><Recognition><![CDATA[]]></Recognition>")
    return (f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
            f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime>"
            f"<MsgType><![CDATA[{kind}]]></MsgType>{extra}"
            f"<MediaId><![CDATA[{media_id}]]></MediaId>"
            f"<MsgId>{next(_msg_ids)}</MsgId></xml>")


async def _push(client, fake, openid, media_id, kind="image"):
    params, body = safe_push(media_xml(openid, media_id, kind), fake.app_id)
    response = await client.post("/wechat", params=params, data=body)
    assert response.status == 200


async def _media(sessions, media_id) -> MediaFile | None:
    async with sessions() as session:
        return await session.scalar(select(MediaFile).where(MediaFile.media_id == media_id))


async def _fetch_job(sessions, media_id) -> OutboxJob | None:
    async with sessions() as session:
        return await session.scalar(select(OutboxJob).where(
            OutboxJob.kind == "media_fetch", OutboxJob.recipient == media_id))


async def _wait_for_media(sessions, media_id, states=("stored", "refused", "lost"), seconds=5.0):
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        row = await _media(sessions, media_id)
        if row is not None and row.state in states:
            return row
        assert asyncio.get_running_loop().time() < deadline, f"media {media_id}: {row}"
        await asyncio.sleep(0.02)


@pytest.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def worker(tencent_config, http, sessions):
    return OutboxWorker(sessions, build_senders(tencent_config, http, sessions, timeout=0.5),
                        Metrics(), name="w-media")


@pytest.fixture
async def pushed(tencent_config, fake_tencent, sessions):
    """Push media through the real /wechat (workers off: the test drives the worker)."""
    async with TestClient(TestServer(create_app(tencent_config, run_workers=False))) as client:
        async def push(openid, media_id, kind="image"):
            await _push(client, fake_tencent, openid, media_id, kind)
            row = await _media(sessions, media_id)
            assert row is not None and row.state == "pending" and row.kind == kind
            job = await _fetch_job(sessions, media_id)
            assert job is not None and job.state == "pending"
            assert job.inbound_id == row.inbound_id
            return row
        yield push


async def test_image_is_fetched_by_the_apps_worker_and_kept_in_the_database(
        tencent_config, fake_tencent, sessions):
    fake_tencent.media["IMG-small"] = ("image/jpeg", JPEG)
    async with TestClient(TestServer(create_app(tencent_config))) as client:
        await _push(client, fake_tencent, "o-photo", "IMG-small")
        row = await _wait_for_media(sessions, "IMG-small")
    assert (row.state, row.content_type, row.size) == ("stored", "image/jpeg", len(JPEG))
    assert row.data == JPEG and row.path is None and row.fetched_at is not None
    assert (await _fetch_job(sessions, "IMG-small")).state == "sent"
    [call] = fake_tencent.calls_to("media_get")
    assert call.query["media_id"] == "IMG-small"


async def test_large_image_goes_to_data_dir(pushed, worker, tencent_config, fake_tencent,
                                            sessions):
    big = b"\x89PNG\r\n\x1a\n" + b"\x42" * (3 * 1024 * 1024)
    fake_tencent.media["IMG-big"] = ("image/png", big)
    await pushed("o-photo", "IMG-big")
    await worker.run_once()
    row = await _media(sessions, "IMG-big")
    assert (row.state, row.size, row.data) == ("stored", len(big), None)
    path = Path(row.path)
    assert path.is_relative_to(Path(tencent_config.server.data_dir))
    assert path.suffix == ".png" and "IMG-big" not in path.name
    assert await asyncio.to_thread(path.read_bytes) == big
    assert len(big) > MEDIA_IN_DB_MAX


async def test_media_over_the_size_limit_is_refused(pushed, worker, fake_tencent, sessions):
    fake_tencent.media["IMG-huge"] = ("image/jpeg", b"\xff\xd8" + bytes(MEDIA_MAX))
    await pushed("o-huge", "IMG-huge")
    await worker.run_once()
    row = await _media(sessions, "IMG-huge")
    assert (row.state, row.data, row.path) == ("refused", None, None)
    assert row.error == f"refused image media: file larger than {MEDIA_MAX} bytes"
    assert (await _fetch_job(sessions, "IMG-huge")).state == "dead"


@pytest.mark.parametrize("declared", [True, False], ids=["length_declared", "chunked"])
async def test_media_over_the_limit_is_refused_without_waiting_for_the_rest(
        declared, pushed, worker, fake_tencent, sessions):
    # Over a link that stalls, a file over the limit is refused once its declared length or
    # the bytes read pass the limit: the refusal no longer waits on the whole download,
    # which on a slow link timed out, was retried for days and ended lost.
    huge = b"\xff\xd8" + bytes(MEDIA_MAX)
    fake_tencent.media["IMG-slow"] = ("image/jpeg", huge)
    fake_tencent.stalled_media["IMG-slow"] = (0 if declared else MEDIA_MAX + 1, declared)
    await pushed("o-slow", "IMG-slow")
    await worker.run_once()
    row = await _media(sessions, "IMG-slow")
    assert (row.state, row.data, row.path) == ("refused", None, None)
    assert (await _fetch_job(sessions, "IMG-slow")).state == "dead"


async def test_voice_note_is_fetched(pushed, worker, fake_tencent, sessions):
    fake_tencent.media["VOICE-1"] = ("audio/amr", b"#!AMR\n" + b"\x01" * 500)
    await pushed("o-voice", "VOICE-1", kind="voice")
    await worker.run_once()
    row = await _media(sessions, "VOICE-1")
    assert (row.state, row.content_type, row.path) == ("stored", "audio/amr", None)


@pytest.mark.parametrize(("content_type", "body"), [
    ("text/html", b"<html>not an image</html>"),
    ("audio/amr", b"#!AMR\n"),       # a voice note where an image was announced
    ("image/jpeg", b""),             # empty
])
async def test_wrong_media_is_refused(content_type, body, pushed, worker, fake_tencent,
                                      sessions):
    fake_tencent.media["IMG-odd"] = (content_type, body)
    await pushed("o-odd", "IMG-odd")
    await worker.run_once()
    row = await _media(sessions, "IMG-odd")
    assert row.state == "refused" and row.data is None and row.path is None
    assert content_type in row.error
    assert (await _fetch_job(sessions, "IMG-odd")).state == "dead"


async def test_unknown_media_id_is_lost_at_once(pushed, worker, fake_tencent, sessions):
    await pushed("o-gone", "IMG-unknown")  # the fake answers 40007 (invalid media_id)
    await worker.run_once()
    assert (await _media(sessions, "IMG-unknown")).state == "lost"
    assert (await _fetch_job(sessions, "IMG-unknown")).state == "dead"


async def test_failing_fetch_retries_for_three_days_then_is_lost(pushed, worker, fake_tencent,
                                                                 sessions):
    fake_tencent.media["IMG-flaky"] = ("image/jpeg", JPEG)
    fake_tencent.fail("media_get", status=503, times=1000)
    await pushed("o-flaky", "IMG-flaky")
    # More tries than any other job gets: media is given up by age, not by count.
    for _ in range(MAX_ATTEMPTS + 2):
        async with sessions() as session, session.begin():
            await session.execute(update(OutboxJob).values(next_attempt_at=utcnow()))
        assert await worker.run_once() == 1
        job = await _fetch_job(sessions, "IMG-flaky")
        assert job.state == "pending" and job.next_attempt_at > utcnow()
    assert (await _media(sessions, "IMG-flaky")).state == "pending"
    async with sessions() as session, session.begin():
        await session.execute(update(OutboxJob).values(
            next_attempt_at=utcnow(), created_at=utcnow() - timedelta(days=3, minutes=1)))
    await worker.run_once()
    job = await _fetch_job(sessions, "IMG-flaky")
    assert job.state == "dead" and job.attempts == MAX_ATTEMPTS + 3
    row = await _media(sessions, "IMG-flaky")
    assert row.state == "lost" and "503" in row.error


async def test_fetch_succeeds_after_transient_failures(pushed, worker, fake_tencent, sessions):
    fake_tencent.media["IMG-late"] = ("image/jpeg", JPEG)
    fake_tencent.fail("media_get", -1, times=2)
    await pushed("o-late", "IMG-late")
    for _ in range(3):
        async with sessions() as session, session.begin():
            await session.execute(update(OutboxJob).values(next_attempt_at=utcnow()))
        await worker.run_once()
    assert (await _media(sessions, "IMG-late")).state == "stored"
    assert len(fake_tencent.calls_to("media_get")) == 3


def video_xml(openid: str, media_id: str, kind: str = "video") -> str:
    """A video (or short video) message as WeChat pushes it."""
    return (f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
            f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime>"
            f"<MsgType><![CDATA[{kind}]]></MsgType>"
            f"<MediaId><![CDATA[{media_id}]]></MediaId>"
            f"<ThumbMediaId><![CDATA[thumb-{media_id}]]></ThumbMediaId>"
            f"<MsgId>{next(_msg_ids)}</MsgId></xml>")


@pytest.mark.parametrize("kind", ["video", "shortvideo"])
async def test_a_video_is_fetched_from_the_address_wechat_gives(
        kind, tencent_config, fake_tencent, worker, sessions):
    mp4 = b"\x00\x00\x00\x18ftypmp42" + b"\x07" * (3 * 1024 * 1024)
    fake_tencent.videos[f"VID-{kind}"] = ("video/mp4", mp4)
    async with TestClient(TestServer(create_app(tencent_config, run_workers=False))) as client:
        params, body = safe_push(video_xml("o-video", f"VID-{kind}", kind), fake_tencent.app_id)
        assert (await client.post("/wechat", params=params, data=body)).status == 200
    assert (await _media(sessions, f"VID-{kind}")).state == "pending"
    await worker.run_once()
    row = await _media(sessions, f"VID-{kind}")
    assert (row.state, row.kind, row.content_type, row.size) == (
        "stored", kind, "video/mp4", len(mp4))
    assert Path(row.path).suffix == ".mp4"
    assert await asyncio.to_thread(Path(row.path).read_bytes) == mp4
    assert [c.query["media_id"] for c in fake_tencent.calls_to("media_get")] == [f"VID-{kind}"]
    assert len(fake_tencent.calls_to("video_download")) == 1
