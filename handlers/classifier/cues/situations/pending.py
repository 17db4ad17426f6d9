"""Words that look like an outcome but tell the danger itself (灯全灭了, 把我们都拉黑了, 120说在
路上, 暂时没人受伤): the lights gone out round someone trapped, the missing one cutting everyone
off, help still on its way, nobody hurt *yet* while the hazard goes on, a return denied (这次不
回来了), the relative of a swindler's story safe while the money is being paid. None of them
closes the danger the message tells, so none of them puts it in the past."""

from __future__ import annotations

import re
from collections.abc import Sequence

from handlers.classifier.frames import Marker
from handlers.classifier.lexicon import GAP

# What goes dark (灯, 手电, 屏幕): not a fire put out.
_LIGHTS = re.compile(r"(灯|手电|电筒|屏幕|屏|灯光)" + GAP + r"{0,3}$")
# A return denied or not yet made (这次不回来了, 再也不会回来了).
_DENIED = re.compile(r"(不|没|不会|不再|别)" + GAP + r"{0,1}$")
# The missing one cutting off everyone (把我们全拉黑了, 拉黑了所有人, blocked all of us): a
# sign they mean to stay gone, not the writer done with a swindler.
_OURS = r"(我们|俺们|咱们|全家|一家人|家里人|家人|家里|大家|所有人|所有的人|全部人|亲戚|我和|俺和)"
_CUT_OFF = re.compile(r"(把|将|给)" + GAP + r"{0,2}" + _OURS + GAP + r"{0,6}拉黑"
                      r"|拉黑(了)?" + GAP + r"{0,2}" + _OURS
                      + r"|blocked (all of us|us all|everyone|every ?one of us"
                      r"|the whole family|us)")
# Help called and not there yet (120说在路上, the ambulance is on the way).
_RESPONDERS = re.compile(r"(120|119|110|122|救护车|急救|消防|警察|民警|交警|救援|医生)" + GAP
                         + r"{0,8}$")
# Nobody hurt *so far* (暂时没人受伤, 目前没砸到人), or while the hazard is told going on.
_SO_FAR = re.compile(r"(暂时|目前|暂且|眼下|到现在|还|暂)" + GAP + r"{0,2}$")
_UNHURT = re.compile(r"没(有)?人受伤|没(有)?伤(着|到)|没砸(着|到)|人(都)?没事")
HAZARD_ON = re.compile(r"(往外|一直|不停(地)?|还在|正在|持续|哗哗(地)?|呼呼(地)?)" + GAP
                       + r"{0,2}(漏|冒|喷|淌|流|渗|泄|晃|掉)|泄漏|漏(油|气|液)|随时(可能|会|要)"
                       r"|快(要)?(倒|塌|断|掉)了|摇摇欲坠|一晃一晃"
                       r"|leaking|about to (fall|collapse)")
# A payment going on now (我爸正在转, 这会儿正往对方卡里打钱, is wiring money right now).
PAYING_NOW = re.compile(r"(正在|正|这会儿?(正)?|此刻)" + GAP + r"{0,8}(转|汇|打钱|付|交钱|充|买"
                        r"|扫码)|(is|are) (wiring|sending|transferring|paying)")
_SAFE_BESIDE = re.compile(r"在(我|俺)(身边|旁边|跟前)|就在(家|单位|学校|旁边|我这)|好好的"
                          r"|right (next to|here|there)")


def not_closed(norm: str, start: int, end: int) -> bool:
    """The outcome-looking words at norm[start:end] tell the danger, not its end."""
    words, before = norm[start:end], norm[_clause_start(norm, start):start]
    if "灭" in words and _LIGHTS.search(before + words[:words.index("灭")]):
        return True
    if "回来" in words and _DENIED.search(before + words[:words.index("回来")]):
        return True
    if "拉黑" in words or "blocked" in words:
        return _CUT_OFF.search(norm, max(0, start - 12), min(len(norm), end + 12)) is not None
    if "在路上" in words or "on the way" in words:
        return _RESPONDERS.search(before + words[:words.index("在路上")]
                                  if "在路上" in words else before) is not None
    if (unhurt := _UNHURT.search(words)) is not None:
        return (_SO_FAR.search(before + words[:unhurt.start()]) is not None
                or HAZARD_ON.search(norm) is not None)
    return _SAFE_BESIDE.search(words) is not None and PAYING_NOW.search(norm) is not None


def kept(norm: str, markers: Sequence[Marker]) -> list[Marker]:
    """`markers` without the aftermath ones that close nothing (`not_closed`)."""
    return [m for m in markers
            if m.kind != "aftermath" or not not_closed(norm, m.start, m.end)]


def _clause_start(norm: str, position: int) -> int:
    return max(norm.rfind(mark, 0, position) for mark in ",;:。!?\n，") + 1
