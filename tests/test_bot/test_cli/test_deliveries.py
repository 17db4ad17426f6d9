"""The chat commands' one read-back of /local/deliveries, against the real app."""

from __future__ import annotations

import asyncio

import aiohttp
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.cli.deliveries import Page, fetch
from tests.support.delivery import enqueue, resident_wrote
from tests.support.intake import HELP


async def _until_items(http, base, openid, after) -> Page:
    for _ in range(100):
        page = await fetch(http, base, openid, after)
        if page is not None and page.items:
            return page
        await asyncio.sleep(0.1)
    raise AssertionError("nothing was delivered")


async def test_the_cursor_starts_now_and_pages_forward(config, sessions):
    await resident_wrote(sessions, "o-cli")
    async with TestClient(TestServer(create_app(config))) as client, \
            aiohttp.ClientSession() as http:
        base = str(client.make_url("")).rstrip("/")
        start = await fetch(http, base, "o-cli", None)
        assert start is not None and start.items == [] and isinstance(start.last, int)
        await enqueue(sessions, "o-cli", HELP)
        page = await _until_items(http, base, "o-cli", start.last)
        assert [item["text"] for item in page.items] == [HELP]
        assert page.last > start.last
        # Nothing new after the new cursor; another resident's deliveries are not theirs.
        assert await fetch(http, base, "o-cli", page.last) == Page([], page.last)
        assert await fetch(http, base, "o-other", start.last) == Page([], start.last)


async def test_a_server_that_cannot_answer_gives_none(config):
    async with aiohttp.ClientSession() as http:
        async with TestClient(TestServer(create_app(config))) as client:
            base = str(client.make_url("")).rstrip("/")
            assert await fetch(http, base, "", None) is None          # refused (400)
        assert await fetch(http, base, "o-cli", 3) is None            # stopped
