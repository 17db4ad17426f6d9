"""The OpenAPI 3.1 description of /api/v1, built from the API's route table and the
handlers' own field rules (handlers.fields, paging, weeks), so it says what the server
does: every answer each route gives, in the contract's order. A new route is one entry in
OPERATIONS (its answers, parameters and body)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from handlers.classifier.classifier import EMERGENCY_KINDS
from handlers.core import fields, paging
from handlers.officers import incidents, supervision, worklist
from handlers.officers.workflow import NOTE_MAX, REASON_MAX, REPLY_MAX
from handlers.reports import weeks
from storage.tickets.models import CHANNELS, KINDS, PRIORITIES, STATUSES

_TEXT = {"type": "string"}
_NULLABLE_TEXT = {"type": ["string", "null"]}
_TIME = {"type": ["string", "null"], "format": "date-time"}
_TARGETS = ["resolved", "in_progress", "cancelled", "reopened"]


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


_SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "required": ["error", "message"], "properties": {
        "error": {"enum": ["unauthorized", "not_found", "forbidden", "invalid", "conflict",
                           "too_large", "timeout", "unavailable", "method_not_allowed"]},
        "message": _TEXT, "field": {"type": "string", "description": "the field at fault"}}},
    "Verdict": {"type": ["object", "null"], "properties": {
        "solved": {"type": ["boolean", "null"]},
        "satisfaction": {"type": ["integer", "null"], "minimum": 1, "maximum": 5},
        "comment": _NULLABLE_TEXT}},
    "Event": {"type": "object", "required": ["at", "actor", "type", "text"],
              "additionalProperties": True, "properties": {
                  "at": _TIME, "actor": _TEXT, "type": _TEXT, "text": _TEXT,
                  "first_response": {"type": "boolean"},
                  "delivery_state": {
                      "enum": ["queued", "sending", "sent", "held", "failed", "expired",
                               "callback", "recorded"],
                      "description": "reply_out only: where the reply is now, from the "
                                     "outbox (held: WeChat's 48-hour window closed, it goes "
                                     "out with the answer to the resident's next message)"},
                  "delivery_error": {"type": "string",
                                     "description": "why a failed reply failed"}}},
    "Location": {"type": ["object", "null"],
                 "required": ["latitude", "longitude", "label", "map_url"], "properties": {
        "latitude": {"type": "number"}, "longitude": {"type": "number"},
        "label": {"type": ["string", "null"], "description": "WeChat's name for the place"},
        "map_url": {"type": ["string", "null"], "description": "from [map] url_template"}}},
    "Ticket": {"type": "object", "required": ["number", "kind", "status", "priority",
                                              "channel", "unit", "assignee", "created_at",
                                              "updated_at", "summary", "contact", "verdict"],
               "properties": {
        "number": {"type": "string", "pattern": fields.NUMBER},
        "kind": {"enum": list(KINDS)}, "status": {"enum": list(STATUSES)},
        "priority": {"enum": list(PRIORITIES)}, "channel": {"enum": list(CHANNELS)},
        "unit": _TEXT, "assignee": _NULLABLE_TEXT, "flagged_unassigned": {"type": "boolean"},
        "created_at": _TIME, "updated_at": _TIME, "first_response_due": _TIME,
        "resolve_due": _TIME, "first_response_at": _TIME, "resolved_at": _TIME,
        "acknowledged_at": _TIME, "acknowledged_by": _NULLABLE_TEXT,
        "summary": {"type": "string", "description": "phone and ID numbers masked"},
        "area": {"type": ["string", "null"],
                 "description": "the unit's area the place matched (routing), else null"},
        "place": {"type": ["string", "null"],
                  "description": "where it happens in the resident's own words, masked"},
        "contact": {"type": ["string", "null"],
                    "description": "masked phone (138****0000), 匿名 for anonymous tickets"},
        "verdict": _ref("Verdict"),
        "emergency_kind": {"enum": [*EMERGENCY_KINDS, None],
                           "description": "emergencies only (CONTRACT §4), else null"},
        "incident_no": {"type": ["string", "null"],
                        "description": "the 110 接警 number an officer recorded"},
        "location": _ref("Location"),
        "due": {**_TIME, "description": "the deadline that counts now: first response until "
                "answered (P1: acknowledged), then resolution; null once resolved"},
        "due_clock": {"enum": ["first_response", "resolve", None]},
        "sign_due": {**_TIME, "description": "when the unit's sign (签收) is due; null while "
                     "with the dispatchers (待分派)"},
        "signed_at": _TIME, "signed_by": _NULLABLE_TEXT,
        "returns": {"type": "integer", "minimum": 0, "description": "退单 so far"},
        "supervised_at": {**_TIME, "description": "the last 督办"},
        "supervise_due": {**_TIME, "description": "the deadline the last 督办 set"},
        "rating_followup": {"type": ["object", "null"], "description": "detail view: the "
                            "差评 follow-up (satisfaction 1-2), its deadlines and 申诉"},
        "merged_into": {"type": ["string", "null"],
                        "description": "the ticket this one was merged into"},
        "timeline": {"type": "array", "items": _ref("Event"),
                     "description": "detail view only"}}},
    "TicketPage": {"type": "object", "required": ["items", "next"], "properties": {
        "items": {"type": "array", "items": _ref("Ticket")},
        "next": {"type": ["string", "null"], "pattern": paging.CURSOR,
                 "description": "cursor of the next page"}}},
    "TicketAnswer": {"type": "object", "required": ["ticket"], "properties": {
        "ticket": _ref("Ticket"),
        "delivery": {"enum": ["queued", "callback", "recorded", "group_task"],
                     "description": "replies only"}}},
    "Contact": {"type": "object", "required": ["contact"], "properties": {"contact": _TEXT}},
    "AccessLogPage": {"type": "object", "required": ["items", "next"], "properties": {
        "items": {"type": "array", "items": {"type": "object", "required": [
            "at", "officer", "action", "target", "detail"], "properties": {
                "at": _TIME, "officer": _TEXT, "action": _TEXT, "target": _TEXT,
                "detail": {"type": "object"}}}},
        "next": {"type": ["string", "null"], "pattern": paging.CURSOR}}},
}

# Every answer a route may give, described once; a route lists which it gives.
ANSWERS: dict[str, str] = {
    "401": "no or bad token",
    "404": "unknown, or outside what the caller may see",
    "403": "visible but not allowed for the caller's role",
    "422": "invalid body or parameter, or a parameter the route does not take (`field` names "
           "it); lone surrogates included",
    "409": "the ticket's status (or the unit's officers) does not allow it",
    "408": "the body did not arrive in time (connection closed)",
    "413": "body over 64 KiB",
    "503": "database unavailable, retry",
}
# The contract's answer order (§3), then transport and server answers.
_ORDER = ("401", "404", "403", "422", "409", "408", "413", "503")


@dataclass(frozen=True)
class Operation:
    """One route's document: success code and body schema, the errors it can answer,
    query parameters (name -> schema, description), and its request body."""

    ok: str = "200"
    result: dict[str, Any] | None = None
    errors: tuple[str, ...] = ("401", "404", "503")
    query: dict[str, tuple[dict[str, Any], str]] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    media: tuple[str, ...] = ("application/json",)


def _body(required: Sequence[str], **props: Any) -> dict[str, Any]:
    return {"type": "object", "required": list(required), "properties": props}


def _no_control(**extra: Any) -> dict[str, Any]:
    return {"type": "string", "pattern": fields.NO_CONTROL, **extra}


_PAGING = {
    "cursor": ({"type": "string", "pattern": paging.CURSOR}, "from `next`"),
    "limit": ({"type": "integer", "minimum": 1},
              f"page size, default {paging.LIMIT_DEFAULT}, larger than "
              f"{paging.LIMIT_MAX} gives {paging.LIMIT_MAX}"),
}
_STATUS_BODY = {
    "oneOf": [
        _body(["status", "note"], status={"enum": ["resolved", "cancelled"]},
              note=fields.text_schema(NOTE_MAX, description="required to resolve or cancel")),
        _body(["status"], status={"enum": ["in_progress", "reopened"]},
              note=fields.text_schema(NOTE_MAX, required=False)),
    ]}
_ACTION = ("401", "404", "422", "409", "408", "413", "503")


def operations(units: Sequence[str]) -> dict[str, Operation]:
    """Every operation of the API by id; `units` are the configured unit names."""
    return {
        "listTickets": Operation(result=_ref("TicketPage"), errors=("401", "422", "503"), query={
            "status": ({"type": "string", "pattern": worklist.list_pattern(STATUSES)},
                       "comma-separated statuses"),
            "kind": ({"type": "string", "pattern": worklist.list_pattern(KINDS)},
                     "comma-separated kinds"),
            "unit": (_no_control(), "unit name"),
            "assignee": (_no_control(), "username, me or none"),
            "q": (_no_control(maxLength=worklist.Q_MAX), "text in the number or summary"),
            **_PAGING}),
        "getTicket": Operation(result=_ref("Ticket")),
        "replyToResident": Operation(ok="202", result=_ref("TicketAnswer"), errors=_ACTION,
                                     body=_body(["text"], text=fields.text_schema(REPLY_MAX))),
        "addNote": Operation(result=_ref("TicketAnswer"),
                             errors=("401", "404", "422", "408", "413", "503"),
                             body=_body(["text"], text=fields.text_schema(NOTE_MAX))),
        "assignTicket": Operation(
            result=_ref("TicketAnswer"), errors=("401", "404", "403", *_ACTION[2:]),
            body=_body(["officer"], officer=fields.username_schema(),
                       reason=fields.text_schema(REASON_MAX, required=False))),
        "transferTicket": Operation(
            result=_ref("TicketAnswer"), errors=("401", "404", "403", *_ACTION[2:]),
            body=_body(["unit", "reason"], unit={"enum": list(units)},
                       reason=fields.text_schema(REASON_MAX),
                       officer=fields.username_schema(required=False))),
        "changeStatus": Operation(result=_ref("TicketAnswer"),
                                  errors=("401", "404", "403", *_ACTION[2:]),
                                  body=_STATUS_BODY),
        "correctKind": Operation(result=_ref("TicketAnswer"), errors=_ACTION,
                                 body=_body(["kind"], kind={"enum": list(KINDS)})),
        "acknowledgeEmergency": Operation(result=_ref("TicketAnswer"),
                                          errors=("401", "404", "409", "408", "413", "503")),
        "signTicket": Operation(result=_ref("TicketAnswer"),
                                errors=("401", "404", "403", "409", "408", "413", "503")),
        "returnTicket": Operation(
            result=_ref("TicketAnswer"), errors=("401", "404", "403", *_ACTION[2:]),
            body=_body(["reason"], reason=fields.text_schema(REASON_MAX))),
        "superviseTicket": Operation(
            result=_ref("TicketAnswer"), errors=("401", "404", "403", *_ACTION[2:]),
            body=_body(["note"], note=fields.text_schema(NOTE_MAX),
                       due={"type": ["string", "null"], "pattern": f"^$|{supervision.DUE}",
                            "description": "new deadline, ISO 8601 (no offset: the tickets' "
                            "timezone; a date alone: its end); 409 when not a day of the "
                            "calendar or not later than now"})),
        "recordFollowup": Operation(
            result=_ref("TicketAnswer"), errors=("401", "404", "403", *_ACTION[2:]),
            body=_body(["step", "note"], step={"enum": ["called", "fixed"]},
                       note=fields.text_schema(NOTE_MAX, description="fixed: told to the "
                                               "resident"))),
        "handOverFollowup": Operation(
            result=_ref("TicketAnswer"), errors=("401", "404", "403", *_ACTION[2:]),
            body=_body(["officer"], officer={
                **fields.username_schema(),
                "description": "an active officer of the ticket's unit, not the one rated, "
                               "not the one already following up (else 409)"})),
        "disputeVerdict": Operation(
            result=_ref("TicketAnswer"), errors=("401", "404", "403", *_ACTION[2:]),
            body=_body(["reason"], reason=fields.text_schema(REASON_MAX))),
        "mergeTicket": Operation(
            result=_ref("TicketAnswer"), errors=("401", "404", "403", *_ACTION[2:]),
            body=_body(["into"], into={"type": "string", "pattern": fields.NUMBER,
                                       "description": "409 when unknown or not open"})),
        "recordIncidentNo": Operation(
            result=_ref("TicketAnswer"), errors=_ACTION,
            body=_body(["incident_no"], incident_no={
                "type": "string", "pattern": incidents.INCIDENT_NO.pattern,
                "description": "409 when the ticket is not an emergency"})),
        "revealContact": Operation(result=_ref("Contact"),
                                   errors=("401", "404", "403", "409", "503")),
        "revealText": Operation(result=_ref("TicketAnswer")),
        "readAccessLog": Operation(result=_ref("AccessLogPage"),
                                   errors=("401", "404", "403", "422", "503"), query=_PAGING),
        "exportUnresolved": Operation(
            result={"type": "string", "format": "binary"}, errors=("401", "403", "422", "503"),
            media=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   "text/csv"),
            query={"week": ({"type": "string", "pattern": weeks.PATTERN},
                            "ISO week YYYY-Www, default the last full week"),
                   "unit": ({"enum": list(units)}, "one unit (supervisors); an officer's export "
                            "is their own unit, another answers 403"),
                   "format": ({"enum": ["xlsx", "csv"]}, "xlsx (default) or csv")}),
        "openapi": Operation(result={"type": "object"}, errors=("422",)),
    }


def _error(code: str) -> dict[str, Any]:
    return {"description": ANSWERS[code],
            "content": {"application/json": {"schema": _ref("Error")}}}


def _operation(operation_id: str, op: Operation, summary: str, path: str) -> dict[str, Any]:
    ok: dict[str, Any] = {"description": "OK"}
    if op.result is not None:
        ok["content"] = {media: {"schema": op.result} for media in op.media}
    document: dict[str, Any] = {"operationId": operation_id, "summary": summary,
                                "responses": {op.ok: ok}}
    params = [{"name": name, "in": "path", "required": True,
               "schema": {"type": "string",
                          "pattern": fields.NUMBER if name == "number" else fields.USERNAME}}
              for name in re.findall(r"{(\w+)}", path)]
    params += [{"name": name, "in": "query", "required": False, "schema": schema,
                "description": text} for name, (schema, text) in op.query.items()]
    if params:
        document["parameters"] = params
    if op.body is not None:
        document["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": op.body}}}
    for code in sorted(op.errors, key=_ORDER.index):
        document["responses"][code] = _error(code)
    if operation_id == "openapi":
        document["security"] = []
    return document


def spec(prefix: str, routes: list[tuple[str, str, Any, str]],
         units: Sequence[str] = ()) -> dict[str, Any]:
    """The OpenAPI document for `routes` (method, path, handler, operation id)."""
    table = operations(units)
    paths: dict[str, dict[str, Any]] = {}
    for method, path, handler, operation_id in routes:
        if operation_id not in table:
            raise KeyError(f"{operation_id}: describe its answers in bot/openapi.operations()")
        summary = (handler.__doc__ or operation_id).strip().splitlines()[0]
        paths.setdefault(prefix + path, {})[method.lower()] = _operation(
            operation_id, table[operation_id], summary, path)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Jingmin (警民通) officers' API", "version": "1"},
        "paths": paths,
        "components": {"schemas": _SCHEMAS, "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer",
                       "description": "jingmin officer token USERNAME; valid 90 days"}}},
        "security": [{"bearer": []}],
    }
