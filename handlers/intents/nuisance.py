"""A noise nuisance the resident is suffering, asked as a question ("楼上很吵怎么办"): told what
the police can do, then offered to have it recorded as a complaint.

The classifier reads such a question as a consultation, which passed it to an officer as a
question to answer. What the resident wants to know is whether and how we deal with it; many
do not want a formal complaint against a neighbour at once, so they are asked (yes/no), and a
yes runs the complaint dialog on what they first said."""

from __future__ import annotations

import re
from typing import Any

from handlers import texts
from handlers.core.context import Context
from handlers.core.text.reasons import saw_danger
from handlers.core.types import Reply
from handlers.dialogs.steps import Dialog, Option, Step
from handlers.intents import complaint

# Words that say the resident hears a noise.
NOISE_WORDS = ("吵", "噪音", "噪声", "扰民", "动静大", "声音大", "声音很大", "太响", "震得")
# Noisy doings, a nuisance when done at hours of rest (隔壁天天半夜装修).
NOISY_DOINGS = ("装修", "电钻", "砸墙", "广场舞", "音响", "唱歌", "蹦迪", "打麻将", "喇叭")
REST_HOURS = ("半夜", "深夜", "凌晨", "夜里", "晚上", "午休", "中午", "一大早", "天天", "每天")
# The question of someone it happens to: what to do, who deals with it.
ASKS = ("怎么办", "咋办", "怎么处理", "如何处理", "找谁", "谁管", "能管吗", "管不管", "管吗",
        "可以报警吗", "能报警吗", "怎么投诉", "该怎么")
# What the nuisance must not be mistaken for: damage done (装修弄坏了水管) is a complaint of
# its own kind, asked about as a consultation.
NOT_NOISE = ("坏了", "弄坏", "漏水", "损坏", "砸坏")


# "…能报警吗", "派出所管不管": whether the police take up something done to the resident.
_ASKS_POLICE = re.compile(r"(?:能|可以|能不能|可不可以)(?:报警|报案|立案)|报警(?:有用|管用)"
                          r"|(?:派出所|警察|公安|你们)(?:能)?管(?:不管|吗)")


def asked_about(text: str, reasons: tuple[str, ...]) -> bool:
    """True when `text` asks what to do about a noise nuisance happening to the resident,
    and nothing in the classifier saw a danger in it (a fight heard through the ceiling is
    the emergency path's, whatever was settled)."""
    if saw_danger(reasons) or any(reason.startswith("alarm:") for reason in reasons):
        return False
    asks = any(ask in text for ask in ASKS) or _ASKS_POLICE.search(text) is not None
    if not asks or any(word in text for word in NOT_NOISE):
        return False
    return any(word in text for word in NOISE_WORDS) or (
        any(doing in text for doing in NOISY_DOINGS)
        and any(hour in text for hour in REST_HOURS))


_DONE_TO = re.compile(r"被|丢了|丢失|偷|骗|抢|欺负|砸|刮|划|威胁|骚扰|占了|打了|打我")
_SUPPOSED = re.compile(r"如果|万一|假如|要是|假设|一般")


def reportable_asked(text: str, reasons: tuple[str, ...]) -> bool:
    """True when `text` asks whether the police take up something done to the resident
    ("我的快递被偷了能报警吗"), not a case supposed, and nothing in it was a danger."""
    if saw_danger(reasons) or any(reason.startswith("alarm:") for reason in reasons):
        return False
    return bool(_ASKS_POLICE.search(text) and _DONE_TO.search(text)
                and not _SUPPOSED.search(text))


async def offer(ctx: Context, text: str, reasons: tuple[str, ...],
                answer: str = "nuisance_answer") -> Reply:
    """What the police can do about it (`answer`), and whether to record it as a
    complaint."""
    return await ctx.services.dialogs.start(
        ctx, OFFER.name, {"_text": text, "_reasons": list(reasons)},
        intro=texts.text(answer))


async def _finish(ctx: Context, data: dict[str, Any]) -> Reply:
    if data.get("record") != "yes":
        return Reply(texts.text("nuisance_not_recorded"))
    # The complaint as if it had been told as one: its ticket, then where, when, phone.
    return await complaint.handle(ctx, data["_text"],
                                  (*data.get("_reasons", ()), "nuisance_recorded"))


OFFER = Dialog(
    name="nuisance_offer",
    steps=(Step("record", "nuisance_ask_record", lenient=True, controls=False, options=(
        Option("yes", texts.text("nuisance_yes"), ("是", "是的", "要", "要的", "好", "好的",
                                                   "可以", "登记", "需要", "需要的")),
        Option("no", texts.text("nuisance_no"), ("不用", "不用了", "不要", "不需要", "不需要了",
                                                 "算了", "否", "不了", "先不用")),
    )),),
    finish=_finish,
)
