"""A resident's words added to a ticket reach its officers in WeCom: the assignee when they
have a WeCom id, else the officers of the ticket's unit (never only the police group), through
the real outbox worker and the fake Tencent on loopback."""

from __future__ import annotations

import json

import aiohttp
import pytest

from bot.assembly import build_services
from bot.delivery.outbox import OutboxWorker
from bot.delivery.senders import build_senders
from bot.metrics import Metrics
from handlers import texts
from tests.conversations import Clock, make_chat
from tests.workbench import UNIT_B, add_officer

COMPLAINT = "楼上天天半夜蹦迪，吵死了"
ADDED = "对了，他们每次都开着大音响，我的电话是13812345678"
FIGHT = "楼下有人正在打架，快来人"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def services(tencent_config, sessions):
    """The handlers' services as the app builds them with WeCom (app and robot) set up."""
    return await build_services(tencent_config, sessions)


@pytest.fixture
def chat(sessions, services, clock):
    return make_chat(sessions, services, clock)


@pytest.fixture
def delivered(tencent_config, sessions, fake_tencent):
    """Run the outbox against the fake: what WeCom delivered since the last run, the app's
    texts by recipient and the police group robot's under "robot"."""
    seen = {"wecom_send": 0, "robot_send": 0}

    async def run() -> dict[str, list[str]]:
        async with aiohttp.ClientSession() as http:
            worker = OutboxWorker(sessions, build_senders(tencent_config, http, sessions,
                                                          timeout=2), Metrics())
            while await worker.run_once():
                pass
        told: dict[str, list[str]] = {}
        for endpoint in seen:
            calls = fake_tencent.delivered(endpoint)
            for call in calls[seen[endpoint]:]:
                users = call.body["touser"].split("|") if endpoint == "wecom_send" \
                    else ["robot"]
                for user in users:
                    told.setdefault(user, []).append(call.body["text"]["content"])
            seen[endpoint] = len(calls)
        return told
    return run


async def _filed(chat, db, openid: str, text: str = COMPLAINT):
    await chat.say(openid, text)
    await chat.say(openid, "取消")
    return (await db.tickets(openid))[-1]


async def _assigned(chat, db, sessions, services, clock, openid: str,
                    wecom_user: str | None):
    """A complaint assigned to its unit's officer "lead" (with `wecom_user`, or none), who
    has a colleague "mate" with WeCom; the ticket and the officer."""
    ticket = await _filed(chat, db, openid)
    lead = await add_officer(sessions, "lead", ticket.unit, wecom_user=wecom_user)
    await add_officer(sessions, "mate", ticket.unit, wecom_user="wx-mate")
    async with sessions() as session, session.begin():
        await services.workflow(clock).perform(session, lead, ticket.number, "assign",
                                               {"officer": "lead"})
    return ticket, lead


async def _said(db, ticket) -> list[str]:
    return [e.text for e in await db.events(ticket)
            if e.type == "message_in" and e.actor == "resident"]


async def test_words_on_an_unassigned_ticket_reach_the_units_officers(
        chat, db, sessions, delivered, clock):
    ticket = await _filed(chat, db, "o-un")
    await add_officer(sessions, "u1", ticket.unit, wecom_user="wx-u1")
    await add_officer(sessions, "u2", ticket.unit, wecom_user="wx-u2")
    await add_officer(sessions, "other", UNIT_B if ticket.unit != UNIT_B else "湖西派出所",
                      wecom_user="wx-other")
    await delivered()       # anything opening it sent
    clock.advance(minutes=10)
    assert (await chat.say("o-un", ADDED)).startswith(
        texts.text("supplement_added", number=ticket.number))
    assert ADDED in await _said(db, ticket)
    told = await delivered()
    assert set(told) == {"wx-u1", "wx-u2"}      # not the police group, not another unit
    [words] = told["wx-u1"]
    assert ticket.number in words and "他们每次都开着大音响" in words
    assert "13812345678" not in words and "138****5678" in words
    updated = await db.ticket("o-un")
    assert updated.updated_at > ticket.updated_at    # it rises in the officers' lists


async def test_an_assignee_without_wecom_is_covered_by_the_unit_not_the_group(
        chat, db, sessions, services, delivered, clock):
    await _assigned(chat, db, sessions, services, clock, "o-nowx", wecom_user=None)
    await delivered()
    clock.advance(minutes=10)
    await chat.say("o-nowx", "对了，还有楼下那家也一样吵")
    told = await delivered()
    assert set(told) == {"wx-mate"}


async def test_words_on_an_assigned_ticket_reach_its_officer_alone(
        chat, db, sessions, services, delivered, clock):
    await _assigned(chat, db, sessions, services, clock, "o-as", wecom_user="wx-lead")
    await delivered()
    clock.advance(minutes=10)
    await chat.say("o-as", "对了，还有楼下那家也一样吵")
    told = await delivered()
    assert set(told) == {"wx-lead"}


async def test_more_words_on_an_emergency_reach_its_unit_in_the_app_not_the_group_again(
        chat, db, sessions, delivered, clock):
    await chat.say("o-em", FIGHT)
    ticket = await db.ticket("o-em")
    await add_officer(sessions, "duty", ticket.unit, wecom_user="wx-duty")
    first = await delivered()
    assert list(first) == ["robot"]                # the alert
    clock.advance(minutes=2)
    again = await chat.say("o-em", "他们还在打，有人头破血流了")
    assert ticket.number in again
    clock.advance(minutes=1)
    await chat.say("o-em", "其中一个穿红衣服")
    told = await delivered()
    assert set(told) == {"wx-duty"}
    assert all(ticket.number in t for t in told["wx-duty"])
    assert any("头破血流" in t for t in told["wx-duty"])
    assert any("红衣服" in t for t in told["wx-duty"])
    assert (await _said(db, ticket))[-2:] == ["他们还在打，有人头破血流了", "其中一个穿红衣服"]
    assert len(await db.tickets("o-em")) == 1


async def test_a_photo_sent_while_reporting_is_on_the_ticket_and_tells_nobody_yet(
        chat, db, sessions, delivered):
    await chat.say("o-ph", "昨天晚上我的电动车在柳园小区3号楼下被偷了")
    ticket = await db.ticket("o-ph")
    await add_officer(sessions, "u1", ticket.unit, wecom_user="wx-u1")
    await delivered()
    assert ticket.number in await chat.image("o-ph", "media-7")
    photos = [e for e in await db.events(ticket) if e.type == "message_in"]
    assert photos and json.loads(photos[-1].data).get("media_id") == "media-7"
    assert await delivered() == {}


async def test_a_reopening_by_the_resident_reaches_the_unit_when_the_assignee_has_no_wecom(
        chat, db, sessions, services, delivered, clock):
    ticket, lead = await _assigned(chat, db, sessions, services, clock, "o-re",
                                   wecom_user=None)
    async with sessions() as session, session.begin():
        await services.workflow(clock).perform(session, lead, ticket.number, "status",
                                               {"status": "resolved", "note": "已调解"})
    await delivered()
    clock.advance(minutes=10)
    await chat.say("o-re", "还是很吵，根本没解决")
    assert (await db.ticket("o-re")).status == "reopened"
    told = await delivered()
    assert set(told) == {"wx-mate"} and ticket.number in told["wx-mate"][0]
