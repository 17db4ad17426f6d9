"""WeCom: group robot, its rate limiter, and the app, against the fake Tencent."""

from __future__ import annotations

import dataclasses
import json

import aiohttp
import pytest
from sqlalchemy import select

from bot.delivery.api_errors import ApiError
from bot.delivery.outbox import Undeliverable
from bot.delivery.wecom_api import (
    LocalWecomApp,
    LocalWecomRobot,
    RobotRateLimiter,
    WecomApp,
    WecomRobot,
    make_wecom_app,
    make_wecom_robot,
    robot_body,
    truncate_utf8,
)
from storage.delivery.models import LocalDelivery
from storage.delivery.tokens import TokenStore


@pytest.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_truncate_keeps_short_text():
    assert truncate_utf8("警情", 2048) == "警情"
    assert truncate_utf8("a" * 2048, 2048) == "a" * 2048


@pytest.mark.parametrize("prefix", ["", "a", "ab"])
def test_truncate_cuts_on_a_character_boundary(prefix):
    text = prefix + "警" * 1000  # 3 bytes each: every cut offset is tried by the prefixes
    cut = truncate_utf8(text, 2048)
    encoded = cut.encode("utf-8")
    assert len(encoded) <= 2048
    assert len(encoded) > 2040
    assert cut.endswith("…")
    assert text.startswith(cut[:-1])


def test_robot_body_limits():
    assert len(robot_body("x" * 5000)["text"]["content"].encode()) <= 2048
    markdown = robot_body("**警情** " + "x" * 5000, markdown=True)
    assert markdown["msgtype"] == "markdown"
    assert len(markdown["markdown"]["content"].encode()) <= 4096


def test_rate_limiter_keeps_slots_for_emergencies():
    clock = FakeClock()
    limiter = RobotRateLimiter(clock=clock)
    assert all(limiter.try_acquire(urgent=False) for _ in range(15))
    assert not limiter.try_acquire(urgent=False)
    assert limiter.wait_time(urgent=False) == pytest.approx(60.0)
    assert limiter.wait_time(urgent=True) == 0.0
    assert all(limiter.try_acquire(urgent=True) for _ in range(5))
    assert not limiter.try_acquire(urgent=True)
    clock.now += 59.9
    assert not limiter.try_acquire(urgent=True)
    clock.now += 0.2
    assert limiter.try_acquire(urgent=False)
    assert limiter.try_acquire(urgent=True)


def test_urgent_messages_use_routine_slots_too():
    clock = FakeClock()
    limiter = RobotRateLimiter(clock=clock)
    assert all(limiter.try_acquire(urgent=True) for _ in range(15))
    assert not limiter.try_acquire(urgent=False)
    assert all(limiter.try_acquire(urgent=True) for _ in range(5))
    assert not limiter.try_acquire(urgent=True)
    clock.now += 30
    assert not limiter.try_acquire(urgent=True)
    clock.now += 31
    assert sum(limiter.try_acquire(urgent=False) for _ in range(20)) == 15


def test_waiting_jobs_book_slots_in_turn_and_emergencies_keep_their_share():
    clock = FakeClock()
    limiter = RobotRateLimiter(clock=clock)
    for job in range(15):
        assert limiter.book(job) == 0.0
        limiter.take(job)
    # Routine jobs beyond the share wait for the slots freed a minute later, one each.
    assert [limiter.book(job) for job in range(15, 32)] == [60.0] * 15 + [120.0] * 2
    assert limiter.book(20) == 60.0                     # back early: the same slot
    # An emergency goes now, the next ones after the other emergencies only.
    assert limiter.book(100, urgent=True) == 0.0
    limiter.take(100)
    for job in range(101, 105):
        assert limiter.book(job, urgent=True) == 0.0
        limiter.take(job)
    assert limiter.book(105, urgent=True) == 60.0
    clock.now += 60
    assert limiter.book(15) == 0.0                      # its slot came
    limiter.take(15)
    limiter.forget(16)                                  # sent by another instance


async def test_robot_sends_text_and_markdown(tencent_config, fake_tencent, http):
    robot = WecomRobot(tencent_config.wecom, http)
    await robot.send("警情：" + "x" * 3000)
    await robot.send("**紧急**", markdown=True)
    text_call, markdown_call = fake_tencent.calls_to("robot_send")
    assert text_call.query["key"] == fake_tencent.robot_key
    assert text_call.body["msgtype"] == "text"
    assert len(text_call.body["text"]["content"].encode()) <= 2048
    assert markdown_call.body == {"msgtype": "markdown", "markdown": {"content": "**紧急**"}}


async def test_robot_rate_limit_is_a_retry(tencent_config, fake_tencent, http):
    robot = WecomRobot(tencent_config.wecom, http)
    for _ in range(20):
        await robot.send("x")
    with pytest.raises(ApiError) as caught:
        await robot.send("x")
    assert (caught.value.code, caught.value.outcome) == (45009, "retry")


async def test_robot_bad_key_gives_up_without_showing_it(tencent_config, fake_tencent, http):
    wecom = dataclasses.replace(tencent_config.wecom,
                                robot_webhook=f"{fake_tencent.url}/cgi-bin/webhook/send?key=wrong")
    robot = WecomRobot(wecom, http)
    with pytest.raises(ApiError) as caught:
        await robot.send("x")
    assert caught.value.outcome == "give_up"
    assert "wrong" not in str(caught.value)
    assert "wrong" not in repr(robot)


async def test_robot_timeout_hides_the_key(tencent_config, fake_tencent, http):
    fake_tencent.fail("robot_send", delay=2.0)
    with pytest.raises(ApiError) as caught:
        await WecomRobot(tencent_config.wecom, http, timeout=0.2).send("x")
    assert caught.value.outcome == "retry"
    assert fake_tencent.robot_key not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


async def test_app_send_text(tencent_config, fake_tencent, http, sessions):
    app = WecomApp(tencent_config.wecom, http, sessions)
    await app.send_text("zhangsan", "新工单 DCF20250101-0001")
    await app.send_text("lisi", "新工单")
    (token_call,) = fake_tencent.calls_to("wecom_gettoken")
    assert token_call.query == {"corpid": fake_tencent.corp_id,
                                "corpsecret": fake_tencent.corp_secret}
    first = fake_tencent.calls_to("wecom_send")[0]
    assert first.body == {"touser": "zhangsan", "msgtype": "text", "agentid": 1000002,
                          "text": {"content": "新工单 DCF20250101-0001"}}
    stored = await TokenStore(sessions).read("wecom_app")
    assert stored.value == first.query["access_token"]


@pytest.mark.parametrize("code", [42001, 40014])
async def test_app_refetches_a_refused_token_once(tencent_config, fake_tencent, http, sessions,
                                                  code):
    app = WecomApp(tencent_config.wecom, http, sessions)
    await app.send_text("zhangsan", "a")
    fake_tencent.fail("wecom_send", code)
    await app.send_text("zhangsan", "b")
    assert len(fake_tencent.calls_to("wecom_gettoken")) == 2
    assert len(fake_tencent.calls_to("wecom_send")) == 3


async def test_app_gives_retry_when_the_token_keeps_failing(tencent_config, fake_tencent, http,
                                                            sessions):
    fake_tencent.fail("wecom_send", 40014, times=5)
    with pytest.raises(ApiError) as caught:
        await WecomApp(tencent_config.wecom, http, sessions).send_text("zhangsan", "a")
    assert caught.value.outcome == "retry"
    assert len(fake_tencent.calls_to("wecom_send")) == 2


async def test_factories_pick_real_clients(tencent_config, http, sessions):
    assert isinstance(make_wecom_robot(tencent_config, http, sessions), WecomRobot)
    assert isinstance(make_wecom_app(tencent_config, http, sessions), WecomApp)


async def test_local_mode_records_rows(config, http, sessions):
    robot = make_wecom_robot(config, http, sessions)
    app = make_wecom_app(config, http, sessions)
    assert isinstance(robot, LocalWecomRobot)
    assert isinstance(app, LocalWecomApp)
    await robot.send("警情：" + "警" * 1000)
    await app.send_text("zhangsan", "新工单")
    async with sessions() as session:
        rows = (await session.scalars(select(LocalDelivery).order_by(LocalDelivery.id))).all()
    assert [(r.endpoint, r.recipient) for r in rows] == [
        ("robot_send", "robot"), ("wecom_send", "zhangsan")]
    assert len(json.loads(rows[0].body)["text"].encode()) <= 2048
    assert json.loads(rows[1].body)["text"] == "新工单"


async def test_an_unconfigured_robot_or_app_refuses_instead_of_pretending(
        tencent_config, http, sessions):
    # Outside local mode nothing is "recorded as sent": the job is a dead letter at once.
    config = dataclasses.replace(tencent_config, wecom=dataclasses.replace(
        tencent_config.wecom, robot_webhook="", agent_id=""))
    with pytest.raises(Undeliverable, match="robot_webhook"):
        await make_wecom_robot(config, http, sessions).send("警情")
    with pytest.raises(Undeliverable, match="WeCom app"):
        await make_wecom_app(config, http, sessions).send_text("zhangsan", "警情")
    async with sessions() as session:
        assert (await session.scalars(select(LocalDelivery))).all() == []
