"""Shared helpers for the group door's tests: a configured group in local mode, its members,
and a desk and poller over the real database."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.assembly import build_services
from bot.channels.group.archive import MemberConsent
from bot.channels.group.local import LocalArchiveReader, LocalConsent, member_id
from bot.channels.group.poller import ArchivePoller
from bot.config import Config
from bot.config.groups import GroupChatConfig, GroupsConfig
from handlers.channels.group.desk import GroupDesk
from handlers.channels.group.types import GroupSettings
from storage.groups.models import GroupMessage

ROOM = "wrLiuyuanTestRoom0001"
OTHER_ROOM = "wrSomebodyElsesRoom01"
OWNER = "wx-owner"
GROUP_NAME = "柳园小区警务群"
GROUP_UNIT = "古楼派出所"
AUNT = "张阿姨"
UNCLE = "李大爷"


def with_groups(config: Config, *, owner: str = OWNER, poll_s: float = 0.2) -> Config:
    """`config` reading the local archive for one group of 古楼派出所 (area 柳园)."""
    chat = GroupChatConfig(room_id=ROOM, owner=owner, name=GROUP_NAME, unit=GROUP_UNIT,
                           area="柳园")
    return dataclasses.replace(config, groups=GroupsConfig(archive="local", poll_s=poll_s,
                                                           chats=(chat,)))


class CountingConsent:
    """The local consent source, counting how often a group is asked."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._inner = LocalConsent(sessions)
        self.asked: list[str] = []

    async def room_consent(self, room_id: str) -> Mapping[str, MemberConsent]:
        """Asks the local table, and counts."""
        self.asked.append(room_id)
        return await self._inner.room_consent(room_id)


async def make_poller(config: Config, sessions: async_sessionmaker[AsyncSession], *,
                      holder: str = "A", batch: int = 100, clock=None,
                      consent: CountingConsent | None = None,
                      desk: GroupDesk | None = None) -> ArchivePoller:
    """A poller over the local archive with the app's real services."""
    if desk is None:
        services = await build_services(config, sessions)
        desk = GroupDesk(services, GroupSettings.from_config(config))
    extra = {"clock": clock} if clock is not None else {}
    return ArchivePoller(sessions, LocalArchiveReader(sessions),
                         consent or CountingConsent(sessions), desk, batch=batch,
                         holder=holder, **extra)


async def stored(sessions: async_sessionmaker[AsyncSession]) -> list[GroupMessage]:
    """Every stored group message, in sequence order."""
    async with sessions() as session:
        return list(await session.scalars(select(GroupMessage).order_by(GroupMessage.seq)))


async def count(sessions: async_sessionmaker[AsyncSession], model, *where) -> int:
    """How many rows of `model` match."""
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)))


__all__ = ["member_id"]
