"""The call centre's report of one 警民热线 call, validated field by field: Invalid names the first
bad one."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from handlers.core.errors import Invalid, unpaired_surrogate
from handlers.core.privacy import normalize_phone
from storage.tickets.models import KINDS

CALL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


CALLER = re.compile(r"\+?[0-9][0-9-]{2,30}")


TRANSCRIPT_MAX = 10_000


OPERATOR_MAX = 64


EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)


FUTURE_SLACK = timedelta(days=1)


# A category or intent -> the ticket's kind (§3: other and status become consult).
KIND_OF: dict[str, str] = {**{kind: kind for kind in KINDS},
                           "status": "consult", "other": "consult"}


@dataclass(frozen=True)
class HotlineCall:
    """One call as the call centre reported it, validated."""

    call_id: str
    caller: str | None          # normalised; None when withheld
    started_at: datetime
    transcript: str
    operator: str = ""
    category: str | None = None
    raw: str = ""


def _text(data: Mapping[str, Any], name: str, maximum: int, *, required: bool) -> str | None:
    value = data.get(name)
    if value is None or (value == "" and not required):
        if required:
            raise Invalid(name, "hotline_field_required")
        return None
    if not isinstance(value, str):
        raise Invalid(name, "hotline_field_not_text")
    if unpaired_surrogate(value):
        raise Invalid(name, "hotline_field_unpaired_surrogate")
    if required and not value.strip():
        raise Invalid(name, "hotline_field_required")
    if len(value) > maximum:
        raise Invalid(name, "hotline_field_too_long", max=maximum)
    return value


def _started_at(value: object, tz: tzinfo, now: datetime) -> datetime:
    if isinstance(value, bool) or value is None:
        raise Invalid("started_at", "hotline_started_at_invalid")
    try:
        if isinstance(value, (int, float)):
            if not math.isfinite(value):
                raise ValueError
            moment = datetime.fromtimestamp(value, UTC)
        elif isinstance(value, str) and re.fullmatch(r"[0-9]{1,12}", value):
            moment = datetime.fromtimestamp(int(value), UTC)
        elif isinstance(value, str) and 10 <= len(value) <= 40:
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is None:   # a local time of the call centre
                moment = moment.replace(tzinfo=tz)
        else:
            raise ValueError
    except (ValueError, OverflowError, OSError):
        raise Invalid("started_at", "hotline_started_at_invalid") from None
    if not EARLIEST <= moment <= now + FUTURE_SLACK:
        raise Invalid("started_at", "hotline_started_at_invalid")
    return moment.astimezone(UTC)


def parse_call(data: object, tz: tzinfo, now: datetime, raw: str = "") -> HotlineCall:
    """Validate the call centre's JSON object; Invalid names the first bad field."""
    if not isinstance(data, dict):
        raise Invalid("body", "hotline_body_not_object")
    call_id = _text(data, "call_id", 128, required=True)
    if not CALL_ID.fullmatch(call_id or ""):
        raise Invalid("call_id", "hotline_call_id_invalid")
    caller = _text(data, "caller", 32, required=False)
    if caller is not None:
        caller = caller.strip()
        if caller and not CALLER.fullmatch(caller):
            raise Invalid("caller", "hotline_caller_invalid")
    started_at = _started_at(data.get("started_at"), tz, now)
    transcript = _text(data, "transcript", TRANSCRIPT_MAX, required=True) or ""
    operator = _text(data, "operator", OPERATOR_MAX, required=False) or ""
    category = _text(data, "category", 16, required=False)
    if category is not None and category not in KIND_OF:
        raise Invalid("category", "hotline_category_invalid")
    return HotlineCall(call_id=call_id or "", caller=normalize_phone(caller) if caller else None,
                       started_at=started_at, transcript=transcript.strip(),
                       operator=operator.strip(), category=category, raw=raw)
