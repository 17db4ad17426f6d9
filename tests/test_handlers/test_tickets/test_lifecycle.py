"""The ticket lifecycle: one table, its clocks and declared hooks; a resident's 否 really
reopens (the reopen bug of issue 13)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from handlers.core.errors import Conflict
from handlers.reports.kpi import kpi_for_week
from handlers.reports.weeks import IsoWeek
from handlers.tickets.lifecycle import Lifecycle, Step
from storage.tickets import store as ticket_store
from tests.workbench import add_officer, reload, ticket


async def test_a_ticket_the_resident_reopens_is_not_resolved_in_the_figures(
        chat, db, sessions, services, clock):
    officer = await add_officer(sessions, "li")
    await chat.say("o-r", "楼上天天半夜蹦迪，吵死了")
    await chat.say("o-r", "取消")
    number = (await db.ticket("o-r")).number
    async with sessions() as session, session.begin():
        await services.workflow(clock).perform(session, officer, number, "status",
                                               {"status": "resolved", "note": "已上门调解"})
    assert (await reload(sessions, number)).resolved_at == clock.now
    week = IsoWeek.containing(clock.now, services.settings.tz)
    async with sessions() as session:
        figures = (await kpi_for_week(session, week, services.settings.tz,
                                      now=clock.now + timedelta(hours=2))).branch
    assert (figures.resolved, figures.resolved_on_time, figures.done) == (1, 1, 1)

    clock.advance(hours=1)
    assert "满意度" in await chat.say("o-r", "2")      # 否: not solved
    stored = await reload(sessions, number)
    assert (stored.status, stored.resolved_at, stored.closed_at) == ("reopened", None, None)
    async with sessions() as session:
        figures = (await kpi_for_week(session, week, services.settings.tz,
                                      now=clock.now + timedelta(hours=1))).branch
    assert (figures.resolved, figures.resolved_on_time, figures.done) == (0, 0, 0)
    # The assignee hears of it through the lifecycle's notices.
    assert any(number in job.payload for job in await db.outbox("wecom_robot"))


async def test_moves_outside_the_table_change_nothing_and_run_no_hook(sessions, config):
    t = await ticket(sessions, config)
    ran: list[str] = []

    async def hook(step: Step) -> None:
        ran.append(step.name)

    lifecycle = Lifecycle({"probe": {"closed": hook, "resolved": hook}})
    async with sessions() as session, session.begin():
        row = await session.merge(t)
        with pytest.raises(Conflict):
            await lifecycle.move(session, row, "closed", by="system", actor="system",
                                 at=t.created_at)
    assert ran == [] and (await reload(sessions, t.number)).status == "new"


async def test_hooks_run_in_declared_order_and_can_be_replaced(sessions, config):
    t = await ticket(sessions, config)
    ran: list[str] = []

    def probe(name: str):
        async def hook(step: Step) -> None:
            ran.append(f"{name}:{step.name}:{step.source}->{step.ticket.status}:{step.text}")
        return hook

    lifecycle = Lifecycle({"a": {"resolved": probe("a")}, "b": {"resolved": probe("b")}})
    lifecycle = lifecycle.with_hooks("a", {"resolved": probe("a2")})
    assert lifecycle.hook_sets == ("a", "b")
    async with sessions() as session, session.begin():
        row = await session.merge(t)
        await lifecycle.move(session, row, "resolved", by="supervisor", actor="sup",
                             at=t.created_at, text="已办结")
    assert ran == ["a2:resolved:new->resolved:已办结", "b:resolved:new->resolved:已办结"]
    stored = await reload(sessions, t.number)
    # Resolving an unassigned ticket makes it the resolver's; the clock is set.
    assert (stored.assignee, stored.resolved_at) == ("sup", t.created_at)


async def test_first_reply_stops_the_first_response_clock_once(sessions, config):
    t = await ticket(sessions, config)
    lifecycle = Lifecycle()
    later = t.created_at + timedelta(minutes=5)
    async with sessions() as session, session.begin():
        row = await session.merge(t)
        await lifecycle.assign(session, row, "a1", actor="a1", at=t.created_at)
        await lifecycle.move(session, row, "assigned", by="assign", actor="a1",
                             at=t.created_at)
        await lifecycle.replied(session, row, "a1", "您好", at=t.created_at, delivery="queued")
        await lifecycle.replied(session, row, "a1", "再次", at=later, delivery="queued")
    async with sessions() as session:
        stored = await reload(sessions, t.number)
        events = await ticket_store.events(session, stored)
    assert (stored.status, stored.first_response_at) == ("in_progress", t.created_at)
    flags = [json.loads(e.data).get("first_response") for e in events if e.type == "reply_out"]
    assert flags == [True, None]

