"""The doors as declared: each one's channel, label and answering, mounted from one list, and
the router taking held replies only on a channel whose platform holds them."""

from __future__ import annotations

import dataclasses

import pytest
from aiohttp import web

from bot import app as app_module
from bot import keys
from bot.assembly import DOORS, build_services
from bot.channels.answering import PassiveAnswer
from bot.channels.door import Door
from handlers import texts
from handlers.conversation import held
from handlers.conversation.router import Router
from handlers.core.channels import Answering, Channel, Channels, IntakePolicy
from handlers.core.types import Inbound
from storage.base import utcnow
from storage.delivery import outbox
from tests.helpers import running


def test_each_door_declares_a_distinct_channel_with_a_chinese_label():
    names = [door.channel.name for door in DOORS]
    assert names == ["wechat", "hotline", "wecom", "group"]
    assert {door.channel.name: door.channel.label for door in DOORS} == {
        "wechat": "公众号", "hotline": "热线", "wecom": "企业微信", "group": "警务微信群"}
    # Every label officers read comes from the doors, but for tickets opened at the window.
    assert set(texts.CHANNEL_LABELS) == {*names, "console"}


def test_how_each_door_answers_and_takes_messages_in():
    by_name = {door.channel.name: door.channel for door in DOORS}
    wechat, wecom, hotline = by_name["wechat"], by_name["wecom"], by_name["hotline"]
    assert (wechat.answering, wecom.answering, hotline.answering) == (
        Answering.PASSIVE, Answering.PASSIVE, Answering.JSON)
    # Residents are rate limited and their late replies may be held by WeChat; officers
    # are neither; the call centre is answered at once, nothing goes later.
    assert (wechat.intake.rate_limited, wechat.intake.late_replies, wechat.holds_replies) == (
        True, "wechat_text", True)
    assert (wecom.intake.rate_limited, wecom.intake.late_replies, wecom.holds_replies) == (
        False, "wecom_app", False)
    assert (hotline.intake.rate_limited, hotline.intake.late_replies) == (False, None)
    # The police WeChat group is read from WeCom's archive: nothing is answered over HTTP.
    group = by_name["group"]
    assert (group.answering, group.intake.late_replies, group.holds_replies) == (
        Answering.NONE, None, False)


def test_two_doors_cannot_declare_one_channel():
    with pytest.raises(ValueError, match="wechat"):
        Channels([DOORS[0].channel, dataclasses.replace(DOORS[1].channel, name="wechat")])


def test_only_a_passive_door_answers_through_the_passive_path():
    with pytest.raises(ValueError, match="hotline"):
        PassiveAnswer(DOORS[1].channel, None, None, None, 4.0)


# A door as its own module would declare it: a channel, an endpoint built once the app's
# services exist, a mount. The kiosk answers JSON with the router's reply.
KIOSK = Channel("kiosk", Answering.JSON, IntakePolicy(rate_limited=False, late_replies=None))


async def _kiosk(request: web.Request) -> web.Response:
    app = request.app
    data = await request.json()
    message = Inbound(channel=KIOSK.name, dedupe_key=f"kiosk:{data['id']}",
                      openid=data["openid"], msg_type="text", content=data["text"])
    reply = await Router(app[keys.SESSIONS], app[keys.SERVICES]).dispatch(message)
    channels = app[keys.SERVICES].channels
    return web.json_response({"reply": reply.text, "label": channels.get(KIOSK.name).label,
                              "holds_replies": channels.holds_replies(KIOSK.name)})


def _mount_kiosk(app: web.Application) -> None:
    app.router.add_post("/kiosk", _kiosk)


async def test_a_new_door_is_its_module_and_one_line(config, monkeypatch):
    monkeypatch.setattr(app_module, "DOORS", (*DOORS, Door(KIOSK, _mount_kiosk)))
    async with running(config, dispatch=None) as client:
        response = await client.post("/kiosk", json={"id": 1, "openid": "k-1", "text": "你好"})
        assert response.status == 200
        answer = await response.json()
        # The old doors still answer beside it.
        assert (await client.post("/hotline/calls", data=b"{}")).status == 401
    assert answer["reply"].endswith(texts.LINE_110)
    assert (answer["label"], answer["holds_replies"]) == ("kiosk", False)


def test_an_unsigned_door_keeps_no_signatures(config):
    assert Door(KIOSK, _mount_kiosk).signature_window_s(config) == 0
    assert max(door.signature_window_s(config) for door in DOORS) == 300


async def _held_for(sessions, services, openid: str) -> None:
    async with sessions() as session, session.begin():
        job = outbox.enqueue(session, "wechat_text", openid, {"text": "民警已回电"})
        job.state = "held"
        await session.flush()
        await held.after_delivery(session, services.held, "held", job.id, "wechat_text",
                                  openid, {"text": "民警已回电"}, "window closed", utcnow())


async def test_held_replies_go_out_only_on_a_channel_that_holds_them(config, sessions):
    services = await build_services(config, sessions)
    router = Router(sessions, services)
    await _held_for(sessions, services, "o-door")
    other = Inbound(channel="hotline", dedupe_key="d-1", openid="o-door", msg_type="text",
                    content="你好")
    assert texts.text("held_intro") not in (await router.dispatch(other)).text
    same = dataclasses.replace(other, channel="wechat", dedupe_key="d-2")
    reply = (await router.dispatch(same)).text
    assert reply.startswith(texts.text("held_intro")) and "民警已回电" in reply
