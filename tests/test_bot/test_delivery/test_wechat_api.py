"""The WeChat client against the fake Tencent, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import socket
from datetime import timedelta

import aiohttp
import pytest
from sqlalchemy import select

from bot.bodies import TooLarge
from bot.delivery.api_errors import ApiError, classify
from bot.delivery.wechat_api import LocalWechatApi, WechatApi, make_wechat_api
from storage.base import utcnow
from storage.db import create_engine, session_factory
from storage.delivery.models import LocalDelivery
from storage.delivery.tokens import TokenStore


@pytest.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def api(tencent_config, http, sessions) -> WechatApi:
    return WechatApi(tencent_config.wechat, http, sessions, timeout=0.5)


def test_outcomes_table():
    for code in (-1, 45009, 502, 40001, 42001, 40014):
        assert classify(code) == "retry"
    assert classify(45015) == classify(43004) == "window_closed"
    assert classify(45047) == "quota"
    for code in (40003, 40037, 40007, 40164, 48001, 12345, 404):
        assert classify(code) == "give_up"


async def test_send_text_payload_and_token(api, fake_tencent):
    await api.send_text("o-1", "您好")
    await api.send_text("o-1", "再见")
    assert len(fake_tencent.calls_to("stable_token")) == 1
    token_call = fake_tencent.calls_to("stable_token")[0].body
    assert token_call == {"grant_type": "client_credential", "appid": fake_tencent.app_id,
                          "secret": fake_tencent.app_secret, "force_refresh": False}
    sent = fake_tencent.calls_to("custom_send")
    assert sent[0].body == {"touser": "o-1", "msgtype": "text", "text": {"content": "您好"}}
    assert sent[0].query["access_token"] == fake_tencent.wechat_token
    assert "您好".encode() in sent[0].raw  # UTF-8, not \u escapes


async def test_token_shared_by_two_instances_on_one_database(tencent_config, http, sessions,
                                                              db_url, fake_tencent):
    other = create_engine(db_url)
    try:
        first = WechatApi(tencent_config.wechat, http, sessions)
        second = WechatApi(tencent_config.wechat, http, session_factory(other))
        await asyncio.gather(first.send_text("o-1", "a"), second.send_text("o-2", "b"),
                             first.send_text("o-3", "c"), second.send_text("o-4", "d"))
        assert len(fake_tencent.calls_to("stable_token")) == 1
        assert len(fake_tencent.calls_to("custom_send")) == 4
    finally:
        await other.dispose()


async def test_expired_token_refetched_once_then_success(api, fake_tencent):
    await api.send_text("o-1", "a")
    fake_tencent.fail("custom_send", 42001)
    await api.send_text("o-1", "b")
    assert len(fake_tencent.calls_to("stable_token")) == 2
    first, second = fake_tencent.calls_to("custom_send")[1:]
    assert first.query["access_token"] != second.query["access_token"]
    assert second.query["access_token"] == fake_tencent.wechat_token


async def test_invalid_token_forces_a_new_stable_token(api, fake_tencent):
    await api.send_text("o-1", "a")
    fake_tencent.fail("custom_send", 40001)
    await api.send_text("o-1", "b")
    forced = [c.body["force_refresh"] for c in fake_tencent.calls_to("stable_token")]
    assert forced == [False, False, True]


async def test_token_storm_until_refresh_recovers(api, fake_tencent):
    await api.send_text("o-1", "a")
    fake_tencent.token_storm()
    await api.send_text("o-1", "b")
    assert len(fake_tencent.calls_to("custom_send")) == 3


async def test_token_storm_gives_retry_after_exactly_one_refetch(api, fake_tencent):
    fake_tencent.token_storm(always=True)
    with pytest.raises(ApiError) as caught:
        await api.send_text("o-1", "a")
    assert caught.value.code == 42001
    assert caught.value.outcome == "retry"
    assert len(fake_tencent.calls_to("custom_send")) == 2
    assert len(fake_tencent.calls_to("stable_token")) <= 3


async def test_timeout_is_a_retry(api, fake_tencent):
    # The fake answers success once its delay is over: only the client's own 0.5 s timeout
    # makes this an error (code -1). No clock is read: under a loaded machine it proves nothing.
    fake_tencent.fail("custom_send", delay=3.0)
    with pytest.raises(ApiError) as caught:
        await api.send_text("o-1", "a")
    assert (caught.value.code, caught.value.outcome) == (-1, "retry")


async def test_default_timeout_is_five_seconds(tencent_config, http, sessions):
    assert WechatApi(tencent_config.wechat, http, sessions)._http.timeout == 5.0


async def test_http_500_is_a_retry(api, fake_tencent):
    fake_tencent.fail("custom_send", status=500)
    with pytest.raises(ApiError) as caught:
        await api.send_text("o-1", "a")
    assert (caught.value.code, caught.value.outcome) == (500, "retry")


async def test_connection_refused_is_a_retry(tencent_config, http, sessions):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    wechat = dataclasses.replace(tencent_config.wechat, api_base_url=f"http://127.0.0.1:{port}")
    with pytest.raises(ApiError) as caught:
        await WechatApi(wechat, http, sessions, timeout=1.0).send_text("o-1", "a")
    assert (caught.value.code, caught.value.outcome) == (-1, "retry")


@pytest.mark.parametrize(("code", "outcome"), [
    (45015, "window_closed"), (43004, "window_closed"), (45047, "quota"), (40003, "give_up")])
async def test_openid_errors(api, fake_tencent, code, outcome):
    fake_tencent.openid_error("o-x", code)
    with pytest.raises(ApiError) as caught:
        await api.send_text("o-x", "a")
    assert (caught.value.code, caught.value.outcome) == (code, outcome)
    await api.send_text("o-ok", "a")


async def test_ip_not_whitelisted_gives_up_without_leaking_the_secret(api, fake_tencent):
    fake_tencent.fail("stable_token", 40164)
    with pytest.raises(ApiError) as caught:
        await api.send_text("o-1", "a")
    assert caught.value.outcome == "give_up"
    assert fake_tencent.app_secret not in str(caught.value)
    assert fake_tencent.app_secret not in repr(api)


async def test_template_payload(api, fake_tencent):
    await api.send_template("o-1", "TPL1", {"number": "DCF20250101-0001", "status": "已办结"})
    (call,) = fake_tencent.calls_to("template_send")
    assert call.body == {"touser": "o-1", "template_id": "TPL1", "data": {
        "number": {"value": "DCF20250101-0001"}, "status": {"value": "已办结"}}}


async def test_create_menu(api, fake_tencent):
    menu = {"button": [{"type": "click", "name": "我的工单", "key": "MY_TICKETS"}]}
    await api.create_menu(menu)
    (call,) = fake_tencent.calls_to("menu_create")
    assert call.body == menu
    assert "我的工单".encode() in call.raw


async def test_get_media(api, fake_tencent):
    fake_tencent.media["m-1"] = ("image/jpeg", b"\xff\xd8\xff jpeg")
    assert await api.get_media("m-1") == ("image/jpeg", b"\xff\xd8\xff jpeg")
    assert fake_tencent.calls_to("media_get")[0].query["media_id"] == "m-1"
    with pytest.raises(ApiError) as caught:
        await api.get_media("expired")
    assert (caught.value.code, caught.value.outcome) == (40007, "give_up")


async def test_media_over_the_limit_is_the_same_refusal_as_a_body_over_the_cap(api, fake_tencent):
    # One TooLarge for every reader with a cap: a Tencent file and a request body alike.
    fake_tencent.media["m-big"] = ("image/jpeg", b"\xff\xd8" + bytes(2000))
    with pytest.raises(TooLarge) as caught:
        await api.get_media("m-big", limit=1000)
    assert (caught.value.limit, caught.value.message) == (1000, "file larger than 1000 bytes")


async def test_token_near_expiry_is_refreshed(api, fake_tencent, sessions):
    await TokenStore(sessions).write("wechat_stable", "old", utcnow() + timedelta(seconds=120))
    await api.send_text("o-1", "a")
    assert len(fake_tencent.calls_to("stable_token")) == 1
    assert fake_tencent.calls_to("custom_send")[0].query["access_token"] != "old"


async def test_token_force(api, fake_tencent):
    first = await api.token()
    assert await api.token() == first
    assert await api.token(force=True) != first
    assert len(fake_tencent.calls_to("stable_token")) == 3


async def test_local_mode_records_rows(config, http, sessions):
    api = make_wechat_api(config, http, sessions)
    assert isinstance(api, LocalWechatApi)
    await api.send_text("o-1", "您好")
    await api.send_template("o-1", "TPL1", {"number": "DCF1", "status": "已受理"})
    await api.create_menu({"button": []})
    with pytest.raises(ApiError) as caught:
        await api.get_media("m-1")
    assert caught.value.outcome == "give_up"
    assert "local mode has no media" in caught.value.message
    async with sessions() as session:
        rows = (await session.scalars(select(LocalDelivery).order_by(LocalDelivery.id))).all()
    assert [(r.endpoint, r.recipient) for r in rows] == [
        ("custom_send", "o-1"), ("template_send", "o-1"), ("menu_create", "menu")]
    assert json.loads(rows[0].body)["text"] == "您好"
    summary = json.loads(rows[1].body)["text"]
    assert "DCF1" in summary and "已受理" in summary


async def test_factory_builds_the_real_client(tencent_config, http, sessions):
    assert isinstance(make_wechat_api(tencent_config, http, sessions), WechatApi)
    assert isinstance(make_wechat_api(tencent_config.wechat, http, sessions), WechatApi)
