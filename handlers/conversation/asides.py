"""What is said beside the business at hand: a greeting, thanks, an emoji, a stray digit,
a request for the menu, or a question asked in the middle of a dialog."""

from __future__ import annotations

import re

from handlers import texts
from handlers.conversation import helpmenu
from handlers.conversation.courtesy import kind as said_kind
from handlers.core.context import Context
from handlers.core.types import Reply
from handlers.intents import consult
from storage.intake.dialogs import Saved

_QUESTION_END = re.compile(r"(?:吗|么|呢|没有)[？?。!！]*$|[？?]\s*$")
_QUESTION_WORDS = ("哪里", "哪儿", "几点", "什么", "怎么", "多少", "能不能", "可不可以", "是否",
                   "要不要", "需不需要")
_LINES = {"greeting": "courtesy_greeting", "thanks": "courtesy_thanks",
          "emoji": "courtesy_emoji"}


def is_question(text: str) -> bool:
    """A message asking something ("需要带户口本吗？", "几点上班")."""
    return bool(_QUESTION_END.search(text.strip())) or any(w in text for w in _QUESTION_WORDS)


async def in_dialog(ctx: Context, saved: Saved, text: str) -> Reply | None:
    """A greeting or a question where a checked answer is expected: answered, and the step
    asked again; None when the message is for the step."""
    dialogs = ctx.services.dialogs
    dialog = dialogs.registry.get(saved.dialog)
    if dialog is None or saved.step >= len(dialog.steps):
        return None
    step = dialog.steps[saved.step]
    said = said_kind(text)
    if step.lenient:
        return None     # a numbered menu: anything but its numbers leaves it
    if said == "menu":
        return await helpmenu.show(ctx)
    # "谢谢" may close an optional step (no more to add); a greeting answers no question.
    if said in _LINES and not (said == "thanks" and step.optional):
        return await dialogs.reask(ctx, saved, texts.text(
            "dialog_aside_thanks" if said == "thanks" else "dialog_aside_courtesy"))
    # Free words (地点, 经过, 意见) take anything else; a checked answer is never a question.
    if not (step.options or step.validate or step.check):
        return None
    if said is None and is_question(text) and not dialogs.takes(ctx, saved, text):
        found = consult.answer(ctx, text)
        if found:
            return await dialogs.reask(ctx, saved, found)
    return None


async def courtesy(ctx: Context, text: str, paused: bool) -> Reply | None:
    """One courteous line for a greeting, thanks or an emoji; the menu when asked for, for a
    digit no prompt is waiting for, and with a greeting after a pause."""
    said = said_kind(text)
    if said is None:
        return None
    if said == "menu":
        return await helpmenu.show(ctx)
    if said == "digit":
        return await helpmenu.show(ctx, texts.text("menu_digit_unknown"))
    if said == "greeting" and paused:
        return await helpmenu.show(ctx, texts.text("courtesy_greeting_back"))
    return Reply(texts.text(_LINES[said]))


async def other(ctx: Context, text: str) -> Reply:
    """Chatter and messages for no one: one line saying what we do."""
    return Reply(texts.text("courtesy_other"))
