"""What officers see of an emergency, in the console and the API: the first-response clock
(counting down, then overdue) until acknowledged, then the resolution clock; the location
with its map link and nearest unit; the 110 incident number they record."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from bot.api.routes import PREFIX as API
from handlers.officers import accounts as officers
from storage.base import utcnow
from storage.tickets.models import Ticket
from tests.officer_clients import C, post, signed_in
from tests.workbench import UNIT_A, UNIT_B, reload, staff, ticket


@pytest.fixture
async def tokens(sessions) -> dict[str, str]:
    people = await staff(sessions)
    async with sessions() as session, session.begin():
        return {name: await officers.issue_token(session, name, utcnow()) for name in people}


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}


async def _emergency(sessions, config, minutes_ago: float, **fields):
    row = await ticket(sessions, config, kind="emergency", text="有人在打架",
                       now=utcnow() - timedelta(minutes=minutes_ago))
    if fields:
        async with sessions() as session, session.begin():
            await session.execute(update(Ticket).where(Ticket.id == row.id).values(**fields))
    return await reload(sessions, row.number)


def _row(page: str, number: str) -> str:
    """The table row of ticket `number` in a console list."""
    match = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{number}(?:(?!</tr>).)*</tr>", page, re.S)
    assert match, f"{number} not listed"
    return match.group(0)


async def test_p1_shows_the_first_response_clock_until_acknowledged(web, tokens, sessions,
                                                                    config):
    fresh = await _emergency(sessions, config, 5)
    late = await _emergency(sessions, config, 20)
    await signed_in(web, "a1")
    dashboard = await (await web.get(f"{C}/")).text()
    row = _row(dashboard, fresh.number)
    assert "首次响应" in row and re.search(r"剩余 (9|10)分钟", row) and "已超时" not in row
    tz = ZoneInfo(config.tickets.timezone)
    assert f"{fresh.resolve_due.astimezone(tz):%Y-%m-%d %H:%M}" not in row   # not the 24 h
    row = _row(dashboard, late.number)
    assert "首次响应" in row and re.search(r"已超时 5分钟", row)
    overdue = await (await web.get(f"{C}/queue/overdue")).text()
    assert late.number in overdue and fresh.number not in overdue

    response = await web.post(f"{API}/tickets/{late.number}/acknowledge", headers=_auth(
        tokens["a1"]))
    assert response.status == 200
    view = (await response.json())["ticket"]
    assert (view["due_clock"], view["due"]) == ("resolve", view["resolve_due"])
    # Acknowledged: the first-response clock stopped in time, no longer overdue.
    assert late.number not in await (await web.get(f"{C}/queue/overdue")).text()
    row = _row(await (await web.get(f"{C}/queue/unit")).text(), late.number)
    assert "办结" in row and re.search(r"剩余 23小时", row) and "已超时" not in row
    page = await (await web.get(f"{C}/tickets/{late.number}")).text()
    assert "首次响应期限" in page and "超时完成" in page    # acknowledged after 20 minutes


async def test_the_api_names_the_running_clock(web, tokens, sessions, config):
    fresh = await _emergency(sessions, config, 5)
    complaint = await ticket(sessions, config)
    got = await (await web.get(f"{API}/tickets/{fresh.number}",
                               headers=_auth(tokens["a1"]))).json()
    assert got["due_clock"] == "first_response" and got["due"] == got["first_response_due"]
    assert got["emergency_kind"] == "other" and got["incident_no"] is None
    got = await (await web.get(f"{API}/tickets/{complaint.number}",
                               headers=_auth(tokens["a1"]))).json()
    assert (got["emergency_kind"], got["location"], got["due_clock"]) == (
        None, None, "first_response")


async def test_location_in_the_api_and_the_console(web, tokens, sessions, config):
    row = await _emergency(sessions, config, 1, latitude=36.4535, longitude=115.9565,
                           location_label="湖西街道幸福小区5号楼")
    got = await (await web.get(f"{API}/tickets/{row.number}",
                               headers=_auth(tokens["a1"]))).json()
    assert got["location"] == {
        "latitude": 36.4535, "longitude": 115.9565, "label": "湖西街道幸福小区5号楼",
        "map_url": "https://uri.amap.com/marker?position=115.956500,36.453500"}
    listed = await (await web.get(f"{API}/tickets", headers=_auth(tokens["a1"]))).json()
    assert listed["items"][0]["location"]["label"] == "湖西街道幸福小区5号楼"
    await signed_in(web, "a1")
    page = await (await web.get(f"{C}/tickets/{row.number}")).text()
    assert "湖西街道幸福小区5号楼" in page and "36.45350, 115.95650" in page
    assert 'href="https://uri.amap.com/marker?position=115.956500,36.453500"' in page
    assert re.search(r"最近单位：湖西派出所（约\d+0米）", page)
    nowhere = await _emergency(sessions, config, 1)
    assert "群众尚未发送位置" in await (await web.get(f"{C}/tickets/{nowhere.number}")).text()


async def test_incident_number_in_the_contracts_answer_order(web, tokens, sessions, config):
    mine = await _emergency(sessions, config, 1)
    theirs = await ticket(sessions, config, kind="emergency", unit=UNIT_B)
    complaint = await ticket(sessions, config, unit=UNIT_A)
    path = f"{API}/tickets/{mine.number}/incident"

    async def send(path, token, body):
        raw = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
        return await web.post(path, data=raw.encode(), headers=_auth(token))

    assert (await web.post(path, json={"incident_no": "J1"})).status == 401
    assert (await send(f"{API}/tickets/{theirs.number}/incident", tokens["a1"],
                       {"incident_no": "J1"})).status == 404
    for bad in ({}, {"incident_no": ""}, {"incident_no": 12}, {"incident_no": "接警 12"},
                {"incident_no": "x" * 33}, '{"incident_no": "\\ud800"}', "[]"):
        response = await send(path, tokens["a1"], bad)
        assert response.status == 422, bad
    assert (await send(f"{API}/tickets/{complaint.number}/incident", tokens["a1"],
                       {"incident_no": "J1"})).status == 409
    response = await send(path, tokens["a1"], {"incident_no": "３７１５０２-２０２６１２０３"})
    assert response.status == 200
    assert (await response.json())["ticket"]["incident_no"] == "371502-20261203"
    assert (await send(path, tokens["a1"], {"incident_no": "371502-20261203"})).status == 200
    assert (await send(path, tokens["sup"], {"incident_no": "371502-20261204"})).status == 200
    timeline = (await (await web.get(f"{API}/tickets/{mine.number}",
                                     headers=_auth(tokens["a1"]))).json())["timeline"]
    recorded = [(e["actor"], e["incident_no"], e["previous"]) for e in timeline
                if e["type"] == "incident_no"]
    assert recorded == [("a1", "371502-20261203", None),
                        ("sup", "371502-20261204", "371502-20261203")]
    spec = await (await web.get(f"{API}/openapi.json")).json()
    operation = spec["paths"][f"{API}/tickets/{{number}}/incident"]["post"]
    # Every role may record it: the document lists no 403 it would never give.
    assert {"200", "401", "404", "409", "422"} <= set(operation["responses"])
    assert "403" not in operation["responses"]


async def test_incident_number_from_the_console(web, tokens, sessions, config):
    row = await _emergency(sessions, config, 1)
    csrf = await signed_in(web, "a1")
    page = await (await web.get(f"{C}/tickets/{row.number}")).text()
    assert "110接警编号" in page and "未记录" in page
    response = await post(web, f"/tickets/{row.number}/incident", csrf, incident_no="J-8812")
    text = await response.text()
    assert response.status == 200 and "110接警编号已记录：J-8812" in text
    assert (await reload(sessions, row.number)).incident_no == "J-8812"
    response = await post(web, f"/tickets/{row.number}/incident", csrf, incident_no="坏编号")
    assert response.status == 422 and "接警编号只能包含" in await response.text()
