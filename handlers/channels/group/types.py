"""What the group door hands to the handlers: the configured groups and decoded lines."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from handlers.core.channels import Answering, Channel, IntakePolicy

CHANNEL = "group"
# The police WeChat group (§8): read from WeCom's archive, never answered in the HTTP answer;
# officers answer in the group or through the owner's message task.
GROUP = Channel(CHANNEL, Answering.NONE, IntakePolicy(rate_limited=False, late_replies=None))
# WeCom's external user ids (residents on personal WeChat) start so; its own users do not.
_EXTERNAL = re.compile(r"^w[mo][0-9A-Za-z_-]{6,}$")


def is_external(member_id: str) -> bool:
    """Whether an archive sender is an external contact (a resident), not a WeCom user."""
    return bool(_EXTERNAL.match(member_id))


@dataclass(frozen=True)
class GroupChat:
    """One configured group: its owner (a WeCom userid), name, unit and area."""

    room_id: str
    owner: str
    name: str
    unit: str
    area: str


@dataclass(frozen=True)
class GroupSettings:
    """The groups the branch reads, by room id, and how long chat is kept."""

    chats: Mapping[str, GroupChat] = field(default_factory=dict)
    retention_days: int = 30

    @classmethod
    def from_config(cls, config: Any) -> GroupSettings:
        """From the app's configuration ([groups] chats, [intake] raw_retention_days)."""
        chats = {chat.room_id: GroupChat(chat.room_id, chat.owner, chat.name or chat.room_id,
                                         chat.unit, chat.area)
                 for chat in config.groups.chats}
        return cls(chats=chats, retention_days=config.intake.raw_retention_days)


@dataclass(frozen=True)
class GroupLine:
    """One archived group message (text or other), as decoded from its record."""

    seq: int
    msgid: str
    room_id: str
    sender: str
    msgtype: str
    sent_at: datetime
    text: str = ""
    recalls: str = ""       # a recall (`revoke`): the msgid of the message it takes back

    @property
    def from_resident(self) -> bool:
        """Sent by an external member (a resident)."""
        return is_external(self.sender)
