"""Delivery guarantees end to end, the real worker and clients against the fake Tencent:
failures, timeouts and tokens, the customer-service window, the group robot's limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.delivery.outbox import MAX_ATTEMPTS, OutboxWorker
from bot.delivery.senders import ROBOT_LEASE, build_senders, wecom_robot
from bot.delivery.wecom_api import RobotRateLimiter, make_wecom_robot
from bot.metrics import Metrics
from storage.base import utcnow
from storage.delivery import outbox
from storage.delivery.models import Lease, OutboxJob
from storage.delivery.tokens import TokenStore
from tests.helpers import outbox_rows
from tests.support.delivery import TIMEOUT, enqueue, load_job, make_due, resident_wrote, sent_texts


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# --- failures, timeouts, tokens --------------------------------------------------------------

@pytest.mark.parametrize("fault", [{"errcode": -1}, {"status": 500}])
async def test_two_failures_then_exactly_one_delivery(fault, worker, sessions, fake_tencent):
    await resident_wrote(sessions, "o-flaky")
    job_id = await enqueue(sessions, "o-flaky", "已受理")
    fake_tencent.fail("custom_send", times=2, **fault)
    for attempt in (1, 2):
        assert await worker.run_once() == 1
        row = await load_job(sessions, job_id)
        assert (row.state, row.attempts) == ("pending", attempt)
        assert row.last_error and row.next_attempt_at > utcnow()  # backed off, not due
        assert await worker.run_once() == 0
        await make_due(sessions)
    assert await worker.run_once() == 1
    row = await load_job(sessions, job_id)
    assert (row.state, row.attempts) == ("sent", 3) and row.sent_at is not None
    assert len(fake_tencent.calls_to("custom_send")) == 3
    assert sent_texts(fake_tencent) == ["已受理"]


async def test_timeout_is_retried_then_delivered(worker, sessions, fake_tencent):
    await resident_wrote(sessions, "o-slow")
    job_id = await enqueue(sessions, "o-slow", "稍等")
    fake_tencent.fail("custom_send", delay=TIMEOUT * 2)
    await worker.run_once()
    # Given up at the client's timeout (its error says so), not after the answer came: no
    # wall-clock bound here, which a loaded CI machine broke (7 s for a 0.5 s timeout).
    row = await load_job(sessions, job_id)
    assert row.state == "pending" and "timeout" in row.last_error
    await make_due(sessions)
    await worker.run_once()
    assert (await load_job(sessions, job_id)).state == "sent"
    assert sent_texts(fake_tencent) == ["稍等"]


async def test_one_42001_refetches_the_token_and_delivers(worker, sessions, fake_tencent):
    await resident_wrote(sessions, "o-token")
    await worker.run_once()  # nothing due; the token is fetched on the first send
    job_id = await enqueue(sessions, "o-token", "一")
    await worker.run_once()
    first_token = fake_tencent.wechat_token
    fake_tencent.fail("custom_send", 42001)
    job_id = await enqueue(sessions, "o-token", "二")
    assert await worker.run_once() == 1
    assert (await load_job(sessions, job_id)).state == "sent"
    assert fake_tencent.wechat_token != first_token
    assert len(fake_tencent.calls_to("stable_token")) == 2
    assert sent_texts(fake_tencent) == ["一", "二"]
    assert fake_tencent.delivered()[-1].query["access_token"] == fake_tencent.wechat_token


async def test_permanent_42001_storm_is_bounded_then_dead(worker, sessions, fake_tencent):
    await resident_wrote(sessions, "o-storm")
    job_id = await enqueue(sessions, "o-storm", "风暴")
    fake_tencent.token_storm(always=True)
    await worker.run_once()
    row = await load_job(sessions, job_id)
    assert row.state == "pending" and "42001" in row.last_error
    # One call, one re-fetch (forced when the same token comes back), one more call.
    assert len(fake_tencent.calls_to("custom_send")) == 2
    assert len(fake_tencent.calls_to("stable_token")) <= 3
    for _ in range(MAX_ATTEMPTS - 1):
        await make_due(sessions)
        await worker.run_once()
    row = await load_job(sessions, job_id)
    assert (row.state, row.attempts) == ("dead", MAX_ATTEMPTS)
    # A forced refresh at most once in 30 s (20 a day): later attempts make one call each,
    # not a forced refresh and a repeat each.
    assert len(fake_tencent.calls_to("custom_send")) == 2 + (MAX_ATTEMPTS - 1)
    forced = [c for c in fake_tencent.calls_to("stable_token") if c.body["force_refresh"]]
    assert len(forced) == 1
    assert fake_tencent.delivered() == []


# --- the customer-service window -----------------------------------------------------------

@pytest.mark.parametrize("errcode", [45015, 45047])
async def test_window_errors_hold_the_job(errcode, worker, sessions, fake_tencent):
    await resident_wrote(sessions, "o-held")
    job_id = await enqueue(sessions, "o-held", "通知")
    fake_tencent.openid_error("o-held", errcode)
    await worker.run_once()
    row = await load_job(sessions, job_id)
    assert row.state == "held" and str(errcode) in row.last_error
    await make_due(sessions)
    assert await worker.run_once() == 0  # held jobs are not retried by the worker
    assert len(fake_tencent.calls_to("custom_send")) == 1


async def test_closed_window_holds_without_calling_tencent(worker, sessions, fake_tencent):
    job_never = await enqueue(sessions, "o-silent", "从未来信")
    await resident_wrote(sessions, "o-old", ago=timedelta(hours=49))
    job_old = await enqueue(sessions, "o-old", "两天前来信")
    await worker.run_once()
    for job_id in (job_never, job_old):
        row = await load_job(sessions, job_id)
        assert row.state == "held" and "48" in row.last_error
    assert fake_tencent.calls == []


async def test_sixth_message_is_held_until_the_resident_writes(worker, sessions, fake_tencent):
    await resident_wrote(sessions, "o-quota")
    ids = [await enqueue(sessions, "o-quota", f"第{i}条") for i in range(1, 7)]
    await worker.run_once()
    states = [(await load_job(sessions, job_id)).state for job_id in ids]
    assert states == ["sent"] * 5 + ["held"]
    assert "quota" in (await load_job(sessions, ids[-1])).last_error
    assert sent_texts(fake_tencent) == [f"第{i}条" for i in range(1, 6)]
    # A later job is held too, without a call.
    later = await enqueue(sessions, "o-quota", "第7条")
    await worker.run_once()
    assert (await load_job(sessions, later)).state == "held"
    assert len(fake_tencent.calls_to("custom_send")) == 5
    # The resident writes again: the window and the quota start afresh.
    await resident_wrote(sessions, "o-quota", ago=timedelta(0))
    again = await enqueue(sessions, "o-quota", "新窗口")
    await worker.run_once()
    assert (await load_job(sessions, again)).state == "sent"
    assert sent_texts(fake_tencent)[-1] == "新窗口"


# --- the group robot -------------------------------------------------------------------------

async def test_robot_rate_limit_defers_routine_and_lets_emergencies_first(
        tencent_config, http, sessions, fake_tencent):
    clock = FakeClock()
    fake_tencent.clock = clock  # the fake robot's own 20-a-minute limit, on the same clock
    senders = build_senders(tencent_config, http, sessions, timeout=TIMEOUT)
    senders["wecom_robot"] = wecom_robot(
        make_wecom_robot(tencent_config, http, sessions, timeout=TIMEOUT),
        RobotRateLimiter(clock=clock), TokenStore(sessions))
    worker = OutboxWorker(sessions, senders, Metrics(), name="w-robot")
    routine = [await enqueue(sessions, "robot", f"例行{i}", kind="wecom_robot")
               for i in range(25)]
    while await worker.run_once():
        pass
    assert _texts_robot(fake_tencent) == [f"例行{i}" for i in range(15)]
    waiting = [await load_job(sessions, job_id) for job_id in routine[15:]]
    assert all(row.state == "pending" and row.attempts == 0 for row in waiting)
    assert all(row.next_attempt_at > utcnow() for row in waiting)

    # An emergency enqueued after them goes out first, even when they are all due again.
    await make_due(sessions)
    urgent = await enqueue(sessions, "robot", "紧急警情", kind="wecom_robot",
                           priority=outbox.PRIORITY_EMERGENCY)
    await worker.run_once()
    assert (await load_job(sessions, urgent)).state == "sent"
    assert _texts_robot(fake_tencent)[15:] == ["紧急警情"]
    assert [row.state for row in await outbox_rows(sessions, "robot")].count("pending") == 10

    clock.now += 61  # a minute later the deferred routine alerts go out, in order
    await make_due(sessions)
    while await worker.run_once():
        pass
    assert _texts_robot(fake_tencent)[16:] == [f"例行{i}" for i in range(15, 25)]
    rows = await outbox_rows(sessions, "robot")
    assert all(row.state == "sent" and row.attempts == 1 for row in rows)
    assert not [c for c in fake_tencent.calls_to("robot_send") if not c.ok]
    assert await TokenStore(sessions).holder(ROBOT_LEASE) is not None


def _texts_robot(fake):
    return [call.body["text"]["content"] for call in fake.delivered("robot_send")]


async def test_a_robot_backlog_is_deferred_once_a_job_each_to_its_own_slot(
        tencent_config, http, sessions, fake_tencent):
    # 60 routine alerts at once, 15 a minute: each waiting one is deferred once, to a slot of
    # its own, and then sent. (Each deferred to the same freed slot, they were claimed and
    # deferred again every minute: 45 + 30 + 15 = 90 deferrals, quadratic in the backlog.)
    clock = FakeClock()
    fake_tencent.clock = clock
    senders = build_senders(tencent_config, http, sessions, timeout=TIMEOUT)
    senders["wecom_robot"] = wecom_robot(
        make_wecom_robot(tencent_config, http, sessions, timeout=TIMEOUT),
        RobotRateLimiter(clock=clock), TokenStore(sessions))
    worker = OutboxWorker(sessions, senders, Metrics(), name="w-robot", batch=100)
    for i in range(60):
        await enqueue(sessions, "robot", f"例行{i}", kind="wecom_robot")
    claims = 0
    for _ in range(6):      # a minute passes between rounds, for the limiter and the jobs
        while claimed := await worker.run_once():
            claims += claimed
        clock.now += 60
        async with sessions() as session, session.begin():
            for job in await session.scalars(select(OutboxJob).where(
                    OutboxJob.state == "pending")):
                job.next_attempt_at -= timedelta(seconds=60)
    assert _texts_robot(fake_tencent) == [f"例行{i}" for i in range(60)]
    assert claims == 60 + 45
    assert b'kind="wecom_robot",outcome="deferred"} 45.0' in worker._metrics.render()
    assert not [c for c in fake_tencent.calls_to("robot_send") if not c.ok]


async def test_robot_jobs_are_left_to_the_instance_holding_the_robot(
        tencent_config, http, sessions, fake_tencent, db_url):
    # Several instances: the one without the robot's lease does not claim robot jobs at all
    # (it claimed and deferred each of them every 2 s); its other jobs go out as ever.
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite deployments run one instance")
    await resident_wrote(sessions, "o-r")
    assert await TokenStore(sessions).acquire(ROBOT_LEASE, "robot-other", timedelta(seconds=20))
    alert = await enqueue(sessions, "robot", "警情", kind="wecom_robot")
    await enqueue(sessions, "o-r", "已受理")
    worker = OutboxWorker(sessions, build_senders(tencent_config, http, sessions,
                                                  timeout=TIMEOUT), Metrics(), name="w2")
    assert await worker.run_once() == 1
    row = await load_job(sessions, alert)
    assert (row.state, row.attempts) == ("pending", 0)
    assert sent_texts(fake_tencent) == ["已受理"]
    async with sessions() as session, session.begin():     # the holder's lease ran out
        await session.execute(update(Lease).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert await worker.run_once() == 1
    assert _texts_robot(fake_tencent) == ["警情"]
