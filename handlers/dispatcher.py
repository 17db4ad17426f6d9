"""Decides the reply to one resident message. The intent router plugs in here."""

from __future__ import annotations

from handlers import texts
from handlers.types import NO_REPLY, Inbound, Reply

# Events that deserve no answer: WeChat does not let us message someone who left, and
# view/location reports are background signals, not requests.
_SILENT_EVENTS = frozenset({"unsubscribe", "view", "location", "templatesendjobfinish"})


async def dispatch(message: Inbound) -> Reply:
    """The reply for `message` until the intent handlers take over."""
    if not message.known_type:
        return NO_REPLY
    if message.msg_type == "event":
        if message.event in ("subscribe", "subscribe_scan"):
            return Reply(texts.text("welcome"))
        if message.event in _SILENT_EVENTS:
            return NO_REPLY
        return Reply(texts.text("help"))
    if message.msg_type in ("image", "voice", "video", "shortvideo") and not message.recognition:
        return Reply(texts.text("media_received"))
    return Reply(texts.text("help"))
