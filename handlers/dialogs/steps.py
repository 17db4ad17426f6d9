"""Dialogs declared as data: steps, numbered choices, validation, the control words, expiry."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from handlers import texts
from handlers.core.context import Context
from handlers.core.types import Reply

DEFAULT_TIMEOUT = timedelta(minutes=30)
# The control words, and the same in English (the English prompt line names them).
CONTROLS = {"取消": "cancel", "返回": "back", "重新开始": "restart",
            "cancel": "cancel", "back": "back", "restart": "restart", "start again": "restart"}
# In a dialog's data: the resident writes in English, each question is said in English too.
ENGLISH = "_english"
# Keys older versions kept in a dialog's data, dropped when a stored dialog is read: the name
# of an answer being changed, now an argument of OnAnswer (`amending`).
RETIRED = ("_amending",)
# A wish to withdraw in a dialog that has filed nothing yet ends it as 取消 does; in one whose
# ticket is open (its data's "_ticket") the wish goes on the ticket for its officer, who alone
# ends tickets (CONTRACT §5), and the questions end.
WITHDRAW_CANCELS = "cancel"
WITHDRAW_TO_OFFICER = "officer"
SKIP_WORDS = frozenset({"无", "没有", "跳过", "不用", "没", "无。", "没有了"})
# An optional question declined in the resident's own words ("不想留", "不清楚"): no answer.
_DECLINED = re.compile(r"^(?:不清楚|不知道|不记得|记不清|说不清|不想留|不想说|不方便(?:留|说)?"
                       r"|不留|不给|不用了|算了|没有手机|没手机"
                       # "没有照片", "暂时没有了": nothing of what was asked for
                       r"|(?:暂时|目前|现在|都|也)?(?:没有|没|无)(?:照片|图片|视频|录像|语音|录音"
                       r"|别的|其他的?|什么|补充的?)?"
                       # the same in English, as the English prompt line invites
                       r"|no|none|nothing|nope|skip|n/?a|not sure|no idea|(?:i )?don'?t know"
                       r"|(?:i )?do not know)[了吧啊。.！!～~，, ]*(?:谢谢|thanks?)?[。.！!]*$",
                       re.IGNORECASE)


def skips(answer: str) -> bool:
    """Whether an answer to an optional question leaves it empty."""
    return answer in SKIP_WORDS or _DECLINED.match(answer) is not None
_DIGIT = re.compile(r"^\s*(\d{1,2})\s*$")


def picked_number(answer: str) -> int | None:
    """The number an answer picks from a numbered list (" 2 " gives 2), or None."""
    digit = _DIGIT.match(answer)
    return int(digit.group(1)) if digit else None


class NotAnAnswer(Exception):
    """A lenient step's prompt was not answered: the message is something else."""


class Invalid(Exception):
    """An answer a step cannot take; `key` is the texts id of the re-ask."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values    # what the re-ask says about the answer (a day, a next slot)


class AskAgain(Invalid):
    """An answer to the step that leaves it open ("不知道" where the place is asked): the
    step asks once more, and the message is not read as anything else."""


@dataclass(frozen=True)
class Option:
    """One numbered choice of a step."""

    value: str
    label: str
    aliases: tuple[str, ...] = ()


Validate = Callable[[str], str]
# A check that needs the resident's moment and services (the calendar, a unit's hours).
Check = Callable[[Context, str, dict[str, Any]], str]
Finish = Callable[[Context, dict[str, Any]], Awaitable[Reply]]


class OnAnswer(Protocol):
    """Keeps step `name`'s answer where it belongs (a ticket's event, a booking's unit);
    `amending` when it replaces an answer given before (dialogs.corrections), so what was
    kept from that answer gives way."""

    def __call__(self, ctx: Context, name: str, value: str, data: dict[str, Any], *,
                 amending: bool = False) -> Awaitable[None]: ...


@dataclass(frozen=True)
class Step:
    """One question: `name` is the key its answer is stored under."""

    name: str
    prompt: str                                 # texts id; the prompt names what it asks
    options: tuple[Option, ...] = ()
    validate: Validate | None = None           # with options: reads what is not a choice
    check: Check | None = None                  # after validate, with the context
    optional: bool = False                      # 无 / 跳过 leave it empty
    skip_when_known: bool = False               # skipped when data already has `name`
    describe: Callable[[dict[str, Any]], dict[str, str]] | None = None  # prompt's values
    reword: Callable[[dict[str, Any]], str | None] | None = None  # another prompt id, by data
    footer: str = ""                            # texts id said after the choices
    lenient: bool = False                       # anything but a choice leaves the dialog
    controls: bool = True                       # say how to go back or stop
    loaded: Callable[[], Awaitable[None]] | None = None  # awaited before check: what it reads with
    # Asked only when this holds of the answers so far (a visit's address, not a window's).
    when: Callable[[dict[str, Any]], bool] | None = None
    # Recognises this step's answer typed while an earlier question is asked ("明天上午" at
    # "which service?"): kept for this step instead of lost (a skip_when_known step only).
    ahead: Callable[[str], bool] | None = None
    # A correction to this answer typed later ("改成上午" at 确认): the words to read, from
    # the answer before and the new words (the day kept when only the hour changes).
    amend: Callable[[str, str], str] | None = None
    # The words residents call this answer by ("电话改成…"): which answer a correction is for
    # when the words would do for several.
    called: tuple[str, ...] = ()
    # A second answer the step cannot take: the value it is taken as, never asked a third time.
    refused: Callable[[str], str] | None = None

    def asked(self, data: dict[str, Any]) -> bool:
        """Whether the step is asked at all with these answers."""
        return self.when is None or self.when(data)

    def choose(self, answer: str) -> str:
        """The value of a numbered choice, by number, label or alias."""
        picked = picked_number(answer)
        if picked is not None:
            index = picked - 1
            if 0 <= index < len(self.options):
                return self.options[index].value
            raise Invalid("choice_out_of_range")
        for option in self.options:
            if answer.strip() in (option.label, option.value, *option.aliases):
                return option.value
        raise Invalid("choice_unknown")


@dataclass(frozen=True)
class Dialog:
    """A named dialog: its steps in order, what to do with answers, and how it ends."""

    name: str
    steps: tuple[Step, ...]
    finish: Finish
    on_answer: OnAnswer | None = None
    timeout: timedelta = DEFAULT_TIMEOUT
    cancelled: str = "dialog_cancelled"         # texts id said on 取消
    on_cancel: Finish | None = None             # what 取消 says instead, from the answers
    # What a wish to withdraw ("算了，不投诉了") does at any of its questions: WITHDRAW_CANCELS
    # or WITHDRAW_TO_OFFICER; None: the words are read as any other answer.
    withdrawal: str | None = None


def prompt(step: Step, data: dict[str, Any] | None = None) -> str:
    """The question of `step`, its numbered choices, and how to go back or stop."""
    values = step.describe(data or {}) if step.describe else {}
    key = (step.reword(data or {}) if step.reword else None) or step.prompt
    lines = [texts.text(key, **values)]
    lines += [f"{i}. {option.label}" for i, option in enumerate(step.options, start=1)]
    if step.footer:
        lines.append(texts.text(step.footer))
    if step.controls:
        lines.append(texts.text("dialog_controls_optional" if step.optional
                                else "dialog_controls"))
    if (data or {}).get(ENGLISH):
        controls = ("optional" if step.optional else "required") if step.controls else None
        # A list the prompt's values number ("choices": the stations) is a choice too.
        lines.append(texts.in_english(key, numbered=bool(step.options) or "choices" in values,
                                      controls=controls, **values))
    return "\n".join(lines)


def control_command(text: str) -> str | None:
    """cancel / back / restart when the message is one of the control words."""
    return CONTROLS.get(text.strip().strip("。.!！").lower())


def join(*parts: str) -> str:
    """The non-empty parts, one a line."""
    return "\n".join(part for part in parts if part)
