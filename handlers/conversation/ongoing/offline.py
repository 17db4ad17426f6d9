"""A matter the resident reported elsewhere (by phone, at a station), told here after asking
after it.

"我上个月在派出所反映的那个噪音问题，现在怎么样了" finds no ticket on this account: the reply
asks for the matter and roughly when (status_none), and the next message tells it ("就是楼上
天天晚上跺脚那个"). A ticket opened from that message alone gave its officer half the story
and no sign that it had been reported before. The question heads the ticket's text and its
message is linked to the ticket, so 群众对话 shows both.
"""

from __future__ import annotations

from datetime import timedelta

from handlers import texts
from handlers.conversation.closing import History, Previous
from handlers.core.context import Context
from handlers.core.settlement import current, link_ticket

# Long enough to find the date and the words; a later message is a matter of its own.
WINDOW = timedelta(minutes=30)
# What the resident tells after being asked: a report or a view (a question is answered by
# the knowledge base on its own words, before this is read).
TELLING = frozenset({"complaint", "feedback"})


async def asked_before(ctx: Context, history: History, intent: str) -> Previous | None:
    """The resident's question about a matter reported elsewhere, when the message in hand
    (read as `intent`) answers status_none's request to tell it; else None."""
    if intent not in TELLING:
        return None
    previous = await history.previous(ctx)
    # In the reply, not at its head: a resident writing English had it headed by the note
    # that our replies are in Chinese (texts.english_noted).
    if (previous is None or not previous.said or ctx.now - previous.received_at > WINDOW
            or texts.text("status_none") not in previous.reply):
        return None
    return previous


def told(previous: Previous, text: str) -> str:
    """The ticket's text: the question that asked after the matter, then the matter."""
    return f"{previous.said}\n{text}"


async def link(ctx: Context, previous: Previous) -> None:
    """Link the question's message to the ticket the message in hand opened, if it did."""
    settlement = current(ctx.message)
    if settlement is not None and settlement.ticket_id is not None:
        await link_ticket(ctx.session, previous.inbound_id, settlement.ticket_id)
