"""The OpenAPI 3.1 description of /api/v1, built from the API's route table."""

from __future__ import annotations

import re
from typing import Any

from storage.ticket_models import CHANNELS, EMERGENCY_KINDS, KINDS, PRIORITIES, STATUSES

_TEXT = {"type": "string"}
_NULLABLE_TEXT = {"type": ["string", "null"]}
_TIME = {"type": ["string", "null"], "format": "date-time"}

_SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "required": ["error", "message"], "properties": {
        "error": {"enum": ["unauthorized", "not_found", "forbidden", "invalid", "conflict",
                           "too_large", "unavailable"]},
        "message": _TEXT, "field": _TEXT}},
    "Verdict": {"type": ["object", "null"], "properties": {
        "solved": {"type": ["boolean", "null"]},
        "satisfaction": {"type": ["integer", "null"], "minimum": 1, "maximum": 5},
        "comment": _NULLABLE_TEXT}},
    "Event": {"type": "object", "required": ["at", "actor", "type", "text"],
              "additionalProperties": True, "properties": {
                  "at": _TIME, "actor": _TEXT, "type": _TEXT, "text": _TEXT,
                  "first_response": {"type": "boolean"}, "from": _TEXT, "to": _TEXT}},
    "Location": {"type": ["object", "null"], "properties": {
        "latitude": {"type": "number"}, "longitude": {"type": "number"},
        "label": {"type": "string", "description": "WeChat's name for the place"},
        "map_url": {"type": ["string", "null"], "description": "from [map] url_template"}}},
    "Ticket": {"type": "object", "properties": {
        "number": _TEXT, "kind": {"enum": list(KINDS)}, "status": {"enum": list(STATUSES)},
        "priority": {"enum": list(PRIORITIES)}, "channel": {"enum": list(CHANNELS)},
        "unit": _TEXT, "assignee": _NULLABLE_TEXT, "created_at": _TIME, "updated_at": _TIME,
        "summary": {"type": "string", "description": "phone and ID numbers masked"},
        "first_response_due": _TIME, "resolve_due": _TIME,
        "contact": {"type": ["string", "null"],
                    "description": "masked phone (138****0000), 匿名 for anonymous tickets"},
        "verdict": {"$ref": "#/components/schemas/Verdict"},
        "emergency_kind": {"enum": [*EMERGENCY_KINDS, None],
                           "description": "emergencies only (CONTRACT §4), else null"},
        "incident_no": {"type": ["string", "null"],
                        "description": "the 110 接警 number an officer recorded"},
        "location": {"$ref": "#/components/schemas/Location"},
        "due": {**_TIME, "description": "the deadline that counts now: first response until "
                "answered (P1: acknowledged), then resolution; null once resolved"},
        "due_clock": {"enum": ["first_response", "resolve", None]},
        "timeline": {"type": "array", "items": {"$ref": "#/components/schemas/Event"},
                     "description": "detail view only"}}},
    "TicketPage": {"type": "object", "required": ["items", "next"], "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Ticket"}},
        "next": {"type": ["string", "null"], "description": "cursor of the next page"}}},
    "TicketAnswer": {"type": "object", "properties": {
        "ticket": {"$ref": "#/components/schemas/Ticket"},
        "delivery": {"enum": ["queued", "callback", "recorded"],
                     "description": "replies only"}}},
    "AccessLogPage": {"type": "object", "properties": {
        "items": {"type": "array", "items": {"type": "object"}},
        "next": {"type": ["string", "null"]}}},
}


def _body(required: list[str], **props: Any) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": {
        "type": "object", "required": required, "properties": props}}}}


_BODIES: dict[str, dict[str, Any]] = {
    "replyToResident": _body(["text"], text={"type": "string", "maxLength": 600}),
    "addNote": _body(["text"], text={"type": "string", "maxLength": 2000}),
    "assignTicket": _body(["officer"], officer=_TEXT, reason=_TEXT),
    "transferTicket": _body(["unit", "reason"], unit=_TEXT, reason=_TEXT,
                            officer={"type": "string", "description": "optional assignee"}),
    "changeStatus": _body(["status"], status={"enum": ["resolved", "in_progress",
                                                       "cancelled", "reopened"]},
                          note={"type": "string",
                                "description": "required to resolve or cancel"}),
    "correctKind": _body(["kind"], kind={"enum": list(KINDS)}),
    "recordIncidentNo": _body(["incident_no"], incident_no={
        "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_/-]{0,31}$",
        "description": "409 when the ticket is not an emergency"}),
}

_QUERY: dict[str, list[tuple[str, str]]] = {
    "listTickets": [("status", "comma-separated statuses"), ("kind", "comma-separated kinds"),
                    ("unit", "unit name"), ("assignee", "username, me or none"),
                    ("q", "text in the number or summary"), ("cursor", "from `next`"),
                    ("limit", "page size, default 50, at most 200")],
    "readAccessLog": [("cursor", "from `next`"), ("limit", "page size, at most 200")],
    "exportUnresolved": [("week", "ISO week YYYY-Www, default the last full week"),
                         ("format", "xlsx (default) or csv")],
}

_OK: dict[str, tuple[str, str]] = {
    "listTickets": ("200", "TicketPage"), "getTicket": ("200", "Ticket"),
    "replyToResident": ("202", "TicketAnswer"), "readAccessLog": ("200", "AccessLogPage"),
    "revealContact": ("200", ""), "openapi": ("200", ""), "exportUnresolved": ("200", ""),
}


def _error(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _operation(operation_id: str, summary: str, path: str) -> dict[str, Any]:
    code, schema = _OK.get(operation_id, ("200", "TicketAnswer"))
    ok: dict[str, Any] = {"description": "OK"}
    if schema:
        ok["content"] = {"application/json": {"schema": {"$ref":
                                                         f"#/components/schemas/{schema}"}}}
    op: dict[str, Any] = {"operationId": operation_id, "summary": summary,
                          "responses": {code: ok}}
    params = [{"name": name, "in": "path", "required": True, "schema": _TEXT}
              for name in re.findall(r"{(\w+)}", path)]
    params += [{"name": name, "in": "query", "required": False, "schema": _TEXT,
                "description": text} for name, text in _QUERY.get(operation_id, [])]
    if params:
        op["parameters"] = params
    if operation_id in _BODIES:
        op["requestBody"] = _BODIES[operation_id]
    if operation_id == "openapi":
        op["security"] = []
        return op
    op["responses"].update({"401": _error("no or bad token"),
                            "503": _error("database unavailable, retry")})
    if "{" in path:
        op["responses"]["404"] = _error("unknown, or outside what the caller may see")
        op["responses"]["403"] = _error("visible but not allowed for the caller's role")
    if "requestBody" in op or operation_id in _QUERY:
        op["responses"]["422"] = _error("invalid body or parameter (`field` names it)")
    if op.get("requestBody"):
        op["responses"]["409"] = _error("the ticket's status does not allow it")
        op["responses"]["413"] = _error("body over 64 KiB")
    return op


def spec(prefix: str, routes: list[tuple[str, str, Any, str]]) -> dict[str, Any]:
    """The OpenAPI document for `routes` (method, path, handler, operation id)."""
    paths: dict[str, dict[str, Any]] = {}
    for method, path, handler, operation_id in routes:
        summary = (handler.__doc__ or operation_id).strip().splitlines()[0]
        paths.setdefault(prefix + path, {})[method.lower()] = _operation(
            operation_id, summary, path)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Jingmin (警民通) officers' API", "version": "1"},
        "paths": paths,
        "components": {"schemas": _SCHEMAS, "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer",
                       "description": "jingmin officer token USERNAME; valid 90 days"}}},
        "security": [{"bearer": []}],
    }
