"""What officers read: filtered ticket lists, a ticket with its timeline, a revealed contact.
Every list, search, view and reveal is written to the access log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core import paging
from handlers.core.errors import Conflict, Forbidden, Invalid
from handlers.core.fields import CONTROL
from handlers.officers import accounts as officers
from handlers.officers import deliveries
from handlers.officers.accounts import Actor
from handlers.officers.workflow import Workflow
from handlers.tickets import view as ticket_view
from storage.tickets import console as console_store
from storage.tickets import store as ticket_store
from storage.tickets import workflow as workflow_store
from storage.tickets import worklists
from storage.tickets.models import KINDS, STATUSES, Ticket

Q_MAX = 100


@dataclass(frozen=True)
class TicketQuery:
    """A list request as given: comma-separated statuses and kinds, a unit, an assignee
    (a username, "me" or "none"), free text, the cursor and the page size."""

    status: str = ""
    kind: str = ""
    unit: str = ""
    assignee: str = ""
    q: str = ""
    cursor: str | None = None
    limit: object = None


def list_pattern(allowed: tuple[str, ...]) -> str:
    """The API document's pattern for a comma-separated filter of `allowed` values."""
    one = f"({'|'.join(allowed)})"
    return f"^({one}(,{one})*)?$"


def _values(raw: str, allowed: tuple[str, ...], field: str) -> list[str]:
    values = raw.split(",") if raw else []
    if any(v not in allowed for v in values):
        raise Invalid(field, f"{field}_unknown")
    return values


async def list_tickets(session: AsyncSession, workflow: Workflow, actor: Actor,
                       query: TicketQuery) -> paging.Page:
    """Tickets the caller may see, newest first, as §5 objects (without timelines)."""
    statuses = _values(query.status, STATUSES, "status")
    kinds = _values(query.kind, KINDS, "kind")
    if len(query.q) > Q_MAX:        # counted as sent, as the API document says
        raise Invalid("q", "field_too_long", max=Q_MAX)
    q = query.q.strip()
    for name in ("q", "unit", "assignee"):
        if CONTROL.search(getattr(query, name)):
            raise Invalid(name, "field_control_chars")
    size = paging.limit(query.limit)
    before = paging.decode(query.cursor)
    units: set[str] | None = None if actor.supervises else {actor.unit}
    if query.unit:
        units = {query.unit} if units is None or query.unit in units else set()
    assignee: object = None
    if query.assignee == "me":
        assignee = actor.username
    elif query.assignee == "none":
        assignee = worklists.UNASSIGNED
    elif query.assignee:
        assignee = query.assignee
    rows = await worklists.search(session, units=units, statuses=statuses, kinds=kinds,
                                  assignee=assignee, q=q, before_id=before, limit=size + 1)
    rows, after = paging.page(rows, size)
    filters = {k: v for k, v in (("status", query.status), ("kind", query.kind),
                                 ("unit", query.unit), ("assignee", query.assignee),
                                 ("q", q)) if v}
    officers.log_access(session, actor, "search" if q else "list", "", workflow.clock(),
                        filters=filters, count=len(rows), page=bool(before))
    return paging.Page(await views(session, workflow, rows), after)


async def views(session: AsyncSession, workflow: Workflow,
                rows: list[Ticket]) -> list[dict[str, Any]]:
    """§5 objects for tickets, verdicts included, without timelines."""
    verdicts = await worklists.verdicts(session, (row.id for row in rows))
    settings = workflow.settings
    return [ticket_view.ticket(row, settings.tz, verdict_row=verdicts.get(row.id),
                               map_template=settings.map_url_template, mask=settings.masking)
            for row in rows]


async def ticket_detail(session: AsyncSession, workflow: Workflow, actor: Actor,
                        number: str, *, reveal: bool = False) -> dict[str, Any]:
    """One ticket with its timeline; the view is logged. `reveal` shows the resident's
    words unmasked (evidence such as a swindler's number): logged, and on the timeline."""
    row = await workflow.visible(session, actor, number)
    now = workflow.clock()
    mask = workflow.settings.masking
    if reveal:
        mask = mask.revealed()
        officers.log_access(session, actor, "reveal_text", row.number, now)
        ticket_store.add_event(session, row, actor.username, "text_revealed", "", at=now)
    else:
        officers.log_access(session, actor, "view", row.number, now)
    events = await ticket_store.events(session, row)
    verdicts = await worklists.verdicts(session, [row.id])
    view = ticket_view.ticket(row, workflow.settings.tz, verdict_row=verdicts.get(row.id),
                              events=events, map_template=workflow.settings.map_url_template,
                              mask=mask)
    jobs = await console_store.reply_jobs_for_ticket(session, row)
    deliveries.annotate_timeline(view["timeline"], events, jobs, row.number, mask)
    view["rating_followup"] = ticket_view.followup(
        await workflow_store.followup(session, row.id), workflow.settings.tz, mask)
    return view


async def reveal_contact(session: AsyncSession, workflow: Workflow, actor: Actor,
                         number: str) -> str:
    """The resident's full phone number for a call: logged, and on the ticket's timeline.
    Anonymous tips never reveal one; a ticket without a number conflicts (409)."""
    row = await workflow.visible(session, actor, number)
    if row.anonymous:
        raise Forbidden("contact_anonymous_hidden")
    if not row.contact_phone:
        # The ticket is there (404 would say it is not): its state forbids a reveal.
        raise Conflict("contact_none", field="contact")
    now = workflow.clock()
    officers.log_access(session, actor, "reveal", row.number, now)
    ticket_store.add_event(session, row, actor.username, "contact_revealed", "", at=now)
    return row.contact_phone
