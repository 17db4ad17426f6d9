"""Location everywhere: a shared place joins the newest ticket that asked for it within 30
minutes (§4), with a timeline event, a confirmation and, for emergencies, word to officers;
the menu's location picker (location_select) works end to end through /wechat."""

from __future__ import annotations

import json
import time
import uuid

import pytest
from wechatpy import parse_message

from handlers import texts
from tests.helpers import APP_ID, outbox_rows
from tests.pushes import open_reply, safe_push, text_xml

MAP = "https://uri.amap.com/marker?position=115.985900,36.456300"


async def test_an_emergency_location_joins_with_an_event_a_reply_and_an_alert(chat, db, clock):
    await chat.say("o-1", "有人正在打架，快来人")
    clock.advance(minutes=25)
    reply = await chat.location("o-1", 36.4563, 115.9859, "柳园小区3号楼")
    ticket = await db.ticket("o-1")
    assert reply.startswith(texts.text("location_attached_emergency", place="柳园小区3号楼",
                                       number=ticket.number))
    assert (ticket.latitude, ticket.longitude, ticket.location_label) == (
        36.4563, 115.9859, "柳园小区3号楼")
    [event] = [e for e in await db.events(ticket) if e.type == "location"]
    assert (event.actor, event.text) == ("resident", "群众位置：柳园小区3号楼")
    first, located = await db.outbox("wecom_robot")
    assert "位置：未知（已请群众发送位置）" in json.loads(first.payload)["text"]
    body = json.loads(located.payload)
    assert body["alert"] == "location" and body["ticket"] == ticket.number
    assert "柳园小区3号楼" in body["text"] and MAP in body["text"]
    assert located.priority == 0


async def test_after_30_minutes_a_location_joins_nothing(chat, db, clock):
    await chat.say("o-1", "有人正在打架，快来人")
    clock.advance(minutes=30, seconds=1)
    reply = await chat.location("o-1", 36.4563, 115.9859, "柳园小区")
    assert reply.startswith(texts.text("location_received"))
    ticket = await db.ticket("o-1")
    assert ticket.latitude is None
    assert [e for e in await db.events(ticket) if e.type == "location"] == []


async def test_the_newest_ticket_that_asked_takes_it(chat, db, clock):
    await chat.say("o-1", "楼上天天半夜蹦迪，吵死了")       # asks 地点
    await chat.say("o-1", "取消")
    clock.advance(minutes=11)
    await chat.say("o-1", "有人正在打架，快来人")           # asks where-are-you
    reply = await chat.location("o-1", 36.453, 115.956, "湖西街道某小区")
    older, newer = await db.tickets("o-1")
    assert newer.kind == "emergency" and newer.number in reply
    assert (older.latitude, newer.latitude) == (None, 36.453)


async def test_a_ticket_waiting_for_a_unit_goes_to_the_nearest_station(chat, db):
    await chat.say("o-1", "有人正在打架，快来人")
    assert (await db.ticket("o-1")).flagged_unassigned
    await chat.location("o-1", 36.4535, 115.9565, "")         # beside 湖西派出所
    ticket = await db.ticket("o-1")
    assert (ticket.unit, ticket.flagged_unassigned) == ("湖西派出所", False)
    events = await db.events(ticket)
    assert not [e for e in events if e.type == "transferred"]     # routing, not a transfer
    assert [json.loads(e.data)["unit"] for e in events if e.type == "routed"] == ["湖西派出所"]
    located = json.loads((await db.outbox("wecom_robot"))[-1].payload)["text"]
    assert "湖西派出所" in located and "纬度36.45350，经度115.95650" in located


# --- end to end through /wechat ----------------------------------------------------------

async def push(client, xml: str) -> str:
    """A safe-mode push with a fresh nonce; the passive reply's text ("" for none)."""
    params, body = safe_push(xml, APP_ID, nonce=uuid.uuid4().hex[:10])
    response = await client.post("/wechat", params=params, data=body)
    assert response.status == 200, await response.text()
    raw = await response.text()
    if raw == "success":
        return ""
    return parse_message(open_reply(raw, APP_ID, params)).content


def location_xml(openid: str, lat: float, lng: float, label: str) -> str:
    return (f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
            f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[location]]></MsgType>"
            f"<Location_X>{lat}</Location_X><Location_Y>{lng}</Location_Y><Scale>15</Scale>"
            f"<Label><![CDATA[{label}]]></Label><MsgId>{uuid.uuid4().int % 10**15}</MsgId></xml>")


def picker_xml(openid: str, lat: float, lng: float, label: str) -> str:
    """The menu's 发送位置: WeChat's location_select event with SendLocationInfo."""
    return (f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
            f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            f"<Event><![CDATA[location_select]]></Event>"
            f"<EventKey><![CDATA[SEND_LOCATION]]></EventKey><SendLocationInfo>"
            f"<Location_X><![CDATA[{lat}]]></Location_X><Location_Y><![CDATA[{lng}]]></Location_Y>"
            f"<Scale><![CDATA[15]]></Scale><Label><![CDATA[ {label}]]></Label>"
            f"<Poiname><![CDATA[]]></Poiname></SendLocationInfo></xml>")


async def test_the_location_picker_then_its_message_confirm_once(client, db):
    first = await push(client, text_xml("o-e2e", "楼道里着火了，有人被烟呛晕了"))
    assert "发送位置" in first
    picked = await push(client, picker_xml("o-e2e", 36.4563, 115.9859, "柳园小区3号楼"))
    ticket = await db.ticket("o-e2e")
    assert picked.startswith(texts.text("location_attached_emergency", place="柳园小区3号楼",
                                        number=ticket.number))
    # WeChat follows the picker's event with the location message itself: no second word.
    assert await push(client, location_xml("o-e2e", 36.4563, 115.9859, "柳园小区3号楼")) == ""
    assert (ticket.latitude, ticket.longitude, ticket.location_label) == (
        36.4563, 115.9859, "柳园小区3号楼")
    assert len([e for e in await db.events(ticket) if e.type == "location"]) == 1


async def test_a_location_shared_just_before_an_emergency_is_its_place(client, db, sessions):
    assert (await push(client, location_xml("o-e2e", 36.447, 116.005, "东城街道某小区"))
            ).startswith(texts.text("location_received"))
    reply = await push(client, text_xml("o-e2e", "有人正在打架，快来人"))
    ticket = await db.ticket("o-e2e")
    assert (ticket.latitude, ticket.longitude) == (36.447, 116.005)
    assert "发送位置" not in reply and ticket.location_asked_at is None
    alerts = [json.loads(j.payload)["text"] for j in await outbox_rows(sessions, "robot")]
    assert "东城街道某小区" in alerts[0]
    assert "https://uri.amap.com/marker?position=116.005000,36.447000" in alerts[0]
    # Routed by the place, not by words: the duty officers read which station is near.
    assert "区域：按群众位置，距新区派出所约10米" in alerts[0]


async def test_an_emergency_placed_by_a_location_names_the_nearest_station_in_the_alert(
        client, db, sessions):
    # About 1.1 km north-east of 湖西派出所, closer to it than to any other station.
    await push(client, location_xml("o-e2e", 36.461, 115.965, ""))
    await push(client, text_xml("o-e2e", "help, a man with a knife is breaking into my flat"))
    ticket = await db.ticket("o-e2e")
    assert ticket.unit == "湖西派出所" and ticket.area is None
    [alert] = [json.loads(j.payload)["text"] for j in await outbox_rows(sessions, "robot")]
    assert "区域：按群众位置，距湖西派出所约1.2公里" in alert and "未知" not in alert


async def test_the_send_location_key_typed_says_how(chat):
    assert (await chat.say("o-1", "SEND_LOCATION")).startswith(
        texts.text("send_location_howto"))


@pytest.mark.parametrize(("km", "said"), [(0.0, "约10米"), (0.347, "约350米"),
                                         (0.996, "约1000米"), (1.24, "约1.2公里")])
def test_a_distance_is_said_as_officers_say_it(km, said):
    assert texts.distance(km) == said
