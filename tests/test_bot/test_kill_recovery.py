"""kill -9 at every step of handling: the real `jingmin serve` stopped dead, restarted, WeChat
retrying as it does. Every resident is told their ticket number once, within 20 s of the
restart; nothing is done twice; no ticket field holds another answer's text."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from handlers import texts
from handlers.dialogs import slots
from storage.db import create_engine, session_factory
from storage.delivery.models import OutboxJob
from storage.intake.models import DialogState, InboundMessage
from storage.tickets.models import Ticket
from tests.fakes import FakeTencent
from tests.support.kill9 import RETRY_AFTER_S, Server, Told, Wechat, free_port

pytestmark = pytest.mark.slow

COMPLAINT = "楼上天天半夜蹦迪，吵死了"
EMERGENCY = "救命！有人在砸我家门"
HELLO = "你好"
WHERE = "古楼街道柳园小区3号楼"
# Three residents write at the same moment: one complaint (a ticket, then "where?"), one
# emergency (a P1 ticket and a police-group alert), one greeting (no database effects).
RESIDENTS = {"o-complaint": COMPLAINT, "o-emergency": EMERGENCY, "o-hello": HELLO}
HELP_WORDS = texts.text("courtesy_greeting")[:20]   # issue 14.5: a greeting's one line
DEADLINE_S = 20.0


@dataclass
class Outcome:
    """What the residents saw, when the restart began, and the database afterwards."""

    wechat: Wechat
    restarted_at: float
    tickets: dict[str, Ticket]
    dialogs: dict[str, DialogState]
    jobs: list[OutboxJob]
    inbound: list[InboundMessage]
    robot: list[str]


async def crash_and_recover(folder: Path, db_url: str, halt_at: str, *,
                            reply_budget_s: float | None = None) -> Outcome:
    """Serve, let the three residents write, SIGKILL at `halt_at`, restart, let WeChat's
    retries arrive; then the complaint's resident answers "where"."""
    loop = asyncio.get_running_loop()
    async with FakeTencent() as fake:
        port = free_port()
        first = Server(folder, db_url, fake, port, halt_at=halt_at,
                       reply_budget_s=reply_budget_s)
        await first.start()
        wechat = Wechat(fake, first.url)
        watcher = asyncio.create_task(wechat.watch_customer_service())
        pushes = [asyncio.create_task(wechat.push(openid, text, msg_id=9_100_000 + index))
                  for index, (openid, text) in enumerate(RESIDENTS.items())]
        second = Server(folder, db_url, fake, port, reply_budget_s=reply_budget_s)
        try:
            await first.wait_halted()
            await first.kill()
            restarted_at = loop.time()
            await second.start()
            await asyncio.gather(*pushes)      # WeChat has stopped retrying
            await _until(lambda: all(wechat.told.get(o) for o in RESIDENTS), DEADLINE_S)
            await asyncio.sleep(1.0)           # room for a duplicate to show
            await wechat.push("o-complaint", WHERE, msg_id=9_100_100)
            # Answered passively, or (late replies) by a customer-service message.
            await _until(lambda: len(wechat.told.get("o-complaint", [])) >= 2, DEADLINE_S)
            robot = [c.body["text"]["content"] for c in fake.delivered("robot_send")]
        finally:
            watcher.cancel()
            await first.stop()      # only if a failure left it running
            await second.stop()
    return Outcome(wechat, restarted_at, *await _stored(db_url), robot)


async def _until(done, timeout_s: float, every_s: float = 0.1) -> None:
    """Until `done()` holds or `timeout_s` has passed."""
    for _ in range(int(timeout_s / every_s)):
        if done():
            return
        await asyncio.sleep(every_s)


async def _stored(db_url: str):
    engine = create_engine(db_url)
    try:
        async with session_factory(engine)() as session:
            tickets = {t.openid: t for t in await session.scalars(select(Ticket))}
            dialogs = {d.openid: d for d in await session.scalars(select(DialogState))}
            jobs = list(await session.scalars(select(OutboxJob).order_by(OutboxJob.id)))
            inbound = list(await session.scalars(
                select(InboundMessage).order_by(InboundMessage.id)))
    finally:
        await engine.dispose()
    return tickets, dialogs, jobs, inbound


def assert_recovered(outcome: Outcome, *, alert_delivered: bool = True) -> None:
    """Every resident told once in time; one ticket each, fields their own; one alert."""
    wechat, tickets = outcome.wechat, outcome.tickets
    assert set(tickets) == {"o-complaint", "o-emergency"}, tickets
    for openid in ("o-complaint", "o-emergency"):
        ticket = tickets[openid]
        told = wechat.told_about(openid, ticket.number)
        assert len(told) == 1, (openid, wechat.told.get(openid))
        _in_time(told[0], outcome.restarted_at)
        # Its own words only: the old failure put the complaint text into `area`.
        assert ticket.summary == RESIDENTS[openid]
        assert ticket.contact_phone is None
    hello = wechat.told_about("o-hello", HELP_WORDS)
    assert len(hello) == 1, wechat.told.get("o-hello")
    _in_time(hello[0], outcome.restarted_at)
    # The complaint's dialog was not fed its own message: "where" was answered by WHERE.
    complaint = tickets["o-complaint"]
    assert complaint.area and complaint.area in WHERE, complaint.area
    # The where answer was fed once: the next step is asked (the phone: 半夜 said when).
    asked_next = wechat.told.get("o-complaint", [])[-1].text
    assert asked_next.startswith(texts.text("ask_phone")), wechat.told.get("o-complaint")
    assert json.loads(outcome.dialogs["o-complaint"].data)["where"] == WHERE
    assert tickets["o-emergency"].area is None
    # Each message recorded once; the emergency's alert queued once (and sent once).
    keys = [(m.openid, m.dedupe_key) for m in outcome.inbound]
    assert len(keys) == len(set(keys)) == 4
    number = tickets["o-emergency"].number
    alerts = [j for j in outcome.jobs if j.kind == "wecom_robot" and number in j.payload]
    assert len(alerts) == 1
    if alert_delivered:
        sent = [text for text in outcome.robot if number in text]
        alert = json.loads(alerts[0].payload)["text"]
        # Sent once; a send the kill may have cut short is sent again, marked as a possible
        # repeat (the robot takes no idempotency key).
        assert sent and sent.count(alert) <= 1, sent
        assert all(text in (alert, texts.text("maybe_repeated") + alert) for text in sent), sent
        # Never told twice that officers were alerted (a repeated effect).
        assert len(wechat.told_alerted("o-emergency")) <= 1, wechat.told.get("o-emergency")


def _in_time(told: Told, restarted_at: float) -> None:
    assert told.at <= restarted_at + DEADLINE_S, (told, told.at - restarted_at)


@pytest.mark.parametrize("halt_at", ["recorded", "ticket_opened", "dialog_saved",
                                     "effects_committed", "reply_stored", "outbox_claimed"])
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_kill_at_each_step_on_sqlite(tmp_path, db_url, halt_at):
    outcome = await crash_and_recover(tmp_path, db_url, halt_at)
    assert_recovered(outcome)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_kill_after_late_replies_were_committed(tmp_path, db_url):
    # A budget too small for any answer: every reply goes through the outbox, committed with
    # its ticket; the kill comes before anything is sent.
    outcome = await crash_and_recover(tmp_path, db_url, "effects_committed",
                                      reply_budget_s=0.001)
    assert_recovered(outcome)
    assert {t.how for told in outcome.wechat.told.values() for t in told} == {
        "customer_service"}


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_kill_after_commit_on_postgresql(tmp_path, db_url):
    # Another boot's messages are taken over when their leases end (several instances may
    # share the database); the robot's sender lease of the dead process makes alerts wait.
    outcome = await crash_and_recover(tmp_path, db_url, "effects_committed")
    assert_recovered(outcome, alert_delivered=False)


# --- under load -----------------------------------------------------------------------------

LOAD_TEXTS = ("楼上天天半夜蹦迪，吵死了", "邻居家的狗每天晚上叫个不停，吵得睡不着",
              "小区里有人天天乱停车把消防通道堵了", "对面工地半夜还在施工，噪音太大",
              "救命！有人在砸我家门", "快来人，有人拿刀在追我", "我家着火了，快来救火")
RESIDENTS_UNDER_LOAD = 28


async def _resident(wechat: Wechat, index: int) -> bool | None:
    """Writes, waits to be told a ticket number, answers "where" when asked: as Wechat.push
    says how that answer went (False: it surely reached no server), None when not asked."""
    openid, text = f"o-load-{index:02d}", LOAD_TEXTS[index % len(LOAD_TEXTS)]
    await wechat.push(openid, text, msg_id=9_200_000 + index)
    await _until(lambda: wechat.told_about(openid, "工单号"), 60.0)
    told = wechat.told_about(openid, "工单号")
    if told and texts.text("ask_where") in told[0].text:
        return await wechat.push(openid, _place(openid), msg_id=9_300_000 + index)
    return None


def _place(openid: str) -> str:
    """Where resident `openid` (o-load-NN) says it happens."""
    return f"古楼街道柳园小区{int(openid.rsplit('-', 1)[1])}号楼"


@pytest.mark.parametrize("db_url", ["sqlite", "postgres"], indirect=True)
async def test_kill_under_load(tmp_path, db_url):
    loop = asyncio.get_running_loop()
    async with FakeTencent() as fake:
        port = free_port()
        first = Server(tmp_path, db_url, fake, port)
        await first.start()
        wechat = Wechat(fake, first.url)
        watcher = asyncio.create_task(wechat.watch_customer_service())
        residents = [asyncio.create_task(_resident(wechat, i))
                     for i in range(RESIDENTS_UNDER_LOAD)]
        second = Server(tmp_path, db_url, fake, port)
        try:
            # Dead in the middle: once a third of the residents have had an answer.
            await _until(lambda: len(wechat.told) >= RESIDENTS_UNDER_LOAD // 3, 60.0, 0.01)
            await first.kill()
            restarted_at = loop.time()
            await second.start()
            restart_s = loop.time() - restarted_at
            answered = await asyncio.gather(*residents)
            openids = [f"o-load-{i:02d}" for i in range(RESIDENTS_UNDER_LOAD)]
            # An answer taken but not yet replied to (a late reply) is still being handled.
            await _until(lambda: all(len(wechat.told.get(o, [])) >= 2 for o, took
                                     in zip(openids, answered, strict=True) if took), DEADLINE_S)
            await asyncio.sleep(1.0)
        finally:
            watcher.cancel()
            await first.stop()
            await second.stop()
    tickets, dialogs, jobs, inbound = await _stored(db_url)
    assert sorted(tickets) == openids
    every_text = set(LOAD_TEXTS)
    places = {m.openid for m in inbound if m.content == _place(m.openid)}
    for index, openid in enumerate(openids):
        ticket = tickets[openid]
        told = wechat.told_about(openid, ticket.number)
        assert len(told) == 1, (openid, wechat.told.get(openid), wechat.attempts.get(openid))
        _in_time(told[0], restarted_at)
        assert ticket.summary == LOAD_TEXTS[index % len(LOAD_TEXTS)]
        assert ticket.area is None or (ticket.area not in every_text
                                       and ticket.area in f"古楼街道柳园小区{index}号楼")
        if ticket.kind == "emergency":
            alerts = [j for j in jobs if j.kind == "wecom_robot" and ticket.number in j.payload]
            assert len(alerts) == 1, ticket.number
        elif answered[index] is False or (answered[index] is None and openid not in places):
            # Its answer came while no instance was up, for longer than WeChat retries (a
            # restart on a starved machine): lost at WeChat, so the dialog still asks where.
            # So is one whose attempt the kill cut before it was recorded, when every retry
            # came before the restart was serving: only a restart slower than two retries.
            assert answered[index] is False or restart_s > 2 * RETRY_AFTER_S, restart_s
            assert "where" not in json.loads(dialogs[openid].data) and ticket.area is None
            assert wechat.told[openid][-1] == told[0], wechat.told[openid]
        elif openid in dialogs:
            # Asked "where", answered with the place: the next question is "when", or the
            # phone where the complaint said when (半夜, 每天晚上).
            assert json.loads(dialogs[openid].data)["where"] == f"古楼街道柳园小区{index}号楼"
            step = "ask_when" if slots.told_when(ticket.summary) is None else "ask_phone"
            assert texts.text(step) in wechat.told[openid][-1].text
    keys = [(m.channel, m.dedupe_key) for m in inbound]
    assert len(keys) == len(set(keys))
    assert all(m.state == "handled" for m in inbound)
