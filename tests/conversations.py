"""Residents talking to the real router in tests: a fixed clock, the chat, reading back what
handling stored, and the dialogs walked step by step."""

from __future__ import annotations

import contextlib
import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers import texts
from handlers.conversation.router import Router
from handlers.core.types import Inbound, Location
from handlers.intents.services import Services
from storage.delivery.models import OutboxJob
from storage.intake.models import DialogState
from storage.tickets import store as ticket_store
from storage.tickets.models import IntentCandidate, Ticket, TicketEvent

# Wednesday 2026-11-25, 10:00 in Shanghai: a working day, inside working hours.
NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
DAY = "20261125"
_keys = itertools.count(1)


class Clock:
    """A fixed aware moment that tests move forward by hand."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move the clock forward (minutes=..., seconds=...)."""
        self.now += timedelta(**delta)


@dataclass
class Chat:
    """Sends residents' messages to a router and returns the reply text."""

    router: Router
    # Per resident: whether the last reply carried the 110 line.
    lined: dict[str, bool] = field(default_factory=dict)

    async def send(self, openid: str, msg_type: str = "text", **fields: Any) -> str:
        """One message of `msg_type`; the reply ("" when there is none)."""
        message = Inbound(channel="wechat", dedupe_key=f"test-{next(_keys)}", openid=openid,
                          msg_type=msg_type, **fields)
        reply = (await self.router.dispatch(message)).text
        if reply:
            # §4: the 110 line at most once and last, never beside another mention of 110,
            # never on two replies in a row.
            lined = texts.LINE_110 in reply
            if lined:
                assert reply.endswith(texts.LINE_110) and reply.count(texts.LINE_110) == 1
                assert not self.lined.get(openid), reply
                assert not re.search(r"(?<!\d)110(?!\d)", reply[:-len(texts.LINE_110)]), reply
            self.lined[openid] = lined
        return reply

    async def say(self, openid: str, text: str) -> str:
        """A text message."""
        return await self.send(openid, content=text)

    async def click(self, openid: str, key: str) -> str:
        """A menu button."""
        return await self.send(openid, "event", event="click", event_key=key)

    async def image(self, openid: str, media_id: str = "media-1") -> str:
        """A photo."""
        return await self.send(openid, "image", media_id=media_id)

    async def voice(self, openid: str, recognition: str = "") -> str:
        """A voice message, with WeChat's recognition when it had one."""
        return await self.send(openid, "voice", media_id="voice-1", media_format="amr",
                               recognition=recognition)

    async def location(self, openid: str, lat: float, lng: float, label: str = "") -> str:
        """A shared location."""
        return await self.send(openid, "location", location=Location(lat, lng, label))


def make_chat(sessions: async_sessionmaker[AsyncSession], services: Services,
              clock: Clock) -> Chat:
    """A chat through a fresh Router."""
    return Chat(Router(sessions, services, clock=clock))


class Db:
    """Reads back what handling stored."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def tickets(self, openid: str | None = None) -> list[Ticket]:
        """Tickets (of one resident), oldest first."""
        query = select(Ticket).order_by(Ticket.id)
        if openid is not None:
            query = query.where(Ticket.openid == openid)
        async with self.sessions() as session:
            return list(await session.scalars(query))

    async def ticket(self, openid: str) -> Ticket:
        """The resident's one ticket."""
        tickets = await self.tickets(openid)
        assert len(tickets) == 1, [t.number for t in tickets]
        return tickets[0]

    async def events(self, ticket: Ticket) -> list[TicketEvent]:
        """The ticket's timeline, oldest first."""
        async with self.sessions() as session:
            return await ticket_store.events(session, ticket)

    async def all_events(self) -> list[TicketEvent]:
        """Every timeline event."""
        async with self.sessions() as session:
            return list(await session.scalars(select(TicketEvent).order_by(TicketEvent.id)))

    async def outbox(self, kind: str | None = None) -> list[OutboxJob]:
        """Outbox jobs (of one kind), oldest first."""
        query = select(OutboxJob).order_by(OutboxJob.id)
        if kind is not None:
            query = query.where(OutboxJob.kind == kind)
        async with self.sessions() as session:
            return list(await session.scalars(query))

    async def dialog(self, openid: str) -> DialogState | None:
        """The resident's stored dialog row, expired or not."""
        async with self.sessions() as session:
            return await session.get(DialogState, openid)

    async def candidates(self) -> list[IntentCandidate]:
        """Intent candidates, oldest first."""
        async with self.sessions() as session:
            return list(await session.scalars(select(IntentCandidate)
                                              .order_by(IntentCandidate.id)))


@contextlib.contextmanager
def orm_tickets_built():
    """The ORM Ticket objects constructed inside the block (an opener on the plain path,
    storage.tickets.store.open_plain, builds none)."""
    built: list[Ticket] = []

    def constructed(target, _args, _kwargs):
        built.append(target)

    event.listen(Ticket, "init", constructed)
    try:
        yield built
    finally:
        event.remove(Ticket, "init", constructed)


def unconfident(services: Services, *candidates: str) -> str:
    """The first message neither the classifier nor the FAQ is sure about (both get retuned)."""
    for text in candidates:
        prediction = services.classifier.classify(text)
        known = services.faq.match(text)
        if not prediction.confident and prediction.intent != "emergency" \
                and not prediction.ticket_number and not prediction.reasons[0].startswith("rule") \
                and not (known is not None and known.confident):
            return text
    pytest.fail(f"the classifier is confident about every one of {candidates}")


def classified(services: Services, intent: str, *candidates: str) -> str:
    """The first message the classifier confidently calls `intent`."""
    for text in candidates:
        prediction = services.classifier.classify(text)
        if prediction.intent == intent and prediction.confident:
            return text
    pytest.fail(f"none of {candidates} is classified {intent}")


# Marker of each appointment prompt (the confirmation repeats 手机号 but not these words).
APPOINTMENT = {"service": "哪项业务", "unit": "哪个派出所", "time": "希望什么时间",
               "name": "您的姓名", "phone": "联系电话（手机号）", "confirm": "请确认预约信息"}
APPOINTMENT_ANSWERS = ("1", "1", "明天上午", "张三", "13812345678")
COMPLAINT = {"description": "请直接描述您要反映的问题", "where": "具体地点",
             "when": "事情发生在什么时间", "phone": "联系电话（手机号）",
             "photos": "照片、视频或语音"}
NOISE = "楼上邻居总是很吵"     # no time told: the complaint dialog asks it
EMERGENCY = "小区门口正在打架，有人拿刀"
COMPLAINT_ANSWERS = ("柳园小区3号楼", "每天晚上10点以后", "13812345678")


def asks(reply: str, prompts: dict[str, str]) -> str | None:
    """Which prompt of a dialog the reply asks (None when it asks none)."""
    found = [name for name, marker in prompts.items() if marker in reply]
    assert len(found) <= 1, reply
    return found[0] if found else None


async def appointment_at(chat, openid: str, step: int) -> str:
    """Walk the appointment dialog to its `step`-th question; the last reply."""
    reply = await chat.say(openid, "我要预约")
    for answer in APPOINTMENT_ANSWERS[:step]:
        reply = await chat.say(openid, answer)
    assert asks(reply, APPOINTMENT) == list(APPOINTMENT)[step]
    return reply


async def complaint_at(chat, openid: str, step: int) -> str:
    """Walk a complaint (COMPLAINT menu, then details) to its `step`-th question."""
    reply = await chat.click(openid, "COMPLAINT")
    if step:
        reply = await chat.say(openid, NOISE)
    for answer in COMPLAINT_ANSWERS[:max(step - 1, 0)]:
        reply = await chat.say(openid, answer)
    assert asks(reply, COMPLAINT) == list(COMPLAINT)[step], reply
    return reply
