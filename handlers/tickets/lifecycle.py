"""The ticket lifecycle: §5's transition table and everything that follows a move (the timeline
event, the clocks, and the hooks other packages declare: the verdict question, notices, SMS).
Residents, timers, officers, the hotline and WeCom all move tickets only through it; it knows
nothing of dialogs or doors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core.errors import Conflict
from storage.tickets import store as ticket_store
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket

# §5: (from, to) -> who may make the move. "assignee" covers an officer resolving an
# unassigned ticket of their unit (it becomes theirs); "assign", "sign", "return", "transfer"
# and "reply" are the moves those steps make by themselves.
_OPEN = UNRESOLVED_STATUSES
_OWNED = ("assigned", "in_progress", "reopened")
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    ("new", "assigned"): frozenset({"assign", "sign"}),
    **{(s, "resolved"): frozenset({"assignee", "supervisor"}) for s in _OPEN},
    **{(s, "in_progress"): frozenset({"reply", "assignee", "supervisor"})
       for s in ("assigned", "reopened")},
    ("resolved", "closed"): frozenset({"resident", "system"}),
    ("resolved", "reopened"): frozenset({"resident"}),
    ("closed", "reopened"): frozenset({"supervisor"}),
    **{(s, "cancelled"): frozenset({"supervisor", "resident"}) for s in _OPEN},
    **{(s, s): frozenset({"assign", "transfer"}) for s in _OWNED},
    # 退单: the unit hands a ticket back to the dispatchers' queue (待分派), owner cleared.
    **{(s, "new"): frozenset({"return"}) for s in _OWNED},
    # A new ticket may change unit, or be handed back, before anyone owns it.
    ("new", "new"): frozenset({"transfer", "return"}),
}
# Actors that are not officers: their moves never make anyone the assignee.
NOT_OFFICERS = (ticket_store.ACTOR_SYSTEM, ticket_store.ACTOR_RESIDENT)


def allowed(current: str, target: str, by: str) -> bool:
    """Whether §5 lets `by` move a ticket from `current` to `target`."""
    return by in TRANSITIONS.get((current, target), frozenset())


@dataclass(frozen=True)
class Step:
    """One thing that happened to a ticket, as hooks receive it: a status entered (`name` is
    the status) or a workflow step (`replied`, `assigned`, `signed`, `returned`, ...)."""

    session: AsyncSession
    ticket: Ticket
    name: str
    actor: str
    at: datetime
    by: str = ""
    text: str = ""
    source: str | None = None            # the status before, for moves
    data: Mapping[str, Any] = field(default_factory=dict)


Hook = Callable[[Step], Awaitable[Any]]
# Step name -> what to do after it, in the same transaction.
HookSet = Mapping[str, Hook]


class Lifecycle:
    """Moves tickets by §5's table, writes their timeline and clocks, then runs the hooks
    declared for the step, in the order their sets were declared."""

    def __init__(self, hooks: Mapping[str, HookSet] | None = None) -> None:
        self._hooks: Mapping[str, HookSet] = MappingProxyType(dict(hooks or {}))

    def with_hooks(self, name: str, hooks: HookSet) -> Lifecycle:
        """A lifecycle with the set `name` added or replaced (e.g. another SMS gateway)."""
        return Lifecycle({**self._hooks, name: hooks})

    @property
    def hook_sets(self) -> tuple[str, ...]:
        """The names of the declared hook sets, in order."""
        return tuple(self._hooks)

    async def _after(self, step: Step) -> None:
        for hooks in self._hooks.values():
            hook = hooks.get(step.name)
            if hook is not None:
                await hook(step)

    async def move(self, session: AsyncSession, ticket: Ticket, target: str, *, by: str,
                   actor: str, at: datetime, text: str = "", **data: Any) -> Step:
        """Move the ticket as `by` ("resident", "system", "assignee", ...) if §5 allows,
        else Conflict; clocks, the `status` event and the hooks follow."""
        if not allowed(ticket.status, target, by):
            raise Conflict("conflict_transition", status=texts.STATUS_LABELS[ticket.status],
                           target=texts.STATUS_LABELS.get(target, target))
        if target in ("resolved", "in_progress") and ticket.assignee is None \
                and actor not in NOT_OFFICERS:
            # §5: resolving an unassigned ticket makes it the resolver's.
            await self.assign(session, ticket, actor, actor=actor, at=at)
        source, ticket.status = ticket.status, target
        if target == "resolved":
            ticket.resolved_at = at
        elif target == "closed":
            ticket.closed_at = at
        elif target == "reopened":
            # No longer resolved: the figures and the deadline clock must not think so.
            ticket.resolved_at = ticket.closed_at = None
        ticket_store.add_event(session, ticket, actor, "status", text, at=at,
                               **{"from": source, "to": target}, **data)
        step = Step(session, ticket, target, actor, at, by, text, source, data)
        if source != target:
            await self._after(step)
        return step

    async def assign(self, session: AsyncSession, ticket: Ticket, username: str, *,
                     actor: str, at: datetime, reason: str = "") -> Step:
        """Make `username` the assignee (the status move, if any, is the caller's)."""
        previous, ticket.assignee = ticket.assignee, username
        ticket.flagged_unassigned = False
        ticket_store.add_event(session, ticket, actor, "assigned", reason, at=at,
                               officer=username, previous=previous)
        step = Step(session, ticket, "assigned", actor, at, text=reason,
                    data={"officer": username, "previous": previous})
        await self._after(step)
        return step

    async def replied(self, session: AsyncSession, ticket: Ticket, actor: str, text: str, *,
                      at: datetime, delivery: str, **more: Any) -> Step:
        """An officer's answer to the resident: `reply_out` (the first one stops the
        first-response clock), and work starts; `more` is how it travels (a group task's)."""
        data: dict[str, Any] = {"delivery": delivery, **more}
        if ticket.first_response_at is None:
            data["first_response"] = True
            ticket.first_response_at = at
        ticket_store.add_event(session, ticket, actor, "reply_out", text, at=at, **data)
        step = Step(session, ticket, "replied", actor, at, text=text, data=data)
        await self._after(step)
        if allowed(ticket.status, "in_progress", "reply"):
            await self.move(session, ticket, "in_progress", by="reply", actor=actor, at=at,
                            via="reply")
        return step

    async def record(self, session: AsyncSession, ticket: Ticket, name: str, *, actor: str,
                     at: datetime, text: str = "", **data: Any) -> Step:
        """A step that changes no status (signed, supervised, acknowledged, ...): its
        timeline event of the same type, then its hooks."""
        ticket_store.add_event(session, ticket, actor, name, text, at=at, **data)
        step = Step(session, ticket, name, actor, at, text=text, data=data)
        await self._after(step)
        return step
