"""Which handler takes which intent: the one table the router and the quick menu share."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from handlers import texts
from handlers.core.context import Context
from handlers.core.types import Reply
from handlers.intents import appointment, complaint, consult, feedback, status

Handle = Callable[[Context, str, tuple[str, ...]], Awaitable[Reply]]


async def _status(ctx: Context, text: str, reasons: tuple[str, ...]) -> Reply:
    return await status.handle(ctx)


async def _other(ctx: Context, text: str, reasons: tuple[str, ...]) -> Reply:
    return Reply(texts.text("help"))


HANDLERS: dict[str, Handle] = {
    "complaint": complaint.handle,
    "appointment": appointment.handle,
    "consult": consult.handle,
    "feedback": feedback.handle,
    "status": _status,
    "other": _other,
}


async def handle_intent(ctx: Context, intent: str, text: str,
                        reasons: tuple[str, ...]) -> Reply:
    """Run the handler of `intent` (emergencies have their own gate in the router)."""
    return await HANDLERS.get(intent, _other)(ctx, text, reasons)
