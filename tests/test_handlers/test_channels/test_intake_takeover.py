"""Taking over a dead instance's messages: all its residents at once, each resident's
messages still one at a time and in order; a flood paced per resident, holding no one else
up; late replies handed to the outbox worker at once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import update

from handlers.channels.intake import Delivery, Intake
from handlers.channels.throttle import Throttle
from handlers.core.types import Reply
from storage.base import utcnow
from storage.intake.inbound import InboundStore
from storage.intake.locks import ResidentLocks
from storage.intake.models import InboundMessage
from tests.helpers import inbound_rows, outbox_rows
from tests.support.intake import HELP, RecordingDispatch, message


@pytest.fixture
async def store(sessions):
    store = InboundStore(sessions)
    yield store
    await store.close()


def intake_for(engine, sessions, store, dispatch, boot_id: str, **kwargs) -> Intake:
    kwargs.setdefault("rate_limit", 100)
    return Intake(sessions, store, ResidentLocks(engine), dispatch, boot_id=boot_id, **kwargs)


async def leases_ended(sessions) -> None:
    """Every message in hand lost its holder's lease (as when its instance died)."""
    async with sessions() as session, session.begin():
        await session.execute(update(InboundMessage)
                              .where(InboundMessage.state == "received")
                              .values(lease_until=utcnow() - timedelta(seconds=1)))


async def test_a_dead_instances_residents_are_taken_over_together_each_in_order(
        engine, sessions, store):
    recorder = RecordingDispatch(delay_s=0.05)
    dead = intake_for(engine, sessions, store, recorder, "dead-boot")
    residents = [f"o-dead-{i}" for i in range(6)]
    for openid in residents:
        await dead.accept(message(openid, f"{openid} 第一条"))
    # One resident wrote twice before the instance died: the second waits for the first.
    await dead.accept(message(residents[0], f"{residents[0]} 第二条"))
    await leases_ended(sessions)
    alive = intake_for(engine, sessions, store, recorder, "alive-boot")
    alive.outbox_wakeup = asyncio.Event()
    rounds = []
    while handled := await alive.drain_backlog_once():
        rounds.append(handled)
    assert sum(rounds) == 7
    assert recorder.order[residents[0]] == [f"{residents[0]} 第一条", f"{residents[0]} 第二条"]
    assert all(n == 1 for n in recorder.most_at_once.values())
    if store.single_instance:
        # SQLite has one writer: its backlog stays one message at a time.
        assert recorder.overall_most == 1
    else:
        assert rounds[0] == 6 and recorder.overall_most > 1
    rows = await inbound_rows(sessions)
    assert {(r.state, r.reply_mode, r.lease_holder) for r in rows} == {
        ("handled", "outbox", "alive-boot")}
    jobs = await outbox_rows(sessions)
    assert sorted(j.inbound_id for j in jobs) == sorted(r.id for r in rows)
    # The replies went to the outbox with nobody waiting: its worker was woken for them.
    assert alive.outbox_wakeup.is_set()


async def test_a_flood_is_paced_per_resident_and_holds_no_one_else_up(engine, sessions, store):
    clock = [1000.0]
    recorder = RecordingDispatch(delay_s=0)
    intake = intake_for(engine, sessions, store, recorder, "boot-1", rate_limit=1,
                        throttle=Throttle(1, clock=lambda: clock[0]))
    flood = [await intake.accept(message("o-flood", f"f{i}")) for i in range(3)]
    assert [a.queued for a in flood] == [False, True, True]
    await intake.handle(flood[0], message("o-flood", "f0"), Delivery())
    assert await intake.drain_backlog_once(pace_s=60.0) == 1
    # Its next queued message waits for its turn, and the backlog knows when that comes.
    assert await intake.drain_backlog_once(pace_s=60.0) == 0
    assert intake.next_turn_s is not None and 55.0 < intake.next_turn_s <= 60.0
    # Another resident's queued message is taken meanwhile, not after the flood's pace.
    calm = [await intake.accept(message("o-calm", f"c{i}")) for i in range(2)]
    assert [a.queued for a in calm] == [False, True]
    await intake.handle(calm[0], message("o-calm", "c0"), Delivery())
    assert await intake.drain_backlog_once(pace_s=60.0) == 1
    assert recorder.order == {"o-flood": ["f0", "f1"], "o-calm": ["c0", "c1"]}
    # Without a pace (or once the turn has come) the flood goes on, in order.
    assert await intake.drain_backlog_once() == 1
    assert recorder.order["o-flood"] == ["f0", "f1", "f2"]


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_messages_a_fault_cut_short_here_are_taken_again_all_at_once(
        engine, sessions, store):
    # Answered 200 before the fault, so WeChat never sends them again: their residents wait
    # for this backlog alone, not for its half-width pace (kept for messages taken over).
    recorder = RecordingDispatch(delay_s=0.1)
    cut = {"on": True}

    async def dispatch(said):
        if cut["on"]:
            raise ConnectionResetError("the database went away")
        return await recorder(said)

    intake = intake_for(engine, sessions, store, dispatch, "boot-1")
    width = max(1, intake._locks.slots // 2)
    residents = [f"o-cut-{i}" for i in range(intake._locks.slots)]
    for openid in residents:
        said = message(openid, f"{openid} 说")
        with pytest.raises(ConnectionResetError):
            await intake.handle(await intake.accept(said), said, Delivery())
    assert len(intake.stranded) == len(residents)
    cut["on"] = False
    assert await intake.drain_backlog_once() == len(residents)
    assert recorder.overall_most > width and not intake.stranded
    assert {r.state for r in await inbound_rows(sessions)} == {"handled"}


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_with_nothing_held_elsewhere_the_backlog_still_looks_again_within_a_lease(
        engine, sessions, store):
    intake = intake_for(engine, sessions, store, RecordingDispatch(0), "boot-1")
    assert await intake.drain_backlog_once() == 0
    # Another instance may take a message and die right after this look: the next look
    # comes within a lease, not when the idle wait of the backlog ends.
    assert intake.next_lease_end is not None
    assert intake.next_lease_end - utcnow() <= timedelta(seconds=3)


async def test_only_late_replies_wake_the_outbox_worker(engine, sessions, store):
    intake = intake_for(engine, sessions, store, RecordingDispatch(0), "boot-1")
    intake.outbox_wakeup = asyncio.Event()
    passive = message("o-now", "你好")
    assert await intake.handle(await intake.accept(passive), passive, Delivery()) \
        == Reply(HELP)
    assert not intake.outbox_wakeup.is_set()
    late = message("o-late", "你好")
    accepted = await intake.accept(late)
    assert intake.give_up(accepted.id)           # the transport's budget ran out first
    await intake.handle(accepted, late)
    assert intake.outbox_wakeup.is_set()
    [job] = await outbox_rows(sessions, "o-late")
    assert job.inbound_id == accepted.id
