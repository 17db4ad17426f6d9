"""Complaints and tips: the details asked after the ticket opens (where, when, phone), and how
the place told routes it."""

from __future__ import annotations

import json

import pytest

from handlers import texts
from handlers.tickets import signing
from tests.conversations import COMPLAINT, NOISE, asks
from tests.support.statements import traced

PHONE, MASKED = "13812345678", "138****5678"


@pytest.mark.parametrize(("place", "unit", "area"), [
    ("湖西街道幸福小区3号楼", "湖西派出所", "湖西街道"),
    ("东城街道金色家园", "新区派出所", "东城街道"),
    ("新区街道", "新区派出所", "新区街道"),
    ("柳园小区", "古楼派出所", "柳园"),
])
async def test_the_place_routes_an_unassigned_ticket(chat, db, place, unit, area):
    await chat.say("o-1", NOISE)
    ticket = await db.ticket("o-1")
    assert ticket.flagged_unassigned and ticket.unit == "古楼派出所"
    await chat.say("o-1", place)
    ticket = await db.ticket("o-1")
    # The resident's words stay; the area they matched is kept beside them.
    assert (ticket.unit, ticket.flagged_unassigned, ticket.area) == (unit, False, area)
    assert ticket.place == place
    # Routing out of 待分派 is not a transfer, even where the unit holding it stays the same.
    events = await db.events(ticket)
    assert not [e for e in events if e.type == "transferred"]
    [routed] = [e for e in events if e.type == "routed"]
    assert (routed.actor, json.loads(routed.data)) == ("system",
                                                       {"from": "古楼派出所", "unit": unit})


def _ticket_reads(sessions):
    """The statements that read the tickets table, whichever way they run (SQLite's own
    trace sees those run on its connection directly: storage.inline, storage.probe)."""
    return traced(sessions, lambda statement: statement.lstrip().startswith("SELECT")
                  and "FROM tickets" in statement)


async def test_the_place_routes_an_unassigned_ticket_without_reading_it(chat, db, sessions):
    # About one mixed push in twelve: its ticket's load and the ORM's flush of it were most
    # of the push's database work.
    await chat.say("o-1", NOISE)
    async with _ticket_reads(sessions) as reads:
        await chat.say("o-1", "湖西街道幸福小区3号楼")
    assert reads == []
    ticket = await db.ticket("o-1")
    assert (ticket.unit, ticket.flagged_unassigned) == ("湖西派出所", False)


@pytest.mark.parametrize(("said", "priority"), [
    (NOISE, "P3"),
    ("民警态度很差，我要投诉这个警察", "P2"),     # an officer's conduct
    ("我要投诉，窗口民警态度恶劣，问两句就不耐烦", "P2"),   # named first, the conduct after
])
async def test_the_place_sets_the_sign_due_of_the_tickets_own_priority(
        chat, db, services, clock, monkeypatch, said, priority):
    # The answer does not read the ticket: the dialog that opened it tells its priority, so
    # the unit's sign due is worked out once, not for P1 and for any other alike.
    await chat.say("o-1", said)
    asked = []
    sign_due = signing.sign_due
    monkeypatch.setattr(signing, "sign_due",
                        lambda *args: asked.append(args[2]) or sign_due(*args))
    await chat.say("o-1", "湖西街道幸福小区3号楼")
    ticket = await db.ticket("o-1")
    assert (ticket.priority, ticket.unit, asked) == (priority, "湖西派出所", [priority])
    assert ticket.sign_due == sign_due(services.settings, services.calendar, priority,
                                       clock.now)


async def test_an_unknown_place_keeps_the_ticket_unassigned(chat, db):
    await chat.say("o-1", NOISE)
    await chat.say("o-1", "小区东门口")
    ticket = await db.ticket("o-1")
    assert ticket.flagged_unassigned and ticket.place == "小区东门口" and ticket.area is None
    assert not [e for e in await db.events(ticket) if e.type in ("transferred", "routed")]


async def test_a_report_without_a_place_names_no_station_until_the_place_is_told(chat, db):
    reply = await chat.say("o-1", NOISE)
    ticket = await db.ticket("o-1")
    assert ticket.flagged_unassigned and "承办单位" not in reply and ticket.unit not in reply
    assert "按事发地点转交所属派出所" in reply
    await chat.say("o-1", "湖西街道东昌花园3单元")
    assert (await db.ticket("o-1")).unit == "湖西派出所"


async def test_a_report_that_names_its_area_names_its_station(chat, db):
    reply = await chat.say("o-1", "湖西街道有人在小区里赌博")
    assert "承办单位：湖西派出所" in reply


async def test_a_place_named_outside_the_areas_is_asked_about_by_its_name(chat, db):
    reply = await chat.say("o-1", "每天放学实验小学门口电动车乱停，太危险了，希望派人管管")
    assert texts.text("ask_where_said", place="实验小学门口") in reply
    await chat.say("o-1", "古楼街道")
    ticket = await db.ticket("o-1")
    # Routed by the answer; officers read both the answer and the report's own words.
    assert (ticket.unit, ticket.flagged_unassigned) == ("古楼派出所", False)
    assert ticket.place == "古楼街道（实验小学门口）"


async def test_a_resident_who_cannot_say_more_leaves_the_named_place(chat, db):
    reply = await chat.say("o-1", "东昌湖边天天晚上有人飙车，吵得睡不着")
    assert texts.text("ask_where_said", place="东昌湖边") in reply
    await chat.say("o-1", "不清楚")
    ticket = await db.ticket("o-1")
    assert ticket.flagged_unassigned and ticket.place == "东昌湖边"


@pytest.mark.parametrize("slip", ["1", "2。", "12"])
async def test_a_bare_number_is_no_place(chat, db, slip):
    await chat.say("o-1", NOISE)
    reply = await chat.say("o-1", slip)
    assert reply.startswith(texts.text("place_invalid"))
    assert asks(reply, COMPLAINT) == "where"
    assert (await db.ticket("o-1")).place is None
    assert asks(await chat.say("o-1", "柳园小区3号楼"), COMPLAINT) == "when"
    assert (await db.ticket("o-1")).place == "柳园小区3号楼"


async def test_an_address_in_a_street_no_unit_lists_is_taken_not_asked(chat, db):
    reply = await chat.say("o-1", "楼下的车库被人撬了，丢了一辆自行车，是昨天晚上的事，"
                                  "我住东关街道阳光花园")
    assert asks(reply, COMPLAINT) == "phone"        # where and when were both told
    ticket = await db.ticket("o-1")
    # Left to the dispatchers, with the resident's whole address.
    assert ticket.flagged_unassigned and ticket.place == "东关街道阳光花园"


@pytest.mark.parametrize("declined", ["不想留", "不方便留", "不清楚", "算了吧"])
async def test_a_phone_declined_in_words_is_no_phone(chat, db, declined):
    await chat.say("o-1", NOISE)
    await chat.say("o-1", "柳园小区3号楼")
    assert asks(await chat.say("o-1", "每天晚上10点以后"), COMPLAINT) == "phone"
    assert asks(await chat.say("o-1", declined), COMPLAINT) == "photos"
    assert (await db.ticket("o-1")).contact_phone is None


@pytest.mark.parametrize("report", ["上周在网上刷单被骗了两千块钱",
                                    "前天有人打电话冒充客服，骗我转了三千",
                                    "在闲鱼上买手机，付了钱对方就把我拉黑了"])
async def test_what_happened_online_asks_where_the_resident_lives(chat, db, report):
    reply = await chat.say("o-1", report)
    assert texts.text("ask_where_online") in reply
    await chat.say("o-1", "湖西街道幸福小区")
    ticket = await db.ticket("o-1")
    assert (ticket.unit, ticket.flagged_unassigned) == ("湖西派出所", False)
    assert "居住地：湖西街道幸福小区" in [e.text for e in await db.events(ticket)]


async def test_a_phone_number_typed_where_the_time_is_asked_is_the_contact(chat, db):
    """Residents answer ahead: the number is the officer's way to call back, not a time."""
    await chat.say("o-1", NOISE)
    assert asks(await chat.say("o-1", "柳园小区3号楼"), COMPLAINT) == "when"
    assert asks(await chat.say("o-1", "138 1234 5678"), COMPLAINT) == "photos"
    ticket = await db.ticket("o-1")
    assert ticket.contact_phone == "13812345678"
    told = [e.text for e in await db.events(ticket) if e.type == "message_in"]
    assert "联系电话：138****5678" in told and not any(t.startswith("时间") for t in told)


async def test_a_complaint_about_the_police_asks_which_station_not_where_it_happened(chat, db):
    reply = await chat.say("o-1", "派出所那个窗口的人态度太差了，爱答不理的")
    assert texts.text("ask_where_conduct") in reply and texts.text("ask_where") not in reply
    await chat.say("o-1", "古楼派出所户籍窗口")
    ticket = await db.ticket("o-1")
    assert ticket.place == "古楼派出所户籍窗口" and ticket.unit == "古楼派出所"


async def test_a_complaint_naming_the_station_is_not_asked_where(chat):
    reply = await chat.say("o-2", "我投诉你们古楼派出所的民警，办事拖拉")
    assert texts.text("ask_where_conduct") not in reply and texts.text("ask_where") not in reply


async def test_an_explicit_complaint_about_an_officer_has_the_conducts_priority(chat, db):
    await chat.say("o-3", "我投诉你们古楼派出所的民警，办事拖拉")
    assert (await db.ticket("o-3")).priority == "P2"
