"""Between messages and their stored rows: the row to record, the message to handle again,
and the reply a retry is given."""

from __future__ import annotations

from typing import Any

from handlers.core.types import KNOWN_TYPES, NO_REPLY, Inbound, Location, Reply
from storage.base import utcnow


def new_row(message: Inbound, state: str) -> dict[str, Any]:
    """The inbound row of a message just received (every row has the same keys: the store
    inserts a batch with one statement)."""
    location = message.location
    return {
        "channel": message.channel,
        "dedupe_key": message.dedupe_key,
        "openid": message.openid,
        "msg_type": message.msg_type,
        "event": message.event or None,
        "event_key": message.event_key or None,
        "content": message.content or None,
        "media_id": message.media_id or None,
        "media_format": message.media_format or None,
        "recognition": message.recognition or None,
        "latitude": location.latitude if location else None,
        "longitude": location.longitude if location else None,
        "location_label": location.label if location else None,
        "raw": message.raw or None,
        "sent_at": message.sent_at,
        "received_at": utcnow(),
        "state": state,
        "lease_holder": None,
        "lease_until": None,
        "recorded_by": None,
    }


def message_of(row: Any) -> Inbound:
    """The message a stored row holds, to handle it again."""
    location = None
    if row.latitude is not None and row.longitude is not None:
        location = Location(row.latitude, row.longitude, row.location_label or "")
    return Inbound(
        channel=row.channel, dedupe_key=row.dedupe_key, openid=row.openid,
        msg_type=row.msg_type, sent_at=row.sent_at, content=row.content or "",
        event=row.event or "", event_key=row.event_key or "", media_id=row.media_id or "",
        media_format=row.media_format or "", recognition=row.recognition or "",
        location=location, known_type=row.msg_type in KNOWN_TYPES, inbound_id=row.id,
    )


def stored_reply(row: Any) -> Reply:
    """What a retry of a handled message is answered: the reply again when it went out
    passively (that answer may be what got lost), else nothing (it went or goes out later)."""
    if row.reply_mode == "passive":
        return Reply(row.reply or "")
    return NO_REPLY
