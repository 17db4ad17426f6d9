"""The kind words heard in pinyin (issue 11: a gas leak typed "you mei qi wei" was named
`other`): each kind's plain Chinese words read as toneless syllables, found in the Latin runs
of a message that are pinyin.

Only words of two syllables or more are heard (one syllable, "yun" or "huo", is too many
characters to be a word), words are read as pypinyin reads them (着火: zhao huo), and
only a message whose Latin words mostly cut into syllables is read: English ("she can", "long
day") would otherwise sound like pinyin. Alternations such as 倒(了|地|在) are spelt out and
lookarounds dropped; a word with any other pattern syntax is left to the characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from handlers.classifier import pinyin

_CJK = "\u3400-\u9fff"
# A literal run of characters, or a group of literal alternatives (optional or not).
_PART = re.compile(rf"([{_CJK}]+)|\(((?:[{_CJK}]+\|)*[{_CJK}]+)\)(\?)?")
_LATIN = re.compile(r"[a-z]+")
_LOOKAROUND = re.compile(r"\(\?<?[!=](\[[^\]]*\]|[^()\[\]])*\)")
PINYIN_SHARE = 0.8      # of a message's Latin words that must cut into syllables
MIN_SYLLABLES = 2
_MOST = 64              # words one alternative may spell out at most


def alternatives(pattern: str) -> Iterator[str]:
    """The top-level alternatives of a regular expression (split at `|` outside groups)."""
    depth, start = 0, 0
    for i, char in enumerate(pattern):
        if char == "\\":
            continue
        depth += (char == "(") - (char == ")")
        if char == "|" and depth == 0:
            yield pattern[start:i]
            start = i + 1
    yield pattern[start:]


def spelt_out(alternative: str) -> list[str]:
    """The words an alternative of literal characters and literal groups stands for; none
    when it holds any other pattern syntax."""
    alternative = _LOOKAROUND.sub("", alternative)     # a nuance of the characters, not heard
    words, at = [""], 0
    for part in _PART.finditer(alternative):
        if part.start() != at:
            return []
        at = part.end()
        choices = [part.group(1)] if part.group(1) else part.group(2).split("|")
        choices += [""] if part.group(3) else []
        words = [word + choice for word in words for choice in choices][:_MOST]
    return words if at == len(alternative) else []


def spellings(word: str) -> set[str]:
    """A word's toneless syllables, space-separated, as pypinyin reads the word (its phrase
    table gives 着火 zhao huo, 再见 zai jian: every reading of every character would also
    hear 在线 and 消息 as kind words)."""
    from pypinyin import lazy_pinyin

    spelt = [pinyin.toneless(syllable) for syllable in lazy_pinyin(word)]
    return {" ".join(spelt)} if len(spelt) == len(word) and all(spelt) else set()


def heard_words(kind_words: Mapping[str, str]) -> dict[str, re.Pattern[str]]:
    """For each kind, one pattern of its plain words' spellings, on whole syllables."""
    heard = {}
    for kind, pattern in kind_words.items():
        spelt = {spelling for alternative in alternatives(pattern)
                 for word in spelt_out(alternative) if len(word) >= MIN_SYLLABLES
                 for spelling in spellings(word)}
        if spelt:
            heard[kind] = re.compile(
                r"(?<![a-z])(" + "|".join(sorted(map(re.escape, spelt), key=len, reverse=True))
                + r")(?![a-z])")
    return heard


def syllables(norm: str) -> str:
    """A message's Latin words as pinyin syllables, one clause a line; "" unless most of its
    Latin words are pinyin."""
    words = _LATIN.findall(norm)
    cut = [pinyin.split_latin(word) for word in words]
    if not words or sum(c is not None for c in cut) < PINYIN_SHARE * len(words):
        return ""
    return "\n".join(" ".join(syllable for stretch in line for syllable in stretch)
                     for line in _clauses(norm))


def _clauses(norm: str) -> Iterator[list[list[str]]]:
    for clause in re.split(r"[,;:.!?\n。，；：！？]", norm):
        cut = [pinyin.split_latin(word) for word in _LATIN.findall(clause)]
        yield [stretch for stretch in cut if stretch]


__all__ = ["alternatives", "heard_words", "spellings", "spelt_out", "syllables"]
