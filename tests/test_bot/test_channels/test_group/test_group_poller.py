"""The archive poller over the local archive: order, the lease, and restarts mid-sequence."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.channels.group import local
from bot.channels.group.archive import SkipReason
from bot.channels.group.poller import LostLease
from storage.base import utcnow
from storage.groups import archive as cursor
from storage.groups.models import GroupMessage, LocalArchiveRecord
from storage.tickets.models import Ticket
from tests.groups import AUNT, ROOM, UNCLE, count, make_poller, member_id, stored, with_groups
from tests.helpers import stops_when_woken_and_cancelled

REQUESTS = ["楼下有人乱停车堵住消防通道，麻烦处理一下", "小区门口每天晚上烧烤噪音很大扰民",
            "我想预约办理居住证", "电动车在楼道里充电太危险了，请派出所管一管"]


@pytest.fixture
def group_config(config):
    return with_groups(config)


async def _members(sessions) -> tuple[str, str]:
    aunt, uncle = member_id(AUNT), member_id(UNCLE)
    await local.consent(sessions, ROOM, aunt, AUNT)
    await local.consent(sessions, ROOM, uncle, UNCLE)
    return aunt, uncle


async def test_local_reader_reads_in_order_with_limit_and_skips_a_bad_record(sessions):
    for word in ("一", "二", "三"):
        await local.post(sessions, ROOM, member_id(AUNT), word)
    async with sessions() as session, session.begin():
        session.add(LocalArchiveRecord(msgid="broken", message="[not an object"))
    await local.post(sessions, ROOM, member_id(AUNT), "四")
    reader = local.LocalArchiveReader(sessions)
    first = await reader.fetch(0, 2)
    assert [r.text for r in first.records] == ["一", "二"] and first.more
    rest = await reader.fetch(first.last_seq, 10)
    assert [r.text for r in rest.records] == ["三", "四"]
    assert [s.reason for s in rest.skipped] == [SkipReason.MALFORMED]
    assert rest.last_seq == 5 and not rest.more
    assert (await reader.fetch(rest.last_seq, 10)).records == ()


async def test_one_instance_reads_at_a_time(group_config, sessions):
    aunt, _ = await _members(sessions)
    await local.post(sessions, ROOM, aunt, REQUESTS[0])
    first = await make_poller(group_config, sessions, holder="A")
    second = await make_poller(group_config, sessions, holder="B")
    assert await first.run_once() == 1
    await local.post(sessions, ROOM, aunt, "谢谢")
    assert await second.run_once() == 0          # A holds the lease
    assert await first.run_once() == 1
    await first.stop()                           # a clean shutdown hands it over at once
    await local.post(sessions, ROOM, aunt, "好的")
    assert await second.run_once() == 1
    assert [m.text for m in await stored(sessions)] == [REQUESTS[0], "谢谢", "好的"]


async def test_reader_restarted_mid_sequence_reads_nothing_twice_and_skips_nothing(
        group_config, sessions):
    aunt, uncle = await _members(sessions)
    lines = [(aunt if i % 2 else uncle, text) for i, text in enumerate(
        [REQUESTS[0], "大家好", REQUESTS[1], "收到", REQUESTS[2], "好的", REQUESTS[3]])]
    for sender, text in lines:
        await local.post(sessions, ROOM, sender, text)
    crashing = await make_poller(group_config, sessions, holder="A", batch=3)
    assert await crashing.run_once() == 3
    real_take = crashing._desk.take
    calls = 0

    async def dies_halfway(session, batch, agreed):
        nonlocal calls
        calls += 1
        await real_take(session, batch[:2], agreed)   # two lines written, then the process dies
        raise RuntimeError("killed mid-batch")

    crashing._desk.take = dies_halfway
    with pytest.raises(RuntimeError):
        await crashing.run_once()
    assert calls == 1
    # The dead reader never released its lease: the next instance takes over once it ends.
    later = lambda: utcnow() + timedelta(minutes=2)  # noqa: E731
    successor = await make_poller(group_config, sessions, holder="B", batch=3, clock=later)
    while await successor.run_once():
        pass
    messages = await stored(sessions)
    assert [m.text for m in messages] == [text for _, text in lines]
    assert [m.seq for m in messages] == list(range(1, 8))
    async with sessions() as session:
        assert await cursor.position(session) == 7
    assert await count(sessions, Ticket) == 4     # one per request, none twice


async def test_a_reader_whose_lease_was_taken_over_commits_nothing(group_config, sessions):
    aunt, _ = await _members(sessions)
    await local.post(sessions, ROOM, aunt, REQUESTS[0])
    slow = await make_poller(group_config, sessions, holder="A")
    later = lambda: utcnow() + timedelta(minutes=2)  # noqa: E731
    successor = await make_poller(group_config, sessions, holder="B", clock=later)
    real_take = slow._desk.take

    async def paused_past_its_lease(session, batch, agreed):
        # A stalls (a GC pause, a stuck disk) past its lease; B takes over and reads.
        assert await successor.run_once() == 1
        return await real_take(session, batch, agreed)

    slow._desk.take = paused_past_its_lease
    with pytest.raises(LostLease):
        await slow.run_once()
    assert await count(sessions, GroupMessage) == 1 and await count(sessions, Ticket) == 1
    async with sessions() as session:
        assert await cursor.position(session) == 1


async def test_fenced_advance_refuses_a_stale_holder(sessions):
    async with sessions() as session, session.begin():
        assert await cursor.claim(session, "A", timedelta(seconds=30)) == 0
    async with sessions() as session, session.begin():
        assert not await cursor.advance(session, "B", 0, 5)     # not the holder
        assert not await cursor.advance(session, "A", 3, 5)     # not where it read from
        assert await cursor.advance(session, "A", 0, 5)
    async with sessions() as session:
        assert await cursor.position(session) == 5


async def test_records_of_other_groups_and_one_to_one_chats_are_not_stored(group_config,
                                                                            sessions):
    aunt, _ = await _members(sessions)
    await local.post(sessions, "wrSomebodyElsesRoom01", aunt, REQUESTS[0])
    async with sessions() as session, session.begin():
        await cursor.append_local(session, {"action": "send", "from": aunt, "roomid": "",
                                            "msgtype": "text", "msgtime": 1,
                                            "text": {"content": REQUESTS[1]}})
    poller = await make_poller(group_config, sessions)
    assert await poller.run_once() == 2
    assert await stored(sessions) == [] and await count(sessions, Ticket) == 0
    async with sessions() as session:
        assert await cursor.position(session) == 2      # read past, not stuck on them


async def test_a_wakeup_meeting_the_stop_does_not_keep_the_poller_running(group_config, sessions):
    poller = await make_poller(group_config, sessions)
    assert await stops_when_woken_and_cancelled(poller.run(), poller.wake, idle_s=0.5)
