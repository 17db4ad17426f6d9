"""/api/v1 through the real app: answer order, and bad tokens, bodies, queries, numbers
and parameters refused with the right status."""

from __future__ import annotations

import json

import pytest

from handlers.officers import accounts as officers
from storage.base import utcnow
from tests.officer_clients import API, api_post, bearer
from tests.workbench import UNIT_A, UNIT_B, ticket

# --- answer order --------------------------------------------------------------------------

async def test_answers_in_contract_order(api, sessions, config, tokens):
    mine = await ticket(sessions, config, unit=UNIT_A)
    theirs = await ticket(sessions, config, unit=UNIT_B)
    unknown = "DCF20200101-0001"
    # 401 before 404: no token, and a bad token, about an unknown ticket.
    assert (await api.post(f"{API}/tickets/{unknown}/replies", data="{")).status == 401
    response = await api_post(api, f"/tickets/{unknown}/replies", "bogus", {"text": "x"})
    assert response.status == 401 and response.headers["WWW-Authenticate"] == "Bearer"
    # 404: unknown, and another unit's ticket for an officer (even with a bad body).
    assert (await api_post(api, f"/tickets/{unknown}/notes", tokens["a1"], {"text": "x"})).status \
        == 404
    assert (await api_post(api, f"/tickets/{theirs.number}/notes", tokens["a1"], data="{")).status \
        == 404
    assert (await api.get(f"{API}/tickets/{theirs.number}", headers=bearer(tokens["a1"]))) \
        .status == 404
    # 403 before 422: an officer may not transfer, whatever the body.
    assert (await api_post(api, f"/tickets/{mine.number}/transfer", tokens["a1"], data="{")) \
        .status == 403
    # 422 before 409: a supervisor's malformed reopen of a new ticket.
    response = await api_post(api, f"/tickets/{mine.number}/status", tokens["sup"], data="{nope")
    assert response.status == 422 and (await response.json())["field"] == "body"
    # 409: a well-formed move the table does not have.
    response = await api_post(api, f"/tickets/{mine.number}/status", tokens["sup"],
                              {"status": "reopened"})
    assert response.status == 409 and (await response.json())["error"] == "conflict"


async def test_disabled_officer_token_is_refused(api, sessions, config, tokens):
    async with sessions() as session, session.begin():
        await officers.disable_officer(session, "a1", utcnow())
    assert (await api.get(f"{API}/tickets", headers=bearer(tokens["a1"]))).status == 401


@pytest.mark.parametrize(("data", "field"), [
    ("[1, 2]", "body"), ("", "body"), ('{"text": 42}', "text"), ('{"text": ""}', "text"),
    (json.dumps({"text": "字" * 601}), "text"), ('{"txt": "hi"}', "text"),
    ("\xff\xfe", "body"), ("[" * 5000 + "]" * 5000, "body"),
])
async def test_bad_bodies_are_422_naming_the_field(api, sessions, config, tokens, data, field):
    t = await ticket(sessions, config)
    response = await api_post(api, f"/tickets/{t.number}/replies", tokens["a1"], data=data)
    assert response.status == 422
    assert (await response.json())["field"] == field


async def test_huge_body_is_413_not_500(api, sessions, config, tokens):
    t = await ticket(sessions, config)
    body = json.dumps({"text": "x" * (65 * 1024)})
    assert (await api_post(api, f"/tickets/{t.number}/notes", tokens["a1"], data=body)).status \
        == 413


@pytest.mark.parametrize("params", [{"cursor": "garbage!"}, {"cursor": "djE6eA"},
                                    {"limit": "abc"}, {"limit": "0"}, {"status": "bogus"},
                                    {"kind": "other"}, {"q": "长" * 101}])
async def test_bad_query_values_are_422(api, tokens, params):
    response = await api.get(f"{API}/tickets", params=params, headers=bearer(tokens["sup"]))
    assert response.status == 422


async def test_unknown_number_shapes_are_404(api, tokens):
    for number in ("x" * 500, "%00", "DCF'--", "DCF20261125-0001%00"):
        response = await api.get(f"{API}/tickets/{number}", headers=bearer(tokens["sup"]))
        assert response.status == 404
    response = await api.get(f"{API}/officers/a%00/access-log", headers=bearer(tokens["sup"]))
    assert response.status == 404


async def test_control_characters_never_reach_the_database(api, sessions, config, tokens):
    t = await ticket(sessions, config)
    response = await api.get(f"{API}/tickets", params={"q": "a\x00b"},
                             headers=bearer(tokens["sup"]))
    assert response.status == 422
    response = await api_post(api, f"/tickets/{t.number}/assign", tokens["sup"],
                              {"officer": "a1\x00"})     # a username is taken exactly as sent
    assert response.status == 422 and (await response.json())["field"] == "officer"
    response = await api_post(api, f"/tickets/{t.number}/notes", tokens["a1"],
                              {"text": "到\x00场"})
    assert response.status == 200
    detail = await (await api.get(f"{API}/tickets/{t.number}", headers=bearer(tokens["a1"]))).json()
    assert detail["timeline"][-1]["text"] == "到场"


async def test_text_length_is_counted_as_sent_as_the_document_says(api, sessions, config,
                                                                  tokens):
    t = await ticket(sessions, config)
    response = await api_post(api, f"/tickets/{t.number}/replies", tokens["a1"],
                              {"text": "\x01" * 50 + "字" * 600})
    assert response.status == 422 and (await response.json())["field"] == "text"
    response = await api_post(api, f"/tickets/{t.number}/replies", tokens["a1"],
                              {"text": "\x01" * 50 + "字" * 550})
    assert response.status == 202
    assert (await api_post(api, f"/tickets/{t.number}/notes", tokens["a1"],
                           {"text": " \u3000\x0b"})).status == 422


async def test_a_parameter_the_route_does_not_take_is_422_after_404(api, sessions, config,
                                                                   tokens):
    t = await ticket(sessions, config)
    response = await api.get(f"{API}/tickets", params={"stauts": "new"},
                             headers=bearer(tokens["a1"]))
    assert response.status == 422 and (await response.json())["field"] == "stauts"
    response = await api.get(f"{API}/tickets/DCF20200101-0001", params={"x": "1"},
                             headers=bearer(tokens["a1"]))
    assert response.status == 404
    response = await api.post(f"{API}/tickets/{t.number}/notes", params={"x": "1"},
                              json={"text": "到场"}, headers=bearer(tokens["a1"]))
    assert response.status == 422
    detail = await (await api.get(f"{API}/tickets/{t.number}", headers=bearer(tokens["a1"]))).json()
    assert [e["type"] for e in detail["timeline"]] == ["created"]    # nothing was done
    assert (await api.get(f"{API}/exports/unresolved", params={"": "true"},
                          headers=bearer(tokens["a1"]))).status == 422
