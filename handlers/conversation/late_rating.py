"""Rating late (好差评, B.5): a resident who let the verdict dialog lapse writes 评价 (their most
recently resolved ticket not yet rated) or 评价 工单号, and the verdict dialog starts again
while the ticket's resolution is less than 5 working days old. Its answers have every effect
of timely ones: the score stored, a 1–2 opening the 差评 follow-up, the timeline, the figures."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from handlers import texts
from handlers.conversation import verdict
from handlers.core.context import Context
from handlers.core.types import Reply
from storage.tickets import store as ticket_store
from storage.tickets import verdicts as verdict_store
from storage.tickets.models import Ticket, Verdict

RATEABLE = frozenset({"resolved", "closed"})
# 评价 / 我要评价 / 补评 / 评价 DCF20261125-0001 / 评价工单：DCF…: the whole message, so that
# "评价一下民警的态度很好" stays feedback.
_COMMAND = re.compile(r"^(?:我要|我想)?(?:补充评价|补评|评价|评分)(?:一下)?\s*(?:工单号?)?[\s:：]*"
                      r"(?P<number>[A-Z]{1,8}\d{8}[-—_ ]?\d{4,})?[\s。.!！]*$")


@dataclass(frozen=True)
class Request:
    """A resident asking to rate; `named` when they wrote a ticket number."""

    named: bool


def request(text: str) -> Request | None:
    """The rating request the message is, or None."""
    plain = unicodedata.normalize("NFKC", text).strip().upper()
    found = _COMMAND.match(plain)
    if found is None:
        return None
    return Request(found.group("number") is not None)


async def handle(ctx: Context, asked: Request, number: str | None) -> Reply:
    """Restart the verdict dialog for the ticket meant (`number`: the one named, read the
    canonical way), or say why it cannot be rated."""
    if asked.named:
        ticket = await ticket_store.get_by_number(ctx.session, number) if number else None
        if ticket is None or ticket.openid != ctx.message.openid:
            # Someone else's number reads exactly like a number that does not exist.
            return Reply(texts.text("status_not_found"))
        row = await verdict_store.get(ctx.session, ticket)
    else:
        found = await verdict_store.latest_to_rate(ctx.session, ctx.message.openid)
        if found is None:
            return Reply(texts.text("late_rating_none"))
        ticket, row = found
    return await _rate(ctx, ticket, row)


async def _rate(ctx: Context, ticket: Ticket, row: Verdict | None) -> Reply:
    saved = await ctx.services.dialogs.current(ctx)
    if saved is not None and saved.dialog == verdict.DIALOG_NAME \
            and saved.data.get("_ticket") == ticket.number:
        # Still in time: the question they have not answered yet, again.
        return await ctx.services.dialogs.reask(ctx, saved, "")
    if row is not None and row.satisfaction is not None:
        return Reply(texts.text("late_rating_already", number=ticket.number,
                                score=verdict.SCORES[row.satisfaction - 1].label))
    ends = verdict.rating_ends(ticket, ctx.services.calendar)
    if ticket.status not in RATEABLE or ends is None:
        return Reply(texts.text("late_rating_not_resolved", number=ticket.number,
                                status=texts.STATUS_LABELS[ticket.status]))
    if ends <= ctx.now:
        return Reply(texts.text("late_rating_closed", number=ticket.number,
                                ends=ctx.services.local_time(ends)))
    if row is None:     # resolved before residents were asked (or from another door)
        row = await verdict_store.asked(ctx.session, ticket, ctx.now)
    data: dict[str, object] = {"_ticket": ticket.number, "_late": True, "_kind": ticket.kind}
    if row.solved is not None:   # 问题解决了吗 was answered: only the scores are missing
        data["solved"] = "yes" if row.solved else "no"
    intro = texts.text("late_rating_intro", number=ticket.number,
                       ends=ctx.services.local_time(ends))
    return await ctx.services.dialogs.start(ctx, verdict.DIALOG_NAME, data, intro=intro)
