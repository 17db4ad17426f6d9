"""Feedback: praise, suggestions and criticism become feedback tickets; praise goes to its unit."""

from __future__ import annotations

import re
from typing import Any

from handlers import texts
from handlers.core.context import Context
from handlers.core.types import Reply
from handlers.dialogs.steps import Dialog, Step
from handlers.intents.registry import Intent, MenuButton, QuickChoice
from handlers.tickets.opening import open_ticket
from handlers.tickets.routing import route, station_of_area
from storage.tickets import store as ticket_store

PRAISE_WORDS = ("表扬", "感谢", "谢谢", "点赞", "好样的", "辛苦了", "锦旗", "负责", "热情")
# Criticism that may borrow a praise word ("一点都不负责", "谢谢你们的敷衍"): thanks would mock it.
_CRITICISM = re.compile(r"(不|没|没有|未|缺乏|毫无)[^，。,.!！？?]{0,3}(负责|热情)"
                        r"|差|恶劣|不满|失望|敷衍|推诿|推脱|投诉|批评|冷漠|不耐烦|凶")


def praises(text: str) -> bool:
    """Whether feedback is praise: a praise word, and no criticism beside it."""
    return any(word in text for word in PRAISE_WORDS) and _CRITICISM.search(text) is None


async def handle(ctx: Context, text: str, reasons: tuple[str, ...]) -> Reply:
    """Register the feedback; praise naming a unit is linked to that unit."""
    services = ctx.services
    praise = praises(text)
    named = route(services.settings.units, services.settings.default_unit, text=text)
    unit = named.unit if praise and not named.flagged else None
    ticket = await open_ticket(
        ctx.session, services.settings, services.calendar, kind="feedback", text=text,
        channel=ctx.message.channel, now=ctx.now, openid=ctx.message.openid,
        reasons=reasons, unit=unit, inbound_id=ctx.message.inbound_id, plain=True)
    if unit and named.misnamed:
        reply = "\n".join((texts.text("praise_opened_area", number=ticket.number),
                           station_of_area(named)))
    elif unit:
        reply = texts.text("praise_opened", unit=unit, number=ticket.number)
    else:   # praise without a station named is still thanks, not a suggestion to study
        reply = texts.text("praise_opened_plain" if praise else "feedback_opened",
                           number=ticket.number)
    ticket_store.add_event(ctx.session, ticket, "system", "auto_reply", reply, at=ctx.now)
    return Reply(reply)


async def _from_menu(ctx: Context, data: dict[str, Any]) -> Reply:
    return await handle(ctx, data["text"], ("menu:FEEDBACK",))


START = Dialog(name="feedback_start", steps=(Step("text", "feedback_start"),),
               finish=_from_menu)



async def _menu(ctx: Context) -> Reply:
    return await ctx.services.dialogs.start(ctx, START.name)


INTENT = Intent(
    label="feedback", name="意见建议", kind="feedback", priority="P4", handle=handle,
    dialogs=(START,),
    menu=(MenuButton("FEEDBACK", "意见建议", _menu, under="我要反映", order=20),),
    quick=QuickChoice("意见建议", ("建议", "意见"), position=4))
