"""The group desk: each archived line of a configured group, from a member who agreed,
stored once by msgid and then understood (a resident's) or counted (an officer's)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.channels.group import answers, recalls, requests
from handlers.channels.group.types import GroupChat, GroupLine, GroupSettings
from handlers.intents.services import Services
from storage.base import utcnow
from storage.groups import messages as group_store
from storage.officers import store as officer_store
from storage.tickets import store as ticket_store

log = logging.getLogger(__name__)
Agreed = Callable[[str, str], bool]


@dataclass
class Taken:
    """What one batch became, counted (no ids: members who did not agree leave no trace)."""

    counts: Counter[str] = field(default_factory=Counter)
    tickets: list[str] = field(default_factory=list)


class GroupDesk:
    """Turns archived group lines into stored messages, tickets and recorded answers."""

    def __init__(self, services: Services, groups: GroupSettings,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self._services = services
        self._groups = groups
        self._clock = clock

    @property
    def groups(self) -> GroupSettings:
        """The configured groups."""
        return self._groups

    def chat(self, room_id: str) -> GroupChat | None:
        """A configured group, or None for groups the branch does not read."""
        return self._groups.chats.get(room_id)

    async def take(self, session: AsyncSession, lines: Sequence[GroupLine],
                   agreed: Agreed) -> Taken:
        """Handle `lines` in order, in the caller's transaction."""
        taken = Taken()
        names: dict[str, dict[str, str]] = {}
        # Lines taken back within this same batch: stored, but not acted on.
        recalled = {line.recalls for line in lines if line.recalls}
        for line in lines:
            chat = self.chat(line.room_id)
            if chat is None:
                taken.counts["other_group"] += 1
                continue
            if line.from_resident and not agreed(line.room_id, line.sender):
                taken.counts["no_consent"] += 1     # dropped: never stored, never logged
                continue
            if line.room_id not in names:
                names[line.room_id] = await group_store.nicknames(session, line.room_id)
            await self._one(session, chat, line, names[line.room_id], taken,
                            line.msgid in recalled)
        return taken

    async def _one(self, session: AsyncSession, chat: GroupChat, line: GroupLine,
                   names: dict[str, str], taken: Taken, held: bool) -> None:
        officer = None if line.from_resident else await officer_store.by_wecom_user(
            session, line.sender)
        nickname = (nickname_of(line.sender, names) if line.from_resident
                    else officer.name if officer is not None else line.sender)
        stored = await group_store.store(session, {
            "msgid": line.msgid, "seq": line.seq, "room_id": line.room_id,
            "sender": line.sender, "sender_kind": "resident" if line.from_resident else "officer",
            "nickname": nickname[:64], "msgtype": line.msgtype[:32], "text": line.text,
            "sent_at": line.sent_at, "role": "chat", "created_at": self._clock(),
            "recalls": line.recalls or None})
        if stored is None:
            taken.counts["duplicate"] += 1
            return
        taken.counts["stored"] += 1
        actor = (ticket_store.ACTOR_RESIDENT if line.from_resident
                 else officer.username if officer is not None else line.sender)
        if line.recalls:
            if await recalls.record(session, chat, line, actor, nickname, stored.id):
                taken.counts["recall"] += 1
            return
        if line.from_resident:
            number = await requests.understand(session, self._services, chat, line, nickname,
                                               stored.id, self._clock(), recalled=held)
            if number:
                taken.tickets.append(number)
                taken.counts["ticket"] += 1
        elif held:
            taken.counts["recalled"] += 1   # taken back before it was read: not an answer
        elif await answers.record(session, self._services, chat, line, actor, names,
                                  stored.id, self._clock()):
            taken.counts["answer"] += 1


def nickname_of(member_id: str, names: dict[str, str]) -> str:
    """The member's group nickname, else a name that shows only the id's last characters."""
    return names.get(member_id) or texts.text("group_member_unnamed", tail=member_id[-4:])
