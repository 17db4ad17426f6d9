"""Bulk inserts of made-up tickets for development and benchmarks (`jingmin dev seed`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.officers.models import Officer
from storage.tickets.models import Ticket, TicketCounter, TicketEvent, Verdict


def _insert(session: AsyncSession, model: type) -> Any:
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


async def reserve_numbers(session: AsyncSession, day: str, count: int) -> int:
    """Take `count` consecutive sequence numbers of local day `day`; the first is returned.
    The same counter as live tickets, so seeded and real numbers never collide."""
    statement = _insert(session, TicketCounter).values(day=day, seq=count)
    statement = statement.on_conflict_do_update(
        index_elements=[TicketCounter.day], set_={"seq": TicketCounter.seq + count},
    ).returning(TicketCounter.seq)
    last = (await session.execute(statement)).scalar_one()
    return last - count + 1


async def add_officers(session: AsyncSession, officers: Sequence[dict[str, Any]]) -> None:
    """Insert officers that do not exist yet (by username)."""
    if officers:
        await session.execute(_insert(session, Officer).on_conflict_do_nothing(
            index_elements=[Officer.username]), list(officers))


async def insert_tickets(session: AsyncSession, tickets: Sequence[dict[str, Any]],
                         events: Sequence[Sequence[dict[str, Any]]],
                         verdicts: Sequence[dict[str, Any] | None]) -> None:
    """Insert tickets with their timelines and verdicts (the i-th of each belong together),
    a few statements per batch rather than one per row."""
    ids = (await session.execute(
        insert(Ticket).returning(Ticket.id, sort_by_parameter_order=True), list(tickets)
    )).scalars().all()
    event_rows = [{**event, "ticket_id": ticket_id}
                  for ticket_id, timeline in zip(ids, events, strict=True) for event in timeline]
    if event_rows:
        await session.execute(insert(TicketEvent), event_rows)
    verdict_rows = [{**verdict, "ticket_id": ticket_id}
                    for ticket_id, verdict in zip(ids, verdicts, strict=True) if verdict]
    if verdict_rows:
        await session.execute(insert(Verdict), verdict_rows)
