"""A group's membership counts, with events counted by two instances at once."""

import asyncio

import pytest

from storage.groups import messages as group_store
from storage.groups.models import GroupRoom

ROOM = "wrRoomCounted0001"


@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
async def test_two_events_counted_at_once_are_both_counted(sessions):
    async with sessions() as first, first.begin():
        assert await group_store.count_members(first, ROOM, "add-1", joined=3)
        # Another instance counts the next event while this one has not committed: it waits
        # for this count instead of adding to the count both read.
        second = asyncio.create_task(_count_in_own_session(sessions, "del-1", left=1))
        await asyncio.sleep(0.3)
        assert not second.done()
    await second
    async with sessions() as session:
        room = await session.get(GroupRoom, ROOM)
    assert (room.members, room.joined, room.left) == (2, 3, 1)


async def _count_in_own_session(sessions, event: str, **change: int) -> None:
    async with sessions() as session, session.begin():
        await group_store.count_members(session, ROOM, event, **change)
