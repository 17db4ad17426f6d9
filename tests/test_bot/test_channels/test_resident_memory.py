"""What a resident was told last, read from the database: with several instances on one
database (a resident's pushes alternating between them) and across restarts, the 110 line
closes the day's first reply once, and a greeting after a pause brings the menu (issue 16)."""

from __future__ import annotations

import asyncio
import json
from contextlib import AsyncExitStack
from datetime import timedelta

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select, update

from bot.app import create_app
from handlers import texts
from storage.delivery.models import OutboxJob
from storage.intake.models import InboundMessage
from storage.tickets.models import Ticket
from tests.helpers import STILL, with_wechat
from tests.pushes import text_xml
from tests.support.intake import push


async def _apps(stack: AsyncExitStack, config, count: int) -> list[TestClient]:
    return [await stack.enter_async_context(TestClient(TestServer(create_app(config,
                                                                                clocks=STILL))))
            for _ in range(count)]


async def _replies(sessions, openid: str) -> list[str]:
    async with sessions() as session:
        rows = await session.scalars(select(InboundMessage.reply)
                                     .where(InboundMessage.openid == openid)
                                     .order_by(InboundMessage.id))
        return list(rows)


async def _handled(sessions, openid: str) -> InboundMessage:
    """The resident's one message, once its (late) reply is stored."""
    for _ in range(100):
        async with sessions() as session:
            row = await session.scalar(select(InboundMessage)
                                       .where(InboundMessage.openid == openid))
        if row is not None and row.state == "handled":
            return row
        await asyncio.sleep(0.05)
    raise AssertionError(f"{openid}'s message was never handled")


async def _earlier(sessions, openid: str, by: timedelta) -> None:
    """Move when the resident's messages came `by` into the past."""
    async with sessions() as session, session.begin():
        rows = (await session.execute(select(InboundMessage.id, InboundMessage.received_at)
                                      .where(InboundMessage.openid == openid))).all()
        for row in rows:
            await session.execute(update(InboundMessage).where(InboundMessage.id == row.id)
                                  .values(received_at=row.received_at - by))


async def test_the_days_first_reply_carries_the_line_once_across_two_instances(config,
                                                                                sessions):
    async with AsyncExitStack() as stack:
        one, two = await _apps(stack, config, 2)
        said = [await push(app, text_xml("o-both", text))
                for app, text in ((one, "你好"), (two, "谢谢"), (one, "在吗"), (two, "谢谢"))]
    assert said[0].endswith(texts.LINE_110)
    assert [texts.LINE_110 in reply for reply in said] == [True, False, False, False]
    # What the resident saw is what the rows keep (the next reply is decided from them).
    assert await _replies(sessions, "o-both") == said


async def test_a_restart_does_not_repeat_the_line_the_same_day(config, sessions):
    async with AsyncExitStack() as stack:
        (first,) = await _apps(stack, config, 1)
        greeted = await push(first, text_xml("o-restart", "你好"))
    async with AsyncExitStack() as stack:
        (restarted,) = await _apps(stack, config, 1)
        thanked = await push(restarted, text_xml("o-restart", "谢谢"))
        menu = await push(restarted, text_xml("o-restart", "菜单"))   # the menu carries it
    assert greeted.endswith(texts.LINE_110) and texts.LINE_110 not in thanked
    assert menu.endswith(texts.LINE_110)


async def test_a_greeting_after_a_pause_brings_the_menu_on_the_other_instance(config,
                                                                             sessions):
    async with AsyncExitStack() as stack:
        one, two = await _apps(stack, config, 2)
        await push(one, text_xml("o-pause", "谢谢"))
        soon = await push(two, text_xml("o-pause", "你好"))
        await _earlier(sessions, "o-pause", timedelta(hours=8))   # eight quiet hours pass
        back = await push(two, text_xml("o-pause", "你好"))
        again = await push(one, text_xml("o-pause", "你好"))
    assert texts.text("courtesy_greeting_back") not in soon and "1. " not in soon
    assert texts.text("courtesy_greeting_back") in back and "1. " in back
    assert texts.text("courtesy_greeting_back") not in again and "1. " not in again


async def test_a_late_reply_through_the_outbox_counts_as_the_days_first(config, sessions):
    late = create_app(with_wechat(config, reply_budget_s=0.001))   # no passive answer
    async with TestClient(TestServer(late)) as client:
        assert await push(client, text_xml("o-late", "你好")) == ""
        row = await _handled(sessions, "o-late")
        async with sessions() as session:
            job = await session.scalar(select(OutboxJob).where(OutboxJob.inbound_id == row.id))
    # The row keeps the words the outbox sends, the line with them.
    assert row.reply_mode == "outbox" and row.reply.endswith(texts.LINE_110)
    assert json.loads(job.payload)["text"] == row.reply
    async with AsyncExitStack() as stack:
        (other,) = await _apps(stack, config, 1)
        assert texts.LINE_110 not in await push(other, text_xml("o-late", "谢谢"))


async def _dead(sessions, inbound_id: int) -> None:
    """Wait until the outbox gives the reply to message `inbound_id` up."""
    for _ in range(200):
        async with sessions() as session:
            state = await session.scalar(select(OutboxJob.state)
                                         .where(OutboxJob.inbound_id == inbound_id))
        if state == "dead":
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the reply to {inbound_id} was never given up on ({state})")


async def test_a_late_reply_given_up_on_leaves_the_line_to_the_next(config, fake_tencent,
                                                                    sessions):
    # Pushes signed for the test account; sends to the fake, which refuses them for good.
    wired = with_wechat(fake_tencent.configure(config), app_id=config.wechat.app_id)
    fake_tencent.openid_error("o-dead", 40003)
    late = create_app(with_wechat(wired, reply_budget_s=0.001))
    async with TestClient(TestServer(late)) as client:
        assert await push(client, text_xml("o-dead", "你好")) == ""
        row = await _handled(sessions, "o-dead")
        await _dead(sessions, row.id)
    assert row.reply.endswith(texts.LINE_110) and not fake_tencent.delivered()
    # The resident never read the line: the day's next reply carries it.
    async with AsyncExitStack() as stack:
        (other,) = await _apps(stack, wired, 1)
        thanked = await push(other, text_xml("o-dead", "谢谢"))
        again = await push(other, text_xml("o-dead", "谢谢"))
    assert thanked.endswith(texts.LINE_110) and texts.LINE_110 not in again


async def test_a_matter_told_on_the_other_instance_joins_the_question_that_asked_after_it(
        config, sessions):
    # Asked after a matter reported at a station (no ticket here), in English, then told it
    # on the other instance: the ticket opens with the question, and both messages show in
    # its 群众对话 (the question's row is linked to it).
    async with AsyncExitStack() as stack:
        one, two = await _apps(stack, config, 2)
        asked = await push(one, text_xml("o-told", "Any news on the noise problem I reported "
                                                   "at the station last month?"))
        await push(two, text_xml("o-told", "The people upstairs stomp around every night, my "
                                           "kid cannot sleep, please handle it"))
    assert texts.text("status_none") in asked
    async with sessions() as session:
        ticket = await session.scalar(select(Ticket).where(Ticket.openid == "o-told"))
        linked = list(await session.scalars(select(InboundMessage.ticket_id)
                                            .where(InboundMessage.openid == "o-told")
                                            .order_by(InboundMessage.id)))
    assert ticket.summary.startswith("Any news on the noise problem"), ticket.summary
    assert linked == [ticket.id, ticket.id]
