"""Leases and take-over: a message whose handler died is handled again at once, and handling
it again never repeats what was done."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from handlers.channels import intake_core
from handlers.channels.intake import Intake
from handlers.core.settlement import Delivery, settle_and_commit, settle_in
from handlers.core.types import Inbound, Reply
from storage.base import utcnow
from storage.delivery.models import OutboxJob
from storage.intake.inbound import InboundStore
from storage.intake.locks import ResidentLocks
from storage.intake.models import InboundMessage
from storage.tickets.models import IntentCandidate
from tests.helpers import inbound_rows, outbox_rows

_serial = iter(range(10**6))


def message(openid: str, content: str) -> Inbound:
    return Inbound(channel="wechat", dedupe_key=f"msg:l{next(_serial)}", openid=openid,
                   msg_type="text", content=content, raw=f"<xml>{content}</xml>")


class Counting:
    """A dispatcher with one effect per message (a row written with the reply, as the
    router writes tickets), counting how often each message was dispatched."""

    def __init__(self, sessions, fail_first: bool = False, together: bool = False) -> None:
        self.sessions = sessions
        self.calls: list[str] = []
        self.fail_first = fail_first
        self.together = together      # settle_and_commit, as the router does

    async def __call__(self, inbound: Inbound) -> Reply:
        self.calls.append(inbound.content)
        if self.fail_first and len(self.calls) == 1:
            raise RuntimeError("the handler dies")
        reply = Reply(f"已受理：{inbound.content}")
        async with self.sessions() as session:
            session.add(IntentCandidate(text=inbound.content, predicted="complaint",
                                        chosen="complaint", source="resident"))
            if self.together:
                await settle_and_commit(session, inbound, reply)
                return reply
            await session.flush()
            await settle_in(session, inbound, reply)
            await session.commit()
        return reply


@pytest.fixture
async def store(sessions):
    store = InboundStore(sessions)
    yield store
    await store.close()


def intake_for(engine, sessions, store, dispatch, boot_id: str) -> Intake:
    return Intake(sessions, store, ResidentLocks(engine), dispatch, rate_limit=100,
                  boot_id=boot_id)


async def effects(sessions) -> int:
    async with sessions() as session:
        return await session.scalar(select(func.count()).select_from(IntentCandidate))


async def set_lease(sessions, inbound_id: int, seconds: float) -> None:
    async with sessions() as session, session.begin():
        await session.execute(update(InboundMessage).where(InboundMessage.id == inbound_id)
                              .values(lease_until=utcnow() + timedelta(seconds=seconds)))


async def retry(intake: Intake, inbound: Inbound, budget_s: float) -> Reply | None:
    """What /wechat does with WeChat's retry: follow, and take over if the handler died."""
    accepted = await intake.accept(inbound)
    assert accepted.duplicate
    if accepted.reply is not None:
        return accepted.reply
    followed = await intake.follow(accepted, budget_s)
    if followed is not None:
        return followed
    return await intake.handle(replace(accepted, taken_over=True), inbound)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_a_retry_takes_over_at_once_from_a_dead_boot_on_sqlite(engine, sessions, store):
    dispatch = Counting(sessions)
    dead = intake_for(engine, sessions, store, dispatch, "dead-boot")
    inbound = message("o-dead", "楼道灯坏了")
    await dead.accept(inbound)          # recorded, then the process died: never handled
    alive = intake_for(engine, sessions, store, dispatch, "new-boot")
    started = asyncio.get_running_loop().time()
    assert await retry(alive, inbound, 1.0) == Reply("已受理：楼道灯坏了")
    assert asyncio.get_running_loop().time() - started < 0.5
    [row] = await inbound_rows(sessions, "o-dead")
    assert (row.state, row.reply_mode, row.lease_holder) == ("handled", "passive", "new-boot")
    assert dispatch.calls == ["楼道灯坏了"] and await effects(sessions) == 1
    # Its next retry gets the same words; nothing is done again.
    assert await retry(alive, inbound, 1.0) == Reply("已受理：楼道灯坏了")
    assert dispatch.calls == ["楼道灯坏了"] and await effects(sessions) == 1


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_on_postgresql_a_live_lease_is_waited_for_and_taken_when_it_ends(
        engine, sessions, store):
    dispatch = Counting(sessions)
    other = intake_for(engine, sessions, store, dispatch, "other-instance")
    inbound = message("o-pg", "楼下有人乱扔垃圾")
    accepted = await other.accept(inbound)
    here = intake_for(engine, sessions, store, dispatch, "this-instance")
    # Another instance holds it for a long while yet: the retry gets nothing in its budget.
    await set_lease(sessions, accepted.id, 60)
    assert await retry(here, inbound, 0.3) == Reply()
    assert dispatch.calls == []
    # Its lease ends during the next retry's wait: taken over and answered passively.
    await set_lease(sessions, accepted.id, 0.3)
    assert await retry(here, inbound, 2.0) == Reply("已受理：楼下有人乱扔垃圾")
    assert dispatch.calls == ["楼下有人乱扔垃圾"]


async def test_a_message_whose_handler_failed_here_is_taken_over_by_its_retry(
        engine, sessions, store):
    dispatch = Counting(sessions, fail_first=True)
    intake = intake_for(engine, sessions, store, dispatch, "boot-1")
    inbound = message("o-fail", "小区门口井盖丢了")
    accepted = await intake.accept(inbound)
    with pytest.raises(RuntimeError):
        await intake.handle(accepted, inbound)
    [row] = await inbound_rows(sessions, "o-fail")
    assert (row.state, row.lease_holder) == ("received", "boot-1")
    # Ours, no longer in hand: not left for 120 s, the retry handles it now.
    assert await retry(intake, inbound, 1.0) == Reply("已受理：小区门口井盖丢了")
    assert dispatch.calls == ["小区门口井盖丢了"] * 2 and await effects(sessions) == 1


@pytest.mark.parametrize("together", [False, True])
async def test_handled_elsewhere_meanwhile_rolls_back_and_answers_alike(
        engine, sessions, store, together):
    intake = intake_for(engine, sessions, store, None, "boot-1")
    inbound = message("o-race", "路灯不亮")

    async def finished_by_another(message: Inbound) -> Reply:
        # Another handler completes the message while this one works on it.
        async with sessions() as session, session.begin():
            await session.execute(update(InboundMessage)
                                  .where(InboundMessage.id == message.inbound_id)
                                  .values(state="handled", reply="另一条答复",
                                          reply_mode="passive"))
        return await Counting(sessions, together=together)(message)

    intake._dispatch = finished_by_another
    accepted = await intake.accept(inbound)
    assert await intake.handle(accepted, inbound) == Reply("另一条答复")
    assert await effects(sessions) == 0     # this handler's effect was rolled back
    [row] = await inbound_rows(sessions, "o-race")
    assert (row.reply, row.reply_mode) == ("另一条答复", "passive")


async def test_the_backlog_takes_over_a_dead_boots_message_through_the_outbox(
        engine, sessions, store):
    dispatch = Counting(sessions)
    dead = intake_for(engine, sessions, store, dispatch, "dead-boot")
    accepted = await dead.accept(message("o-bl", "有人在楼道里抽烟"))
    alive = intake_for(engine, sessions, store, dispatch, "new-boot")
    await alive.load_backlog()
    if store.single_instance:
        assert alive.backlog_wakeup.is_set()
    else:
        # Another instance may still be on it: looked at when its lease ends.
        assert alive.next_lease_end is not None
        assert await alive.drain_backlog_once() == 0
        await set_lease(sessions, accepted.id, -1)
    assert await alive.drain_backlog_once() == 1
    [row] = await inbound_rows(sessions, "o-bl")
    assert (row.state, row.reply_mode) == ("handled", "outbox")
    [job] = await outbox_rows(sessions, "o-bl")
    assert (job.kind, job.inbound_id) == ("wechat_text", row.id)
    assert await alive.drain_backlog_once() == 0
    assert dispatch.calls == ["有人在楼道里抽烟"]


async def test_a_retry_arriving_while_the_backlog_handles_it_gets_the_reply_passively(
        engine, sessions, store):
    release = asyncio.Event()

    async def slow(inbound: Inbound) -> Reply:
        await release.wait()
        return Reply("稍后的答复")

    dead = intake_for(engine, sessions, store, slow, "dead-boot")
    inbound = message("o-attach", "门口有可疑车辆")
    accepted = await dead.accept(inbound)
    await set_lease(sessions, accepted.id, -1)
    alive = intake_for(engine, sessions, store, slow, "new-boot")
    draining = asyncio.create_task(alive.drain_backlog_once())
    await asyncio.sleep(0.2)
    retried = asyncio.create_task(retry(alive, inbound, 2.0))
    await asyncio.sleep(0.1)
    release.set()
    assert await retried == Reply("稍后的答复")
    assert await draining == 1
    [row] = await inbound_rows(sessions, "o-attach")
    assert row.reply_mode == "passive"
    assert await outbox_rows(sessions, "o-attach") == []


async def test_leases_of_messages_in_hand_are_renewed(engine, sessions, store, monkeypatch):
    release = asyncio.Event()

    async def slow(inbound: Inbound) -> Reply:
        await release.wait()
        return Reply("好")

    intake = intake_for(engine, sessions, store, slow, "boot-1")
    inbound = message("o-long", "慢慢处理")
    accepted = await intake.accept(inbound)
    handling = asyncio.create_task(intake.handle(accepted, inbound))
    [before] = await inbound_rows(sessions, "o-long")
    assert await intake.renew_leases() == 0          # just taken: not due yet
    monkeypatch.setattr(intake_core, "RENEW_AFTER_S", 0.0)
    assert await intake.renew_leases() == 1
    [after] = await inbound_rows(sessions, "o-long")
    assert after.lease_holder == "boot-1" and after.lease_until > before.lease_until
    release.set()
    await handling
    assert await intake.renew_leases() == 0          # no longer in hand


def test_delivery_goes_passive_while_any_transport_waits():
    waiting = Delivery()
    waiting.attach()                                  # WeChat's retry waits too
    assert waiting.give_up()                          # the first transport's budget ends
    assert waiting.settle() == "passive"              # the retry still waits: passive
    nobody = Delivery(waiting=False)
    assert nobody.settle() == "late"
    late_retry = Delivery(waiting=False)
    late_retry.attach()
    assert late_retry.settle() == "passive"
    assert not late_retry.give_up()                   # settled passive: wait for the commit
    gone = Delivery()
    assert gone.give_up() and gone.settle() == "late"


@pytest.mark.parametrize("together", [False, True])
async def test_the_outbox_job_of_a_late_reply_is_queued_with_its_effects_once(
        engine, sessions, store, together):
    dispatch = Counting(sessions, together=together)
    intake = intake_for(engine, sessions, store, dispatch, "boot-1")
    inbound = message("o-late", "晚一点答复")
    accepted = await intake.accept(inbound)
    assert intake.give_up(accepted.id)               # the transport's budget ran out first
    assert await intake.handle(accepted, inbound) == Reply()
    async with sessions() as session:
        jobs = list(await session.scalars(select(OutboxJob)))
    assert [(j.kind, j.inbound_id) for j in jobs] == [("wechat_text", accepted.id)]
    [row] = await inbound_rows(sessions, "o-late")
    assert (row.state, row.reply_mode) == ("handled", "outbox")
