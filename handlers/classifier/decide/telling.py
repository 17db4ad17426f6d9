"""How a thing is told, beside what it names (issue 14).

An offence done to the resident, told with "what do I do now?" (手机被偷了怎么办, 网购被骗了
咋办, 電瓶車被偷了該怎麼辦), is a report of it, not a question.

The model and the short-question rule (`requests.asks_information`) read 怎么办 as a
consultation. A procedure (身份证丢了怎么办, 户口怎么办理), a hypothetical (要是被偷了怎么办,
遇到碰瓷怎么办) or a question how to report it (被骗了应该怎么报案) still asks for information:
only a bare "what now", after a theft, swindle, robbery, beating or damage told as done to
someone, is a report. A document merely lost (丢了) or taken by kin (被前夫拿走了) names no
offence: its procedure is asked about.

A mishap over and told laughing (锅里着火了…盖上锅盖就灭了，哈哈) is chat: the gate's past event
asks for nothing. In the training corpus 39 of the 40 lines that laugh (哈哈, 笑死, hhh, 😂) are
chat, the other an emergency told now (not a past event, never read here).
"""

from __future__ import annotations

import re

from handlers.classifier.requests import Request

_CLAUSE = r"[^,;。!?\n]"
# Done to someone (被, 让/叫/给 in speech, 遭 in dialect), the deed finished (了).
_OFFENCE = (rf"(?:被|让|叫|给|遭){_CLAUSE}{{0,6}}?(?:偷|盗|骗|抢|扒|砸|划|撬|冒领|坑|打|推走|顺走)"
            rf"{_CLAUSE}{{0,6}}?了")
# "What now?", not "how do I apply" (怎么办理) or "how do I report" (怎么报案).
_WHAT_NOW = r"怎么办(?!理)|咋办|咋整|咋弄|怎么弄|怎么处理|该怎么办|怎么半"
_TOLD = re.compile(rf"({_OFFENCE}).{{0,40}}?({_WHAT_NOW})", re.DOTALL)
# Not (yet) happened: a condition, a way to prevent it, a kind of situation.
_NOT_TOLD = re.compile(r"如果|万一|要是|假如|假设|遇到|碰到|遇上|防|一旦|的话")


def told_offence(norm: str) -> Request | None:
    """A theft, swindle, robbery, beating or damage told as done, then "what do I do?"."""
    found = _TOLD.search(norm)
    if found is None or _NOT_TOLD.search(norm):
        return None
    return Request("complaint", "told", found.group(1))


_LAUGH = re.compile(r"哈哈|笑死|hhh|😂|🤣")


def laughed_off(norm: str) -> Request | None:
    """A message that laughs: chat, when what it tells is over (the gate's past event)."""
    found = _LAUGH.search(norm)
    return None if found is None else Request("other", "laughing", found.group(0))
