"""One spelling of Chinese: traditional characters read as simplified, for every reader of
residents' words (the classifier, the knowledge base's retrieval)."""

from __future__ import annotations

import re
from functools import cache

# OpenCC's t2s keeps 著 (also a simplified character: 著名); as an aspect particle or in
# 着火 it is the traditional spelling of 着.
_ZHE = re.compile(r"(?<![显土编原名卓昭论专巨拙])著(?![名作称述])")


@cache
def _t2s():
    # Imported and built on first use: nothing is created when the module is imported.
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """`text` in simplified characters (ASCII text is returned as it is)."""
    if text.isascii():
        return text
    return _ZHE.sub("着", _t2s().convert(text))


_LATIN_WORDS = re.compile(r"[A-Za-z]{2,}")
_CHINESE = re.compile(r"[\u3400-\u9fff]")
# Three words make a sentence; "ok", "hi" or an app's name alone say nothing of a language.
ENGLISH_WORDS = 3


def cjk_count(text: str) -> int:
    """How many Chinese characters (Han, with extension A) the text holds."""
    return len(_CHINESE.findall(text))


def english(text: str) -> bool:
    """A message written in English (Latin words, not a Chinese character)."""
    return _CHINESE.search(text) is None and len(_LATIN_WORDS.findall(text)) >= ENGLISH_WORDS


def writes_english(text: str) -> bool:
    """A resident who writes mostly English, a Chinese word or two among it ("预约 ID card
    renewal please", "I want to 投诉 my neighbour"): told our questions in English too. More
    English words than Chinese words (about two characters each)."""
    words = len(_LATIN_WORDS.findall(text))
    return words >= ENGLISH_WORDS and words * 2 > cjk_count(text)
