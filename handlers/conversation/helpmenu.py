"""The numbered menu residents get when they ask for it ("菜单", "帮助", a stray digit):
its numbers answer it, and anything else is a new message."""

from __future__ import annotations

from typing import Any

from handlers import texts
from handlers.core.context import Context
from handlers.core.types import Reply
from handlers.dialogs.steps import Dialog, Option, Step
from handlers.intents import appointment, complaint, feedback, status

CHOICES = tuple(Option(value, texts.text(f"menu_{value}"), aliases) for value, aliases in (
    ("complaint", ("投诉", "举报", "反映问题")),
    ("appointment", ("预约",)),
    ("consult", ("咨询",)),
    ("feedback", ("建议", "意见", "评价")),
    ("status", ("查询", "进度", "查询进度")),
))


async def _chosen(ctx: Context, data: dict[str, Any]) -> Reply:
    choice, dialogs = data["choice"], ctx.services.dialogs
    if choice == "complaint":
        return await dialogs.start(ctx, complaint.START.name)
    if choice == "appointment":
        return await appointment.handle(ctx, "", ("menu:HELP",))
    if choice == "feedback":
        return await dialogs.start(ctx, feedback.START.name)
    if choice == "status":
        return await status.show(ctx)
    return Reply(texts.text("menu_consult_chosen"))


DIALOG = Dialog(
    name="help_menu",
    steps=(Step("choice", "menu_head", options=CHOICES, footer="menu_footer", lenient=True,
                controls=False),),
    finish=_chosen,
)


async def show(ctx: Context, intro: str = "") -> Reply:
    """The numbered menu, answerable by its numbers."""
    return await ctx.services.dialogs.start(ctx, DIALOG.name, intro=intro)
