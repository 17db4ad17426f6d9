"""FAQ that knows the branch (issue 14.6): units' address, phone and hours from the
configuration, day questions from the working calendar, and an officer when unsure."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from handlers import texts
from handlers.intents.branchinfo import without_day_question

ADDRESS, PHONE = "东昌府区古楼街道楼北路1号", "0635-8210110"
HOURS = ("mon-fri 08:30-12:00", "mon-fri 14:00-17:30", "sat 09:00-12:00")


@pytest.fixture
def config(config, request):
    """古楼派出所 with its address, phone and hours (Saturday mornings too); a test may ask
    for no map link template ({"map": ""}) or no position of the unit ({"unlocated": True})."""
    asked = getattr(request, "param", {})
    where = {"lat": None, "lng": None} if asked.get("unlocated") else {}
    units = tuple(dataclasses.replace(u, address=ADDRESS, phone=PHONE, hours=HOURS, **where)
                  if u.name == "古楼派出所" else u for u in config.units)
    changed = dataclasses.replace(config, units=units)
    if "map" in asked:
        changed = dataclasses.replace(changed, map=dataclasses.replace(
            config.map, url_template=asked["map"]))
    return changed


async def test_where_and_when_a_station_works_comes_from_the_configuration(chat, db):
    reply = await chat.say("o-1", "古楼派出所在哪里，几点上班")
    assert ADDRESS in reply and PHONE in reply
    assert "周一至周五 08:30-12:00；周一至周五 14:00-17:30；周六 09:00-12:00" in reply
    assert "13:30" not in reply          # not the generic window hours of the FAQ
    assert await db.tickets() == []


async def test_a_resident_asking_the_way_gets_the_station_on_a_map(chat, config):
    [unit] = [u for u in config.units if u.name == "古楼派出所"]
    assert unit.lat and unit.lng
    reply = await chat.say("o-1", "古楼派出所怎么走")
    link = config.map.url_template.format(lat=f"{unit.lat:.6f}", lng=f"{unit.lng:.6f}")
    assert f"位置（地图）：{link}" in reply and ADDRESS in reply
    assert "地图App中搜索" not in reply      # the card, not the generic advice to search


@pytest.mark.parametrize("config", [{"map": ""}, {"unlocated": True}], indirect=True)
async def test_no_map_link_without_a_map_or_a_position(chat):
    reply = await chat.say("o-1", "古楼派出所在哪里")
    assert ADDRESS in reply and "位置（地图）" not in reply


async def test_a_short_station_name_is_understood(chat):
    reply = await chat.say("o-1", "古楼所电话多少")
    assert PHONE in reply


async def test_a_saturday_question_gets_the_saturday_answer(chat, db):
    # Now is Wednesday 2026-11-25; 周六 is 11-28: 古楼 opens its Saturday morning, the others
    # are closed until Monday.
    reply = await chat.say("o-1", "身份证到期了要换，周六能办吗")
    assert "11月28日（周六）古楼派出所正常办公，办公时间09:00-12:00" in reply
    assert "11月28日（周六）新区派出所、湖西派出所不办公" in reply
    assert "11月30日（周一）08:30-17:30" in reply
    assert "身份证" in reply and await db.tickets() == []


async def test_a_make_up_saturday_is_a_working_day(chat, services):
    services.calendar.set_overrides({date(2026, 11, 28): "workday"})    # 调休
    reply = await chat.say("o-1", "身份证到期了要换，周六能办吗")
    assert "11月28日（周六）是调休上班日，古楼派出所照常办公，办公时间08:30-12:00、14:00-17:30" \
        in reply
    assert "新区派出所、湖西派出所照常办公，办公时间08:30-17:30" in reply


async def test_a_holiday_is_closed_for_every_unit(chat, services):
    services.calendar.set_overrides({date(2026, 11, 28): "holiday"})
    reply = await chat.say("o-1", "周六能办身份证吗")
    assert "11月28日（周六）各派出所不办公" not in reply      # hours differ: per unit
    assert "11月28日（周六）古楼派出所不办公" in reply


async def test_an_unknown_question_goes_to_an_officer(chat, db):
    reply = await chat.say("o-1", "请问无人机飞行需要去哪里报备？")
    [ticket] = await db.tickets("o-1")
    assert ticket.kind == "consult"
    assert texts.text("consult_opened", number=ticket.number, due="")[:12] in reply


@pytest.mark.parametrize(("said", "answered"), [
    ("身份证丢了怎么补办，周六能办吗", "户籍窗口申请补领"),
    ("请问身份证丢了补办要多久？这周六上班吗", "身份证"),
])
async def test_a_day_asked_beside_a_question_answers_both(chat, db, said, answered):
    # The day's clause is for the calendar; the knowledge base reads the rest of the question.
    reply = await chat.say("o-1", said)
    assert "11月28日（周六）古楼派出所正常办公" in reply
    assert answered in reply and await db.tickets() == []


@pytest.mark.parametrize(("said", "left"), [
    ("身份证丢了怎么补办，周六能办吗", "身份证丢了怎么补办"),
    ("身份证丢了怎么补办,周六能办吗", "身份证丢了怎么补办"),
    # A list comma and an emoji end a clause too (the classifier's splitter, shared).
    ("身份证丢了怎么补办、周六能办吗", "身份证丢了怎么补办"),
    ("周六能办吗😊身份证丢了怎么补办", "身份证丢了怎么补办"),
    ("周六能办吗", "周六能办吗"),                     # nothing else: the question itself
])
def test_the_day_clause_is_left_to_the_calendar(said, left):
    assert without_day_question(said) == left
