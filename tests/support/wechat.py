"""Pushes to /wechat as its tests write them: signatures, CDATA, replies read strictly."""

from __future__ import annotations

import hashlib

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
