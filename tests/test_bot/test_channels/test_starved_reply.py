"""A passive reply ready only after the budget (a starved machine) is sent as a
customer-service message and recorded so, not written to a WeChat that stopped waiting."""

import asyncio
import time

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
