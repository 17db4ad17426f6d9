"""A resident asking where to report a matter their message tells: "有个人在微信上卖枪，我有
截图，向谁举报", "想投诉一个辅警的态度，应该打哪个电话". Read as a question, it became a
consultation for an officer to answer in two working days with a phone number, though the
resident had just told us the matter: it is reported here (where, when and a phone asked as for
any report), and the resident told so. Asking how to report, with no matter told ("举报电话是
多少", "我想举报，应该找谁", "怎么举报电信诈骗"), stays a question."""

from __future__ import annotations

import re

from handlers.core.text.spelling import cjk_count

# Where, to whom or how to report (the question), in its usual orders.
_ASKS = re.compile(
    r"(?:向|找|跟|给|到|去|上)(?:谁|哪|哪里|哪儿|哪个(?:部门|单位|地方|所)?|什么(?:部门|地方))"
    r"(?:举报|投诉|反映|报案|报警|说)"
    r"|(?:举报|投诉|反映|报案)(?:的话)?(?:应该|要|该|得|能|可以)?(?:找|打|去|向|到|联系)"
    r"(?:谁|哪|哪个|哪里|什么)[^，,。.！!？?]{0,6}"
    r"|(?:怎么|如何|咋)(?:举报|投诉|报案|反映)"
    r"|(?:打|拨|联系)(?:哪个|什么)(?:电话|号码|部门)")
# Words around the question that tell no matter.
_FILLER = re.compile(r"请问|你好|您好|麻烦|我想|我要|想要|想|要|应该|该|得|可以|能|一下"
                     r"|这种事情?|这个事情?|这事|的话|呢|吗|啊|呀|吧|电话|号码|是多少|多少|举报|投诉|反映|报案|报警"
                     r"|[，,。.！!？?、\s]")
# A matter told takes some words: "一个辅警的态度", "有个人在微信上卖枪".
MATTER_CHARS = 6


def reports_here(text: str) -> bool:
    """Whether `text` asks where to report a matter it tells."""
    asked = _ASKS.search(text)
    if asked is None:
        return False
    told = _FILLER.sub("", text[:asked.start()] + text[asked.end():])
    return cjk_count(told) >= MATTER_CHARS
