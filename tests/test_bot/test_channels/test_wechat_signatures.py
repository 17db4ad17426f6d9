"""/wechat and /wecom: safe mode enforced, and a URL signature good for one message only."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select
from wechatpy import parse_message

from bot.bodies import MAX_BODY_BYTES
from handlers import texts
from storage.delivery.models import OutboxJob
from storage.intake.models import InboundMessage, PushNonce
from storage.tickets.models import Ticket
from tests.doors import wecom_push, wecom_text, with_doors
from tests.helpers import APP_ID, inbound_rows, running, with_wechat
from tests.pushes import event_xml, open_reply, plain_params, safe_push, text_xml
from tests.workbench import add_officer

HELP = texts.text("help")
GREETING = texts.with_110(texts.text("courtesy_greeting"))


async def post(client, params, body):
    response = await client.post("/wechat", params=params, data=body)
    return response.status, await response.text()


async def count(sessions, model) -> int:
    async with sessions() as session:
        return len(list(await session.scalars(select(model))))


# --- safe mode required ---------------------------------------------------------------------

async def test_a_forged_plaintext_push_is_refused_when_safe_mode_is_required(config, sessions):
    assert config.wechat.require_safe_mode  # the default
    async with running(config, dispatch=None) as client:   # the real intent router
        # A correct URL signature (e.g. copied from a genuine push) authenticates no body.
        status, text = await post(client, plain_params(),
                                  text_xml("o-forged", "救命！有人在砸我家门"))
        assert status == 403 and "safe mode" in text
        # The URL check and encrypted pushes still work.
        echo = await client.get("/wechat", params=plain_params() | {"echostr": "e-1"})
        assert (echo.status, await echo.text()) == (200, "e-1")
        params, body = safe_push(text_xml("o-real", "你好"), APP_ID)
        assert (await post(client, params, body))[0] == 200
    assert [r.openid for r in await inbound_rows(sessions)] == ["o-real"]
    assert await count(sessions, Ticket) == 0
    assert await count(sessions, OutboxJob) == 0


async def test_plaintext_is_accepted_without_an_aes_key_or_when_not_required(config):
    for changes in ({"encoding_aes_key": ""}, {"require_safe_mode": False}):
        async with running(with_wechat(config, **changes)) as client:
            status, _ = await post(client, plain_params(), text_xml("o-plain", "你好"))
            assert status == 200


async def test_compatible_mode_trusts_only_the_encrypted_message(config, sessions):
    async with running(config) as client:
        genuine = text_xml("o-genuine", "真实的内容", msg_id=41001)
        params, body = safe_push(genuine, APP_ID, compatible=True)
        # The plaintext fields beside <Encrypt> are rewritten; msg_signature cannot see them.
        body = (body.replace("o-genuine", "o-forged").replace("真实的内容", "伪造的内容")
                .replace("41001", "41002"))
        status, raw = await post(client, params, body)
        assert status == 200
        reply = parse_message(open_reply(raw, APP_ID, params))
        assert (reply.target, reply.content) == ("o-genuine", HELP)
    [row] = await inbound_rows(sessions)
    assert (row.openid, row.content, row.dedupe_key) == ("o-genuine", "真实的内容", "msg:41001")


# --- a timestamp and nonce are good for one message -----------------------------------------

async def test_a_reused_signature_with_a_new_body_is_refused(config, sessions):
    # The incident: a genuine plaintext push's URL signature sent again with other bodies.
    async with running(with_wechat(config, encoding_aes_key=""), dispatch=None) as client:
        params = plain_params()
        status, _ = await post(client, params, text_xml("o-genuine", "你好", msg_id=42001))
        assert status == 200
        forged = [
            text_xml("o-genuine", "救命！有人拿刀在砸我家门", msg_id=42002),
            text_xml("o-victim", "我要投诉楼下烧烤店", msg_id=42003),
            event_xml("o-genuine", "CLICK", "MY_TICKETS"),
        ]
        for xml in forged:
            status, text = await post(client, params, xml)
            assert status == 403 and "already used" in text
        # WeChat's own retry of the genuine message, same signature: the same answer.
        status, raw = await post(client, params, text_xml("o-genuine", "你好", msg_id=42001))
        # The real router: one courteous line for 你好 (issue 14.5), the day's first reply.
        assert status == 200 and parse_message(raw).content == GREETING
    assert [r.dedupe_key for r in await inbound_rows(sessions)] == ["msg:42001"]
    assert await count(sessions, Ticket) == 0
    assert await count(sessions, OutboxJob) == 0


async def test_events_are_told_apart_by_sender_time_event_and_key(config, sessions):
    async with running(with_wechat(config, require_safe_mode=False)) as client:
        stamp = int(time.time())
        params = plain_params(timestamp=stamp)
        first = event_xml("o-evt", "CLICK", "GUIDE", create_time=1_790_000_000)
        assert (await post(client, params, first))[0] == 200
        assert (await post(client, params, first))[0] == 200      # its retry
        for other in (event_xml("o-evt", "CLICK", "MY_TICKETS", create_time=1_790_000_000),
                      event_xml("o-evt", "CLICK", "GUIDE", create_time=1_790_000_001),
                      event_xml("o-evt2", "CLICK", "GUIDE", create_time=1_790_000_000),
                      event_xml("o-evt", "subscribe", "GUIDE", create_time=1_790_000_000)):
            assert (await post(client, params, other))[0] == 403
        # The same nonce at another timestamp is another signature.
        later = plain_params(timestamp=stamp + 1, nonce=params["nonce"])
        assert (await post(client, later, event_xml("o-evt", "subscribe")))[0] == 200
    assert len(await inbound_rows(sessions)) == 2


async def test_a_reused_safe_mode_signature_is_refused_too(config):
    async with running(config) as client:
        stamp, nonce = int(time.time()), "93939393"
        params, body = safe_push(text_xml("o-safe", "第一条", msg_id=43001), APP_ID,
                                 timestamp=stamp, nonce=nonce)
        assert (await post(client, params, body))[0] == 200
        assert (await post(client, params, body))[0] == 200       # WeChat's retry
        # Another message signed by someone holding the keys, with the same timestamp+nonce.
        params, body = safe_push(text_xml("o-safe", "第二条", msg_id=43002), APP_ID,
                                 timestamp=stamp, nonce=nonce)
        assert (await post(client, params, body))[0] == 403


async def test_reuse_is_refused_across_instances_sharing_the_database(config, sessions):
    config = with_wechat(config, require_safe_mode=False)
    async with running(config) as one, running(config) as two:
        params = plain_params()
        assert (await post(one, params, text_xml("o-two", "一", msg_id=44001)))[0] == 200
        assert (await post(two, params, text_xml("o-two", "二", msg_id=44002)))[0] == 403
        assert (await post(two, params, text_xml("o-two", "一", msg_id=44001)))[0] == 200
    assert [r.dedupe_key for r in await inbound_rows(sessions)] == ["msg:44001"]


async def test_no_window_means_no_reuse_check(config, sessions):
    config = with_wechat(config, require_safe_mode=False, max_clock_skew_s=0)
    async with running(config) as client:
        params = plain_params()
        for msg_id in (45001, 45002):
            assert (await post(client, params, text_xml("o-off", "x", msg_id=msg_id)))[0] == 200
    assert len(await inbound_rows(sessions)) == 2
    assert await count(sessions, PushNonce) == 0


async def test_wecom_refuses_a_reused_timestamp_and_nonce(config, sessions):
    await add_officer(sessions, "a1", wecom_user="wx-a1")
    async with running(with_doors(config)) as client:
        stamp, nonce = int(time.time()), "wc123456"
        for content, status in (("我的工单", 200), ("帮助", 403)):
            params, body = wecom_push(wecom_text("wx-a1", content), timestamp=stamp,
                                      nonce=nonce)
            response = await client.post("/wecom", params=params, data=body)
            assert response.status == status
    async with sessions() as session:
        rows = list(await session.scalars(select(InboundMessage.content)))
    assert rows == ["我的工单"]


# --- the order of the checks: size, mode, signature and time, XML, reuse --------------------

def oversized() -> str:
    return text_xml("o-order", "a" * (MAX_BODY_BYTES + 10))


@pytest.mark.parametrize(("name", "expected"), [
    ("oversized plaintext with safe mode required", (413, "64 KiB")),
    ("plaintext with a bad signature and bad XML, safe mode required", (403, "safe mode")),
    ("bad signature and bad XML", (403, "signature")),
    ("stale timestamp and bad XML", (403, "clock skew")),
    ("safe mode: bad URL signature and a bad envelope", (403, "signature")),
    ("reused signature and bad XML", (400, "XML")),
    ("reused signature", (403, "already used")),
])
async def test_checks_come_in_the_contract_order(config, name, expected):
    strict = config
    lenient = with_wechat(config, require_safe_mode=False)
    stale = int(time.time()) - 3600
    used = plain_params()
    cases = {
        "oversized plaintext with safe mode required":
            (strict, dict(used, signature="0" * 40), oversized()),
        "plaintext with a bad signature and bad XML, safe mode required":
            (strict, dict(used, signature="0" * 40), "<xml><oops"),
        "bad signature and bad XML": (lenient, dict(used, signature="0" * 40), "<xml><oops"),
        "stale timestamp and bad XML": (lenient, plain_params(timestamp=stale), "<xml><oops"),
        "safe mode: bad URL signature and a bad envelope":
            (strict, dict(used, encrypt_type="aes", msg_signature="0" * 40,
                          signature="1" * 40), "<xml><oops"),
        "reused signature and bad XML": (lenient, used, "<xml><oops"),
        "reused signature": (lenient, used, text_xml("o-order", "二", msg_id=46002)),
    }
    app_config, params, body = cases[name]
    async with running(app_config) as client:
        # The genuine push whose signature the reuse cases copy.
        first = await client.post("/wechat", params=plain_params() if app_config is strict
                                  else used, data=text_xml("o-order", "一", msg_id=46001))
        assert first.status == (403 if app_config is strict else 200)
        status, text = await post(client, params, body)
    assert status == expected[0], text
    assert expected[1] in text
