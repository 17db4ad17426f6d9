"""A resident cancelling their own booking (§5: an open appointment → cancelled, by the
resident): "我想取消预约", "预约的身份证那天去不了了", "取消预约DCF20261205-0005". Nothing is
cancelled without a yes to a numbered question naming the booking; with several open bookings
the resident picks one. A booking still being filled in is simply abandoned."""

from __future__ import annotations

import re
from typing import Any

from handlers import texts
from handlers.core.context import Context
from handlers.core.types import Reply
from handlers.dialogs.steps import Dialog, Invalid, Step, picked_number
from storage.tickets import store as ticket_store
from storage.tickets.models import UNRESOLVED_STATUSES, Ticket

# A cancellation asked for a booking, either way round, within one clause; not one that
# happened to it ("被取消", "系统取消了预约").
_CANCEL = r"(?:取消|撤销|撤回|退掉|作废)"
_ASKS = re.compile(
    rf"(?<!被){_CANCEL}(?!了)[^，。,.!！？?]{{0,8}}预约"
    rf"|预约[^，。,.!！？?]{{0,12}}(?<!被)(?:{_CANCEL}|不去了|去不了|来不了|不办了|不用了)")
_LONGEST = 60        # a long message mentioning a cancellation is a report, not this request
_YES = ("确认", "确定", "是", "是的", "对", "好", "取消吧")
_KEEP = ("保留", "不取消", "算了", "不用了", "不了", "否", "不")
DIALOG_NAME = "cancel_booking"


def asks(text: str) -> bool:
    """Whether a message asks to cancel a booking."""
    return len(text) <= _LONGEST and _ASKS.search(text) is not None


async def handle(ctx: Context, number: str | None, booking_dialog: str) -> Reply:
    """Cancel the resident's booking by number, or ask which (and whether) to cancel."""
    dialogs = ctx.services.dialogs
    saved = await dialogs.current(ctx)
    if saved is not None and saved.dialog == booking_dialog:
        return await dialogs.control(ctx, saved, "cancel")
    bookings = [t for t in await ticket_store.list_for_openid(ctx.session, ctx.message.openid)
                if t.kind == "appointment" and t.status in UNRESOLVED_STATUSES]
    if number:
        bookings = [t for t in bookings if t.number == number.upper()]
    if not bookings:
        return Reply(texts.text("cancel_booking_none"))
    numbers = [t.number for t in bookings]
    if len(bookings) == 1:
        head = texts.text("cancel_booking_one", number=numbers[0], summary=bookings[0].summary)
        lines = [f"{i}. {texts.text(key)}"
                 for i, key in enumerate(("cancel_booking_yes", "cancel_booking_keep"), start=1)]
    else:
        head = texts.text("cancel_booking_which")
        lines = [f"{i}. {t.number} {t.summary}" for i, t in enumerate(bookings, start=1)]
        lines.append(f"{len(lines) + 1}. {texts.text('cancel_booking_keep_all')}")
    return await dialogs.start(ctx, DIALOG_NAME,
                               {"_numbers": numbers, "_lines": "\n".join([head, *lines])})


def _pick(answer: str) -> str:
    said = answer.strip().strip("。.！!")
    picked = picked_number(said)
    if picked is not None:
        return str(picked)
    if said in _YES:
        return "1"
    if said in _KEEP:
        return "keep"
    raise Invalid("choice_unknown")


def _lines(data: dict[str, Any]) -> dict[str, str]:
    return {"lines": data.get("_lines", "")}


async def _chosen(ctx: Context, data: dict[str, Any]) -> Reply:
    numbers: list[str] = data.get("_numbers", [])
    pick = data["pick"]
    # One booking: 1 cancels it, 2 keeps it. Several: a booking's number, or the last to keep.
    index = int(pick) - 1 if pick.isdigit() else -1
    if not 0 <= index < len(numbers):
        return Reply(texts.text("cancel_booking_kept"))
    ticket = await ticket_store.get_by_number(ctx.session, numbers[index])
    if not _cancellable(ticket, ctx.message.openid):
        # Finished or cancelled by an officer since the question was asked.
        return Reply(texts.text("cancel_booking_none"))
    await ctx.services.lifecycle.move(ctx.session, ticket, "cancelled", by="resident",
                                      actor="resident", at=ctx.now,
                                      text=texts.text("cancel_booking_event"))
    return Reply(texts.text("cancel_booking_done", number=ticket.number))


def _cancellable(ticket: Ticket | None, openid: str) -> bool:
    return ticket is not None and ticket.openid == openid and ticket.kind == "appointment" \
        and ticket.status in UNRESOLVED_STATUSES


DIALOG = Dialog(
    name=DIALOG_NAME,
    steps=(Step("pick", "cancel_booking_pick", validate=_pick, describe=_lines),),
    finish=_chosen,
)
