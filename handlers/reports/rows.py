"""One exported row per unresolved ticket: Chinese labels, deadlines judged at the export's
moment, masking in every cell and the spreadsheet formula-injection guard (§6)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from handlers import texts
from handlers.core.privacy import MASKED, Masking, mask_phone
from handlers.tickets.opening import summarize
from storage.tickets.queries import UnresolvedRow

# A spreadsheet reads a cell starting with one of these as a formula (or DDE): §6 wants a
# leading apostrophe. Carriage return is refused for the same reason by OWASP's advice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Control characters the xlsx format cannot hold (openpyxl refuses them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

SLA_OK, SLA_FIRST_RESPONSE, SLA_RESOLVE = "sla_ok", "sla_first_response_overdue", \
    "sla_resolve_overdue"


def guard(value: str, mask: Masking = MASKED) -> str:
    """The cell text officers see: masked, cleaned, and never read as a formula."""
    value = _ILLEGAL.sub("", mask(value))
    return "'" + value if value.startswith(_FORMULA_START) else value


@dataclass(frozen=True, slots=True)
class ExportRow:
    """A rendered row: `values` in EXPORT_HEADERS order (times as naive local datetimes)."""

    values: tuple[Any, ...]
    unit: str
    kind: str
    priority: str
    sla: str
    overdue: bool


def local(moment: datetime | None, tz: tzinfo) -> datetime | None:
    """An aware moment as a naive local time to the minute (Excel has no time zones)."""
    if moment is None:
        return None
    return moment.astimezone(tz).replace(tzinfo=None, second=0, microsecond=0)


def sla_state(row: UnresolvedRow, at: datetime) -> str:
    """Which deadline, if any, the ticket had missed at `at` (resolution first)."""
    if row.resolve_due <= at:
        return SLA_RESOLVE
    stops = [row.first_response_at]
    if row.priority == "P1":      # §4: acknowledging an emergency is its first response
        stops.append(row.acknowledged_at)
    answered = any(stop is not None and stop <= at for stop in stops)
    if not answered and row.first_response_due <= at:
        return SLA_FIRST_RESPONSE
    return SLA_OK


def contact(row: UnresolvedRow) -> str:
    """The resident's phone (or the hotline caller's), masked; 匿名 for anonymous tips."""
    if row.anonymous:
        return texts.text("export_anonymous")
    return mask_phone(row.contact_phone) if row.contact_phone else ""


# 内容摘要 is a glance in a spreadsheet; the full words stay in the console.
EXPORT_SUMMARY_MAX = 120


def place(row: UnresolvedRow) -> str:
    """地点 for the export: the resident's words (their doors are starred with every cell's
    masking, see render)."""
    return row.place or row.area or ""


def _actor(actor: str | None, name: str | None = None) -> str:
    if actor in ("system", "resident"):
        return texts.text(f"actor_{actor}")
    return name or actor or ""


def last_action(row: UnresolvedRow) -> str:
    """The ticket's last timeline event as officers read it: 派单 · 张三."""
    if row.last_type is None:
        return ""
    data = json.loads(row.last_data or "{}")
    label = texts.event_label(row.last_type, data.get("reason"))
    if row.last_type == "status":
        to = data.get("to")
        if to in texts.STATUS_LABELS:
            label = texts.text("event_status_to", status=texts.STATUS_LABELS[to])
    actor = _actor(row.last_actor, row.last_actor_name)
    return f"{label} · {actor}" if actor else label


def officer(row: UnresolvedRow) -> str:
    """责任民警: name (username), or 未指派."""
    if not row.assignee:
        return texts.text("export_unassigned")
    return f"{row.assignee_name}（{row.assignee}）" if row.assignee_name else row.assignee


def render(row: UnresolvedRow, at: datetime, tz: tzinfo,
           mask: Masking = MASKED) -> ExportRow:
    """The row as the export shows it at `at`, every text cell through `mask`, which also
    stars the doors of homes: a spreadsheet travels further than the console."""
    mask = mask.beyond_console()
    sla = sla_state(row, at)
    overdue = sla != SLA_OK
    yes_no = texts.text("export_yes") if overdue else texts.text("export_no")
    values = (
        guard(row.number, mask),
        texts.KIND_LABELS.get(row.kind, row.kind),
        row.priority,
        texts.STATUS_LABELS.get(row.status, row.status),
        texts.CHANNEL_LABELS.get(row.channel, row.channel),
        local(row.created_at, tz),
        guard(row.unit, mask),
        guard(officer(row), mask),
        guard(summarize(row.summary or "", EXPORT_SUMMARY_MAX), mask),
        yes_no,
        local(row.last_at or row.created_at, tz),
        guard(contact(row), mask),
        max(0, (at - row.created_at).days),
        texts.text(sla),
        guard(last_action(row), mask),
        guard(place(row), mask),
        guard(row.area or "", mask),
    )
    return ExportRow(values, row.unit, row.kind, row.priority, sla, overdue)
