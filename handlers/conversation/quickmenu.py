"""Low confidence: a numbered quick menu; the resident's choice is kept for review."""

from __future__ import annotations

from typing import Any

from handlers.core.context import Context
from handlers.core.types import Reply
from handlers.dialogs.steps import Dialog, Option, Step
from handlers.intents.registry import handle_intent
from storage.tickets import store as ticket_store

CHOICES = (
    Option("complaint", "投诉举报", ("投诉", "举报")),
    Option("appointment", "预约办理", ("预约",)),
    Option("consult", "咨询", ("咨询",)),
    Option("feedback", "意见建议", ("建议", "意见")),
    Option("status", "查询进度", ("查询", "进度")),
)


async def _chosen(ctx: Context, data: dict[str, Any]) -> Reply:
    ticket_store.record_candidate(ctx.session, data["_text"], data["_predicted"],
                                  data["choice"], "resident")
    return await handle_intent(ctx, data["choice"], data["_text"],
                               (*data.get("_reasons", ()), f"chosen:{data['choice']}"))


DIALOG = Dialog(
    name="choose_intent",
    steps=(Step("choice", "quick_menu", options=CHOICES),),
    finish=_chosen,
)


async def ask(ctx: Context, text: str, predicted: str, reasons: tuple[str, ...]) -> Reply:
    """Ask which of the five things the resident wants."""
    return await ctx.services.dialogs.start(
        ctx, DIALOG.name, {"_text": text, "_predicted": predicted, "_reasons": list(reasons)})

