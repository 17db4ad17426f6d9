"""Pushes to /wechat as its tests write them: signatures, CDATA, replies read strictly."""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable

import xmltodict

from tests.helpers import with_wechat


def plaintext_allowed(config):
    """`config` with safe mode not required: plaintext pushes are then taken beside
    encrypted ones (how both are verified and parsed is tested on one account)."""
    return with_wechat(config, require_safe_mode=False)



def sign(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def wx_cdata(text: str) -> str:
    """How WeChat puts text containing "]]>" into CDATA."""
    return text.replace("]]>", "]]]]><![CDATA[>")


def params_with_timestamp(timestamp: str, nonce: str = "424242") -> dict[str, str]:
    from bot.config import DEV_TOKEN

    return {"signature": sign(DEV_TOKEN, timestamp, nonce), "timestamp": timestamp,
            "nonce": nonce}


def reply_fields(body: str) -> dict:
    """The <xml> of a plaintext passive reply, parsed without wechatpy's leniency."""
    return xmltodict.parse(body)["xml"]


async def post(client, params, body, **kwargs):
    return await client.post("/wechat", params=params, data=body, **kwargs)


async def assert_refused(client, params, body, status, **kwargs):
    response = await post(client, params, body, **kwargs)
    assert response.status == status, await response.text()
    assert not (await response.text()).lstrip().startswith("<xml")


async def assert_refused_at_offset(client, offset: int, max_skew_s: int,
                                   push: Callable[[int], tuple[dict[str, str], str]]) -> None:
    """`push(stamp)`, signed `offset` s from now, is refused as outside the clock skew.
    The server reads its clock after we do: a stamp 301 s ahead when signed is 300 s ahead
    if the server reads it in the next second. An answer is judged only when every second
    the server can have read puts the stamp outside the window; else it is signed again at
    the start of the next second, which leaves the push the most time to be read in it."""
    for _ in range(5):
        second = int(time.time())
        params, body = push(second + offset)
        response = await post(client, params, body)
        read = range(second, int(time.time()) + 1)
        if all(abs(now - (second + offset)) > max_skew_s for now in read):
            assert response.status == 403, await response.text()
            assert not (await response.text()).lstrip().startswith("<xml")
            return
        await asyncio.sleep(1.0 - time.time() % 1.0)
    raise AssertionError(f"no push signed {offset} s ahead was answered within its second")
