"""A resident who booked in English is asked the rating in English too: the language is read
from their own words filed with the ticket (a booking's summary is ours, in Chinese)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot import keys
from handlers import texts
from handlers.conversation import verdict
from handlers.tickets.lifecycle import Lifecycle
from storage.tickets.models import Ticket
from tests.helpers import inbound_rows
from tests.pushes import text_xml
from tests.test_handlers.test_conversation.test_router_messages import push

ENGLISH_ASKED = "Officers have closed your booking"


async def _booked_and_resolved(client, sessions, openid: str, *said: str) -> str:
    for answer in said:
        await push(client, text_xml(openid, answer))
    [ticket_id] = {row.ticket_id for row in await inbound_rows(sessions, openid)
                   if row.ticket_id is not None}
    services = client.app[keys.SERVICES]
    now = datetime.now(UTC)
    async with sessions() as session, session.begin():
        ticket = await session.get(Ticket, ticket_id)
        assert ticket.kind == "appointment"
        await Lifecycle().move(session, ticket, "resolved", by="supervisor",
                               actor="officer1", at=now)
        return (await verdict.ask(session, services, ticket, "已为您办理完毕。", now)).text


@pytest.mark.parametrize("said", [
    ("I need to renew my residence permit, can I book a time?", "1", "next Monday morning",
     "John Smith", "13812345678", "1"),
    ("hi, i want make apointment to get new id card pls", "2", "next tuesday afternoon",
     "my name is Maria Lopez", "13912345678", "1"),
])
async def test_a_booking_made_in_english_is_rated_in_english(client, sessions, said):
    asked = await _booked_and_resolved(client, sessions, "e-rate", *said)
    assert ENGLISH_ASKED in asked


async def test_a_booking_made_in_chinese_is_rated_in_chinese(client, sessions):
    asked = await _booked_and_resolved(client, sessions, "c-rate", "我想预约办身份证", "1",
                                       "下周一上午", "张三", "13812345678", "1")
    assert texts.text("verdict_ask_solved_appointment").split("？")[0] in asked
    assert ENGLISH_ASKED not in asked


@pytest.mark.parametrize(("address", "area"), [("Building 3, Liuyuan estate", "柳园"),
                                               ("柳园小区3号楼2单元", "柳园")])
async def test_a_home_visits_address_in_any_words_is_the_tickets_place(chat, db, address,
                                                                       area):
    for said in ("I want to book an officer to come to my home, grandma needs her ID card "
                 "done", "next Monday morning", address, "John Smith", "13812345678", "1"):
        await chat.say("e-home", said)
    ticket = await db.ticket("e-home")
    assert (ticket.place, ticket.area) == (address, area)
