"""What the classifier's reasons say about a message (a danger seen, by rule or overruled),
and the outcome of a message kept for /metrics. A new reading of the reasons goes here."""

from __future__ import annotations

from handlers.core.context import Context
from handlers.core.settlement import current as current_settlement
from handlers.core.text.reasons import saw_danger
from storage.intake import inbound as inbound_store


def by_rule(reasons: tuple[str, ...]) -> bool:
    """Whether the rules (not the model alone) raised the emergency."""
    return any(reason.startswith("rule:emergency") for reason in reasons)


def alarming(reasons: tuple[str, ...]) -> bool:
    """Whether anything in the classifier saw a danger, even one it settled otherwise: such
    a message is never read as a follow-up to an answer."""
    return saw_danger(reasons)


def overruled(reasons: tuple[str, ...]) -> bool:
    """Whether the gate found a danger told now that the alarm overruled."""
    return any(reason.startswith("alarm:overruled") for reason in reasons)


async def classified(ctx: Context, outcome: str) -> None:
    """Keep the message's outcome, "acted", "menu" or "joined" a ticket, for /metrics."""
    settlement = current_settlement(ctx.message)
    if settlement is not None:
        # Stored with the reply: a knowledge-base answer then needs no session of its own.
        settlement.classified = outcome
    elif ctx.message.inbound_id is not None:
        await inbound_store.mark_classified(ctx.session, ctx.message.inbound_id, outcome)
