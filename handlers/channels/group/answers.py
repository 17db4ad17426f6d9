"""An officer's line in the group: the owner's confirmed message task marked sent, and an
answer that quotes or @-mentions a resident recorded on that resident's open group ticket
(§8), so first-response times count in the group too."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.channels.group.types import GroupChat, GroupLine
from handlers.intents.services import Services
from handlers.officers import group_tasks
from storage.groups import messages as group_store
from storage.tickets import store as ticket_store

# "@name" up to a space (WeChat puts a space, often U+2005, after a mention).
_MENTION = re.compile(r"@([^\s@\u2005]{1,32})")
# WeChat's quote as the archive keeps it: 「name：quoted words」 then a dashed line.
_QUOTE = re.compile(r"^「([^：:」]{1,32})[：:]")


def addressed(text: str, names: dict[str, str]) -> list[str]:
    """The member ids a line quotes or @-mentions, in order of appearance."""
    by_name = {name: member for member, name in names.items()}
    found: list[str] = []
    quoted = _QUOTE.match(text.strip())
    candidates = ([quoted.group(1)] if quoted else []) + _MENTION.findall(text)
    for name in candidates:
        member = by_name.get(name) or _longest_prefix(name, by_name)
        if member and member not in found:
            found.append(member)
    return found


def _longest_prefix(word: str, by_name: dict[str, str]) -> str | None:
    # "@张阿姨您好" without a space after the name: the longest known name it starts with.
    for name in sorted(by_name, key=len, reverse=True):
        if word.startswith(name):
            return by_name[name]
    return None


async def record(session: AsyncSession, services: Services, chat: GroupChat,
                 line: GroupLine, actor: str, names: dict[str, str], message_id: int,
                 now: datetime) -> bool:
    """Record the line where it belongs; whether it answered a ticket or a task."""
    if await group_tasks.confirmed(session, chat, line.sender, line.text, line.sent_at,
                                   message_id):
        return True
    members = addressed(line.text, names)
    if not members:
        return False
    found = await group_store.open_ticket_of(session, chat.room_id, members)
    if found is None:
        return False
    ticket, link = found
    data: dict[str, object] = {"delivery": "group", "group": chat.name, "msgid": line.msgid,
                               "member": link.nickname}
    if ticket.first_response_at is None:
        data["first_response"] = True
    ticket_store.add_event(session, ticket, actor, "reply_out", line.text, at=line.sent_at,
                           **data)
    if ticket.status in ("assigned", "reopened"):
        services.workflow(lambda: now).transition(session, ticket, "in_progress", by="reply",
                                                  actor=actor, via="group")
    await group_store.mark(session, message_id, "reply", ticket.id)
    return True
