"""The rest of the 12345 steps in /api/v1, with §3's rights and answer order: 合并, 差评回访 and
申诉; and the WeCom notices the steps send (督办, repeated 退单, a 差评's follow-up) as the fake
Tencent API receives them from the outbox worker."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import update

from bot import keys
from handlers.officers import accounts as officers
from storage.base import utcnow
from storage.delivery.models import OutboxJob
from storage.tickets import store as ticket_store
from tests.conversations import Clock, make_chat
from tests.helpers import running
from tests.officer_clients import API, bearer
from tests.workbench import UNIT_A, UNIT_B, add_officer, reload, ticket


@pytest.fixture
async def tokens(sessions) -> dict[str, str]:
    people = {"a1": ("wx-a1", UNIT_A, "officer"), "a2": ("wx-a2", UNIT_A, "officer"),
              "b1": ("wx-b1", UNIT_B, "officer"), "sup": ("wx-sup", UNIT_B, "supervisor")}
    for name, (wecom, unit, role) in people.items():
        await add_officer(sessions, name, unit, role, wecom_user=wecom)
    async with sessions() as session, session.begin():
        return {name: await officers.issue_token(session, name, utcnow()) for name in people}


async def _post(client, path, token, body=None):
    return await client.post(f"{API}{path}", data=json.dumps(body or {}),
                             headers={**bearer(token), "Content-Type": "application/json"})


async def _bad_rating(client, tokens) -> str:
    """A resident's complaint resolved by a1 through the API, then rated 2 in WeChat."""
    app = client.server.app
    chat = make_chat(app[keys.SESSIONS], app[keys.SERVICES], Clock(utcnow()))
    await chat.say("o-api", "楼上天天半夜蹦迪，吵死了")
    await chat.say("o-api", "取消")
    async with app[keys.SESSIONS]() as session:
        [row] = await ticket_store.list_for_openid(session, "o-api")
    response = await _post(client, f"/tickets/{row.number}/status", tokens["a1"],
                           {"status": "resolved", "note": "已调解"})
    assert response.status == 200, await response.text()
    await chat.say("o-api", "1")
    await chat.say("o-api", "2")
    return row.number


async def _deliver(client, rounds: int = 8) -> None:
    app = client.server.app
    for _ in range(rounds):
        async with app[keys.SESSIONS]() as session, session.begin():
            await session.execute(update(OutboxJob).where(OutboxJob.state == "pending")
                                  .values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        if not await app[keys.OUTBOX].run_once():
            return


async def _followup(client, number: str, token: str) -> dict:
    """The detail view's 差评 follow-up."""
    response = await client.get(f"{API}/tickets/{number}", headers=bearer(token))
    return (await response.json())["rating_followup"]


def _wecom(fake, marker: str) -> list[str]:
    """Who received a WeCom app message holding `marker`."""
    return sorted(c.body["touser"] for c in fake.delivered("wecom_send")
                  if marker in c.body["text"]["content"])


async def test_followup_and_dispute_follow_the_rights(config, tokens):
    async with running(config, dispatch=None) as api:
        number = await _bad_rating(api, tokens)
        path = f"/tickets/{number}/followup"
        called = {"step": "called", "note": "已电话回访"}
        assert (await api.post(f"{API}{path}")).status == 401
        assert (await _post(api, path, tokens["b1"], called)).status == 404   # unit B
        assert (await _post(api, path, tokens["a1"], called)).status == 403   # the rated one
        response = await _post(api, path, tokens["a2"], {"step": "later", "note": "x"})
        assert response.status == 422 and (await response.json())["field"] == "step"
        assert (await _post(api, path, tokens["a2"], called)).status == 200
        assert (await _followup(api, number, tokens["a2"]))["called_at"]
        assert (await _post(api, path, tokens["a2"], called)).status == 409

        dispute = f"/tickets/{number}/verdict/dispute"
        assert (await _post(api, dispute, tokens["a2"], {"reason": "x"})).status == 403
        assert (await _post(api, dispute, tokens["sup"], {})).status == 422
        assert (await _post(api, dispute, tokens["sup"], {"reason": "非警务事项"})).status == 200
        assert (await _followup(api, number, tokens["sup"]))["disputed_by"] == "sup"
        assert (await _post(api, dispute, tokens["sup"], {"reason": "again"})).status == 409


async def test_a_supervisor_hands_the_followup_to_another_officer(config, sessions, tokens):
    await add_officer(sessions, "a3", UNIT_A)
    async with running(config, dispatch=None) as api:
        number = await _bad_rating(api, tokens)
        path = f"/tickets/{number}/followup/officer"
        assert (await api.post(f"{API}{path}")).status == 401
        assert (await _post(api, path, tokens["b1"], {"officer": "a3"})).status == 404
        assert (await _post(api, path, tokens["a2"], {"officer": "a3"})).status == 403
        response = await _post(api, path, tokens["sup"], {"officer": "坏 名字"})
        assert response.status == 422 and (await response.json())["field"] == "officer"
        for who in ("a1", "a2", "b1"):    # rated, already on it, another unit
            response = await _post(api, path, tokens["sup"], {"officer": who})
            assert response.status == 409 and (await response.json())["field"] == "officer"
        assert (await _post(api, path, tokens["sup"], {"officer": "a3"})).status == 200
        assert (await _followup(api, number, tokens["sup"]))["officer"] == "a3"


async def test_merge_is_for_supervisors(config, sessions, tokens):
    keep = await ticket(sessions, config, openid="o-1")
    dup = await ticket(sessions, config, openid="o-1")
    async with running(config) as api:
        path = f"/tickets/{dup.number}/merge"
        assert (await _post(api, path, tokens["a1"], {"into": keep.number})).status == 403
        response = await _post(api, path, tokens["sup"], {"into": "DCF-nonsense"})
        assert response.status == 422 and (await response.json())["field"] == "into"
        assert (await _post(api, path, tokens["sup"], {"into": dup.number})).status == 409
        response = await _post(api, path, tokens["sup"], {"into": keep.number})
        assert response.status == 200
        assert (await response.json())["ticket"]["status"] == "cancelled"
    assert (await reload(sessions, dup.number)).merged_into == keep.number


async def test_the_steps_notices_reach_wecom(tencent_config, fake_tencent, sessions, tokens):
    t = await ticket(sessions, tencent_config, unit=UNIT_A)
    async with running(tencent_config, dispatch=None) as api:
        assert (await _post(api, f"/tickets/{t.number}/sign", tokens["a1"])).status == 200
        response = await _post(api, f"/tickets/{t.number}/supervise", tokens["sup"],
                               {"note": "群众多次来电，请今天处理"})
        assert response.status == 200
        # Returned by unit A, dispatched to unit B, returned again: the supervisors hear it.
        await _post(api, f"/tickets/{t.number}/return", tokens["a1"], {"reason": "非本所辖区"})
        await _post(api, f"/tickets/{t.number}/transfer", tokens["sup"],
                    {"unit": UNIT_B, "reason": "辖区"})
        response = await _post(api, f"/tickets/{t.number}/return", tokens["b1"],
                               {"reason": "也不是本所"})
        assert response.status == 200
        rated = await _bad_rating(api, tokens)
        await _deliver(api)
    assert _wecom(fake_tencent, "【督办】") == ["wx-a1"]
    assert _wecom(fake_tencent, "【退单提醒】") == ["wx-sup"]
    assert _wecom(fake_tencent, f"【差评回访】工单{rated}") == ["wx-a2"]
