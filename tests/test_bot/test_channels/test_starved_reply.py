"""A passive reply ready only after the budget (a starved machine) is sent as a
customer-service message and recorded so, not written to a WeChat that stopped waiting."""

import asyncio
import time

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.app import create_app
from handlers.core.types import Reply
from storage.delivery.models import OutboxJob
from storage.intake.models import InboundMessage
from tests.helpers import with_wechat
from tests.pushes import safe_push, text_xml

BUDGET_S = 1.5


async def starved_dispatch(message):
    # The event loop stalls past the budget as on a machine starved for CPU: no transport can
    # give up meanwhile, so the reply is settled as passive, but it is ready too late.
    time.sleep(BUDGET_S * 2)  # noqa: ASYNC251 -- blocking is the point
    return Reply(f"回复：{message.content}")


async def _until(done, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if done():
            return
        await asyncio.sleep(0.05)


async def test_a_reply_ready_after_the_budget_goes_out_once_through_the_outbox(
        config, sessions, fake_tencent):
    app_config = with_wechat(fake_tencent.configure(config), reply_budget_s=BUDGET_S)
    app = create_app(app_config, dispatch=starved_dispatch)
    xml = text_xml("o-starved", "楼上太吵了", msg_id=7_700_001)
    async with TestClient(TestServer(app)) as client:
        params, body = safe_push(xml, fake_tencent.app_id)
        first = await client.post("/wechat", params=params, data=body)
        assert first.status == 200 and await first.text() == "success"
        await _until(lambda: fake_tencent.delivered("custom_send"))
        # WeChat's retry of the same message: the stored answer is "sent later", not the
        # reply a second time.
        params, body = safe_push(xml, fake_tencent.app_id)
        retry = await client.post("/wechat", params=params, data=body)
        assert retry.status == 200 and await retry.text() == "success"
        await asyncio.sleep(0.5)         # room for a second customer-service message
    sent = fake_tencent.delivered("custom_send")
    assert [(c.body["touser"], c.body["text"]["content"]) for c in sent] == [
        ("o-starved", "回复：楼上太吵了")]
    async with sessions() as session:
        row = await session.scalar(select(InboundMessage))
        jobs = list(await session.scalars(select(OutboxJob)))
    assert row.state == "handled" and row.reply_mode == "outbox"
    assert [(j.inbound_id, j.state) for j in jobs] == [(row.id, "sent")]


async def starved_within_budget(message):
    # Stalled as on a starved machine, but less than our budget: WeChat, whose 5 s began
    # before we read the push, hangs up meanwhile.
    time.sleep(BUDGET_S / 2)  # noqa: ASYNC251 -- blocking is the point
    return Reply(f"已受理：{message.content}")


async def test_a_reply_for_a_wechat_that_hung_up_goes_out_through_the_outbox(
        config, sessions, fake_tencent):
    app_config = with_wechat(fake_tencent.configure(config), reply_budget_s=BUDGET_S)
    # Served as `jingmin serve` serves it: a caller hanging up does not cancel the handler
    # (aiohttp's TestServer would).
    runner = web.AppRunner(create_app(app_config, dispatch=starved_within_budget))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    xml = text_xml("o-hung-up", "小区门口有人占道", msg_id=7_700_002)
    try:
        async with aiohttp.ClientSession() as http:
            params, body = safe_push(xml, fake_tencent.app_id)
            try:
                await http.post(f"http://127.0.0.1:{port}/wechat", params=params, data=body,
                                timeout=aiohttp.ClientTimeout(total=BUDGET_S / 4))
            except TimeoutError:
                pass         # WeChat gave up on this delivery: its answer is seen by no one
            else:
                raise AssertionError("the delivery should have timed out")
            await _until(lambda: fake_tencent.delivered("custom_send"))
    finally:
        await runner.cleanup()
    sent = fake_tencent.delivered("custom_send")
    assert [(c.body["touser"], c.body["text"]["content"]) for c in sent] == [
        ("o-hung-up", "已受理：小区门口有人占道")]
    async with sessions() as session:
        row = await session.scalar(select(InboundMessage))
    assert row.state == "handled" and row.reply_mode == "outbox"
