"""Small helpers shared by tests: variants of the test config, the app, and stored rows."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import create_app
from bot.channels.answering import Clocks
from bot.config import Config
from handlers import texts
from handlers.channels.intake import Dispatch
from handlers.core.types import NO_REPLY, Inbound, Reply
from storage.delivery.models import OutboxJob
from storage.intake.models import InboundMessage

# The official account the test configuration names.
APP_ID = "wxjingmintest0001"
# Clocks that stand still: the doors' reply budget never runs out, so a test not about
# lateness gets its passive reply however slow the machine (once a router test's first push
# missed its budget in the whole suite). Tests of the late path pass the real clocks.
STILL = Clocks(monotonic=lambda: 0.0, wall=lambda: 0.0)


def with_wechat(config: Config, **changes: object) -> Config:
    """`config` with some [wechat] keys changed."""
    return dataclasses.replace(config, wechat=dataclasses.replace(config.wechat, **changes))


def with_intake(config: Config, **changes: object) -> Config:
    """`config` with some [intake] keys changed."""
    return dataclasses.replace(config, intake=dataclasses.replace(config.intake, **changes))


async def scripted_dispatch(message: Inbound) -> Reply:
    """A fixed stand-in for the intent router, for tests of transport and intake: the welcome
    on subscribe, nothing for unsubscribe and unknown types, the help text otherwise."""
    if not message.known_type or message.event == "unsubscribe":
        return NO_REPLY
    if message.event == "subscribe":
        return Reply(texts.text("welcome"))
    return Reply(texts.text("help"))


@asynccontextmanager
async def running(config: Config, *, run_workers: bool = False,
                  dispatch: Dispatch | None = scripted_dispatch,
                  clocks: Clocks = STILL) -> AsyncIterator[TestClient]:
    """The real app for `config` on a loopback port (background workers off by default);
    `dispatch=None` uses the real intent router; the reply budget stands still unless
    `clocks` are the real ones."""
    app = create_app(config, run_workers=run_workers, dispatch=dispatch, clocks=clocks)
    async with TestClient(TestServer(app)) as client:
        yield client


async def inbound_rows(sessions: async_sessionmaker[AsyncSession],
                       openid: str | None = None) -> list[InboundMessage]:
    """Every inbound row (of one resident), oldest first."""
    query = select(InboundMessage).order_by(InboundMessage.id)
    if openid is not None:
        query = query.where(InboundMessage.openid == openid)
    async with sessions() as session:
        return list(await session.scalars(query))


async def outbox_rows(sessions: async_sessionmaker[AsyncSession],
                      recipient: str | None = None) -> list[OutboxJob]:
    """Every outbox job (for one recipient), oldest first."""
    query = select(OutboxJob).order_by(OutboxJob.id)
    if recipient is not None:
        query = query.where(OutboxJob.recipient == recipient)
    async with sessions() as session:
        return list(await session.scalars(query))


async def stops_when_woken_and_cancelled(loop: Coroutine[object, object, None],
                                         wake: Callable[[], None], idle_s: float) -> bool:
    """Whether a worker loop woken and cancelled in one round of the event loop stops (in
    5 s): Python 3.11's wait_for(event.wait(), t) swallowed such a stop (bot.delivery.waits),
    and a server never finished its shutdown. `idle_s`: until its first round is over."""
    task = asyncio.create_task(loop)
    await asyncio.sleep(idle_s)
    wake()
    task.cancel()
    done, _ = await asyncio.wait({task}, timeout=5.0)
    if not done:            # end it all the same, so the test fails rather than hangs
        task.cancel()
        await asyncio.wait({task}, timeout=5.0)
    return bool(done) and task.cancelled()
