"""A correction typed where a later question is asked: "等一下，我想改成上午" at a booking's
confirmation, "电话改成139…" at its name. It was "没有看懂您的选择": the resident had to
start again. The earlier answer the new words fit is changed, the answers after it that
depend on it are checked again, and the question in hand is asked again."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from handlers import texts
from handlers.core.context import Context
from handlers.dialogs.steps import Dialog, Invalid, Step

if TYPE_CHECKING:
    from storage.intake.dialogs import Saved

# "改成上午", "时间换到周三", "名字写错了，应该是王晓明": the new words follow the verb.
_CHANGE = re.compile(r"(?:改成|改为|改到|改在|换成|换到|换在|应该是|写错了[，,]?(?:是|应该是)?)"
                     r"[：:\s]*(?P<new>[^。！!？?]+)")
_TAIL = re.compile(r"(?:吧|啊|呀|哈|呢|嘛|行吗|可以吗|好吗|行不行|可不可以|好不好|谢谢)*"
                   r"[，,。.！!？?~～\s]*$")

# Refusals that say the words are no answer of that kind at all (not a time, not a name).
_NOT_IT = ("_invalid", "_unknown", "_empty", "_out_of_range", "_unclear")

Reader = Callable[[Step, str], Awaitable[str]]


def new_words(text: str) -> str | None:
    """The new answer a correction gives, or None when `text` corrects nothing."""
    found = _CHANGE.search(text)
    if found is None:
        return None
    said = _TAIL.sub("", found.group("new")).strip()
    return said or None


async def amend(ctx: Context, dialog: Dialog, saved: Saved, text: str, read: Reader) -> str:
    """Change the earlier answer `text` corrects (read with `read`, which raises Invalid for
    words the step does not take); the intro to ask the question in hand with, or "" when
    `text` is no correction of an answer given."""
    said = new_words(text)
    if said is None:
        return ""
    taken: list[tuple[int, str]] = []
    refused: list[Invalid] = []
    for index in range(saved.step - 1, -1, -1):
        step = dialog.steps[index]
        before = saved.data.get(step.name)
        if not before or step.lenient or not step.asked(saved.data):
            continue
        try:
            value = await read(step, step.amend(before, said) if step.amend else said)
        except Invalid as invalid:
            if not invalid.key.endswith(_NOT_IT):
                refused.append(invalid)     # its words, but not a good answer: say why
            continue
        if value:
            taken.append((index, value))
    if len(taken) > 1:    # words several answers take ("古楼所": a station, or a name?)
        taken = [(i, v) for i, v in taken if any(w in text for w in dialog.steps[i].called)]
    if len(taken) != 1:
        # "改到周六": a time, on a day the stations are closed; the answer stands.
        return texts.text(refused[0].key, **refused[0].values) \
            if not taken and len(refused) == 1 else ""
    index, value = taken[0]
    step = dialog.steps[index]
    saved.data[step.name] = value
    if dialog.on_answer is not None:      # what was kept from the answer gives way
        await dialog.on_answer(ctx, step.name, value, saved.data, amending=True)
    return await _recheck(ctx, dialog, saved, index, read) or texts.text("dialog_amended")


async def _recheck(ctx: Context, dialog: Dialog, saved: Saved, changed: int,
                   read: Reader) -> str:
    """Check again the answers after the changed one (a time against another station's
    hours); the first that no longer holds is asked again, with why. "" when all hold."""
    for index in range(changed + 1, saved.step):
        step = dialog.steps[index]
        before = saved.data.get(step.name)
        if not before or step.check is None or not step.asked(saved.data):
            continue
        try:
            await read(step, before)
        except Invalid as invalid:
            saved.data.pop(step.name, None)
            saved.step = index
            return texts.text(invalid.key, **invalid.values)
    return ""
