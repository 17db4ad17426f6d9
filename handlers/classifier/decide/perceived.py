"""A danger the writer hears or sees as it happens (刚才听见楼上有人喊救命, 刚看到河里有人在
挣扎): the alarm learned sightings and hearsay as no emergency, yet this one is going on, so
the alarm does not overrule its cue (`opinion.second_opinion`)."""

from __future__ import annotations

import re

# Heard this moment, first-hand: not on a screen, in a feed or in the news. A cry cannot be
# looked into from afar; a sight is often told with what it turned out to be or who is
# already there (仔细一看是工人, 交警在现场), so a sight counts only told alone, or followed
# by nothing but a call for help (刚看到河里有人在挣扎，快来人), and a scene watched as it
# unfolds (眼看着火越烧越大).
_NOT_SCREEN = (r"(?![^,;:。!?\n]{0,4}(新闻|视频|消息|报道|通知|朋友圈|群里|抖音|快手|直播|电视|电影"
               r"|帖子|微博|文章|短信|评论))")
_JUST = r"(刚才|刚刚|刚|现在|这会儿?|此刻|正)[^,;:。!?\n]{0,4}"
_PERCEIVED_NOW = re.compile(
    _JUST + r"(听见|听到)" + _NOT_SCREEN + r"|眼看着"
    r"|\b(i )?(can )?hear (someone|somebody|a (man|woman|kid|child|girl|boy))")
_SEEN_NOW = re.compile(_JUST + r"(看到|看见|瞧见|瞅见)" + _NOT_SCREEN
                       + r"[^,;:。!?\n]*(,(快|救命|还|正|赶紧|报警|谁|怎么办|咋办)[^,;:。!?\n]*)*"
                       r"[!?。\s]*$")


def perceived_now(norm: str) -> bool:
    """The writer hears or sees a danger as it happens (刚才听见楼上有人喊救命, 刚看到河里
    有人在挣扎)."""
    return _PERCEIVED_NOW.search(norm) is not None or _SEEN_NOW.search(norm) is not None
