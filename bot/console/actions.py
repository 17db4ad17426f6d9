"""The console's forms: officers' actions on a ticket and the common replies. Success →
303 back to the page with a message; a refusal → the same page with the error (and what was
typed), status as in the API (403, 404, 422, 409)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web
from multidict import MultiDictProxy
from sqlalchemy.ext.asyncio import AsyncSession

from bot import keys
from bot.console import pages
from bot.console.auth import redirect
from bot.console.deps import actor, row_id, transaction, workflow
from bot.console.visit import VISIT
from handlers import texts
from handlers.console import admin as console_admin
from handlers.core.errors import Invalid, NotFound, WorkflowError
from handlers.officers import identity, worklist
from handlers.officers.accounts import Actor
from handlers.officers.callbacks import open_callbacks, record_callback
from handlers.officers.workflow import Workflow

_STATUS = {"not_found": 404, "forbidden": 403, "invalid": 422, "conflict": 409}
Form = MultiDictProxy
Action = Callable[[AsyncSession, Workflow, Actor, str, Form], Awaitable[str]]


def _get(form: Form, name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def _id(form: Form, name: str) -> int:
    value = row_id(_get(form, name))
    if value is None:
        raise Invalid(name, "console_bad_input")
    return value


async def _reply(session, flow, me, number, form) -> str:
    text = _get(form, "text")
    if not text.strip() and _get(form, "saved"):
        text = await console_admin.saved_reply_text(session, me, _id(form, "saved"))
    outcome = await flow.perform(session, me, number, "reply", {"text": text})
    return texts.text(f"console_replied_{outcome.delivery}")


async def _note(session, flow, me, number, form) -> str:
    await flow.perform(session, me, number, "note", {"text": _get(form, "text")})
    return texts.text("console_noted")


async def _take(session, flow, me, number, form) -> str:
    await flow.perform(session, me, number, "assign", {"officer": me.username, "reason": ""})
    return texts.text("console_assigned", officer=me.name)


async def _assign(session, flow, me, number, form) -> str:
    await flow.perform(session, me, number, "assign",
                       {"officer": _get(form, "officer"), "reason": _get(form, "reason")})
    return texts.text("console_assigned", officer=_get(form, "officer"))


async def _transfer(session, flow, me, number, form) -> str:
    await flow.perform(session, me, number, "transfer",
                       {"unit": _get(form, "unit"), "reason": _get(form, "reason"), "officer": ""})
    return texts.text("console_transferred", unit=_get(form, "unit"))


async def _status(session, flow, me, number, form) -> str:
    outcome = await flow.perform(session, me, number, "status",
                                 {"status": _get(form, "status"), "note": _get(form, "note")})
    return texts.text("console_status_changed",
                      status=texts.STATUS_LABELS[outcome.ticket.status])


async def _kind(session, flow, me, number, form) -> str:
    outcome = await flow.perform(session, me, number, "kind", {"kind": _get(form, "kind")})
    return texts.text("console_kind_changed", kind=texts.KIND_LABELS[outcome.ticket.kind])


async def _acknowledge(session, flow, me, number, form) -> str:
    await flow.perform(session, me, number, "acknowledge", {})
    return texts.text("console_acknowledged")


async def _incident(session, flow, me, number, form) -> str:
    outcome = await flow.perform(session, me, number, "incident",
                                 {"incident_no": _get(form, "incident_no")})
    return texts.text("console_incident_recorded", incident_no=outcome.ticket.incident_no)


async def _callback(session, flow, me, number, form) -> str:
    ticket = await flow.visible(session, me, number)
    task_id = _id(form, "task")
    if task_id not in {task.id for task in await open_callbacks(session, ticket)}:
        raise Invalid("task", "callback_unknown")
    await record_callback(session, me, task_id, _get(form, "outcome"), _get(form, "note"),
                          workflow=flow)
    return texts.text("console_callback_recorded")


async def _link(session, flow, me, number, form) -> str:
    chosen = _get(form, "candidate")
    match = next((c for c in await identity.candidates(session, me, number)
                  if c.number == chosen and c.openid), None)
    if match is None:
        raise Invalid("candidate", "identity_not_candidate")
    await identity.link_resident(session, me, number, match.openid, now=flow.clock())
    return texts.text("console_linked", number=chosen)


async def _sign(session, flow, me, number, form) -> str:
    await flow.perform(session, me, number, "sign", {})
    return texts.text("console_signed")


async def _return(session, flow, me, number, form) -> str:
    await flow.perform(session, me, number, "return", {"reason": _get(form, "reason")})
    return texts.text("console_returned")


async def _supervise(session, flow, me, number, form) -> str:
    await flow.perform(session, me, number, "supervise",
                       {"note": _get(form, "note"), "due": _get(form, "due")})
    return texts.text("console_supervised")


async def _followup(session, flow, me, number, form) -> str:
    await flow.perform(session, me, number, "followup",
                       {"step": _get(form, "step"), "note": _get(form, "note")})
    return texts.text("console_followup_recorded")


async def _hand_over_followup(session, flow, me, number, form) -> str:
    await flow.perform(session, me, number, "followup_officer",
                       {"officer": _get(form, "officer")})
    return texts.text("console_followup_handed_over")


async def _dispute(session, flow, me, number, form) -> str:
    await flow.perform(session, me, number, "dispute", {"reason": _get(form, "reason")})
    return texts.text("console_disputed")


async def _merge(session, flow, me, number, form) -> str:
    await flow.perform(session, me, number, "merge", {"into": _get(form, "into")})
    return texts.text("console_merged")


ACTIONS: dict[str, Action] = {
    "reply": _reply, "note": _note, "take": _take, "assign": _assign, "transfer": _transfer,
    "status": _status, "kind": _kind, "acknowledge": _acknowledge, "callback": _callback,
    "link": _link, "incident": _incident, "sign": _sign, "return": _return,
    "supervise": _supervise, "followup": _followup, "dispute": _dispute,
    "merge": _merge, "followup_officer": _hand_over_followup,
}


def _draft(form: Form) -> dict[str, str]:
    return {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf"}


async def act(request: web.Request) -> web.Response:
    """POST /tickets/{number}/{action}."""
    number, name = request.match_info["number"], request.match_info["action"]
    action = ACTIONS.get(name)
    if action is None:
        raise web.HTTPNotFound()
    form = await request.post()
    try:
        async with transaction(request) as session:
            message = await action(session, workflow(request), actor(request), number, form)
    except WorkflowError as exc:
        if isinstance(exc, NotFound) and exc.key == "ticket_unknown":
            raise
        return await pages.ticket_page(request, status=_STATUS[exc.code], error=exc.message,
                                       draft={"action": name, **_draft(form)})
    request[VISIT].flash("ok", message)
    return redirect(f"/tickets/{number}")


async def reveal(request: web.Request) -> web.Response:
    """POST /tickets/{number}/reveal: the full number, shown on this page only (logged)."""
    number = request.match_info["number"]
    try:
        async with transaction(request) as session:
            phone = await worklist.reveal_contact(session, workflow(request), actor(request),
                                                  number)
    except WorkflowError as exc:
        if isinstance(exc, NotFound) and exc.key == "ticket_unknown":
            raise
        return await pages.ticket_page(request, status=_STATUS[exc.code], error=exc.message)
    return await pages.ticket_page(request, revealed=phone)


async def reveal_text(request: web.Request) -> web.Response:
    """POST /tickets/{number}/reveal-text: the resident's words unmasked, on this page only
    (logged as text_revealed and in the access log)."""
    return await pages.ticket_page(request, reveal_text=True)


async def add_reply(request: web.Request) -> web.Response:
    """POST /replies: a supervisor adds a common reply."""
    form = await request.post()
    try:
        async with transaction(request) as session:
            await console_admin.add_saved_reply(
                session, workflow(request), actor(request), unit=_get(form, "unit"),
                title=_get(form, "title"), text=_get(form, "text"))
    except WorkflowError as exc:
        return await pages.saved_replies(request, status=_STATUS[exc.code], error=exc.message,
                                         draft=_draft(form))
    request[VISIT].flash("ok", texts.text("console_saved_reply_added"))
    return redirect("/replies")


async def delete_reply(request: web.Request) -> web.Response:
    """POST /replies/{id}/delete."""
    reply_id = row_id(request.match_info["reply_id"])
    if reply_id is None:
        raise web.HTTPNotFound()
    async with transaction(request) as session:
        await console_admin.delete_saved_reply(session, actor(request), reply_id)
    request[VISIT].flash("ok", texts.text("console_saved_reply_deleted"))
    return redirect("/replies")


async def set_calendar_day(request: web.Request) -> web.Response:
    """POST /calendar: a supervisor declares a date a holiday or a working day."""
    form = await request.post()
    now = request[VISIT].now
    try:
        async with transaction(request) as session:
            day = await console_admin.set_calendar_day(
                session, actor(request), day=_get(form, "day"), kind=_get(form, "kind"),
                note=_get(form, "note"), now=now)
    except WorkflowError as exc:
        return await pages.calendar(request, status=_STATUS[exc.code], error=exc.message,
                                    draft=_draft(form))
    await _refresh_calendar(request)
    kind = texts.CALENDAR_LABELS[_get(form, "kind")]
    request[VISIT].flash("ok", texts.text("console_calendar_set", day=day.isoformat(),
                                          kind=kind))
    return redirect("/calendar")


async def delete_calendar_day(request: web.Request) -> web.Response:
    """POST /calendar/{day}/delete: the date follows the official calendar again."""
    async with transaction(request) as session:
        day = await console_admin.delete_calendar_day(
            session, actor(request), request.match_info["day"], request[VISIT].now)
    await _refresh_calendar(request)
    request[VISIT].flash("ok", texts.text("console_calendar_deleted", day=day.isoformat()))
    return redirect("/calendar")


async def _refresh_calendar(request: web.Request) -> None:
    # Committed: this instance computes deadlines with the change from now on.
    async with transaction(request) as session:
        await request.app[keys.PUBLIC_APP][keys.SERVICES].calendar.refresh(session)
