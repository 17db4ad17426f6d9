"""Greetings, thanks and emoji get one short courteous line; the numbered menu comes only
when asked for ("菜单", "帮助") or when a resident greets us again after a pause."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta

GREETINGS = ("您好", "你好", "哈喽", "哈啰", "嗨", "在吗", "在不在", "有人吗", "早上好", "上午好",
             "中午好", "下午好", "晚上好", "早安", "晚安", "hello", "hi", "nihao", "早")
THANKS = ("谢谢你们", "谢谢您", "谢谢", "多谢", "感谢", "谢了", "辛苦了", "辛苦", "thanks",
          "thankyou", "thx", "好的", "好滴", "收到", "知道了", "明白了", "明白", "了解", "ok",
          "okay", "嗯嗯", "嗯", "好")
MENU_WORDS = ("菜单", "帮助", "功能", "help", "menu", "你能做什么", "能做什么", "能办什么",
              "怎么用", "使用说明", "有什么功能", "主菜单")
# A question about the service itself asks for the menu too ("你们这个公众号能干什么",
# "这个平台是干嘛的"): the words naming the service, then what it is for.
_SERVICE = re.compile(r"(?:请问|你们|您们|你|您|这个|这|那个|公众号|平台|警民通|小程序|号|"
                      r"这里|在这|上面|里面)*")
_FOR_WHAT = re.compile(r"(?:能|可以|都能|都可以)?(?:干|做|办|弄)(?:什么|啥|哪些事|哪些业务)"
                       r"(?:的|用)?|(?:是)?(?:干|做)(?:什么|啥|嘛)(?:的|用)|"
                       r"有(?:什么|啥)(?:用|功能|作用)|怎么用")
# Forms of address and particles that ride along ("警官您好啊", "谢谢民警同志").
_ALONG = ("警察叔叔", "警察同志", "民警同志", "警官", "同志", "民警", "警察", "老师", "师傅",
          "大家", "啊", "呀", "哈", "哦", "噢", "呢", "啦", "了", "的")
# WeChat's emoji as typed codes: [微笑], /::)
_WECHAT_EMOJI = re.compile(r"\[[\u4e00-\u9fa5A-Za-z]{1,4}\]|/:[^\s]{1,8}")
_SPACE_PUNCT = re.compile(r"[\s\W_]+")
_DIGITS = re.compile(r"^\s*\d{1,3}\s*$")
# A greeting after this much quiet brings the menu back.
PAUSE = timedelta(hours=6)


def kind(text: str) -> str | None:
    """"menu", "greeting", "thanks", "emoji" or "digit" when that is all the message is."""
    if _DIGITS.match(text):
        return "digit"
    folded = unicodedata.normalize("NFKC", text).lower()
    without_emoji = _WECHAT_EMOJI.sub("", folded)
    plain = _SPACE_PUNCT.sub("", without_emoji)
    if not plain:
        return "emoji" if text.strip() else None
    if not any(ch.isalnum() and not _is_symbol(ch) for ch in plain):
        return "emoji"
    if plain in MENU_WORDS or _asks_service(plain):
        return "menu"
    rest, found = _strip_words(plain)
    if rest or not found:
        return None
    return "thanks" if any(word in found for word in THANKS) else "greeting"


def _asks_service(plain: str) -> bool:
    named = _SERVICE.match(plain).end()
    return named > 0 and _FOR_WHAT.fullmatch(plain, named) is not None


def _is_symbol(ch: str) -> bool:
    return unicodedata.category(ch).startswith("S")


def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


# Sorted once, not on every message; one alternation tries them in that order (a scan of
# the words in Python cost most of kind()'s time on a message that is none of them).
_COURTEOUS = _longest_first((*GREETINGS, *THANKS, *_ALONG))
_RIDING = frozenset(_ALONG)
_WORD = re.compile("|".join(map(re.escape, _COURTEOUS)))


def _strip_words(text: str) -> tuple[str, set[str]]:
    """What is left of `text` after taking courteous words (longest first) off its front,
    and the words taken that are more than forms of address and particles."""
    found: set[str] = set()
    position = 0
    while position < len(text):
        matched = _WORD.match(text, position)
        if matched is None:
            break
        found.add(matched.group())
        position = matched.end()
    return text[position:], found - _RIDING


def paused(last_wrote: datetime | None, now: datetime) -> bool:
    """True when the resident wrote before (`last_wrote`), but not within PAUSE."""
    return last_wrote is not None and now - last_wrote >= PAUSE
