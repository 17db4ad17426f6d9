"""How the engine reads a resident's words as a step's answer: the step's own answer, a later
step's answer typed early (kept for it), or an earlier answer corrected (corrections)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handlers import texts
from handlers.core.context import Context
from handlers.dialogs import corrections
from handlers.dialogs.steps import Dialog, Invalid, Step, skips

if TYPE_CHECKING:
    from storage.intake.dialogs import Saved


def parse(step: Step, text: str) -> str:
    """`text` as `step`'s answer (its choice, or its validated words); raises Invalid."""
    answer = text.strip()
    if step.optional and skips(answer):
        return ""
    if step.options:
        try:
            return step.choose(answer)
        except Invalid:
            if step.validate is None:
                raise
            return step.validate(answer)   # a choice said in words ("没解决，因为…")
    if not answer:
        raise Invalid("answer_empty")
    return step.validate(answer) if step.validate else answer


def reader(ctx: Context, saved: Saved) -> corrections.Reader:
    """How an earlier step reads a correction: parsed and checked as its answer was."""
    async def read(step: Step, text: str) -> str:
        if step.loaded is not None:
            await step.loaded()
        value = parse(step, text)
        return step.check(ctx, value, saved.data) if step.check is not None and value \
            else value
    return read


async def kept_ahead(ctx: Context, dialog: Dialog, saved: Saved, text: str) -> str:
    """A later step's answer typed where another is asked (a time at "which service?"):
    kept for that step, and said so; "" when the message is no such answer."""
    for later in dialog.steps[saved.step + 1:]:
        if (later.ahead is None or not later.skip_when_known
                or saved.data.get(later.name) or not later.ahead(text)):
            continue
        if later.loaded is not None:
            await later.loaded()
        try:
            value = parse(later, text)
            if later.check is not None and value:
                value = later.check(ctx, value, saved.data)
        except Invalid:
            return ""
        saved.data[later.name] = value
        return texts.text("dialog_kept_ahead", value=value)
    return ""
