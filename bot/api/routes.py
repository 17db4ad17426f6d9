"""/api/v1: officers' tools over JSON with bearer tokens (§3). Thin: authenticate, read the
body, hand over to handlers.workflow / worklist, encode the answer.

Answer order: 401 → 404 → 403 → 422 → 409; a client's mistake is never a 500."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from bot import keys
from bot.api.exports import attachment, export_download
from bot.api.openapi import operations, spec
from bot.api.rules import QUERY_NAMES, json_errors, unknown_parameter
from bot.bodies import (
    ClientGone,
    TooLarge,
    TooSlow,
    gone_answer,
    json_answer,
    read_capped,
    slow_answer,
)
from handlers import texts
from handlers.core.errors import Conflict, Invalid, Unauthorized, WorkflowError
from handlers.officers import accounts as officers
from handlers.officers import worklist
from handlers.officers.accounts import Actor
from handlers.officers.workflow import Workflow
from storage.base import utcnow

log = logging.getLogger(__name__)

PREFIX = "/api/v1"
BODY_MAX = 64 * 1024
_STATUS = {"unauthorized": 401, "not_found": 404, "forbidden": 403, "invalid": 422,
           "conflict": 409}
_CLOCK = web.AppKey("api_clock", Callable[[], datetime])  # type: ignore[arg-type]

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Call:
    """One authenticated request: the caller, the session it runs in, the workflow."""

    actor: Actor
    session: AsyncSession
    workflow: Workflow
    now: datetime


def _bearer(request: web.Request) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def _read_body(request: web.Request) -> dict[str, Any] | None:
    """The JSON object sent, or None when there is none or it is not one (422 later, in the
    answer order). Over 64 KiB is refused at once (413)."""
    try:
        data = await read_capped(request, BODY_MAX)
    except TooLarge:
        raise _TooLarge from None
    try:
        value = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


class _TooLarge(Exception):
    pass


def endpoint(*, body: bool = False, status: int = 200):
    """Wrap `fn(call, request, fields)` with authentication, one transaction and errors."""
    def wrap(fn: Callable[..., Awaitable[Any]]) -> Handler:
        async def handler(request: web.Request) -> web.StreamResponse:
            public = request.app[keys.PUBLIC_APP]
            now = request.app[_CLOCK]()
            try:
                async with public[keys.SESSIONS]() as session:
                    async with session.begin():
                        actor = await officers.check_token(session, _bearer(request), now)
                    if actor is None:
                        raise Unauthorized("unauthorized")
                    fields = await _read_body(request) if body else None
                    workflow = public[keys.SERVICES].workflow(lambda: now)
                    unknown = unknown_parameter(request)
                    async with session.begin():
                        try:
                            result = await fn(Call(actor, session, workflow, now), request,
                                              fields)
                        except (Invalid, Conflict):
                            if unknown is None:
                                raise
                            raise unknown from None
                        if unknown is not None:   # after 404 and 403, as §3 orders; undone
                            raise unknown
            except WorkflowError as exc:
                return _error(exc)
            except _TooLarge:
                return json_answer(
                    {"error": "too_large", "message": texts.text("body_too_large")}, status=413)
            except TooSlow:
                return await slow_answer(request)
            except ClientGone:
                log.info("API %s: the client left before its body arrived", request.path)
                return gone_answer()
            except (SQLAlchemyError, OSError) as exc:
                log.error("API %s failed: %s", request.path, type(exc).__name__)
                return json_answer({"error": "unavailable",
                                    "message": texts.text("api_unavailable")}, status=503)
            return json_answer(result, status=status, default=_default)
        handler.__name__ = fn.__name__
        handler.__doc__ = fn.__doc__
        return handler
    return wrap


def _error(exc: WorkflowError) -> web.Response:
    body: dict[str, Any] = {"error": exc.code, "message": exc.message}
    if exc.field is not None:
        body["field"] = exc.field
    headers = {"WWW-Authenticate": "Bearer"} if exc.code == "unauthorized" else None
    return json_answer(body, status=_STATUS[exc.code], headers=headers)


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    raise TypeError(type(value).__name__)


# --- routes -----------------------------------------------------------------------------------

@endpoint()
async def list_tickets(call: Call, request: web.Request, _fields: None) -> dict[str, Any]:
    """Tickets the caller may see, newest first."""
    q = request.query
    query = worklist.TicketQuery(
        status=q.get("status", ""), kind=q.get("kind", ""), unit=q.get("unit", ""),
        assignee=q.get("assignee", ""), q=q.get("q", ""), cursor=q.get("cursor") or None,
        limit=q.get("limit"))
    page = await worklist.list_tickets(call.session, call.workflow, call.actor, query)
    return {"items": page.items, "next": page.next}


@endpoint()
async def get_ticket(call: Call, request: web.Request, _fields: None) -> dict[str, Any]:
    """One ticket with its timeline."""
    return await worklist.ticket_detail(call.session, call.workflow, call.actor,
                                        request.match_info["number"])


@endpoint()
async def reveal_contact(call: Call, request: web.Request, _fields: None) -> dict[str, Any]:
    """The resident's full phone number (logged, and noted on the ticket)."""
    phone = await worklist.reveal_contact(call.session, call.workflow, call.actor,
                                          request.match_info["number"])
    return {"contact": phone}


@endpoint()
async def reveal_text(call: Call, request: web.Request, _fields: None) -> dict[str, Any]:
    """The ticket with the resident's words unmasked (logged, and noted on the ticket)."""
    return {"ticket": await worklist.ticket_detail(call.session, call.workflow, call.actor,
                                                   request.match_info["number"], reveal=True)}


def _action(name: str, summary: str, status: int = 200) -> Handler:
    async def act(call: Call, request: web.Request, fields: dict[str, Any] | None):
        outcome = await call.workflow.perform(call.session, call.actor,
                                              request.match_info["number"], name, fields)
        [view] = await worklist.views(call.session, call.workflow, [outcome.ticket])
        answer: dict[str, Any] = {"ticket": view}
        if name == "reply":
            answer = {"delivery": outcome.delivery, **answer}
        return answer
    act.__name__ = f"ticket_{name}"
    act.__doc__ = summary
    return endpoint(body=True, status=status)(act)


@endpoint()
async def access_log(call: Call, request: web.Request, _fields: None) -> dict[str, Any]:
    """An officer's access log (supervisors and admins)."""
    page = await officers.read_access_log(
        call.session, call.actor, request.match_info["username"], call.now,
        call.workflow.settings.tz, cursor=request.query.get("cursor") or None,
        limit=request.query.get("limit"))
    items = [{**item, "at": item["at"].isoformat(timespec="seconds")} for item in page.items]
    return {"items": items, "next": page.next}


async def export_unresolved(request: web.Request) -> web.Response:
    """The weekly export as a file; an officer's holds only their own unit (logged)."""
    public = request.app[keys.PUBLIC_APP]
    now = request.app[_CLOCK]()
    try:
        async with public[keys.SESSIONS]() as session, session.begin():
            actor = await officers.check_token(session, _bearer(request), now)
        if actor is None:
            raise Unauthorized("unauthorized")
        unknown = unknown_parameter(request)
        if unknown is not None:
            raise unknown
        name, media, body = await export_download(
            public[keys.CONFIG], public[keys.SESSIONS], actor, request.query.get("unit", ""),
            request.query.get("week", ""), request.query.get("format", "xlsx"), now)
    except WorkflowError as exc:
        return _error(exc)
    except (SQLAlchemyError, OSError) as exc:
        log.error("API export failed: %s", type(exc).__name__)
        return json_answer({"error": "unavailable", "message": texts.text("api_unavailable")},
                           status=503)
    return web.Response(body=body, headers={"Content-Type": media,
                                            "Content-Disposition": attachment(name)})


async def openapi(request: web.Request) -> web.Response:
    """The OpenAPI description of every route."""
    unknown = unknown_parameter(request)
    if unknown is not None:
        return _error(unknown)
    units = [u.name for u in request.app[keys.PUBLIC_APP][keys.CONFIG].units]
    return json_answer(spec(PREFIX, ROUTES, units))


# (method, path under /api/v1, handler, operation id): the router and the spec both read it.
ROUTES: list[tuple[str, str, Handler, str]] = [
    ("GET", "/tickets", list_tickets, "listTickets"),
    ("GET", "/tickets/{number}", get_ticket, "getTicket"),
    ("POST", "/tickets/{number}/replies",
     _action("reply", "Answer the resident (WeChat, callback or record).", 202),
     "replyToResident"),
    ("POST", "/tickets/{number}/notes", _action("note", "Add an internal note."), "addNote"),
    ("POST", "/tickets/{number}/assign",
     _action("assign", "Assign to an officer of the ticket's unit."), "assignTicket"),
    ("POST", "/tickets/{number}/transfer",
     _action("transfer", "Transfer to another unit (reason required)."), "transferTicket"),
    ("POST", "/tickets/{number}/status",
     _action("status", "Resolve, start, cancel or reopen."), "changeStatus"),
    ("POST", "/tickets/{number}/kind",
     _action("kind", "Correct the ticket's kind."), "correctKind"),
    ("POST", "/tickets/{number}/acknowledge",
     _action("acknowledge", "Acknowledge an emergency alert."), "acknowledgeEmergency"),
    ("POST", "/tickets/{number}/sign",
     _action("sign", "签收: the unit takes the ticket routed to it (409 when signed)."),
     "signTicket"),
    ("POST", "/tickets/{number}/return",
     _action("return", "退单: hand the ticket back to the dispatchers (待分派) with a reason."),
     "returnTicket"),
    ("POST", "/tickets/{number}/supervise",
     _action("supervise", "督办: urge the ticket with a note and an optional new deadline."),
     "superviseTicket"),
    ("POST", "/tickets/{number}/followup",
     _action("followup", "差评回访: record the call back or the 整改/explanation."),
     "recordFollowup"),
    ("POST", "/tickets/{number}/followup/officer", _action(
        "followup_officer", "差评回访: hand it to another officer of the unit (supervisors)."),
     "handOverFollowup"),
    ("POST", "/tickets/{number}/verdict/dispute", _action(
        "dispute", "申诉: mark the resident's 差评 disputed (supervisors)."), "disputeVerdict"),
    ("POST", "/tickets/{number}/merge", _action(
        "merge", "合并: cancel this ticket in favour of another (supervisors)."), "mergeTicket"),
    ("POST", "/tickets/{number}/incident",
     _action("incident", "Record the 110 incident number (接警编号) of an emergency."),
     "recordIncidentNo"),
    ("POST", "/tickets/{number}/contact", reveal_contact, "revealContact"),
    ("POST", "/tickets/{number}/reveal", reveal_text, "revealText"),
    ("GET", "/officers/{username}/access-log", access_log, "readAccessLog"),
    ("GET", "/exports/unresolved", export_unresolved, "exportUnresolved"),
    ("GET", "/openapi.json", openapi, "openapi"),
]


def create_api_app(public: web.Application, *,
                   clock: Callable[[], datetime] = utcnow) -> web.Application:
    """The API as a sub-application mounted at /api/v1 on whichever listener serves it."""
    app = web.Application(middlewares=[json_errors])
    app[keys.PUBLIC_APP] = public
    app[_CLOCK] = clock
    table = operations(())
    app[QUERY_NAMES] = {op: frozenset(table[op].query) for _, _, _, op in ROUTES}
    for method, path, handler, operation_id in ROUTES:
        app.router.add_route(method, path, handler, name=operation_id)
    return app
