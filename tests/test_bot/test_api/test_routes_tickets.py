"""/api/v1 through the real app: paging, filters, ticket bodies, actions, delivery, wiring."""

from __future__ import annotations

import dataclasses
import json
import socket

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.admin import create_admin_app
from bot.api.routes import PREFIX, create_api_app
from bot.app import create_app
from bot.delivery.outbox import OutboxWorker
from bot.delivery.senders import build_senders
from bot.metrics import Metrics
from handlers.officers import accounts as officers
from storage.base import utcnow
from storage.intake.models import InboundMessage
from tests.helpers import outbox_rows, running
from tests.officer_clients import API, api_post, bearer
from tests.workbench import UNIT_A, UNIT_B, access_rows, reload, staff, ticket

# --- lists ---------------------------------------------------------------------------------

async def test_cursor_pages_over_every_ticket_newest_first(api, sessions, config, tokens):
    numbers = [(await ticket(sessions, config)).number for _ in range(7)]
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": "3", **({"cursor": cursor} if cursor else {})}
        response = await api.get(f"{API}/tickets", params=params, headers=bearer(tokens["a1"]))
        assert response.status == 200
        body = await response.json()
        seen += [item["number"] for item in body["items"]]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            break
    assert seen == numbers[::-1] and pages == 3


async def test_filters(api, sessions, config, tokens):
    a = await ticket(sessions, config, text="小区门口乱停车")
    b = await ticket(sessions, config, kind="consult", text="户口迁移要什么材料")
    c = await ticket(sessions, config, unit=UNIT_B)
    await api_post(api, f"/tickets/{a.number}/assign", tokens["a1"], {"officer": "a1"})

    async def numbers(token, **params):
        response = await api.get(f"{API}/tickets", params=params, headers=bearer(token))
        assert response.status == 200, await response.text()
        return [item["number"] for item in (await response.json())["items"]]

    sup = tokens["sup"]
    assert await numbers(sup) == [c.number, b.number, a.number]
    assert await numbers(sup, status="assigned") == [a.number]
    assert await numbers(sup, status="new,assigned", unit=UNIT_A) == [b.number, a.number]
    assert await numbers(sup, kind="consult") == [b.number]
    assert await numbers(sup, assignee="a1") == [a.number]
    assert await numbers(tokens["a1"], assignee="me") == [a.number]
    assert await numbers(sup, assignee="none", unit=UNIT_A) == [b.number]
    assert await numbers(sup, q="停车") == [a.number]
    assert await numbers(sup, q=c.number) == [c.number]
    assert await numbers(sup, limit="1000") == [c.number, b.number, a.number]
    assert await numbers(tokens["a1"], unit=UNIT_B) == []
    assert await numbers(sup, q="100%_") == []


async def test_ticket_json_is_masked_and_local(api, sessions, config, tokens):
    t = await ticket(sessions, config, openid=None, phone="13812345678", channel="hotline",
                     text="我电话13812345678，身份证371502199001011234丢了")
    response = await api.get(f"{API}/tickets/{t.number}", headers=bearer(tokens["a1"]))
    body = await response.json()
    assert body["created_at"].endswith("+08:00") and body["resolve_due"].endswith("+08:00")
    assert body["contact"] == "138****5678"
    assert "13812345678" not in json.dumps(body, ensure_ascii=False)
    assert "371502********1234" in body["summary"]
    assert body["verdict"] is None and body["assignee"] is None
    assert [e["type"] for e in body["timeline"]] == ["created"]
    assert [r.action for r in await access_rows(sessions, "a1")] == ["view"]
    listed = await (await api.get(f"{API}/tickets", headers=bearer(tokens["a1"]))).json()
    assert "timeline" not in listed["items"][0]
    revealed = await api_post(api, f"/tickets/{t.number}/contact", tokens["a1"])
    assert (await revealed.json()) == {"contact": "13812345678"}
    assert [r.action for r in await access_rows(sessions, "a1")] == ["view", "list", "reveal"]


async def test_a_ticket_without_a_phone_is_told_from_a_missing_one(api, sessions, config,
                                                                   tokens):
    # A resident who left no number, an anonymous tip, and a number that is no ticket.
    silent = await ticket(sessions, config, phone=None)
    anonymous = await ticket(sessions, config, phone="13812345678", anonymous=True)
    answers = []
    for number in (silent.number, anonymous.number, "DCF20261125-9999"):
        response = await api_post(api, f"/tickets/{number}/contact", tokens["a1"])
        answers.append((response.status, await response.json()))
    assert answers == [
        (409, {"error": "conflict", "field": "contact", "message": "该工单没有联系方式。"}),
        (403, {"error": "forbidden", "message": "匿名举报，不显示联系方式。"}),
        (404, {"error": "not_found", "message": "没有找到该工单，或您无权查看。"}),
    ]
    # Nothing was revealed, so nothing was logged as revealed.
    assert "reveal" not in [r.action for r in await access_rows(sessions, "a1")]


# --- actions -------------------------------------------------------------------------------

async def test_actions_answer_with_the_ticket(api, sessions, config, tokens):
    t = await ticket(sessions, config, kind="emergency")
    path = f"/tickets/{t.number}"
    response = await api_post(api, f"{path}/assign", tokens["a1"], {"officer": "a1"})
    assert response.status == 200 and (await response.json())["ticket"]["assignee"] == "a1"
    response = await api_post(api, f"{path}/replies", tokens["a1"], {"text": "民警已出发"})
    body = await response.json()
    assert response.status == 202 and body["delivery"] == "queued"
    assert body["ticket"]["status"] == "in_progress"
    assert (await api_post(api, f"{path}/notes", tokens["a1"], {"text": "到场"})).status == 200
    assert (await api_post(api, f"{path}/acknowledge", tokens["a2"])).status == 200
    assert (await api_post(api, f"{path}/kind", tokens["a1"], {"kind": "complaint"})).status == 200
    response = await api_post(api, f"{path}/status", tokens["a1"], {"status": "resolved"})
    assert response.status == 422 and (await response.json())["field"] == "note"
    response = await api_post(api, f"{path}/status", tokens["a1"],
                              {"status": "resolved", "note": "已处置"})
    assert (await response.json())["ticket"]["status"] == "resolved"
    response = await api_post(api, f"{path}/transfer", tokens["sup"],
                              {"unit": UNIT_B, "reason": "x"})
    assert response.status == 409
    detail = await (await api.get(f"{API}{path}", headers=bearer(tokens["sup"]))).json()
    assert [e["type"] for e in detail["timeline"]] == [
        "created", "assigned", "status", "signed", "reply_out", "status", "note",
        "acknowledged", "kind", "status"]      # taking it signed for the unit
    assert detail["timeline"][4]["first_response"] is True
    assert {e["actor"] for e in detail["timeline"][1:]} == {"a1", "a2"}


async def test_reply_reaches_the_resident_through_the_outbox(tencent_config, fake_tencent,
                                                             sessions):
    tokens_ = await staff(sessions)
    async with sessions() as session, session.begin():
        token = await officers.issue_token(session, tokens_["a1"].username, utcnow())
        session.add(InboundMessage(channel="wechat", dedupe_key="m-1", openid="o-res-1",
                                   msg_type="text", content="有人噪音扰民", received_at=utcnow()))
    t = await ticket(sessions, tencent_config, openid="o-res-1")
    async with running(tencent_config) as client:
        response = await api_post(client, f"/tickets/{t.number}/replies", token,
                                  {"text": "您好，今晚十点民警到场"})
        assert response.status == 202
    assert len(await outbox_rows(sessions)) == 1
    async with aiohttp.ClientSession() as http:
        worker = OutboxWorker(sessions, build_senders(tencent_config, http, sessions),
                              Metrics(), name="w-api")
        assert await worker.run_once() == 1
    [call] = fake_tencent.delivered("custom_send")
    assert call.body["touser"] == "o-res-1" and "今晚十点民警到场" in call.body["text"]["content"]
    assert (await outbox_rows(sessions))[0].state == "sent"
    assert (await reload(sessions, t.number)).first_response_at is not None


async def test_refusals_name_the_right_and_the_field(api, sessions, config, tokens):
    t = await ticket(sessions, config)
    answers = []
    for path, body in ((f"/tickets/{t.number}/transfer", {"unit": UNIT_B, "reason": "辖区"}),
                       (f"/tickets/{t.number}/status", {"status": "cancelled", "note": "重复"}),
                       (f"/tickets/{t.number}/merge", {"into": t.number}),
                       (f"/tickets/{t.number}/status", {"status": "resolved"}),
                       (f"/tickets/{t.number}/transfer", {"unit": UNIT_B})):
        token = tokens["sup"] if path.endswith("transfer") and "reason" not in body else \
            tokens["a1"]
        response = await api.post(f"{API}{path}", json=body, headers=bearer(token))
        answers.append((response.status, await response.json()))
    assert answers == [
        (403, {"error": "forbidden",
               "message": "转办到其他单位仅限督办人员、管理员，您的角色是民警。"}),
        (403, {"error": "forbidden", "message": "撤销工单仅限督办人员、管理员，您的角色是民警。"}),
        (403, {"error": "forbidden", "message": "合并工单仅限督办人员、管理员，您的角色是民警。"}),
        (422, {"error": "invalid", "field": "note", "message": "请填写说明。"}),
        (422, {"error": "invalid", "field": "reason", "message": "请填写原因。"}),
    ]


async def test_access_log_route_is_for_supervisors(api, sessions, config, tokens):
    await api.get(f"{API}/tickets", headers=bearer(tokens["a1"]))
    refused = await api.get(f"{API}/officers/a1/access-log", headers=bearer(tokens["a2"]))
    assert refused.status == 403 and (await refused.json())["message"] == \
        "查看民警访问记录仅限督办人员（所长、指挥人员）和管理员，您的角色是民警。"
    assert (await api.get(f"{API}/officers/ghost/access-log", headers=bearer(tokens["sup"]))) \
        .status == 404
    response = await api.get(f"{API}/officers/a1/access-log", headers=bearer(tokens["sup"]))
    body = await response.json()
    assert [i["action"] for i in body["items"]] == ["list"]
    assert body["items"][0]["at"].endswith("+08:00")


# --- spec and wiring -----------------------------------------------------------------------

async def test_openapi_describes_every_route(api):
    response = await api.get(f"{API}/openapi.json")
    spec = await response.json()
    assert response.status == 200 and spec["openapi"].startswith("3.")
    routes = list(create_api_app(web.Application()).router.routes())
    assert len(routes) >= 12
    for route in routes:
        path = PREFIX + route.resource.canonical
        assert route.method.lower() in spec["paths"].get(path, {}), (route.method, path)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_admin_port_serves_the_api_and_the_public_port_does_not(config, sessions, tokens):
    config = dataclasses.replace(config, server=dataclasses.replace(
        config.server, admin_port=_free_port()))
    public = create_app(config, run_workers=False)
    async with TestClient(TestServer(public)) as public_client:
        assert (await public_client.get(f"{API}/openapi.json")).status == 404
        assert (await public_client.get(f"{API}/tickets", headers=bearer(tokens["a1"]))).status \
            == 404
        async with TestClient(TestServer(create_admin_app(config, public))) as admin:
            assert (await admin.get(f"{API}/openapi.json")).status == 200
            response = await admin.get(f"{API}/tickets", headers=bearer(tokens["a1"]))
            assert response.status == 200 and (await response.json())["items"] == []
