"""Feedback: praise goes to the unit it names; suggestions are registered."""

from __future__ import annotations

import pytest

from handlers import texts
from handlers.intents import feedback
from tests.conversations import classified, orm_tickets_built


async def test_praise_naming_a_unit_goes_to_that_unit(chat, db):
    reply = await chat.say("o-1", "表扬湖西派出所的民警")
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.unit, ticket.priority) == ("feedback", "湖西派出所", "P4")
    assert not ticket.flagged_unassigned
    assert reply.startswith(texts.text("praise_opened", unit="湖西派出所", number=ticket.number))


async def test_praise_naming_no_unit_is_thanked_as_praise(chat, db, services):
    text = classified(services, "feedback", "民警小张态度很好，办事效率高，点赞",
                      "感谢社区民警耐心帮我调解邻里纠纷")
    reply = await chat.say("o-1", text)
    ticket = await db.ticket("o-1")
    assert ticket.kind == "feedback"
    assert reply.startswith(texts.text("praise_opened_plain", number=ticket.number))


@pytest.mark.parametrize("said", ["古楼派出所的民警一点都不负责", "谢谢你们的敷衍，事情还是没人管",
                                  "湖西派出所窗口的人太不热情了，态度差"])
def test_criticism_borrowing_a_praise_word_is_no_praise(said):
    assert not feedback.praises(said)


async def test_a_suggestion_is_a_feedback_ticket(chat, db, services):
    text = classified(services, "feedback", "建议在学校门口增加巡逻",
                      "建议晚上多安排民警巡逻")
    reply = await chat.say("o-1", text)
    ticket = await db.ticket("o-1")
    assert ticket.kind == "feedback" and ticket.summary == text
    assert reply.startswith(texts.text("feedback_opened", number=ticket.number))
    assert [e.type for e in await db.events(ticket)] == ["created", "auto_reply"]


async def test_the_feedback_menu_asks_then_registers(chat, db):
    assert texts.text("feedback_start") in await chat.click("o-1", "FEEDBACK")
    assert await db.tickets() == []
    reply = await chat.say("o-1", "感谢新区派出所的民警帮我找回了钱包")
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.unit) == ("feedback", "新区派出所")
    assert ticket.number in reply and await db.dialog("o-1") is None


@pytest.mark.parametrize(("said", "unit"), [
    ("感谢古楼所的民警，帮我找回了钱包", "古楼派出所"),
    ("表扬湖西所的王警官，办事很热情", "湖西派出所"),
    ("谢谢新区所民警的热情帮助", "新区派出所"),
])
async def test_praise_naming_a_station_by_its_short_name_goes_to_it(chat, db, said, unit):
    reply = await chat.say("o-1", said)
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.unit, ticket.flagged_unassigned) == ("feedback", unit, False)
    assert reply.startswith(texts.text("praise_opened", unit=unit, number=ticket.number))


@pytest.mark.parametrize(("said", "area", "unit"), [
    ("感谢柳园派出所的民警，帮我找回了钱包", "柳园", "古楼派出所"),
    ("表扬东城街道派出所的民警，服务很热情", "东城街道", "新区派出所"),
    ("谢谢湖西街道派出所的民警，辛苦了", "湖西街道", "湖西派出所"),
])
async def test_praise_of_a_station_called_by_an_area_says_which_unit_has_it(chat, db, said,
                                                                             area, unit):
    # No such station is configured: the resident is not thanked for praising another one
    # as if they had named it, but told plainly which unit the area belongs to.
    reply = await chat.say("o-1", said)
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.unit) == ("feedback", unit)
    assert reply.startswith(texts.text("praise_opened_area", number=ticket.number) + "\n"
                            + texts.text("station_of_area", area=area, unit=unit))
    assert f"{unit}民警的肯定" not in reply


async def test_registering_feedback_builds_no_orm_ticket(chat, db):
    # The unit of work is Core writes only (storage.tickets.store.open_plain).
    with orm_tickets_built() as built:
        reply = await chat.say("o-1", "表扬湖西派出所的民警")
    assert built == [] and (await db.ticket("o-1")).number in reply
