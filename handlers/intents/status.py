"""我的工单: the resident's own tickets, as a numbered list whose numbers open the ticket they
stand for (a digit answers the newest numbered prompt); a number that is not theirs reveals
nothing."""

from __future__ import annotations

import re
from typing import Any

from handlers import texts
from handlers.core.context import Context
from handlers.core.types import Reply
from handlers.dialogs.steps import Dialog, Invalid, Step, picked_number
from handlers.intents.registry import Intent, MenuButton, QuickChoice
from storage.tickets import store as ticket_store
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket

LIST_LIMIT = 5


async def handle(ctx: Context, number: str | None = None) -> Reply:
    """One ticket by number (only the resident's own), else the newest few."""
    openid = ctx.message.openid
    if number:
        ticket = await ticket_store.get_by_number(ctx.session, number.upper())
        if ticket is None or ticket.openid != openid:
            return Reply(texts.text("status_not_found"))
        return Reply(_detail(ctx, ticket))
    tickets = await ticket_store.list_for_openid(ctx.session, openid, LIST_LIMIT)
    if not tickets:
        return Reply(texts.text("status_none"))
    lines = [texts.text("status_list_head")]
    for i, ticket in enumerate(tickets, start=1):
        lines.append(texts.text(
            "status_line", i=i, number=ticket.number, kind=texts.KIND_LABELS[ticket.kind],
            status=texts.STATUS_LABELS[ticket.status],
            updated=ctx.services.local_time(ticket.updated_at),
            next=texts.NEXT_STEP[ticket.status]))
    return Reply("\n".join(lines))


def _detail(ctx: Context, ticket: Ticket) -> str:
    detail = texts.text(
        "status_detail", number=ticket.number, kind=texts.KIND_LABELS[ticket.kind],
        status=texts.STATUS_LABELS[ticket.status], unit=ticket.unit,
        created=ctx.services.local_time(ticket.created_at),
        updated=ctx.services.local_time(ticket.updated_at), next=texts.NEXT_STEP[ticket.status])
    if ticket.first_response_at is None and ticket.status in UNRESOLVED_STATUSES:
        # The promise the opening reply made, kept in view (and whether it was kept).
        late = ticket.first_response_due < ctx.now
        detail += "\n" + texts.text("status_detail_overdue" if late else "status_detail_due",
                                    due=ctx.services.local_time(ticket.first_response_due))
    return detail


async def _by_label(ctx: Context, text: str, reasons: tuple[str, ...]) -> Reply:
    # Numbered as the button's list is, so its numbers answer as the button's do.
    return await show(ctx)


async def _menu(ctx: Context) -> Reply:
    return await show(ctx)


def _pick(answer: str) -> str:
    picked = picked_number(answer)
    if picked is None:
        raise Invalid("choice_unknown")
    return str(picked)


def _lines(data: dict[str, Any]) -> dict[str, str]:
    return {"lines": data.get("_lines", "")}


async def _chosen(ctx: Context, data: dict[str, Any]) -> Reply:
    numbers = data.get("_numbers", [])
    index = int(data["pick"]) - 1
    if not 0 <= index < len(numbers):
        return await show(ctx)
    return await handle(ctx, numbers[index])


DIALOG = Dialog(
    name="ticket_list",
    steps=(Step("pick", "status_list_pick", validate=_pick, describe=_lines, lenient=True,
                controls=False),),
    finish=_chosen,
)


async def show(ctx: Context) -> Reply:
    """The resident's newest tickets, numbered; without tickets, what to do instead."""
    reply = await handle(ctx)
    numbers = re.findall(r"^\d+\. (\S+) ", reply.text, flags=re.MULTILINE)
    dialogs = ctx.services.dialogs
    saved = await dialogs.current(ctx)
    if saved is not None and saved.dialog != DIALOG.name:
        # A dialog in progress keeps its digits: its question follows the list, so the
        # resident sees what a reply now answers.
        return await dialogs.reask(ctx, saved, reply.text)
    if not numbers:
        return reply
    return await dialogs.start(
        ctx, DIALOG.name, {"_numbers": numbers, "_lines": reply.text})


INTENT = Intent(
    label="status", name="查询进度", handle=_by_label, dialogs=(DIALOG,),
    menu=(MenuButton("MY_TICKETS", "我的工单", _menu),),
    quick=QuickChoice("查询进度", ("查询", "进度"), position=5))
