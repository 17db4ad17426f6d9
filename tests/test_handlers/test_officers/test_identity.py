"""Hotline callers and WeChat residents: candidates by phone, linking by an officer, and no
ticket ever reached through a phone a resident only typed."""

from __future__ import annotations

import pytest

from handlers import texts
from handlers.channels.hotline import HotlineDesk
from handlers.channels.hotline_calls import parse_call
from handlers.core.errors import Conflict, Invalid, NotFound
from handlers.officers.identity import candidates, link_resident
from tests.conversations import NOW
from tests.doors import CALLER, call
from tests.workbench import UNIT_B, add_officer, reload

RESIDENT = "o-resident-identity"
OTHER = "o-someone-else"


@pytest.fixture
async def people(sessions):
    return {"a1": await add_officer(sessions, "a1"),
            "b1": await add_officer(sessions, "b1", UNIT_B)}


@pytest.fixture
async def doors(chat, sessions, services, clock, db):
    """A WeChat complaint giving CALLER's phone, and a hotline call from CALLER."""
    await chat.say(RESIDENT, f"小区门口有人乱停车，我电话{CALLER}，在柳园小区")
    [wechat] = await db.tickets(RESIDENT)
    assert wechat.contact_phone == CALLER
    desk = HotlineDesk(sessions, services, clock=clock)
    number = (await desk.receive(parse_call(call(caller="+86" + CALLER), services.settings.tz,
                                            NOW))).number
    return wechat.number, number


async def _candidates(sessions, actor, number):
    async with sessions() as session:
        return await candidates(session, actor, number)


async def _link(sessions, actor, number, openid):
    async with sessions() as session, session.begin():
        return await link_resident(session, actor, number, openid, now=NOW)


async def test_candidates_both_ways(doors, people, sessions):
    wechat, hotline = doors
    [match] = await _candidates(sessions, people["a1"], hotline)
    assert (match.number, match.channel, match.openid) == (wechat, "wechat", RESIDENT)
    [back] = await _candidates(sessions, people["a1"], wechat)
    assert (back.number, back.channel, back.openid) == (hotline, "hotline", None)
    with pytest.raises(NotFound):
        await _candidates(sessions, people["b1"], hotline)


async def test_withheld_caller_has_no_candidates(doors, people, sessions, services, clock):
    desk = HotlineDesk(sessions, services, clock=clock)
    number = (await desk.receive(parse_call(call(caller=""), services.settings.tz, NOW))).number
    assert await _candidates(sessions, people["a1"], number) == []


async def test_typed_phone_never_shows_hotline_ticket(doors, chat):
    wechat, hotline = doors
    mine = await chat.click(RESIDENT, "MY_TICKETS")
    assert wechat in mine and hotline not in mine
    assert texts.text("status_not_found") in await chat.say(RESIDENT, f"查询 {hotline}")
    # Someone else typing the same phone sees nothing either.
    await chat.say(OTHER, f"小区门口有人乱停车，我电话{CALLER}")
    assert hotline not in await chat.click(OTHER, "MY_TICKETS")


async def test_link_after_checking(doors, people, sessions, chat, db):
    wechat, hotline = doors
    with pytest.raises(Invalid):
        await _link(sessions, people["a1"], hotline, OTHER)
    with pytest.raises(NotFound):
        await _link(sessions, people["b1"], hotline, RESIDENT)
    with pytest.raises(Conflict):
        await _link(sessions, people["a1"], wechat, RESIDENT)
    await _link(sessions, people["a1"], hotline, RESIDENT)
    stored = await reload(sessions, hotline)
    assert stored.openid == RESIDENT
    [event] = [e for e in await db.events(stored) if e.type == "linked"]
    assert event.actor == "a1" and wechat in event.text and RESIDENT not in event.data
    with pytest.raises(Conflict):
        await _link(sessions, people["a1"], hotline, RESIDENT)
    mine = await chat.click(RESIDENT, "MY_TICKETS")
    assert wechat in mine and hotline in mine
