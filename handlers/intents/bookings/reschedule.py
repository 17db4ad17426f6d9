"""A resident asking to move their booking ("我预约的时间能改到周三下午吗", "预约想改个时间"):
the wish goes on the open booking for its officer, who confirms the new time, as they confirm
every booking's time. Read afresh, it started a second booking (and took "周三" for the
Wednesday just past)."""

from __future__ import annotations

import re

from handlers import texts
from handlers.core.context import Context
from handlers.core.types import Reply
from handlers.intents import appointment
from handlers.intents.bookings import cancel as cancel_booking
from handlers.tickets import notices
from storage.tickets import store as ticket_store
from storage.tickets.models import UNRESOLVED_STATUSES

# 调 alone is 调解 as often as 调整, and 天 alone is 改天 "some other day": neither is enough.
_MOVE = r"(?:改|换|调整|调换|推迟|延后|往后推|提前|挪)"
_WHEN = r"(?:时间|日子|日期|那天|这天|哪天)"
_DAY = r"(?:下?(?:周|星期|礼拜)[一二三四五六日天]|明天|后天|下周|\d{1,2}[号日])"
_ASKS = re.compile(rf"改期|改约|{_MOVE}(?:一下|个|到|成)?[^，。,.!！？?]{{0,6}}{_WHEN}"
                   rf"|{_WHEN}[^，。,.!！？?]{{0,6}}{_MOVE}|{_MOVE}(?:到|成){_DAY}")
_LONGEST = 60        # a long message that mentions a new time is read as it stands


def asks(text: str) -> bool:
    """Whether a message asks to move a booking's time."""
    return len(text) <= _LONGEST and _ASKS.search(text) is not None


async def handle(ctx: Context, text: str) -> Reply | None:
    """The wish put on the resident's newest open booking, its officers told; None when they
    have none (then it is a booking like any other)."""
    bookings = [t for t in await ticket_store.list_for_openid(ctx.session, ctx.message.openid)
                if t.kind == "appointment" and t.status in UNRESOLVED_STATUSES]
    if not bookings:
        return None
    booking = max(bookings, key=lambda t: t.created_at)
    await notices.resident_said(ctx.session, ctx.services.alerting, booking, text, at=ctx.now,
                                inbound_id=ctx.message.inbound_id,
                                alert="reschedule_asked_alert")
    return Reply(texts.text("reschedule_recorded", number=booking.number))


async def own_booking(ctx: Context, text: str, number: str | None) -> Reply | None:
    """A message about the resident's own booking, whatever the classifier reads in it: a
    cancellation ("取消预约 (DCF…)") or, outside a dialog, a wish to move it; else None."""
    if cancel_booking.asks(text):
        return await cancel_booking.handle(ctx, number, appointment.DIALOG.name)
    if asks(text) and await ctx.services.dialogs.current(ctx) is None:
        return await handle(ctx, text)
    return None

