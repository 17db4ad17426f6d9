"""A danger the writer tells is over, by the state it left: the message ends on the one at
risk safe now (现在已经回家了，没受伤; 我让他吐出来了，没咽下去; he coughed it up, he's fine
now), or a "now" that tells a life going well long after a harm (割腕过一次…现在过得挺好).

Only the writer's own word counts: a safety someone claims (他说没事了), one for now (暂时
没事), the writer's own alone (司机卡在车里，我没受伤) or one a later word undoes (可是现在脸
发紫) is no outcome; the safe words must close the message, and no word may say the danger
goes on (正在, 还在). Read by the alarm's own raise, by a past event the alarm would bring
back, and for a message in pinyin (whose cues are framed by the whole message).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from handlers.classifier.cues.situations.pending import kept as kept_open
from handlers.classifier.frames import Marker

# The one at risk unharmed or the danger undone, in the writer's words.
_SAFE = (r"(人|都|也|孩子|他|她|我们|大家)?(都)?(没|没有)(受伤|伤着|伤到|事儿?|大碍|什么事|啥事)"
         r"(了|儿)?|(人|都|也)?(没事|好好的|平安|安全)(了|的|啦|哒)?|虚惊一场|啥事没有|什么事都没有"
         r"|一点事没有"
         r"|(吐|抠|咳|取|拿|弄|吐了)出来了|没(吞|咽)(下去|进去)|缓过来了|已经(醒|好)了|找到了"
         r"|\b(is|he'?s|she'?s|they'?re|we'?re|are|i'?m) (totally |completely |all |perfectly )?"
         r"(fine|ok|okay|safe|unhurt|alright|all right)( now)?\b|\b(is|isn'?t|wasn'?t|not) hurt\b"
         r"|\bno one (was |is |got )?hurt\b|\bcoughed it (up|out)\b|\b(got|is|are) home safe\b"
         r"|mei ?(ren ?)?shou ?shang|mei ?shi ?le|mei ren shou shang")
# Words after which the writer's "safe" is someone's claim (他说没事了), the state before
# the danger (刚才还好好的) or a safety for now or by the look of it (暂时没事, seems fine),
# not news that it is over.
_CLAIM = re.compile(r"说|讲|以为|觉得|声称|(刚才|刚刚|之前|以前|本来|原本|原来|明明|早上|上午|下午"
                    r"|昨天|前面)还|暂时|目前|暂且|看着|看起来|好像|似乎|应该|\bsaid\b|\bsays\b"
                    r"|\bclaims?\b|\bthought\b|\bseems?\b|\blooks?\b|\bfor now\b|\bso far\b")
# A danger told as going on (正在银行往外汇钱, 还在): no safe word at the end closes it.
_GOING_ON = re.compile(r"正在|这会儿|还在|仍在|一直在|\bright now\b|\bstill\b|zheng ?zai|hai ?zai"
                       r"|reng ?zai")
# Chat's closing filler, ignored at the message's end.
_PUNCT = r"[\s,;:。.!?~～…、，！？]*"
_TAIL = re.compile(_PUNCT + r"((哈)+|呢|啊|吧|了|啦|谢谢|lol|thanks)?" + _PUNCT + "$")
# A clause of the writer's own safety (我没受伤, I'm fine), which says nothing of anyone else.
_WRITER_ALONE = re.compile(r"(我|俺)(?!们)|i\b|i'm\b|wo\b(?! ?men)")
_CLAUSE = re.compile(r"[^,;:。!?\n，]+")
_ENDS_SAFE = re.compile(r"(" + _SAFE + r")$")
# A "now" (现在, now) whose clause tells a life going on well (过得挺好, 身体挺好, doing great).
_WELL = re.compile(r"(过得|身体|日子|人|都|也)?(?<!不)(挺好|很好|特别好|不错|健康|好多了|开朗|乐观"
                   r"|正常)|\b(doing|is doing|are doing) (great|well|fine|ok|okay)\b|\bhappy\b"
                   r"|\bthriving\b")


def ends_safe(norm: str, well: bool = False) -> bool:
    """The message's last clause tells the one at risk safe now, in the writer's own words
    (`well`: or a life going well, 现在过得挺好, of a harm told long past)."""
    clauses = _CLAUSE.findall(_TAIL.sub("", norm))
    if not clauses or _GOING_ON.search(norm):
        return False
    last = clauses[-1].strip()
    if _WRITER_ALONE.match(last):     # 司机卡在车里出不来，我没受伤: the writer's safety only
        return False
    found = _ENDS_SAFE.search(last) or (_WELL.search(last) if well else None)
    return found is not None and not _CLAIM.search(last)


def kept(norm: str, markers: Sequence[Marker]) -> list[Marker]:
    """`markers` without the aftermath ones that close nothing (`pending.kept`), nor a "now"
    whose clause tells a life going well (现在过得挺好): a moment that frames no danger."""
    return [marker for marker in kept_open(norm, markers)
            if marker.kind != "now" or not _well_clause(norm, marker)]


def _well_clause(norm: str, marker: Marker) -> bool:
    start = max(norm.rfind(mark, 0, marker.start) for mark in ",;:。!?\n，") + 1
    end = min((i for i in (norm.find(mark, marker.end) for mark in ",;:。!?\n，") if i >= 0),
              default=len(norm))
    return _WELL.search(norm, start, end) is not None
