"""Residents told where a transferred ticket went; officers told of a resident's words."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from handlers.core.settings import AlertSettings, TicketSettings
from handlers.officers.workflow import Workflow
from handlers.tickets import notices
from storage.delivery.models import OutboxJob
from storage.tickets import store as ticket_store
from tests.workbench import NOW, UNIT_B, staff, ticket


@pytest.fixture
def wf(config) -> Workflow:
    return Workflow(TicketSettings.from_config(config), clock=lambda: NOW)


async def _transfer(sessions, wf, actor, number):
    async with sessions() as session, session.begin():
        await wf.perform(session, actor, number, "transfer",
                         {"unit": UNIT_B, "reason": "涉及辖区内在建工地，内部协调"})


async def _texts(sessions) -> list[tuple[str, str]]:
    async with sessions() as session:
        jobs = await session.scalars(select(OutboxJob).order_by(OutboxJob.id))
        return [(job.recipient, json.loads(job.payload)["text"]) for job in jobs]


async def test_the_resident_hears_which_unit_took_their_ticket(sessions, config, wf):
    people = await staff(sessions)
    t = await ticket(sessions, config, openid="o-moved")
    await _transfer(sessions, wf, people["sup"], t.number)
    [(recipient, text)] = await _texts(sessions)
    assert recipient == "o-moved"
    assert f"您的工单{t.number}已转交{UNIT_B}办理" in text
    assert "内部协调" not in text               # the reason is the officers' business
    async with sessions() as session:
        row = await ticket_store.get_by_number(session, t.number)
        notices = [e for e in await ticket_store.events(session, row)
                   if e.type == "auto_reply"]
    # Officers see on the timeline what the resident was told.
    assert [e.text for e in notices] == [text]


async def test_a_ticket_with_no_wechat_resident_sends_nothing(sessions, config, wf):
    people = await staff(sessions)
    t = await ticket(sessions, config, openid=None, channel="hotline", phone="13812345678")
    await _transfer(sessions, wf, people["sup"], t.number)
    assert await _texts(sessions) == []


async def test_words_no_route_can_carry_are_logged_without_them(sessions, config, caplog):
    t = await ticket(sessions, config, openid="o-lone")
    words = "我住幸福里小区2号楼301，电话13812345678"
    async with sessions() as session, session.begin():
        row = await ticket_store.get_by_number(session, t.number)
        way = await notices.resident_said(session, AlertSettings(robot=False, app=False), row,
                                          words, at=NOW + timedelta(minutes=5))
    assert way == "nobody"
    assert await _texts(sessions) == []
    [record] = [r for r in caplog.records if t.number in r.getMessage()]
    assert record.levelname == "WARNING"
    assert "13812345678" not in caplog.text and "幸福里" not in caplog.text
    async with sessions() as session:
        row = await ticket_store.get_by_number(session, t.number)
        said = [e.text for e in await ticket_store.events(session, row) if e.type == "message_in"]
    assert said == [words]       # on the ticket all the same
