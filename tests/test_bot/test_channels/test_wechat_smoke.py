"""Smoke: a plaintext and a safe-mode text push get the help text, on both databases."""

from wechatpy import parse_message

from tests.helpers import APP_ID, running, with_wechat
from tests.pushes import open_reply, plain_params, safe_push, text_xml


async def test_plaintext_text_gets_help_on_an_account_without_aes_key(config):
    async with running(with_wechat(config, encoding_aes_key=""), dispatch=None) as client:
        response = await client.post("/wechat", params=plain_params(),
                                     data=text_xml("o1", "你好"))
        assert response.status == 200
        reply = parse_message(await response.text())
        assert "本平台非24小时值守" in reply.content


async def test_plaintext_is_refused_once_an_aes_key_is_set(client):
    response = await client.post("/wechat", params=plain_params(), data=text_xml("o1", "你好"))
    assert response.status == 403


async def test_safe_mode_reply_is_encrypted(client):
    params, body = safe_push(text_xml("o2", "你好"), APP_ID)
    response = await client.post("/wechat", params=params, data=body)
    assert response.status == 200
    raw = await response.text()
    assert "<Encrypt>" in raw
    reply = parse_message(open_reply(raw, APP_ID, params))
    assert reply.target == "o2"
    assert "紧急情况请拨打110" in reply.content
