"""A recall in the group (the archive's `revoke` record): the message it takes back is marked
recalled, never deleted, and a ticket that message opened or joined says so on its timeline.
A recall closes nothing."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.channels.group.types import GroupChat, GroupLine
from storage.groups import messages as group_store
from storage.tickets import store as ticket_store
from storage.tickets.models import Ticket


async def record(session: AsyncSession, chat: GroupChat, line: GroupLine, actor: str,
                 who: str, message_id: int) -> int | None:
    """Mark the message `line` takes back; the ticket told of it, or None."""
    original = await group_store.by_msgid(session, line.recalls)
    if original is None or original.room_id != line.room_id:
        return None     # never stored: another group's, a member who did not agree, purged
    if original.recalled_at is not None:
        return None     # told already (WeCom names a message once; be safe anyway)
    # The words stay, for the officer: they were said, a ticket may rest on them, and a
    # recall can be a way to hide evidence. Only the mark says they were taken back.
    original.recalled_at = line.sent_at
    if original.ticket_id is None:
        return None
    ticket = await session.get(Ticket, original.ticket_id)
    if ticket is None:
        return None
    if line.sender != original.sender:
        key = "group_recalled_by"
    elif original.sender_kind == "resident":
        key = "group_recalled_resident"
    else:
        key = "group_recalled_officer"
    ticket_store.add_event(session, ticket, actor, "recalled",
                           texts.text(key, member=original.nickname, who=who),
                           at=line.sent_at, group=chat.name, msgid=original.msgid,
                           recall=line.msgid)
    # Kept with the ticket (not purged as chat): the timeline points at it.
    await group_store.mark(session, message_id, "chat", ticket.id)
    return ticket.id
