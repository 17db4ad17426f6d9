"""The 12345 steps in /api/v1: 签收 and 退单 with §3's answer order and rights, 409 on a second
sign or acknowledgement, and the ticket's sign fields."""

from __future__ import annotations

import json

from tests.officer_clients import API, bearer
from tests.workbench import UNIT_A, UNIT_B, reload, ticket


async def _post(client, path, token, body=None):
    return await client.post(f"{API}{path}", data=json.dumps(body or {}),
                             headers={**bearer(token), "Content-Type": "application/json"})


async def test_sign_answers_in_contract_order(api, sessions, config, tokens):
    mine = await ticket(sessions, config, unit=UNIT_A)
    theirs = await ticket(sessions, config, unit=UNIT_B)
    path = f"/tickets/{mine.number}/sign"
    assert (await api.post(f"{API}{path}")).status == 401
    assert (await _post(api, f"/tickets/{theirs.number}/sign", tokens["a1"])).status == 404
    assert (await _post(api, path, tokens["sup"])).status == 403      # not of unit A
    response = await _post(api, path, tokens["a1"])
    body = await response.json()
    assert response.status == 200 and body["ticket"]["status"] == "assigned"
    assert body["ticket"]["signed_by"] == "a1" and body["ticket"]["signed_at"]
    assert body["ticket"]["assignee"] == "a1"
    # The deadline the sign was judged against reads in Beijing time like every other.
    view = await (await api.get(f"{API}/tickets/{mine.number}",
                                headers=bearer(tokens["a1"]))).json()
    [signed] = [e for e in view["timeline"] if e["type"] == "signed"]
    assert signed["due"] == view["sign_due"] and signed["due"].endswith("+08:00")
    again = await _post(api, path, tokens["a2"])
    assert again.status == 409 and f"已由a1（{UNIT_A}）签收" in (await again.json())["message"]


async def test_return_needs_a_reason_and_reaches_the_dispatchers(api, sessions, config,
                                                                 tokens):
    t = await ticket(sessions, config, unit=UNIT_A)
    path = f"/tickets/{t.number}/return"
    assert (await _post(api, path, tokens["sup"], {"reason": "x"})).status == 403
    response = await _post(api, path, tokens["a1"], {"reason": "   "})
    assert response.status == 422 and (await response.json())["field"] == "reason"
    response = await _post(api, path, tokens["a1"], {"reason": "\ud800"})
    assert response.status == 422
    response = await _post(api, path, tokens["a1"], {"reason": "属新区派出所辖区"})
    view = (await response.json())["ticket"]
    assert response.status == 200
    assert (view["status"], view["flagged_unassigned"], view["returns"], view["sign_due"]) \
        == ("new", True, 1, None)
    assert (await _post(api, path, tokens["a2"], {"reason": "再退"})).status == 409
    detail = await (await api.get(f"{API}/tickets/{t.number}",
                                  headers=bearer(tokens["sup"]))).json()
    [returned] = [e for e in detail["timeline"] if e["type"] == "returned"]
    assert returned["actor"] == "a1" and "属新区派出所辖区" in returned["text"]


async def test_acknowledge_twice_is_a_conflict(api, sessions, config, tokens):
    t = await ticket(sessions, config, kind="emergency")
    path = f"/tickets/{t.number}/acknowledge"
    assert (await _post(api, path, tokens["a1"])).status == 200
    again = await _post(api, path, tokens["a2"])
    assert again.status == 409 and "a1" in (await again.json())["message"]
    stored = await reload(sessions, t.number)
    assert (stored.acknowledged_by, stored.signed_by) == ("a1", "a1")


async def test_supervise_is_for_supervisors(api, sessions, config, tokens):
    t = await ticket(sessions, config, unit=UNIT_A)
    path = f"/tickets/{t.number}/supervise"
    assert (await _post(api, path, tokens["a1"], {"note": "x"})).status == 403
    # The missing note is not what decides the right: still 403 for an officer.
    assert (await _post(api, path, tokens["a1"], {})).status == 403
    response = await _post(api, path, tokens["sup"], {"note": "x", "due": "01/01/2099"})
    assert response.status == 422 and (await response.json())["field"] == "due"
    response = await _post(api, path, tokens["sup"], {"note": "x", "due": "2020-01-01"})
    assert response.status == 409 and (await response.json())["field"] == "due"
    response = await _post(api, path, tokens["sup"], {"note": "请加快办理",
                                                      "due": "2099-01-01T12:00"})
    view = (await response.json())["ticket"]
    assert response.status == 200 and view["supervised_at"]
    assert view["supervise_due"].startswith("2099-01-01T12:00:00+08:00")
