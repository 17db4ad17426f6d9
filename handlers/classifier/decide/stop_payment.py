"""Money paid to a swindler minutes ago: a report, not an emergency (§4: fraud is an
emergency while the money is being sent), yet 110 or 96110 can still have the payment stopped
(紧急止付) if called at once. The classifier names it among a message's reasons; the complaint
opened from it tells the resident so before anything else.

A recent moment and a payment made (not one asked for, not refused) in one sentence of a
report of a swindle. The swindle's words are the gate's own (`cues.kinds.SCAM`) and the signs
of a seller gone with the money, which no emergency cue names.
"""

from __future__ import annotations

import re

from handlers.classifier.cues.kinds import SCAM
from handlers.classifier.cues.markers import NEAR_MISS
from handlers.classifier.frames import MarkerScanner
from handlers.core.labels import PAID_JUST_NOW, PAID_TO_SWINDLER

_JUST = (r"(?:刚刚|刚才|方才|刚|(?:\d{1,2}|几|十几|[一两二三四五六七八九十]{1,2})分钟(?:之)?前"
         r"|半(?:个)?小时(?:之)?前)")
_PAID = (r"(?<![没未不别让叫要])(?<!没有)(?:转了|转账了|转过去|转给了?他|汇了|汇过去|付了|支付了"
         r"|扫码付|打了(?!96110|110|12110)\d|充值了|打过去了)")
_SENTENCE = r"[^。；;！!？?\n]"
_JUST_PAID = re.compile(rf"{_JUST}{_SENTENCE}{{0,30}}(?:{_PAID}|(?<!差点)(?<!差点儿)被骗)"
                        rf"|{_PAID}{_SENTENCE}{{0,12}}{_JUST}")
_SWINDLE = re.compile(SCAM + r"|拉黑|联系不上|刷单|返利|假客服|删了我|不回(?:消息|信息)")
# The resident kept the money (我没转, 及时拦住了); not 对方不给退款, the swindler keeping it.
_KEPT = re.compile(r"(?:没|没有|还没|未)(?:转|付|汇)|(?<![没能])拦(?:住|下)|识破|没上当")
# The gate's frames say the rest: a near miss (差点, 幸亏: a past marker) or someone else's
# swindle retold from the news or a video (hearsay), except a family's loss someone tells
# the writer of (我刚听说我爸刚才被骗了), which is still theirs to have stopped.
_MARKERS = MarkerScanner()
_NEAR_MISS = re.compile(NEAR_MISS)
_TOLD_TO_ME = re.compile(r"听")


# Money lost to a swindle: paid, or "被骗了" with what was lost.
_LOST = re.compile(rf"{_PAID}|(?<!差点)(?<!差点儿)被(?:人)?骗(?:了|走了?)?"
                   r"[^。；;！!？?\n，,]{0,4}(?:\d|[一两二三四五六七八九十几百千万]+[百千万块元]|钱)")


def paid_to_swindler(text: str) -> str | None:
    """The reason for money the resident paid to a swindler: `fraud:paid_just_now:<words>`
    minutes ago (刚刚被骗了，转了5000: it may still be stopped), `fraud:paid:<words>` at a time
    not told (转了五千, 被骗了800块: if it was lately, it may too); None when the money was
    kept, the swindle is not theirs, or it was paid at a time told as past (上个月)."""
    if _SWINDLE.search(text) is None or _KEPT.search(text) is not None or _not_own(text):
        return None
    if (paid := _JUST_PAID.search(text)) is not None:
        return f"{PAID_JUST_NOW}:{paid.group()}"
    lost = _LOST.search(text)
    if lost is None or any(m.kind == "past" for m in _MARKERS.find(text)):
        return None          # told when, and not lately (上个月, 昨天): nothing left to stop
    return f"{PAID_TO_SWINDLER}:{lost.group()}"


def _not_own(text: str) -> bool:
    """The frames put the payment out of the resident's hands: a near miss or a retelling."""
    return any((m.kind == "past" and _NEAR_MISS.fullmatch(m.words))
               or (m.kind == "hearsay" and not _TOLD_TO_ME.match(m.words))
               for m in _MARKERS.find(text))
