"""The 110 接警 number: once an emergency is with 110, an officer records its incident number
on the ticket so the two records can be matched."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core.errors import Conflict, Invalid
from storage.tickets import store as ticket_store
from storage.tickets.models import Ticket

# Letters, digits and - _ / (the 110 system's numbers, with or without separators), as
# typed: their full-width forms too (a phone's Chinese keyboard), made ASCII once accepted.
# The API document states this very pattern, so what it calls valid is what we accept.
INCIDENT_NO = re.compile(r"^[A-Za-z0-9Ａ-Ｚａ-ｚ０-９][A-Za-z0-9_/\-Ａ-Ｚａ-ｚ０-９＿／－]{0,31}$")


def incident_no(fields: Any) -> str:
    """The number from a request's fields, normalised (full-width digits typed on a phone
    become ASCII); Invalid when missing or malformed."""
    if fields is None:
        raise Invalid("body", "invalid_body")
    value = fields.get("incident_no")
    if value is None:
        raise Invalid("incident_no", "field_required")
    if not isinstance(value, str):
        raise Invalid("incident_no", "field_not_text")
    if not value:
        raise Invalid("incident_no", "field_required")
    if not INCIDENT_NO.fullmatch(value):
        raise Invalid("incident_no", "incident_no_invalid")
    return unicodedata.normalize("NFKC", value)


def record(session: AsyncSession, username: str, ticket: Ticket, fields: Any,
           now: datetime) -> None:
    """Record (or correct) the number on an emergency; the same number again changes
    nothing. Checked after the field (422 before 409, as the API answers)."""
    value = incident_no(fields)
    if ticket.kind != "emergency":
        raise Conflict("conflict_incident_not_emergency")
    if value == ticket.incident_no:
        return
    previous, ticket.incident_no = ticket.incident_no, value
    ticket_store.add_event(session, ticket, username, "incident_no",
                           texts.text("event_incident_no", incident_no=value), at=now,
                           incident_no=value, previous=previous)
