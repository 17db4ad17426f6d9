"""A reply that misses the passive budget reaches the resident through the outbox."""

import asyncio
import time

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.app import create_app
from bot.channels.answering import Clocks
from handlers.core.types import Reply
from storage.delivery.models import OutboxJob
from storage.intake.models import InboundMessage
from tests.helpers import APP_ID, with_wechat
from tests.pushes import safe_push, text_xml


async def slow_dispatch(message):
    await asyncio.sleep(1.5)
    return Reply(f"稍后的回复：{message.content}")


async def _poll_deliveries(client, openid, after, seconds=10.0):
    deadline = asyncio.get_running_loop().time() + seconds
    while asyncio.get_running_loop().time() < deadline:
        response = await client.get("/local/deliveries",
                                    params={"openid": openid, "after": str(after)})
        data = await response.json()
        if data["items"]:
            return data["items"]
        await asyncio.sleep(0.1)
    return []


async def test_late_reply_goes_out_as_customer_service_message(config, sessions):
    app = create_app(with_wechat(config, reply_budget_s=1.0), dispatch=slow_dispatch)
    async with TestClient(TestServer(app)) as client:
        cursor = (await (await client.get("/local/deliveries",
                                          params={"openid": "o-late"})).json())["last"]
        params, body = safe_push(text_xml("o-late", "楼上太吵了"), APP_ID)
        response = await client.post("/wechat", params=params, data=body)
        assert response.status == 200
        assert await response.text() == "success"
        items = await _poll_deliveries(client, "o-late", cursor)
        assert [item["text"] for item in items] == ["稍后的回复：楼上太吵了"]
    async with sessions() as session:
        row = await session.scalar(select(InboundMessage))
        job = await session.scalar(select(OutboxJob))
    assert row.reply_mode == "outbox" and row.state == "handled"
    assert job.kind == "wechat_text" and job.state == "sent" and job.inbound_id == row.id


async def test_shutdown_finishes_a_reply_in_hand(config, sessions):
    app = create_app(with_wechat(config, reply_budget_s=1.0), dispatch=slow_dispatch,
                     run_workers=False)
    async with TestClient(TestServer(app)) as client:
        params, body = safe_push(text_xml("o-stop", "在吗"), APP_ID)
        response = await client.post("/wechat", params=params, data=body)
        assert await response.text() == "success"
    # The client closed the app while the handler was still sleeping: it was drained.
    async with sessions() as session:
        row = await session.scalar(select(InboundMessage))
        job = await session.scalar(select(OutboxJob))
    assert row.state == "handled" and job is not None and job.state == "pending"


async def test_a_push_that_reached_us_late_is_answered_through_the_outbox(config, sessions):
    """WeChat's 5 s run from when it sent the push: one read 5 s after its signed time (a
    starved machine) has too little left, whatever our own clock of the request says."""
    async def quick_dispatch(message):
        await asyncio.sleep(0.2)
        return Reply(f"回复：{message.content}")

    # Our clocks stand at `now` for the whole test: only the signed timestamps differ, so
    # how busy the machine is decides nothing.
    now = int(time.time())
    clocks = Clocks(monotonic=lambda: 0.0, wall=lambda: float(now))
    app = create_app(with_wechat(config, reply_budget_s=2.0), dispatch=quick_dispatch,
                     clocks=clocks)
    async with TestClient(TestServer(app)) as client:
        cursor = (await (await client.get("/local/deliveries",
                                          params={"openid": "o-starved"})).json())["last"]
        # On time: they set the offset between WeChat's clock and ours, answered passively.
        for openid in ("o-prompt", "o-prompt2"):
            params, body = safe_push(text_xml(openid, "在吗"), APP_ID, timestamp=now)
            response = await client.post("/wechat", params=params, data=body)
            assert (await response.text()) != "success"
        # Signed 5 s before we read it: no passive answer, the outbox sends it.
        params, body = safe_push(text_xml("o-starved", "楼上太吵了"), APP_ID,
                                 timestamp=now - 5)
        response = await client.post("/wechat", params=params, data=body)
        assert response.status == 200 and await response.text() == "success"
        items = await _poll_deliveries(client, "o-starved", cursor)
        assert [item["text"] for item in items] == ["回复：楼上太吵了"]
    async with sessions() as session:
        rows = {row.openid: row for row in await session.scalars(select(InboundMessage))}
    assert rows["o-prompt"].reply_mode == rows["o-prompt2"].reply_mode == "passive"
    assert rows["o-starved"].reply_mode == "outbox"
