"""Officers and tickets for workflow and API tests, stored straight into the test database."""

from __future__ import annotations

import functools
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from handlers.core.settings import TicketSettings
from handlers.officers import accounts as officers
from handlers.officers.accounts import Actor
from handlers.tickets.opening import open_ticket
from handlers.tickets.workcalendar import WorkCalendar
from storage.officers import store as officer_store
from storage.officers.models import AccessLog
from storage.tickets.models import Ticket

# Wednesday 2026-11-25, 10:00 in Shanghai: a working day, inside working hours.
NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
UNIT_A = "古楼派出所"
UNIT_B = "新区派出所"
PASSWORD = "correct horse 1"


@functools.cache
def _password_hash() -> str:
    # argon2id is slow on purpose: hash once per test run.
    return officers._hasher.hash(PASSWORD)


async def add_officer(sessions: async_sessionmaker[AsyncSession], username: str,
                      unit: str = UNIT_A, role: str = "officer", *, name: str = "",
                      **extra) -> Actor:
    """An officer with PASSWORD (named by the username unless `name` is given)."""
    async with sessions() as session, session.begin():
        fields = {"disabled": False, "failed_logins": 0, "created_at": NOW, **extra}
        row = officer_store.add(session, username=username, name=name or username, unit=unit,
                                role=role, password_hash=_password_hash(), **fields)
        await session.flush()
        return Actor.of(row)


async def staff(sessions) -> dict[str, Actor]:
    """Two officers of unit A, one of unit B, a supervisor (unit B) and an admin."""
    return {
        "a1": await add_officer(sessions, "a1"),
        "a2": await add_officer(sessions, "a2"),
        "b1": await add_officer(sessions, "b1", UNIT_B),
        "sup": await add_officer(sessions, "sup", UNIT_B, "supervisor"),
        "adm": await add_officer(sessions, "adm", UNIT_A, "admin"),
    }


async def ticket(sessions: async_sessionmaker[AsyncSession], config: Config, *,
                 kind: str = "complaint", unit: str = UNIT_A, openid: str | None = "o-res-1",
                 phone: str | None = None, anonymous: bool = False, channel: str = "wechat",
                 text: str = "楼下每天晚上有人大声喧哗", now: datetime = NOW) -> Ticket:
    """A freshly opened ticket (status new)."""
    settings = TicketSettings.from_config(config)
    async with sessions() as session, session.begin():
        return await open_ticket(session, settings, WorkCalendar(settings.tz), kind=kind,
                                 text=text, channel=channel, now=now, openid=openid,
                                 contact_phone=phone, anonymous=anonymous, unit=unit)


async def access_rows(sessions, officer: str | None = None) -> list[AccessLog]:
    """Access-log rows (of one officer), oldest first."""
    query = select(AccessLog).order_by(AccessLog.id)
    if officer is not None:
        query = query.where(AccessLog.officer == officer)
    async with sessions() as session:
        return list(await session.scalars(query))


async def reload(sessions, number: str) -> Ticket:
    """The ticket as stored now."""
    async with sessions() as session:
        return await session.scalar(select(Ticket).where(Ticket.number == number))
