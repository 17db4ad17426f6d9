"""群众对话 on a ticket page: the resident's messages and our answers in time order, each
answer once, officers by name, and each reply's delivery as the outbox knows it."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from handlers import texts
from handlers.core.privacy import Masking
from handlers.officers import deliveries
from handlers.tickets.places import place
from storage.delivery.models import OutboxJob
from storage.intake.models import InboundMessage, MediaFile
from storage.tickets.models import TicketEvent
from storage.tickets.store import event_data

THREAD_TYPES = frozenset({"reply_out", "auto_reply"})
# A dialog answer's event reads "地点：柳园小区8号楼" for the message "柳园小区8号楼".
_LABELLED = re.compile(r"^(?:地点|时间|补充|联系电话)：")


def build(inbound: Sequence[InboundMessage], media: Sequence[MediaFile],
          events: Sequence[TicketEvent], jobs: Sequence[OutboxJob], number: str,
          mask: Masking, names: Mapping[str, str]) -> list[dict[str, Any]]:
    """The conversation, oldest first."""
    files: dict[int, list[MediaFile]] = {}
    for item in media:
        files.setdefault(item.inbound_id, []).append(item)
    items: list[dict[str, Any]] = []
    linked = {message.id for message in inbound}
    seen: set[str] = set()
    for message in inbound:
        if message.msg_type == "event":
            continue
        text = mask(_words(message))
        seen.add(text.strip())
        items.append({"at": message.received_at, "side": "resident", "actor": "resident",
                      "type": message.msg_type, "text": text, "delivery": None,
                      "media": [{"id": f.id, "kind": f.kind, "state": f.state,
                                 "recognition": mask(message.recognition)}
                                for f in files.get(message.id, [])]})
    by_reply = deliveries.reply_jobs(events, jobs, number)
    for event in events:
        text = mask(event.text)
        data = event_data(event)
        if event.type in THREAD_TYPES:
            side = "system" if event.type == "auto_reply" else "officer"
            sent = (deliveries.state(by_reply.get(event.id), data.get("delivery"), mask)
                    if event.type == "reply_out" else None)
            items.append({"at": event.at, "side": side, "actor": event.actor,
                          "name": names.get(event.actor, event.actor), "type": event.type,
                          "text": text, "media": [], "delivery": sent})
        elif event.type == "message_in" and not _shown(data, text, linked, seen):
            # Hotline transcripts have no linked message of their own.
            items.append({"at": event.at, "side": "resident", "actor": "resident",
                          "type": "text", "text": text, "media": [], "delivery": None})
    items.sort(key=lambda item: item["at"])
    return items


def _words(message: InboundMessage) -> str:
    """What the resident sent, as officers read it: a location names itself (its label, else
    its coordinates) rather than showing as an empty message."""
    if message.msg_type == "location" and message.latitude is not None \
            and message.longitude is not None:
        return texts.text("console_thread_location", place=place(
            message.latitude, message.longitude, message.location_label))
    return message.content or message.location_label or ""


def _shown(data: dict[str, Any], text: str, linked: set[int], seen: set[str]) -> bool:
    """Whether a message_in event repeats a message the thread already shows: the message
    it came in (recorded since), or (older events) the same words with a dialog label."""
    if data.get("inbound_id") in linked:
        return True
    text = text.strip()
    return text in seen or _LABELLED.sub("", text) in seen
