"""/wechat: URL check, the three modes, every refusal of CONTRACT §3, and never a 500."""

from __future__ import annotations

import base64
import hashlib
import random
import time

import pytest
import xmltodict
from wechatpy import parse_message

from bot.bodies import MAX_BODY_BYTES
from bot.channels.wechat_codec import render_text_reply
from handlers import texts
from tests.helpers import APP_ID, inbound_rows, running, with_wechat
from tests.pushes import event_xml, open_reply, plain_params, safe_push, text_xml

HELP = texts.text("help")


def plaintext_allowed(config):
    """`config` with safe mode not required: plaintext pushes are then taken beside
    encrypted ones (how both are verified and parsed is tested on one account)."""
    return with_wechat(config, require_safe_mode=False)


@pytest.fixture
async def client(config):
    """The real app, workers running, with a scripted dispatcher in place of the intent
    router: what is tested here must not depend on how messages are classified. Safe mode
    is not required here; tests of requiring it use `strict`."""
    async with running(plaintext_allowed(config), run_workers=True) as client:
        yield client


@pytest.fixture
async def strict(config):
    """The app with the shipped default: an AES key set and safe mode required."""
    assert config.wechat.require_safe_mode and config.wechat.encoding_aes_key
    async with running(config) as client:
        yield client


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


# --- refusals -------------------------------------------------------------------------------

async def assert_refused(client, params, body, status, **kwargs):
    response = await post(client, params, body, **kwargs)
    assert response.status == status, await response.text()
    assert not (await response.text()).lstrip().startswith("<xml")


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
async def test_stale_timestamp_is_403(client, offset):
    stamp = int(time.time()) + offset
    await assert_refused(client, plain_params(timestamp=stamp), text_xml("o-stale", "你好"), 403)
    params, body = safe_push(text_xml("o-stale", "你好"), APP_ID, timestamp=stamp)
    await assert_refused(client, params, body, 403)


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


# --- control characters, unknown types, injection -------------------------------------------

@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "safe"])
async def test_control_characters_are_stripped_and_the_message_kept(client, sessions,
                                                                    encrypted):
    openid = f"o-ctl-{encrypted}"
    xml = text_xml(openid, "门口\x1d有人\x00吵架\x08\x7f了")
    if encrypted:
        params, body = safe_push(xml, APP_ID)
    else:
        params, body = plain_params(), xml
    response = await post(client, params, body)
    assert response.status == 200
    [row] = await inbound_rows(sessions, openid)
    assert row.content == "门口有人吵架了"
    assert "\x1d" not in row.raw and "\x00" not in row.raw


async def test_unknown_message_type_is_stored_and_answered_success(config, sessions):
    xml = ("<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
           "<FromUserName><![CDATA[o-unknown]]></FromUserName>"
           f"<CreateTime>{int(time.time())}</CreateTime>"
           "<MsgType><![CDATA[miniprogrampage]]></MsgType><Title><![CDATA[t]]></Title>"
           "<MsgId>771100</MsgId></xml>")
    async with running(plaintext_allowed(config), dispatch=None) as client:  # real router
        response = await post(client, plain_params(), xml)
        assert response.status == 200
        assert await response.text() == "success"
    [row] = await inbound_rows(sessions, "o-unknown")
    assert row.msg_type == "miniprogrampage"
    assert row.dedupe_key == "msg:771100"
    assert "<Title>" in row.raw


async def test_user_text_and_openid_cannot_inject_elements_into_the_reply(client, sessions):
    hostile = "x]]><Evil>1</Evil><Content>pwned</Content><![CDATA["
    xml = (f"<xml><ToUserName><![CDATA[{wx_cdata('gh]]><Evil2/>')}]]></ToUserName>"
           f"<FromUserName><![CDATA[{wx_cdata(hostile)}]]></FromUserName>"
           f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
           f"<Content><![CDATA[{wx_cdata(hostile)}]]></Content><MsgId>881100</MsgId></xml>")
    for params, body in (
        (plain_params(), xml),
        safe_push(xml.replace("881100", "881101"), APP_ID),
    ):
        response = await post(client, params, body)
        assert response.status == 200
        raw = await response.text()
        plain = open_reply(raw, APP_ID, params) if "<Encrypt>" in raw else raw
        fields = reply_fields(plain)
        assert set(fields) == {"ToUserName", "FromUserName", "CreateTime", "MsgType", "Content"}
        assert fields["ToUserName"] == hostile
        assert fields["FromUserName"] == "gh]]><Evil2/>"
        assert fields["Content"] == HELP
    rows = await inbound_rows(sessions)
    assert [r.content for r in rows] == [hostile, hostile]


@pytest.mark.parametrize("text", ["]]>", "a]]>b]]>c", "]]]]>", "<xml>", "]]><Content>x</Content>"])
def test_rendered_reply_carries_any_text_in_one_content(text):
    fields = reply_fields(render_text_reply("o]]>1", "gh]]>", text))
    assert set(fields) == {"ToUserName", "FromUserName", "CreateTime", "MsgType", "Content"}
    assert (fields["ToUserName"], fields["FromUserName"], fields["Content"]) == (
        "o]]>1", "gh]]>", text)


ODD_BUT_WELL_FORMED = {
    "huge_create_time": text_xml("o-odd", "x", msg_id=9101, create_time=99999999999999999999),
    "unicode_digit_create_time": text_xml("o-odd", "x", msg_id=9102).replace(
        "<CreateTime>", "<CreateTime>²", 1),
    "long_msg_id": text_xml("o-odd", "x", msg_id=int("7" * 300)),
    "long_event_key": event_xml("o-odd", "CLICK", "K" * 400),
    "long_label": "<xml><ToUserName>gh</ToUserName><FromUserName>o-odd</FromUserName>"
                  "<CreateTime>1700000000</CreateTime><MsgType>location</MsgType>"
                  "<Location_X>36.45</Location_X><Location_Y>115.98</Location_Y>"
                  f"<Label>{'古楼' * 300}</Label><MsgId>9103</MsgId></xml>",
    "long_openid": text_xml("o" * 200, "x", msg_id=9104),
}


@pytest.mark.parametrize("xml", ODD_BUT_WELL_FORMED.values(), ids=ODD_BUT_WELL_FORMED.keys())
async def test_odd_field_values_are_accepted_and_stored(client, sessions, xml):
    response = await post(client, plain_params(), xml)
    assert response.status == 200
    [row] = await inbound_rows(sessions)
    assert len(row.dedupe_key) <= 160
    # Sent again, the same push is recognised as the same message.
    response = await post(client, plain_params(), xml)
    assert response.status == 200
    assert len(await inbound_rows(sessions)) == 1


async def test_long_message_ids_that_share_a_prefix_stay_distinct(client, sessions):
    for msg_id in (int("7" * 300 + "1"), int("7" * 300 + "2")):
        response = await post(client, plain_params(), text_xml("o-ids", "x", msg_id=msg_id))
        assert response.status == 200
    assert len(await inbound_rows(sessions, "o-ids")) == 2


# --- never a 500 ----------------------------------------------------------------------------

def mangle(rng: random.Random, data: str) -> str:
    choice = rng.randrange(8)
    at = rng.randrange(len(data) + 1)
    if choice == 0:
        return data[:at]
    if choice == 1:
        return data[:at] + data[at + rng.randrange(1, 20):]
    if choice == 2:
        junk = rng.choice(["<", ">", "&", "]]>", "<!", "<![CDATA[", "</xml>", "\x00", "\x1d",
                           "\ufffe", "&#0;", "&#x1d;", "\"'"])
        return data[:at] + junk + data[at:]
    if choice == 3:
        return data.replace(rng.choice(["CreateTime", "MsgId", "MsgType", "Content", "xml"]),
                            rng.choice(["", "X", "msgid", "a b"]), 1)
    if choice == 4:
        return data[:at] + "".join(chr(rng.randrange(0, 0x3000)) for _ in range(8)) + data[at:]
    if choice == 5:
        return data.replace(str(rng.choice(["text", "event", "subscribe", "CLICK"])),
                            rng.choice(["location", "image", "voice", "event", "", "TEXT"]), 1)
    if choice == 6:
        digits = rng.choice(["9" * 30, "-1", "1e9", "²", "0x10", ""])
        return data.replace(rng.choice([">17", ">7"]), f">{digits}", 1)
    return data * rng.randrange(2, 4)


async def test_fuzzed_pushes_never_get_a_500(client):
    rng = random.Random(20240611)
    seeds = [
        text_xml("o-fuzz", "你好 ]]> <b>", msg_id=7001),
        event_xml("o-fuzz", "CLICK", "MY_TICKETS", create_time=1700000000),
        event_xml("o-fuzz", "subscribe", "qrscene_7", create_time=1700000001),
        "<xml><ToUserName>gh</ToUserName><FromUserName>o-fuzz</FromUserName>"
        "<CreateTime>1700000002</CreateTime><MsgType>location</MsgType>"
        "<Location_X>36.45</Location_X><Location_Y>115.98</Location_Y><Scale>15</Scale>"
        "<Label>古楼街道</Label><MsgId>7002</MsgId></xml>",
        "<xml><ToUserName>gh</ToUserName><FromUserName>o-fuzz</FromUserName>"
        "<CreateTime>1700000003</CreateTime><MsgType>image</MsgType>"
        "<PicUrl>http://x/y</PicUrl><MediaId>m1</MediaId><MsgId>7003</MsgId></xml>",
    ]
    statuses = set()
    for round_ in range(120):
        xml = mangle(rng, rng.choice(seeds))
        if round_ % 3 == 0:
            params, body = safe_push(xml, APP_ID)
        else:
            params, body = plain_params(), xml
        response = await post(client, params, body.encode("utf-8", "surrogatepass"))
        statuses.add(response.status)
        assert response.status in (200, 400), (response.status, xml)
    assert statuses == {200, 400}


async def test_fuzzed_query_strings_never_get_a_500(client):
    rng = random.Random(7)
    values = ["", "abc", "9" * 40, "-5", "aes", "AES", "raw", "\u00e9", "%00", "0" * 40]
    for _ in range(40):
        params, body = safe_push(text_xml("o-q", "你好"), APP_ID)
        key = rng.choice(sorted(params))
        params[key] = rng.choice(values)
        response = await post(client, params, body)
        assert response.status in (200, 400, 403), (key, params[key])
