"""Ends of a scare that `aftermath`'s outcome words missed: a scam seen through, harm that
luckily spared everyone, a doctor's all-clear, and any of them told in a voice transcript.

A resident who checked the caller's story with the relative it named (打过去他在上课呢), hung
up or blocked the number tells a fraud that failed: a tip for officers, not money leaving
now. 好在没砸着人 and 医生说问题不大 close a scare as 没事了 does. Voice transcripts put a
space between words (救护车 已经 拉走了, 她 醒了 自己 说 没事); outcome words are read with
the spaces between Chinese characters taken out (`compact`), their places mapped back.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import NamedTuple

from handlers.classifier.lexicon import GAP

# The writer saw through a swindler's story: named it, checked it, hung up, did not pay.
SEEN_THROUGH = re.compile(
    r"(果然|原来|一看就|一听就|就知道|明显)(是)?(个|一个)?(骗子|假的|骗局|诈骗|骗人的)"
    # the writer hung up or blocked (not 他…然后就挂了: someone in danger cut off)
    r"|(我|俺)(就|直接|马上|立马|赶紧|已经)?(把(电话|他|她|对方|号码))?(挂了|挂断了|挂掉了"
    r"|拉黑|删(了|掉))|拉黑了(他|她|对方)"
    r"|没(有)?(理|理他|上当|转|给|点|付|汇)(?![,;:。!?\s]*(完|全))"
    r"|(核实|打(过去|回去|给)|问了)" + GAP
    + r"{0,14}(好好的|在上课|上着课|在上班|在单位|在学校|没(出)?事|根本没(有)?)"
    r"|\bi hung up|i blocked (them|him|her|the number|it)|i (didn't|did not) (pay|send|transfer"
    r"|click)|(realised|realized|knew|figured) it was a scam|i ignored (it|them|him|her)")
# A pressure that goes on after it (他还在一直打, 一直逼我, 又打来了): the swindler is at it.
_PRESSING = re.compile(r"逼|催|威胁|又(打|发|来)|还在(打|发|说|视频|通话|转)|正在|现在(又|还|正)"
                       r"|去(银行|取钱|转|汇)|不听|拦不住|劝不住|已经转|在转"
                       r"|keeps|still|again|\bnow\b")
# A swindler's approach (narrower than `lexicon.SCAM`, which names any police word).
_SCAM = re.compile(r"骗|冒充|自称|安全(账|帐)户|客服|刷单|冻结|解冻|理赔|中(了)?(大)?奖|手续费"
                   r"|保证金|(打|来)(个)?电话(来)?说|scam|fraud|claiming to be|pretend")

# Harm that spared everyone, a doctor's all-clear, the writer's own "it's nothing".
SPARED = re.compile(
    r"(好在|幸好|幸亏|还好|万幸)" + GAP + r"{0,6}没(有)?(人|砸|伤|烧|碰|撞|压|出事)"
    r"|(医生|大夫|医院)" + GAP + r"{0,8}(说|讲|查了|看了)" + GAP
    + r"{0,6}(没(什么|啥)?大(事|碍|问题)|问题不大|不要紧|没事)"
    r"|(自己)?说(不要紧|没大碍)|(拦|劝)(住|下)(来)?了"
    # nothing taken: whoever tried is gone empty-handed (车没丢东西, 什么都没丢)
    r"|(?<!还)没丢(东西|什么|钱)?(?![,;:。!?\s]*(但|可|不过))|(什么|啥)(都|也)没(丢|少)"
    r"|nothing (was )?(taken|stolen|missing)"
    r"|(he|she|they)('s| is| are) (home|at home|resting)"
    r"|doctors? (said|says) (it was|it's|he's|she's)")

# A thing of the writer's still where it was (钱还在卡里, 车还在): no danger going on.
_SAFE_THING = re.compile(r"(钱|存款|车|东西|卡|锁|货)(都|也)?$")
_SAFE_END = re.compile(r"(卡里|卡上|账上|账户里|家里|原地)?(?=[,;:。!?\s]|$)")

_INNER_SPACE = re.compile(r"(?<=[\u3400-\u9fff]) +(?=[\u3400-\u9fff])")


class Compact(NamedTuple):
    """A message without spaces between Chinese characters, and where each character was."""

    text: str
    at: list[int]       # at[i]: the place in the message of text[i]; at[len(text)]: its end

    def inside(self, position: int) -> int:
        """The place in `text` of the message's character at `position`."""
        return bisect_left(self.at, position)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The message's span of text[start:end]."""
        return self.at[start], (self.at[end - 1] + 1 if end > start else self.at[start])


def compact(norm: str) -> Compact:
    """`norm` with the spaces between Chinese characters taken out (a voice transcript)."""
    if " " not in norm:
        return Compact(norm, [*range(len(norm) + 1)])
    gone = {m.start() + i for m in _INNER_SPACE.finditer(norm) for i in range(len(m.group(0)))}
    at = [i for i in range(len(norm)) if i not in gone]
    return Compact("".join(norm[i] for i in at), [*at, len(norm)])


def scam_told(norm: str) -> bool:
    """The message is about a swindler's approach (a call, a fake official, a safe account)."""
    return _SCAM.search(norm) is not None


def seen_through(text: str, start: int) -> list[re.Match[str]]:
    """The places after `start` where the writer tells a scam seen through, unless the
    swindler's pressure goes on after them."""
    return [m for m in SEEN_THROUGH.finditer(text, start) if not _PRESSING.search(text, m.end())]


def safe_still(text: str, match: re.Match[str]) -> bool:
    """A "still" that says a thing is safe where it was (钱还在卡里), not a danger going on."""
    return (match.group(0) == "还在" and _SAFE_THING.search(text, max(0, match.start() - 4),
                                                             match.start()) is not None
            and _SAFE_END.match(text, match.end()) is not None)


# What a harm lived through left, told now (到现在腰还疼, 伤疤还在, he's more careful now): a
# "now" that dates a trace, not a moment of danger.
_TRACE = re.compile(r"(还|仍|一直|都)(有点|有些)?(疼|痛|怕|后怕|难过|发怵|瘸|记得|有阴影|不踏实)"
                    r"|伤疤|疤痕|阴影|心有余悸|more careful|to this day"
                    r"|still (grateful|scared|afraid|hurts|remember|talks|think|worr)")


def trace_after(norm: str, at: int) -> bool:
    """A word after `at` tells what a past harm left (a scar, a fear, a habit of care)."""
    return _TRACE.search(norm, at) is not None


# What a harm long past left in the mind, told now (说起来还难过, 想起来还怕): a memory, never
# a body still hurting (到现在还疼得打滚 may be a poisoning going on).
_REMEMBERED = re.compile(r"(还|仍|一直|都)(有点|有些)?(难过|怕|后怕|发怵|记得|有阴影|心疼)"
                         r"|心有余悸|(说|想|提)起来|to this day|still (remember|talks|think)")


def remembered(norm: str) -> bool:
    """The message tells what a past harm left in the writer's or others' memory."""
    return _REMEMBERED.search(norm) is not None


# The one the writer saw asked and answering for themselves (我问了他，他说就是晒太阳): no one
# to rescue, unless a harm is told after the answer (他说胸口疼).
_ANSWERED = re.compile(r"(问|问了|问过)(一下|了一下|他|她|老人|大爷|阿姨)?[^,;:。!?\n]{0,4}"
                       r"[,;:。!?\s]*(他|她|人家|老人|大爷|阿姨|对方)(说|讲)(就是|只是|没事|不用"
                       r"|在等|家就在|是在)")


def answered(norm: str) -> re.Match[str] | None:
    """Where the person seen said, when asked, that nothing is wrong."""
    return _ANSWERED.search(norm)
