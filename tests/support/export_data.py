"""Hand-made tickets with timelines around ISO week 2026-W10 (Shanghai), for the export,
the figures and the schedule. W10 runs Monday 2026-03-02 00:00 to 2026-03-09 00:00 local."""

from __future__ import annotations

import itertools
import json
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.reports.weeks import IsoWeek
from storage.officers.models import Officer
from storage.tickets.models import Ticket, TicketEvent, Verdict

TZ = ZoneInfo("Asia/Shanghai")
W10 = IsoWeek(2026, 10)
GULOU, LIUYUAN = "古楼派出所", "柳园派出所"
_numbers = itertools.count(1)


def local(*args: int) -> datetime:
    """An aware moment given as Shanghai wall-clock time."""
    return datetime(*args, tzinfo=TZ)


async def add_ticket(session: AsyncSession, created: datetime, *, unit: str = GULOU,
                     kind: str = "complaint", priority: str = "P3", channel: str = "wechat",
                     summary: str = "楼下噪音扰民", phone: str | None = None,
                     anonymous: bool = False, assignee: str | None = None,
                     statuses: tuple[tuple[datetime, str], ...] = (),
                     replies: tuple[tuple[datetime, str, bool], ...] = (),
                     resolve_due: timedelta = timedelta(days=5),
                     first_due: timedelta = timedelta(days=1),
                     verdict: dict[str, Any] | None = None,
                     acknowledged: tuple[datetime, str] | None = None) -> Ticket:
    """A ticket with its created, status, reply and acknowledgement events, its row kept
    consistent."""
    number = f"DCF{created.astimezone(TZ):%Y%m%d}-{next(_numbers):04d}"
    ticket = Ticket(number=number, kind=kind, status="new", priority=priority,
                    channel=channel, unit=unit, flagged_unassigned=False, assignee=assignee,
                    openid=None, contact_phone=phone, anonymous=anonymous, summary=summary,
                    intent_reasons="[]", created_at=created, updated_at=created,
                    first_response_due=created + first_due,
                    resolve_due=created + resolve_due)
    session.add(ticket)
    await session.flush()
    events = [(created, "system", "created", {})]
    status = "new"
    for at, to in statuses:
        events.append((at, assignee or "system", "status", {"from": status, "to": to}))
        status = to
    for at, actor, first in replies:
        events.append((at, actor, "reply_out", {"first_response": True} if first else {}))
        if first and ticket.first_response_at is None:
            ticket.first_response_at = at
    if acknowledged is not None:
        ticket.acknowledged_at, ticket.acknowledged_by = acknowledged
        events.append((acknowledged[0], acknowledged[1], "acknowledged", {}))
    events.sort(key=lambda e: e[0])
    for at, actor, type_, data in events:
        session.add(TicketEvent(ticket_id=ticket.id, at=at, actor=actor, type=type_,
                                text="", data=json.dumps(data)))
        await session.flush()           # ids follow time, as in the live timeline
    ticket.status = status
    ticket.updated_at = events[-1][0]
    if verdict is not None:
        session.add(Verdict(ticket_id=ticket.id, **verdict))
    return ticket


async def week_ten(sessions: async_sessionmaker[AsyncSession]) -> dict[str, str]:
    """The boundary cases of the export, by name -> ticket number."""
    async with sessions() as session, session.begin():
        session.add(Officer(username="zhangsan", name="张三", unit=GULOU, role="officer",
                            password_hash="!"))
        made = {
            "sunday_late": await add_ticket(session, local(2026, 3, 8, 23, 30)),
            "monday_next": await add_ticket(session, local(2026, 3, 9, 0, 10)),
            "resolved_in_week": await add_ticket(
                session, local(2026, 3, 3, 9), assignee="zhangsan",
                statuses=((local(2026, 3, 3, 10), "assigned"),
                          (local(2026, 3, 5, 10), "resolved"))),
            "resolved_after": await add_ticket(
                session, local(2026, 3, 3, 9), assignee="zhangsan",
                statuses=((local(2026, 3, 3, 10), "assigned"),
                          (local(2026, 3, 4, 10), "in_progress"),
                          (local(2026, 3, 10, 10), "resolved"))),
            "personal": await add_ticket(
                session, local(2026, 3, 2, 0, 0), unit=LIUYUAN, kind="consult",
                priority="P4", channel="hotline", phone="13800001234",
                summary="=SUM(A1) 我的电话13912345678，身份证371502199001011234"),
            "anonymous": await add_ticket(session, local(2026, 3, 6, 12), anonymous=True,
                                          summary="-举报 @赌博窝点",
                                          resolve_due=timedelta(days=30),
                                          first_due=timedelta(days=30)),
            "old_closed": await add_ticket(
                session, local(2026, 2, 1, 9),
                statuses=((local(2026, 2, 2, 9), "resolved"), (local(2026, 2, 3, 9), "closed"))),
        }
    return {name: ticket.number for name, ticket in made.items()}
