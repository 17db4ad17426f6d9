"""Step 6 of contract §4: a text no earlier step took, read for what it is: a courtesy, more
about a ticket already open (`ongoing`), a follow-up to the answer just given, a question the
knowledge base knows, small talk, the classifier's intent, or, when it is unsure, the quick
menu. A new way of reading such a message (or an intent's routing beyond its record) goes
here, in its place among these."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handlers import texts
from handlers.conversation import asides, closing, courtesy, followup, quickmenu
from handlers.conversation.ongoing import offline, supplement
from handlers.conversation.router.signs import alarming, classified, overruled
from handlers.core.context import Context
from handlers.core.types import Reply
from handlers.intents import consult
from handlers.intents.catalogue import REGISTRY
from storage.intake.dialogs import Saved

if TYPE_CHECKING:     # the classifier is loaded by whoever made `prediction`
    from handlers.classifier.classifier import Prediction

# Intents a confident classifier keeps a short question to, even right after an answer.
OWN_INTENTS = frozenset({"complaint", "feedback", "status", "emergency"})


async def read(ctx: Context, text: str, prediction: Prediction, saved: Saved | None,
               history: closing.History) -> Reply:
    """The reply to `text`, which `prediction` classified; `saved` is the resident's open
    dialog, whose step did not take it (an aside), or None."""
    reasons = tuple(prediction.reasons)
    said = courtesy.kind(text)
    if said is not None:
        # Only a greeting asks whether the resident paused: the previous message is read
        # for it alone, or once the reply is known (Router._closed), if the line depends on it.
        paused = said == "greeting" and await _paused(ctx, history)
        courteous = await asides.courtesy(ctx, text, paused)
        if courteous is not None:
            return courteous
    seen = supplement.Seen()
    if saved is None:       # (words with danger in them join only an emergency: supplement)
        continued = await supplement.continuing(ctx, text, prediction.intent,
                                                prediction.confident, reasons, seen)
        if continued is not None:    # an answer to the officer, a supplement
            await classified(ctx, "joined")     # neither acted on nor the menu
            return continued
    if saved is None and followup.asks_on(text) and not alarming(reasons) and not (
            prediction.confident and prediction.intent in OWN_INTENTS):
        # "在哪办" just after an answer asks about that answer's topic.
        entry = followup.topic_of(ctx.services.faq, await history.previous(ctx), ctx.now)
        if entry is not None:
            await classified(ctx, "acted")
            return await followup.handle(ctx, entry, text, reasons)
    known = await consult.known(ctx, text, prediction)
    if known is not None:  # the knowledge base knows it
        await classified(ctx, "acted")
        return await REGISTRY.handle(ctx, REGISTRY.faq_answerer(), text,
                                     (*reasons, f"faq:{known}"))
    if prediction.intent == "other" and prediction.confident:
        return await asides.other(ctx, text)
    if not prediction.confident:
        await classified(ctx, "menu")
        # A danger the alarm talked the gate out of ("家里着火了怎么办": a fire now, or a
        # question?) is not raised, but the numbers come before the menu, in case.
        if overruled(reasons):
            return await quickmenu.ask(ctx, text, prediction.intent, reasons,
                                       texts.text("maybe_danger"))
        recent = await supplement.just_reported(ctx, seen)
        if recent is not None:   # more about the matter just reported, or another?
            return await supplement.ask(ctx, recent, text, prediction.intent, reasons)
        return await quickmenu.ask(ctx, text, prediction.intent, reasons)
    await classified(ctx, "acted")
    reported = await offline.asked_before(ctx, history, prediction.intent)
    if reported is None:
        return await REGISTRY.handle(ctx, prediction.intent, text, reasons)
    # The matter a resident asked after, reported elsewhere: the question heads the ticket.
    reply = await REGISTRY.handle(ctx, prediction.intent, offline.told(reported, text), reasons)
    await offline.link(ctx, reported)
    return reply


async def _paused(ctx: Context, history: closing.History) -> bool:
    previous = await history.previous(ctx)
    return courtesy.paused(previous.received_at if previous else None, ctx.now)
