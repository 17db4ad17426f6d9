"""What is said beside the business at hand: a greeting, thanks, an emoji, a stray digit,
a request for the menu, or a question asked in the middle of a dialog."""

from __future__ import annotations

import re

from handlers import texts
from handlers.conversation import helpmenu
from handlers.conversation.courtesy import kind as said_kind
from handlers.conversation.ongoing import supplement
from handlers.core.context import Context
from handlers.core.text.spelling import cjk_count
from handlers.core.types import Reply
from handlers.dialogs import corrections, slots
from handlers.dialogs.steps import WITHDRAW_CANCELS, Dialog
from handlers.intents import complaint, consult, status
from storage.intake.dialogs import Saved

_QUESTION_END = re.compile(r"(?:吗|么|呢|没有)[？?。!！]*$|[？?]\s*$")
_QUESTION_WORDS = ("哪里", "哪儿", "几点", "什么", "怎么", "多少", "能不能", "可不可以", "是否",
                   "要不要", "需不需要", "多久", "多长时间", "为什么", "会不会", "有没有")
_DIGITS = re.compile(r"\d{5,}")
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
    number = saved.data.get("_ticket") if saved.dialog == complaint.DETAILS.name else None
    if dialog.withdrawal is not None and supplement.withdraws(text):
        withdrawn = await _withdrawn(ctx, dialog, saved, text)
        if withdrawn is not None:
            return withdrawn
    said = said_kind(text)
    if step.lenient:
        return None     # a numbered menu: anything but its numbers leaves it
    if said == "menu":
        return await helpmenu.show(ctx)
    # "谢谢" may close an optional step (no more to add); a greeting answers no question.
    # ... unless it answers a choice: "👍" or "嗯嗯好了" at 问题解决了吗, "😊" at 满意度;
    # an emoji alone is an answer where any answer will do (the rating's 打分, 意见).
    if said in _LINES and not (said in ("thanks", "emoji") and step.optional) \
            and not (step.options and dialogs.takes(ctx, saved, text)):
        return await dialogs.reask(ctx, saved, texts.text(
            "dialog_aside_thanks" if said == "thanks" else "dialog_aside_courtesy"))
    if number and said is None and is_question(text) and _asks_status(ctx, text):
        # "我的报警有人管吗" while the report's questions are asked, even where free words are
        # taken: where the report stands, then the question again (it is not a detail).
        shown = await status.handle(ctx, number)
        return await dialogs.reask(ctx, saved, shown.text)
    # Free words (地点, 经过, 意见) take anything else; a checked answer is never a question.
    if not (step.options or step.validate or step.check):
        return None
    if step.optional and said is None and is_question(text):
        # A step that keeps free words (the rating's sub-scores) still answers a question
        # the knowledge base knows; one it does not know is kept with the words.
        found = await _answered(ctx, text, number)
        if found:
            return await dialogs.reask(ctx, saved, found)
    if said is not None or dialogs.takes(ctx, saved, text):
        return None
    if step.validate is slots.place and slots.asks_back(text):
        return None     # "这个还要说地址吗？": the step says why it asks, and asks again
    if is_question(text):
        found = await _answered(ctx, text, number)
        if found:
            return await dialogs.reask(ctx, saved, found)
    if number and _told(text) and corrections.new_words(text) is None:
        # More about the matter (车是雅迪的，蓝色) or a question for the officer (要多久能找回来)
        # where a phone number is asked: kept on the ticket, then the step again.
        key = "dialog_aside_question_recorded" if is_question(text) else "dialog_aside_recorded"
        recorded = await supplement.add_by_number(ctx, number, text, key)
        if recorded is not None:
            return await dialogs.reask(ctx, saved, recorded.text)
    return None


async def _withdrawn(ctx: Context, dialog: Dialog, saved: Saved, text: str) -> Reply | None:
    """A wish to withdraw, as the dialog says (Dialog.withdrawal): the dialog cancelled (it
    filed nothing: read as a description it opened a ticket holding those words), or the
    wish put on its ticket for the officer to confirm, and nothing more asked (nor kept as a
    place); None when there is no such ticket."""
    dialogs = ctx.services.dialogs
    if dialog.withdrawal == WITHDRAW_CANCELS:
        return await dialogs.control(ctx, saved, "cancel")
    number = saved.data.get("_ticket")
    withdrawn = await supplement.add_by_number(ctx, number, text, "withdraw_recorded",
                                               "resident_withdraws_alert") if number else None
    if withdrawn is not None:
        await dialogs.end(ctx)
    return withdrawn


async def _answered(ctx: Context, text: str, number: str | None) -> str | None:
    """The knowledge base's answer to a question asked aside; the parts of it nothing
    answers ("另外居住证怎么办") said, and kept for an officer: on the dialog's own ticket,
    else on a consult ticket, as outside a dialog."""
    found, left = consult.answers(ctx, text)
    found, left = _chatter_left(ctx, found, left)
    if not (found and left):
        return found
    if number:
        recorded = await supplement.add_by_number(ctx, number, text,
                                                  "dialog_aside_question_recorded")
        if recorded is not None:
            return "\n".join((found, texts.text("dialog_aside_parts_left",
                                                parts="”“".join(left)), recorded.text))
    told = await consult.to_officer(ctx, text, ("aside:parts_left",), answered=found,
                                    left=left)
    return told.text


def _chatter_left(ctx: Context, found: str | None,
                  left: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """The answer with a line on the parts that are chatter ("今天天气怎么样": no officer
    answers it), and the parts left for an officer."""
    if not found:
        return found, left
    chatter = tuple(part for part in left if _chatter(ctx, part))
    if chatter:
        found = "\n".join((found, texts.text("aside_parts_chatter", parts="”“".join(chatter))))
    return found, tuple(part for part in left if part not in chatter)


def _chatter(ctx: Context, part: str) -> bool:
    reading = ctx.services.classifier.classify(part)
    return reading.confident and reading.intent == "other"


def _asks_status(ctx: Context, text: str) -> bool:
    reading = ctx.services.classifier.classify(text)
    return reading.confident and reading.intent == "status"


def _told(text: str) -> bool:
    """Words about something, not a mistyped answer (a phone number short of a digit)."""
    return cjk_count(text) >= 4 and not _DIGITS.search(text)


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
    """Chatter and messages for no one: one line saying what we do; a question the
    knowledge base answers ("你们几点下班", read as chatter) gets that answer."""
    found, left = _chatter_left(ctx, *consult.answers(ctx, text)) if is_question(text) \
        else (None, ())
    if found and left:      # the parts nothing answers go to an officer, as a consultation
        return await consult.to_officer(ctx, text, ("other:parts_left",), answered=found,
                                        left=left)
    return Reply(texts.text("consult_answer", answer=found) if found
                 else texts.text("courtesy_other"))
