"""Unpaired surrogates (a JSON "\\ud800", UTF-8-encoded surrogate bytes, an XML character
reference) are refused at every door with the field named: 422 in the API, 400 at the
hotline (never 503: the call centre would retry for ever) and at /wechat and /wecom."""

from __future__ import annotations

import json

import pytest

from bot.api.routes import PREFIX
from bot.bodies import dumps
from handlers.officers import accounts as officers
from storage.base import utcnow
from tests.doors import signed, wecom_push, wecom_text, with_doors
from tests.helpers import inbound_rows, running, with_wechat
from tests.officer_clients import post, signed_in
from tests.pushes import plain_params, safe_push, text_xml
from tests.workbench import UNIT_A, staff, ticket

LONE = "\ud800"
# (action, the caller, body): the field holding the surrogate is the one named.
ACTIONS = [
    ("notes", "a1", {"text": f"备注{LONE}"}, "text"),
    ("replies", "a1", {"text": f"您好{LONE}"}, "text"),
    ("assign", "a1", {"officer": f"a1{LONE}"}, "officer"),
    ("assign", "sup", {"officer": "a1", "reason": f"原因{LONE}"}, "reason"),
    ("status", "a1", {"status": f"resolved{LONE}"}, "status"),
    ("status", "a1", {"status": "resolved", "note": f"已处理{LONE}"}, "note"),
    ("transfer", "sup", {"unit": f"新区派出所{LONE}", "reason": "辖区"}, "unit"),
    ("transfer", "sup", {"unit": "新区派出所", "reason": f"辖区{LONE}"}, "reason"),
    ("kind", "a1", {"kind": f"consult{LONE}"}, "kind"),
]


@pytest.fixture
async def tokens(sessions):
    await staff(sessions)
    async with sessions() as session, session.begin():
        return {name: await officers.issue_token(session, name, utcnow())
                for name in ("a1", "sup")}


@pytest.mark.parametrize(("action", "who", "body", "field"), ACTIONS)
async def test_api_bodies_refuse_unpaired_surrogates_naming_the_field(
        config, sessions, tokens, action, who, body, field):
    t = await ticket(sessions, config, unit=UNIT_A)
    raw = json.dumps(body)          # ASCII, with the "\ud800" escape as JSON allows
    async with running(config) as client:
        response = await client.post(
            f"{PREFIX}/tickets/{t.number}/{action}", data=raw,
            headers={"Authorization": f"Bearer {tokens[who]}",
                     "Content-Type": "application/json"})
        answer = await response.json()
        assert (response.status, answer["error"], answer["field"]) == (422, "invalid", field)
        # The ticket is untouched and the API still answers.
        detail = await client.get(f"{PREFIX}/tickets/{t.number}",
                                  headers={"Authorization": f"Bearer {tokens[who]}"})
        assert detail.status == 200 and len((await detail.json())["timeline"]) == 1


@pytest.mark.parametrize("field", ["call_id", "caller", "transcript", "operator", "category",
                                   "started_at"])
async def test_the_hotline_answers_400_naming_the_field(config, field):
    body = {"call_id": "CC-1", "caller": "13812345678",
            "started_at": "2026-11-25T09:55:00+08:00", "transcript": "我家楼下吵",
            "operator": "话务员07", "category": "complaint"}
    body[field] = body[field] + LONE
    headers, raw = signed(json.dumps(body).encode())
    async with running(with_doors(config)) as client:
        response = await client.post("/hotline/calls", data=raw, headers=headers)
        answer = await response.json()
    assert response.status == 400
    assert answer["field"] == field and set(answer) == {"error", "field", "message"}


async def test_surrogate_bytes_in_a_hotline_body_are_a_400_not_a_retry(config):
    headers, raw = signed(b'{"call_id": "CC-2", "transcript": "\xed\xa0\x80"}')
    async with running(with_doors(config)) as client:
        response = await client.post("/hotline/calls", data=raw, headers=headers)
        assert response.status == 400 and (await response.json())["field"] == "body"


@pytest.mark.parametrize("spelling", [b"&#xD800;", b"&#55296;", b"\xed\xa0\x80"])
async def test_wechat_and_wecom_refuse_them_after_decryption(config, sessions, spelling):
    # Plaintext is taken only where safe mode is not required (else 403 before any XML).
    config = with_wechat(with_doors(config), require_safe_mode=False)
    xml = text_xml("o-res-1", "X").encode().replace(b"<![CDATA[X]]>", b"A" + spelling)
    async with running(config) as client:
        params, body = safe_push(xml, config.wechat.app_id)
        assert (await client.post("/wechat", params=params, data=body)).status == 400
        if spelling != b"\xed\xa0\x80":          # plaintext must be UTF-8 to be signed
            response = await client.post("/wechat", params=plain_params(),
                                         data=xml.decode())
            assert response.status == 400
        wecom = wecom_text("wangjg", "X").encode().replace(b"<![CDATA[X]]>", b"A" + spelling)
        params, body = wecom_push(wecom)
        assert (await client.post("/wecom", params=params, data=body)).status == 400
    assert await inbound_rows(sessions) == []


async def test_console_forms_cannot_smuggle_them(config, sessions):
    await staff(sessions)
    t = await ticket(sessions, config)
    async with running(config) as client:
        csrf = await signed_in(client, "a1")
        for data in ({"text": "备注%ED%A0%80"}, ):
            response = await post(client, f"/tickets/{t.number}/note", csrf, **data)
            assert response.status < 500
        raw = f"csrf={csrf}&text=".encode() + b"\xed\xa0\x80"
        response = await client.post(f"/console/tickets/{t.number}/note", data=raw, headers={
            "Content-Type": "application/x-www-form-urlencoded"})
        assert response.status < 500


def test_an_answer_echoing_a_surrogate_is_still_json():
    body = dumps({"message": f"未知：{LONE}", "text": "\\" + LONE})
    assert json.loads(body) == {"message": f"未知：{LONE}", "text": "\\" + LONE}
