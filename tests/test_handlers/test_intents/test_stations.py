"""Stations residents name in a complaint: by short name, or by an area's name (柳园派出所),
which is told plainly as the area's unit."""

from __future__ import annotations

import pytest

from handlers import texts


@pytest.mark.parametrize(("said", "area", "unit"), [
    ("柳园派出所门口有人乱停车，堵住了路", "柳园", "古楼派出所"),
    ("东城街道派出所旁边的烧烤摊天天占道经营", "东城街道", "新区派出所"),
    ("湖西街道派出所对面的网吧总有未成年人进出", "湖西街道", "湖西派出所"),
])
async def test_a_complaint_near_a_station_called_by_an_area_names_the_unit(chat, db, said,
                                                                          area, unit):
    reply = await chat.say("o-1", said)
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.unit, ticket.flagged_unassigned) == ("complaint", unit, False)
    assert texts.text("station_of_area", area=area, unit=unit) in reply


@pytest.mark.parametrize(("said", "unit"), [
    ("古楼所门口有人乱停车，堵住了路", "古楼派出所"),
    ("湖西所旁边的烧烤摊天天占道经营", "湖西派出所"),
])
async def test_a_complaint_naming_a_station_by_its_short_name_goes_there(chat, db, said, unit):
    reply = await chat.say("o-1", said)
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.unit, ticket.flagged_unassigned) == ("complaint", unit, False)
    assert "辖区" not in reply
