"""How a thing is told, beside what it names (issue 14).

An offence done to the resident, told with "what do I do now?" (手机被偷了怎么办, 网购被骗了
咋办, 電瓶車被偷了該怎麼辦), is a report of it, not a question.

The model and the short-question rule (`requests.asks_information`) read 怎么办 as a
consultation. A procedure (身份证丢了怎么办, 户口怎么办理), a hypothetical (要是被偷了怎么办,
遇到碰瓷怎么办) or a question how to report it (被骗了应该怎么报案) still asks for information:
only a bare "what now", after a theft, swindle, robbery, beating or damage told as done to
someone, is a report. So is a wrong done again and again (被…要钱, 已经好几次了; 老是被人扎胎;
他喝了酒就打我，好几年了: extortion, threats, bullying, harassment, beatings at home): it has
not stopped, so it is told, not asked about. A document merely lost (丢了) or taken by kin
(被前夫拿走了) names no offence: its procedure is asked about.

A mishap over and told laughing (锅里着火了…盖上锅盖就灭了，哈哈) is chat: the gate's past event
asks for nothing. In the training corpus 39 of the 40 lines that laugh (哈哈, 笑死, hhh, 😂) are
chat, the other an emergency told now (not a past event, never read here).
"""

from __future__ import annotations

import re

from handlers.classifier.requests import Request

_CLAUSE = r"[^,;。!?\n]"
# The wrongs: taken, swindled, broken, beaten, extorted, threatened, bullied, harassed.
# 打 as a beating, not 打败/打扰/打针/打电话…
_DEEDS = (r"偷|盗|骗|抢|扒|砸|划|撬|冒领|坑|推走|顺走|敲诈|勒索|要钱|讹|威胁|恐吓|欺负|骚扰|"
          r"殴打|揍|扎胎|扎轮胎|打(?!败|扰|动|折|针|卡|包|印|车|球|电话|游戏|牌|招呼)")
# Done to someone (被, 让/叫/给 in speech, 遭 in dialect) …
_DONE_TO = re.compile(rf"(?:被|让|叫|给|遭){_CLAUSE}{{0,8}}?(?:{_DEEDS})")
# … or the writer named as whom it is done to (他打我, 老公揍俺), not a call (打我电话).
_DONE_ME = re.compile(r"(?:打|揍|威胁|恐吓|欺负|骚扰|勒索|敲诈)(?:我|俺)(?!电话|手机|的电话)")
# The deed finished (了 in its clause) or done again and again.
_FINISHED = re.compile(rf"{_CLAUSE}{{0,6}}?了")
_AGAIN = re.compile(r"老是|总是|总被|经常|天天|每天|每次|一直|又被|好几次|好几回|好多次|多次|"
                    r"三番五次|隔三差五|好几年|好多年|这么多年")
# "What now?", not "how do I apply" (怎么办理) or "how do I report" (怎么报案).
_WHAT_NOW = re.compile(r"怎么办(?!理)|咋办|咋整|咋弄|怎么弄|怎么处理|该怎么办|怎么半")
# Not (yet) happened: a condition, a way to prevent it, a kind of situation.
_NOT_TOLD = re.compile(r"如果|万一|要是|假如|假设|遇到|碰到|遇上|防|一旦|的话")


def told_offence(norm: str) -> Request | None:
    """A wrong told as done (or done again and again) to someone, then "what do I do?"."""
    if _NOT_TOLD.search(norm):
        return None
    for told in (_DONE_TO, _DONE_ME):
        for found in told.finditer(norm):
            after = norm[found.end():]
            asked = _WHAT_NOW.search(after, 0, 40 + 4)
            if asked is None:
                continue
            if _FINISHED.match(after) or _AGAIN.search(norm):
                return Request("complaint", "told", found.group(0) + _finished(after))
    return None


def _finished(after: str) -> str:
    """The words up to the 了 that finishes the deed, for the officer's reasons."""
    finished = _FINISHED.match(after)
    return "" if finished is None else finished.group(0)


_LAUGH = re.compile(r"哈哈|笑死|hhh|😂|🤣")


def laughed_off(norm: str) -> Request | None:
    """A message that laughs: chat, when what it tells is over (the gate's past event)."""
    found = _LAUGH.search(norm)
    return None if found is None else Request("other", "laughing", found.group(0))
