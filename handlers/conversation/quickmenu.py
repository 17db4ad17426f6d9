"""Low confidence: a numbered quick menu of the intents that offer a choice (their records'
`quick`); the resident's choice is kept for review."""

from __future__ import annotations

from typing import Any

from handlers.core.context import Context
from handlers.core.types import Reply
from handlers.dialogs.steps import Dialog, Option, Step
from handlers.intents.catalogue import REGISTRY
from storage.tickets import store as ticket_store

NAME = "choose_intent"


def choices() -> tuple[Option, ...]:
    """The quick menu's numbered choices, from the registry."""
    return tuple(Option(label, choice.label, choice.aliases)
                 for label, choice in REGISTRY.quick())


async def _chosen(ctx: Context, data: dict[str, Any]) -> Reply:
    ticket_store.record_candidate(ctx.session, data["_text"], data["_predicted"],
                                  data["choice"], "resident")
    return await REGISTRY.handle(ctx, data["choice"], data["_text"],
                                 (*data.get("_reasons", ()), f"chosen:{data['choice']}"))


def dialog() -> Dialog:
    """The quick menu as a dialog, with the intents registered now."""
    # Lenient: a message that picks none of them is read afresh, not refused ("没有看懂您的
    # 选择" lost a resident's next report, or their answer to an officer).
    return Dialog(name=NAME, steps=(Step("choice", "quick_menu", options=choices(),
                                         lenient=True),),
                  finish=_chosen)


async def ask(ctx: Context, text: str, predicted: str, reasons: tuple[str, ...],
              intro: str = "") -> Reply:
    """Ask which of the registered things the resident wants (after `intro`, if any)."""
    return await ctx.services.dialogs.start(
        ctx, NAME, {"_text": text, "_predicted": predicted, "_reasons": list(reasons)},
        intro=intro)
