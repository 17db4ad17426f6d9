"""Delivery's tests: one HTTP session, the senders pointed at the fake Tencent, a worker."""

from __future__ import annotations

import aiohttp
import pytest

from bot.delivery.outbox import OutboxWorker
from bot.delivery.senders import build_senders
from bot.metrics import Metrics
from tests.support.delivery import TIMEOUT


@pytest.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def senders(tencent_config, http, sessions):
    return build_senders(tencent_config, http, sessions, timeout=TIMEOUT)


@pytest.fixture
def worker(senders, sessions):
    return OutboxWorker(sessions, senders, Metrics(), name="w-test")
