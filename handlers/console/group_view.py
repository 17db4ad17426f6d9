"""The console's view of a group ticket: the group thread around the request, the month's
message-task quota, and the hint to answer in the group itself."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core.privacy import Masking
from handlers.officers.group_tasks import quota, result_unknown, task_state
from storage.groups import messages as group_store
from storage.groups import tasks as task_store
from storage.tickets.models import Ticket

AROUND = 10     # messages shown before and after the request


async def group_panel(session: AsyncSession, ticket: Ticket, mask: Masking, now: datetime,
                      tz: tzinfo) -> dict[str, Any] | None:
    """What the ticket page shows of its group; None for tickets of other doors."""
    if ticket.channel != "group":
        return None
    link = await group_store.of_ticket(session, ticket.id)
    if link is None:
        return None
    around = await group_store.opened_at(session, ticket.id) or ticket.created_at
    thread = await group_store.thread(session, link.room_id, around, AROUND, AROUND)
    used = await quota(session, link.room_id, now, tz)
    tasks = await task_store.of_ticket(session, ticket.id)
    holder = await group_store.owner_of(session, link.room_id, link.owner)
    return {
        "name": link.room_name, "member": link.nickname, "owner": holder,
        "quota": {"used": used.used, "quota": used.quota, "left": used.left},
        "hint": (texts.text("group_answer_hint", group=link.room_name, member=link.nickname,
                            left=used.left, quota=used.quota) if used.left else
                 texts.text("group_quota_spent", group=link.room_name, used=used.used,
                            quota=used.quota)),
        # A recalled message keeps its words here, marked: it was said, and a recall can
        # hide evidence.
        "thread": [{"at": m.sent_at, "who": m.nickname, "side": m.sender_kind,
                    "text": (texts.text("group_recall_line") if m.recalls else
                             mask(m.text) if m.text else f"[{m.msgtype}]"),
                    "recalled": (texts.text("group_message_recalled")
                                 if m.recalled_at is not None else ""),
                    "this": m.ticket_id == ticket.id} for m in thread],
        "tasks": [{"at": t.created_at, "state": t.state, "officer": t.officer,
                   "overdue": t.state == "pending" and t.overdue_at is not None,
                   "unknown": result_unknown(t, now),
                   "owner": t.owner, "label": task_state(t.state, t.overdue_at, t.owner, holder,
                                                         unknown=result_unknown(t, now)),
                   "sent_at": t.sent_at, "text": mask(t.text)} for t in tasks],
    }
