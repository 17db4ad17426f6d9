"""Contract §4's precedence for a text, steps 1-5, in the order a message meets them here: a
menu key typed out; the emergency gate; 取消 / 返回 / 重新开始; 评价 (rating late), 取消预约 or
改期, ticket numbers and status phrases, 我要报警; an open dialog's step (an aside answered first).
A new check that must come before the open dialog goes here, in its place; what no step took
is read in `reading` (step 6)."""

from __future__ import annotations

from handlers import texts
from handlers.conversation import asides, closing, late_rating, menu, status_beside, warmup
from handlers.conversation.router import reading
from handlers.conversation.router.signs import by_rule, classified
from handlers.core.context import Context
from handlers.core.types import Reply
from handlers.dialogs.steps import NotAnAnswer, control_command
from handlers.intents import complaint, emergency, status
from handlers.intents.bookings import reschedule
from handlers.intents.registry import noted


async def text(ctx: Context, text: str, history: closing.History) -> Reply:
    """The reply to a text (or recognised voice) `text`."""
    typed = menu.action(text.strip())
    if typed is not None:  # a menu key typed out is a button, never a report
        return await typed(ctx)
    # Asked already when the message came past a full queue (conversation.urgency).
    prediction = ctx.message.verdict or ctx.services.classifier.classify(text)
    reasons = tuple(prediction.reasons)
    dialogs = ctx.services.dialogs
    saved = await dialogs.current(ctx)
    # The rules' emergencies pre-empt everything; one the model alone raised does not
    # pre-empt an answer to a dialog's question ("我家楼下" answering 地点).
    if prediction.intent == "emergency" and (saved is None or by_rule(reasons)):
        await classified(ctx, "acted")
        return await emergency.handle(ctx, text, reasons, prediction.emergency_kinds,
                                      prediction.also_told)
    # What reading the message needs, off the loop: the open step's, a day question's.
    await dialogs.loaded(saved)
    await warmup.loaded_for(text)
    command = control_command(text)
    if command is not None:
        return await dialogs.control(ctx, saved, command)
    rating = late_rating.request(text)
    if rating is not None:    # 评价 (工单号): the verdict dialog again, within 5 working days
        return await late_rating.handle(ctx, rating, prediction.ticket_number)
    mine = await reschedule.own_booking(ctx, text, prediction.ticket_number)
    if mine is not None:      # "取消预约", "预约能改到周三吗": the resident's own booking
        return mine
    if saved is None and status_beside.points_at_ticket(text):    # "刚才那个单子"
        return noted(text, await status.show(ctx))
    beside = status_beside.others(ctx, text) if saved is None else ()
    if beside:    # "我的投诉处理到哪了？另外办居住证要带什么": both answered
        await classified(ctx, "acted")
        return noted(text, await status_beside.handle(ctx, text, beside, reasons))
    if prediction.ticket_number or (prediction.intent == "status"
                                    and reasons and reasons[0].startswith("rule")):
        if prediction.ticket_number:
            return noted(text, await status.handle(ctx, prediction.ticket_number))
        return noted(text, await status.show(ctx))
    if prediction.report_request:    # "我要报警": 110 first, then the matter recorded here
        return await dialogs.start(ctx, complaint.START.name,
                                   intro=texts.text("report_request"))
    if saved is not None:
        aside = await asides.in_dialog(ctx, saved, text)
        if aside is not None:     # a greeting or a question: answered, the step again
            return aside
        try:
            return await dialogs.answer(ctx, saved, text)
        except NotAnAnswer:
            saved = None   # a lenient prompt left unanswered (and closed): read afresh
    return await reading.read(ctx, text, prediction, saved, history)
