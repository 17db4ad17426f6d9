"""/wechat: the URL check and the three modes (plaintext, compatible, safe)."""

from __future__ import annotations

import pytest
from wechatpy import parse_message

from handlers import texts
from tests.helpers import APP_ID, running, with_wechat
from tests.pushes import event_xml, open_reply, plain_params, safe_push, text_xml
from tests.support.wechat import (
    post,
    reply_fields,
)

HELP = texts.text("help")


# --- URL check ------------------------------------------------------------------------------

async def test_url_check_echoes_echostr_with_a_valid_signature(client):
    params = plain_params() | {"echostr": "7361209873421"}
    response = await client.get("/wechat", params=params)
    assert response.status == 200
    assert await response.text() == "7361209873421"


@pytest.mark.parametrize("change", [
    {"signature": "0" * 40},
    {"signature": ""},
    {"nonce": "other"},
    {"timestamp": "1"},
])
async def test_url_check_refuses_a_bad_signature_without_echoing(client, change):
    params = plain_params() | {"echostr": "echo-me-5521"} | change
    response = await client.get("/wechat", params=params)
    assert response.status == 403
    assert "echo-me-5521" not in await response.text()


async def test_url_check_without_signature_is_refused(client):
    response = await client.get("/wechat", params={"echostr": "echo-me-5522"})
    assert response.status == 403
    assert "echo-me-5522" not in await response.text()


async def test_url_check_with_another_token_is_refused(client):
    params = plain_params(token="not-our-token") | {"echostr": "echo-me-5523"}
    response = await client.get("/wechat", params=params)
    assert response.status == 403


# --- the three modes ------------------------------------------------------------------------

async def test_plaintext_push_gets_a_plaintext_reply(client):
    response = await post(client, plain_params(), text_xml("o-plain", "你好"))
    assert response.status == 200
    body = await response.text()
    assert "<Encrypt>" not in body
    fields = reply_fields(body)
    assert fields["ToUserName"] == "o-plain"
    assert fields["FromUserName"] == "gh_test"
    assert fields["MsgType"] == "text"
    assert fields["Content"] == HELP


async def test_plaintext_push_is_answered_plainly_even_with_an_aes_key(client):
    # The config has an AES key; the mode is read from the request, not the config.
    response = await post(client, plain_params(), event_xml("o-sub", "subscribe"))
    assert response.status == 200
    assert reply_fields(await response.text())["Content"] == texts.text("welcome")


@pytest.mark.parametrize("compatible", [False, True], ids=["safe", "compatible"])
async def test_encrypted_push_gets_an_encrypted_reply(client, compatible):
    params, body = safe_push(text_xml("o-safe", "你好"), APP_ID, compatible=compatible)
    response = await post(client, params, body)
    assert response.status == 200
    raw = await response.text()
    assert "<Encrypt>" in raw and "<Content>" not in raw
    reply = parse_message(open_reply(raw, APP_ID, params))
    assert reply.target == "o-safe"
    assert reply.content == HELP


async def test_encrypted_push_without_aes_key_configured_is_400(config):
    async with running(with_wechat(config, encoding_aes_key="")) as client:
        params, body = safe_push(text_xml("o-noaes", "你好"), APP_ID)
        response = await post(client, params, body)
        assert response.status == 400
        # Plaintext still works on that account.
        response = await post(client, plain_params(), text_xml("o-noaes", "你好"))
        assert response.status == 200
        assert reply_fields(await response.text())["Content"] == HELP


async def test_hostile_nonce_is_not_echoed_into_the_encrypted_reply(client):
    nonce = "a]]><Evil>1</Evil>"
    params, body = safe_push(text_xml("o-nonce", "你好"), APP_ID, nonce=nonce)
    response = await post(client, params, body)
    assert response.status == 200
    raw = await response.text()
    envelope = reply_fields(raw)
    assert set(envelope) == {"Encrypt", "MsgSignature", "TimeStamp", "Nonce"}
    assert parse_message(open_reply(raw, APP_ID, params)).content == HELP
