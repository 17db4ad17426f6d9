"""How an officer's reply is travelling to the resident, read from the outbox: queued,
sent, waiting for the resident's 48-hour window, or failed with the reason."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from handlers import texts
from handlers.core.privacy import Masking
from storage.delivery.models import OutboxJob
from storage.tickets.models import TicketEvent

_ERRCODE = re.compile(r"errcode (-?\d+)")
_KNOWN_REASONS = frozenset({45015, 45047, 43004, 40003})
_PASSIVE = "delivered as the passive reply"


def state(job: OutboxJob | None, recorded: str | None, mask: Masking) -> dict[str, Any]:
    """How a reply is travelling: from its outbox job when it went to WeChat, else how it
    was recorded (a call owed, or no way to reach the resident)."""
    if job is None:
        how = recorded or "recorded"
        if how == "queued":      # its job is gone from the outbox's view: say no more
            return {"state": "queued", "label": texts.text("delivery_queued")}
        return {"state": how, "label": texts.text(f"delivery_{how}")}
    if job.state == "sent":
        passive = (job.last_error or "").startswith(_PASSIVE)
        return {"state": "sent", "at": job.sent_at,
                "label": texts.text("delivery_sent_passive" if passive else "delivery_sent")}
    if job.state == "dead":
        reason = failure_reason(job, mask)
        return {"state": "failed", "at": None, "reason": reason,
                "label": texts.text("delivery_failed", reason=reason)}
    now = {"pending": "queued", "sending": "sending", "held": "held",
           "expired": "expired"}.get(job.state, "queued")
    return {"state": now, "label": texts.text(f"delivery_{now}")}


def failure_reason(job: OutboxJob, mask: Masking) -> str:
    """Why WeChat refused the reply, in words an officer can act on."""
    error = job.last_error or ""
    found = _ERRCODE.search(error)
    code = int(found.group(1)) if found else None
    if code in _KNOWN_REASONS:
        return texts.text(f"delivery_reason_{code}")
    if code == -1:
        return texts.text("delivery_reason_transport")
    return mask(error)[:120] or texts.text("delivery_reason_unknown")


def reply_jobs(events: Sequence[TicketEvent], jobs: Sequence[OutboxJob],
                number: str) -> dict[int, OutboxJob]:
    """Each reply_out event's outbox job: the job that carries its words, in order (two
    replies with the same words take the jobs in the order they were queued). A reply is
    sent as one line naming the ticket, then the officer's words (workflow.reply_words)."""
    free: dict[str, list[OutboxJob]] = {}
    for job in jobs:
        if job.kind != "wechat_text":
            continue
        try:
            sent = str(json.loads(job.payload).get("text", ""))
        except ValueError:
            continue
        lead, _, words = sent.partition("\n")
        if number in lead:
            free.setdefault(words, []).append(job)
    found = {}
    for event in events:
        if event.type != "reply_out":
            continue
        waiting = free.get(event.text)
        if waiting:
            found[event.id] = waiting.pop(0)
    return found


def annotate_timeline(timeline: list[dict[str, Any]], events: Sequence[TicketEvent],
                      jobs: Sequence[OutboxJob], number: str, mask: Masking) -> None:
    """Add `delivery_state` (and `delivery_error` when it failed) to the API's reply_out
    entries; `timeline` is the events' view, in the same order."""
    by_reply = reply_jobs(events, jobs, number)
    for entry, event in zip(timeline, events, strict=True):
        if event.type != "reply_out":
            continue
        found = state(by_reply.get(event.id), entry.get("delivery"), mask)
        entry["delivery_state"] = found["state"]
        if "reason" in found:
            entry["delivery_error"] = found["reason"]
