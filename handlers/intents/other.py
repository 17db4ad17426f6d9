"""Anything else (greetings, chatter, an empty message): the help text."""

from __future__ import annotations

from handlers import texts
from handlers.core.context import Context
from handlers.core.types import Reply
from handlers.intents.registry import Intent


async def handle(ctx: Context, text: str, reasons: tuple[str, ...]) -> Reply:
    """What the service can do, and how to reach 110."""
    return Reply(texts.text("help"))


INTENT = Intent(label="other", name="其他", handle=handle)
