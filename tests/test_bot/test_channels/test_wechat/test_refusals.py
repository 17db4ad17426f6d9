"""/wechat: every refusal of CONTRACT §3 (signatures, time, size, XML, ciphertext)."""

from __future__ import annotations

import base64
import time

import pytest
from wechatpy import parse_message

from bot.bodies import MAX_BODY_BYTES
from handlers import texts
from tests.helpers import APP_ID, inbound_rows, running, with_wechat
from tests.pushes import open_reply, plain_params, safe_push, text_xml
from tests.support.wechat import (
    assert_refused,
    assert_refused_at_offset,
    params_with_timestamp,
    post,
    reply_fields,
    sign,
)

HELP = texts.text("help")


@pytest.mark.parametrize("change", [
    {"signature": "0" * 40},
    {"signature": ""},
    {"nonce": "99999"},
])
async def test_plaintext_bad_signature_is_403(client, sessions, change):
    await assert_refused(client, plain_params() | change, text_xml("o-badsig", "你好"), 403)
    assert await inbound_rows(sessions) == []


async def test_plaintext_without_signature_is_403(client):
    await assert_refused(client, {}, text_xml("o-nosig", "你好"), 403)


@pytest.mark.parametrize("change", [{"msg_signature": "0" * 40}, {"msg_signature": ""},
                                    {"nonce": "12"}])
async def test_safe_mode_bad_msg_signature_is_403(client, sessions, change):
    params, body = safe_push(text_xml("o-badmsgsig", "你好"), APP_ID)
    await assert_refused(client, params | change, body, 403)
    assert await inbound_rows(sessions) == []


async def test_safe_mode_without_msg_signature_is_403(client):
    params, body = safe_push(text_xml("o-nomsgsig", "你好"), APP_ID)
    del params["msg_signature"]
    await assert_refused(client, params, body, 403)


@pytest.mark.parametrize("offset", [-301, 301, -86400])
async def test_stale_timestamp_is_403(client, config, offset):
    skew = config.wechat.max_clock_skew_s
    await assert_refused_at_offset(
        client, offset, skew,
        lambda stamp: (plain_params(timestamp=stamp), text_xml("o-stale", "你好")))
    await assert_refused_at_offset(
        client, offset, skew,
        lambda stamp: safe_push(text_xml("o-stale", "你好"), APP_ID, timestamp=stamp))


async def test_timestamp_within_the_skew_is_accepted(client):
    stamp = int(time.time()) - 250
    response = await post(client, plain_params(timestamp=stamp), text_xml("o-skew", "你好"))
    assert response.status == 200


@pytest.mark.parametrize("timestamp", ["", "abc", "1.5e9", "-1700000000", " 1700000000",
                                       "1_700_000_000", "١٧٠٠٠٠٠٠٠٠", "9" * 400])
async def test_non_numeric_timestamp_is_403(client, timestamp):
    # Correctly signed, so only the timestamp itself can be the reason.
    await assert_refused(client, params_with_timestamp(timestamp), text_xml("o-ts", "你好"), 403)


async def test_huge_timestamp_in_safe_mode_is_403(client):
    params, body = safe_push(text_xml("o-huge", "你好"), APP_ID)
    await assert_refused(client, params | {"timestamp": "9" * 400}, body, 403)


async def test_zero_skew_turns_the_window_off(config):
    async with running(with_wechat(config, max_clock_skew_s=0,
                                   require_safe_mode=False)) as client:
        old = int(time.time()) - 3 * 86400
        response = await post(client, plain_params(timestamp=old), text_xml("o-old", "你好"))
        assert response.status == 200
        params, body = safe_push(text_xml("o-old", "再问一次"), APP_ID, timestamp=old)
        response = await post(client, params, body)
        assert response.status == 200
        assert parse_message(open_reply(await response.text(), APP_ID, params)).content == HELP
        # A non-numeric timestamp is still refused.
        await assert_refused(client, params_with_timestamp("abc"), text_xml("o-old", "x"), 403)


@pytest.mark.parametrize("body", [b"", b"   \n", b"\x00\x00"])
async def test_empty_body_is_400(client, body):
    await assert_refused(client, plain_params(), body, 400)
    params, _ = safe_push(text_xml("o-empty", "你好"), APP_ID)
    await assert_refused(client, params, body, 400)


MALFORMED = [
    "not xml at all",
    "<xml><FromUserName>o-bad</FromUserName><MsgType>text</MsgType>",
    "<xml><FromUserName>o-bad</FromUserName></MsgType></xml>",
    "<xml>just text</xml>",
    "<xml/>",
    "<other><FromUserName>o-bad</FromUserName><MsgType>text</MsgType></other>",
    "<xml><FromUserName>o-bad</FromUserName><MsgType>text</MsgType></xml><xml/>",
    "<xml><FromUserName>o &bogus; </FromUserName><MsgType>text</MsgType></xml>",
    "<xml><FromUserName>o-bad</FromUserName><MsgType>event</MsgType><Event/></xml>",
    "<xml><FromUserName>o-bad</FromUserName><MsgType>location</MsgType>"
    "<Location_X>north</Location_X><Location_Y>1</Location_Y></xml>",
    "<xml><FromUserName>o-bad</FromUserName><MsgType>location</MsgType>"
    "<Location_X>nan</Location_X><Location_Y>inf</Location_Y></xml>",
    # Nested thousands deep: refused, not a recursion error.
    "<xml><FromUserName>o-bad</FromUserName><MsgType>text</MsgType><Content>"
    + "<a>" * 5000 + "</a>" * 5000 + "</Content></xml>",
    "<xml><FromUserName>o-bad</FromUserName><MsgType>text</MsgType>"
    "<Content><b>not text</b></Content></xml>",
    "<ns:xml xmlns:ns='urn:x'><FromUserName>o-bad</FromUserName><MsgType>text</MsgType></ns:xml>",
]


@pytest.mark.parametrize("xml", MALFORMED)
async def test_malformed_xml_is_400(client, sessions, xml):
    await assert_refused(client, plain_params(), xml, 400)
    params, body = safe_push(xml, APP_ID)
    await assert_refused(client, params, body, 400)
    assert await inbound_rows(sessions) == []


async def test_body_that_is_not_utf8_is_400(client):
    body = text_xml("o-gbk", "你好").encode("gbk")
    await assert_refused(client, plain_params(), body, 400)


DOCTYPES = [
    '<!DOCTYPE xml [<!ENTITY who "o-entity">]><xml><FromUserName>&who;</FromUserName>'
    "<MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>",
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
    "<xml><FromUserName>o</FromUserName><MsgType>text</MsgType>"
    "<Content>&lol2;</Content></xml>",
    '<!DOCTYPE xml SYSTEM "file:///etc/passwd"><xml><FromUserName>o</FromUserName>'
    "<MsgType>text</MsgType></xml>",
    '<?xml version="1.0"?>\n<!doctype xml><xml><FromUserName>o</FromUserName>'
    "<MsgType>text</MsgType></xml>",
]


@pytest.mark.parametrize("xml", DOCTYPES)
async def test_doctype_and_entities_are_400(client, sessions, xml):
    await assert_refused(client, plain_params(), xml, 400)
    params, body = safe_push(xml, APP_ID)
    await assert_refused(client, params, body, 400)
    # The safe-mode envelope itself may not carry one either.
    params, body = safe_push(text_xml("o-env", "你好"), APP_ID)
    await assert_refused(client, params, '<!DOCTYPE xml [<!ENTITY e "1">]>' + body, 400)
    assert await inbound_rows(sessions) == []


@pytest.mark.parametrize("missing", ["FromUserName", "MsgType"])
async def test_missing_required_field_is_400(client, missing):
    xml = text_xml("o-missing", "你好")
    start, end = xml.index(f"<{missing}>"), xml.index(f"</{missing}>") + len(missing) + 3
    await assert_refused(client, plain_params(), xml[:start] + xml[end:], 400)
    empty = xml[:start] + f"<{missing}><![CDATA[  ]]></{missing}>" + xml[end:]
    await assert_refused(client, plain_params(), empty, 400)
    nested = xml[:start] + f"<{missing}><a>o</a></{missing}>" + xml[end:]
    await assert_refused(client, plain_params(), nested, 400)


def bad_ciphertext_push(ciphertext: str) -> tuple[dict[str, str], str]:
    from bot.config import DEV_TOKEN

    params = plain_params()
    params.update(encrypt_type="aes",
                  msg_signature=sign(DEV_TOKEN, params["timestamp"], params["nonce"],
                                     ciphertext))
    return params, f"<xml><ToUserName>gh_test</ToUserName><Encrypt>{ciphertext}</Encrypt></xml>"


@pytest.mark.parametrize("ciphertext", [
    "!!!not-base64!!!",
    base64.b64encode(bytes(range(37))).decode(),
    base64.b64encode(bytes(range(100, 132))).decode(),
    base64.b64encode(bytes(range(256)) * 2).decode(),
    "QUJD",
], ids=["not_base64", "not_block_sized", "one_garbage_block_pair", "long_garbage", "tiny"])
async def test_bad_ciphertext_is_400(client, ciphertext):
    params, body = bad_ciphertext_push(ciphertext)
    await assert_refused(client, params, body, 400)


async def test_missing_encrypt_element_is_400(client):
    params, _ = safe_push(text_xml("o-noenc", "你好"), APP_ID)
    await assert_refused(client, params, text_xml("o-noenc", "你好"), 400)


async def test_wrong_app_id_is_400(client, sessions):
    params, body = safe_push(text_xml("o-appid", "你好"), "wxsomeoneelse0001")
    await assert_refused(client, params, body, 400)
    assert await inbound_rows(sessions) == []


def padded_text_push(size: int) -> str:
    """A valid text push of exactly `size` bytes."""
    xml = text_xml("o-big", "")
    filler = size - len(xml.encode())
    return text_xml("o-big", "a" * filler)


async def test_body_of_exactly_64_kib_is_accepted(client):
    body = padded_text_push(MAX_BODY_BYTES)
    assert len(body.encode()) == MAX_BODY_BYTES
    response = await post(client, plain_params(), body)
    assert response.status == 200


async def test_body_over_64_kib_is_413(client, sessions):
    body = padded_text_push(MAX_BODY_BYTES + 1)
    await assert_refused(client, plain_params(), body, 413)
    assert await inbound_rows(sessions) == []


async def test_chunked_body_over_64_kib_is_413(client, sessions):
    async def chunks():
        for _ in range(20):
            yield b"<xml>" + b"a" * 8192

    await assert_refused(client, plain_params(), chunks(), 413)
    assert await inbound_rows(sessions) == []


async def test_chunked_body_within_limit_is_accepted(client):
    xml = text_xml("o-chunked", "分块发送").encode()

    async def chunks():
        yield xml[:20]
        yield xml[20:]

    response = await post(client, plain_params(), chunks())
    assert response.status == 200
    assert reply_fields(await response.text())["Content"] == HELP
