"""What the officers' web console shows: queues, a ticket with its conversation, deadlines and
failed deliveries, and the photos and voice notes residents sent. Views and lists are logged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.console import thread
from handlers.console.group_view import group_panel
from handlers.console.steps import steps as console_steps
from handlers.core import paging
from handlers.core.errors import Invalid, NotFound, supervisors_only
from handlers.core.fields import CONTROL
from handlers.core.privacy import mask_phone
from handlers.officers import accounts as officers
from handlers.officers import deliveries, identity, merging, worklist
from handlers.officers.accounts import Actor
from handlers.officers.workflow import REPLY_CLOSED, STATUS_TARGETS, Workflow, allowed
from handlers.reports import kpi
from handlers.tickets import places
from storage.intake.models import MediaFile
from storage.tickets import console as store
from storage.tickets import store as ticket_store
from storage.tickets import worklists
from storage.tickets.models import UNRESOLVED_STATUSES

QUEUES = ("mine", "unit", "unassigned", "overdue", "all")
SUPERVISOR_QUEUES = frozenset({"all"})
_UNRESOLVED = ",".join(UNRESOLVED_STATUSES)


@dataclass(frozen=True)
class Queue:
    """One page of a queue: tickets (with deadline flags) and the cursor of the next page."""

    name: str
    items: list[dict[str, Any]]
    next: str | None


def _moment(value: str | datetime | None) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _first_response_done(view: dict[str, Any]) -> datetime | None:
    """When the first-response clock stopped: the first reply, or for P1 the
    acknowledgement if that came first (§4)."""
    stops = [_moment(view["first_response_at"])]
    if view["priority"] == "P1":
        stops.append(_moment(view["acknowledged_at"]))
    return min((s for s in stops if s is not None), default=None)


def deadlines(view: dict[str, Any], now: datetime) -> list[dict[str, Any]]:
    """The first-response and resolution deadlines: met, pending (time left) or overdue."""
    open_ = view["status"] in UNRESOLVED_STATUSES
    result = []
    for key, due_key in (("first_response", "first_response_due"), ("resolve", "resolve_due")):
        due = _moment(view[due_key])
        done = _first_response_done(view) if key == "first_response" \
            else _moment(view["resolved_at"])
        left = None
        if done is not None:
            state = "late" if done > due else "met"
        elif not open_:
            # Cancelled, merged or closed without it: the clock stopped, nothing was met.
            state = "stopped"
            left = texts.text("console_clock_stopped",
                              status=texts.STATUS_LABELS.get(view["status"], view["status"]))
        else:
            state = "overdue" if due < now else "pending"
            left = kpi.duration(abs((due - now).total_seconds()))
        result.append({"key": key, "due": due, "state": state, "left": left})
    return result


def annotate(view: dict[str, Any], now: datetime) -> dict[str, Any]:
    """A ticket view with its deadlines, the one that counts now (`clock`: first response
    until it stops, then resolution) and whether any of them is overdue."""
    marks = deadlines(view, now)
    clock = next((m for m in marks if m["key"] == view["due_clock"]), None)
    return {**view, "deadlines": marks, "clock": clock,
            "overdue": any(m["state"] == "overdue" for m in marks)}


async def queue(session: AsyncSession, workflow: Workflow, actor: Actor, name: str, *,
                q: str = "", cursor: str | None = None, unit: str = "",
                status: str = "") -> Queue:
    """A console queue: 我的工单, 本单位, 待分派, 已超时 or 全部 (supervisors)."""
    if name not in QUEUES:
        raise NotFound("console_page_unknown")
    if name in SUPERVISOR_QUEUES and not actor.supervises:
        raise supervisors_only("queues", actor.role)
    now = workflow.clock()
    if name == "overdue":
        return await _overdue(session, workflow, actor, q, cursor, unit, now)
    query = {
        "mine": worklist.TicketQuery(status=_UNRESOLVED, assignee="me"),
        "unit": worklist.TicketQuery(status=_UNRESOLVED, unit=unit or actor.unit),
        "unassigned": worklist.TicketQuery(status=_UNRESOLVED, assignee="none", unit=unit),
        "all": worklist.TicketQuery(status=status, unit=unit),
    }[name]
    query = worklist.TicketQuery(status=query.status, unit=query.unit, assignee=query.assignee,
                                 q=q, cursor=cursor, limit=paging.LIMIT_DEFAULT)
    page = await worklist.list_tickets(session, workflow, actor, query)
    return Queue(name, await named_rows(session, page.items, now), page.next)


async def _overdue(session: AsyncSession, workflow: Workflow, actor: Actor, q: str,
                   cursor: str | None, unit: str, now: datetime) -> Queue:
    if len(q) > worklist.Q_MAX:
        raise Invalid("q", "field_too_long", max=worklist.Q_MAX)
    q = q.strip()
    if CONTROL.search(q) or CONTROL.search(unit):
        raise Invalid("q", "field_control_chars")
    units: set[str] | None = None if actor.supervises else {actor.unit}
    if unit:
        units = {unit} if units is None or unit in units else set()
    size = paging.LIMIT_DEFAULT
    rows = await store.overdue(session, units=units, now=now, q=q,
                               before_id=paging.decode(cursor), limit=size + 1)
    rows, after = paging.page(rows, size)
    officers.log_access(session, actor, "search" if q else "list", "", now,
                        filters={"queue": "overdue", **({"q": q} if q else {})},
                        count=len(rows), page=bool(cursor))
    items = await worklist.views(session, workflow, rows)
    return Queue("overdue", await named_rows(session, items, now), after)


async def named_rows(session: AsyncSession, items: list[dict[str, Any]],
                now: datetime) -> list[dict[str, Any]]:
    """Queue rows with their deadlines and the assignee's name."""
    names = await store.officer_names(session, {item["assignee"] for item in items})
    return [{**annotate(item, now), "assignee_name": names.get(item["assignee"],
                                                               item["assignee"])}
            for item in items]


async def ticket_page(session: AsyncSession, workflow: Workflow, actor: Actor,
                      number: str, *, reveal: bool = False) -> dict[str, Any]:
    """Everything the ticket page shows; the view is logged. `reveal`: the resident's words
    unmasked for this page only (logged, and on the timeline)."""
    view = await worklist.ticket_detail(session, workflow, actor, number, reveal=reveal)
    row = await workflow.visible(session, actor, number)
    mask = workflow.settings.masking.revealed() if reveal else workflow.settings.masking
    now = workflow.clock()
    inbound = await store.inbound_for_ticket(session, row)
    inbound_ids = [m.id for m in inbound]
    media = await store.media_for_inbound(session, inbound_ids)
    events = await ticket_store.events(session, row)
    dead = await store.dead_jobs_for_ticket(session, row, inbound_ids)
    jobs = await store.reply_jobs_for_ticket(session, row)
    callbacks = await worklists.callbacks(session, row)
    names = await store.officer_names(
        session, _usernames(view, events) | {task.done_by for task in callbacks if task.done_by})
    same_person = await identity.candidates(session, actor, number)
    staff = await store.officers_of(session, [row.unit])
    replies = await store.saved_replies(session, {actor.unit, row.unit})
    named = _named(annotate(view, now), names)
    return {
        "ticket": named,
        "location": _location(view, workflow),
        "thread": thread.build(inbound, media, events, jobs, row.number, mask, names),
        "text_revealed": reveal,
        "dead": [{"id": job.id, "kind": job.kind, "attempts": job.attempts,
                  "error": deliveries.failure_reason(job, mask), "at": job.created_at}
                 for job in dead],
        "callbacks": [{"id": task.id, "phone": mask_phone(task.phone),
                       "text": mask(task.text), "state": task.state,
                       "done_at": task.done_at,
                       "done_by": names.get(task.done_by or "", task.done_by),
                       "note": mask(task.note)} for task in callbacks],
        # Tickets of the other door with the same phone; openids stay on the server.
        "same_person": [{"number": c.number, "channel": c.channel, "unit": c.unit,
                         "created_at": c.created_at,
                         "linkable": row.channel == "hotline" and row.openid is None
                         and c.openid is not None} for c in same_person],
        "officers": [{"username": o.username, "name": o.name} for o in staff],
        # After a transfer to a unit nobody of which has an account, say so instead of an
        # empty list.
        "assign_hint": None if staff else texts.text("assign_no_officers", unit=row.unit),
        "units": [u.name for u in workflow.settings.units if u.name != row.unit],
        "saved_replies": [{"id": r.id, "title": r.title, "text": r.text} for r in replies],
        "can": _rights(actor, view),
        "steps": console_steps(actor, named, now, await merging.suggestions(session, row)),
        "group": await group_panel(session, row, mask, now, workflow.settings.tz),
    }


def _location(view: dict[str, Any], workflow: Workflow) -> dict[str, Any] | None:
    """The ticket's location with the nearest station and its distance."""
    where = view["location"]
    if where is None:
        return None
    found = places.nearest(workflow.settings.units, where["latitude"], where["longitude"])
    nearest = {"unit": found[0], "distance": texts.distance(found[1])} if found else None
    return {**where, "nearest": nearest}


def _usernames(view: dict[str, Any], events) -> set[str]:
    """Every officer the page names: the assignee, the actors, who was assigned, acked or
    signed, and the 差评 follow-up's officers."""
    followup = view.get("rating_followup") or {}
    found = {view["assignee"], view["acknowledged_by"], view.get("signed_by"),
             followup.get("officer"), followup.get("rated_officer"), followup.get("disputed_by")}
    for event in events:
        data = ticket_store.event_data(event)
        found.update({event.actor, data.get("officer"), data.get("previous"),
                      data.get("previous_assignee")})
    return {name for name in found if isinstance(name, str)}


def _named(view: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """The view with officers' names beside their usernames (the console shows names, the
    API usernames, §5)."""
    def name(username: str | None) -> str | None:
        return names.get(username, username) if username else None

    timeline = [{**event, "actor_name": name(event["actor"]),
                 "officer_name": name(event.get("officer"))}
                for event in view.get("timeline", [])]
    followup = view.get("rating_followup")
    if followup:
        followup = {**followup, **{f"{key}_name": name(followup[key])
                                   for key in ("officer", "rated_officer", "disputed_by")}}
    return {**view, "assignee_name": name(view["assignee"]),
            "acknowledged_by_name": name(view["acknowledged_by"]),
            "signed_by_name": name(view.get("signed_by")), "rating_followup": followup,
            "timeline": timeline}


def _rights(actor: Actor, view: dict[str, Any]) -> dict[str, Any]:
    """Which forms the page offers this officer; the workflow still decides every action."""
    status, mine = view["status"], view["assignee"] in (None, actor.username)
    by = "supervisor" if actor.supervises else "assignee"
    targets = [t for t, roles in STATUS_TARGETS.items()
               if actor.role in roles and allowed(status, t, by) and (actor.supervises or mine)]
    return {
        "reply": status not in REPLY_CLOSED,
        "take": not actor.supervises and view["assignee"] is None and status in
        ("new", "assigned", "in_progress", "reopened"),
        "assign": actor.supervises and status in ("new", "assigned", "in_progress", "reopened"),
        "transfer": actor.supervises and status in ("new", "assigned", "in_progress",
                                                    "reopened"),
        "statuses": targets,
        "acknowledge": view["kind"] == "emergency" and view["acknowledged_at"] is None,
        "incident": view["kind"] == "emergency",
        "reveal": bool(view["contact"]) and view["contact"] != texts.text("contact_anonymous"),
    }


async def media_file(session: AsyncSession, workflow: Workflow, actor: Actor,
                     media_id: int) -> tuple[MediaFile, str]:
    """A stored photo or voice note and its ticket's number, only for officers who may see
    that ticket (else NotFound, as for the ticket itself); the viewing is logged."""
    found = await store.media_with_ticket(session, media_id)
    if found is None or found[1] is None or found[0].state != "stored":
        raise NotFound("media_unknown")
    media, ticket = found
    await workflow.visible(session, actor, ticket.number)
    officers.log_access(session, actor, "media", ticket.number, workflow.clock(),
                        media=media.id, kind=media.kind)
    return media, ticket.number
