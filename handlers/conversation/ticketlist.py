"""我的工单 as a numbered list whose numbers open the ticket they stand for (a digit answers
the newest numbered prompt); anything else is a new message."""

from __future__ import annotations

import re
from typing import Any

from handlers.core.context import Context
from handlers.core.types import Reply
from handlers.dialogs.steps import Dialog, Invalid, Step
from handlers.intents import status

_DIGIT = re.compile(r"^\s*(\d{1,2})\s*$")


def _pick(answer: str) -> str:
    digit = _DIGIT.match(answer)
    if digit is None:
        raise Invalid("choice_unknown")
    return digit.group(1)


def _lines(data: dict[str, Any]) -> dict[str, str]:
    return {"lines": data.get("_lines", "")}


async def _chosen(ctx: Context, data: dict[str, Any]) -> Reply:
    numbers = data.get("_numbers", [])
    index = int(data["pick"]) - 1
    if not 0 <= index < len(numbers):
        return await show(ctx)
    return await status.handle(ctx, numbers[index])


DIALOG = Dialog(
    name="ticket_list",
    steps=(Step("pick", "status_list_pick", validate=_pick, describe=_lines, lenient=True,
                controls=False),),
    finish=_chosen,
)


async def show(ctx: Context) -> Reply:
    """The resident's newest tickets, numbered; without tickets, what to do instead."""
    reply = await status.handle(ctx)
    numbers = re.findall(r"^\d+\. (\S+) ", reply.text, flags=re.MULTILINE)
    dialogs = ctx.services.dialogs
    saved = await dialogs.current(ctx)
    if not numbers or (saved is not None and saved.dialog != DIALOG.name):
        return reply       # a dialog in progress keeps its question (and its digits)
    return await dialogs.start(
        ctx, DIALOG.name, {"_numbers": numbers, "_lines": reply.text})
