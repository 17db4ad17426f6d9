"""/wechat: control characters, unknown types, no injection into replies, and never a 500
whatever arrives."""

from __future__ import annotations

import random
import time

import pytest

from bot.channels.wechat_codec import render_text_reply
from handlers import texts
from tests.helpers import APP_ID, inbound_rows, running
from tests.pushes import event_xml, open_reply, plain_params, safe_push, text_xml
from tests.support.wechat import (
    plaintext_allowed,
    post,
    reply_fields,
    wx_cdata,
)

HELP = texts.text("help")


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
