"""An officer's access log as a supervisor reads it: each action and its details in words
(状态 待受理、已派单；共3条), not the stored keys and codes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from handlers import texts
from handlers.tickets.view import MOMENT


def readable(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The access log's rows with `action_label` and `details` (a line of words) added."""
    return [{**row, "action_label": texts.ACCESS_ACTION_LABELS.get(row["action"],
                                                                   row["action"]),
             "details": details(row["detail"])} for row in items]


def details(detail: dict[str, Any]) -> str:
    """One row's details in words, in the order they were recorded; a key without a label
    keeps its name, so nothing recorded is hidden."""
    parts: list[str] = []
    for key, value in detail.items():
        if key == "filters" and isinstance(value, dict):
            parts.extend(_filter(name, one) for name, one in value.items())
        elif key == "page":
            if value:
                parts.append(texts.text("access_detail_next_page"))
        else:
            parts.append(_pair(key, value))
    return texts.text("access_detail_separator").join(part for part in parts if part)


def _filter(name: str, value: Any) -> str:
    if name == "status" and isinstance(value, str):
        value = "、".join(texts.STATUS_LABELS.get(s, s) for s in value.split(",") if s)
    elif name == "kind" and isinstance(value, str):
        value = "、".join(texts.KIND_LABELS.get(k, k) for k in value.split(",") if k)
    elif name == "assignee" and value in texts.ACCESS_ASSIGNEE_LABELS:
        value = texts.ACCESS_ASSIGNEE_LABELS[value]
    elif name == "queue" and value in _QUEUES:
        value = texts.text(f"console_queue_{value}")
    elif name == "unit" and not value:
        value = texts.text("access_detail_branch")
    label = texts.ACCESS_FILTER_LABELS.get(name)
    return f"{label} {value}" if label else f"{name}={value}"


_QUEUES = frozenset({"mine", "unit", "unassigned", "overdue", "all"})


def _pair(key: str, value: Any) -> str:
    label = texts.ACCESS_DETAIL_LABELS.get(key)
    if label is None:
        return f"{key}={value}"
    if key == "kind" and value in texts.ACCESS_CALENDAR_LABELS:
        value = texts.ACCESS_CALENDAR_LABELS[value]
    elif key == "unit" and not value:
        value = texts.text("access_detail_branch")
    elif isinstance(value, str) and MOMENT.fullmatch(value):
        value = f"{datetime.fromisoformat(value):%Y-%m-%d %H:%M}"
    return f"{label} {value}"
