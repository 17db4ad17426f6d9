"""Officers' workflow as its tests drive it: a ticket's columns set by hand, an action
performed in its own transaction, a ticket's events read back."""

from __future__ import annotations

from sqlalchemy import update

from storage.tickets import store as ticket_store
from storage.tickets.models import Ticket


async def set_columns(sessions, number, **values):
    """Set a ticket's columns directly, as if it had got there by earlier steps."""
    async with sessions() as session, session.begin():
        await session.execute(update(Ticket).where(Ticket.number == number).values(**values))


async def act(sessions, wf, actor, number, action, **fields):
    """`actor` performs `action` on ticket `number` through `wf`; its outcome."""
    async with sessions() as session, session.begin():
        return await wf.perform(session, actor, number, action, fields)


async def events_of(sessions, number, type_=None):
    """Ticket `number`'s timeline, oldest first, only of `type_` when given."""
    async with sessions() as session:
        row = await ticket_store.get_by_number(session, number)
        events = await ticket_store.events(session, row)
    return [e for e in events if type_ is None or e.type == type_]
