"""Lines of a story quoted (台词是"快来人啊，有人落水了", 作文里写"我家着火了", 玩过家家时喊"快叫救
护车", 玩《我的世界》…哭着说"着火了"): the words inside the quotation marks belong to the play,
the composition, the pretend game or the titled work named before them in the same sentence,
so their danger words, and their "now" (快来, 正在), are the story's, not the writer's. A
danger word outside the quotation (…，厨房真的冒烟了) is read as ever, and a quotation with no
story named before it (他在门外喊"救命") is a cry heard."""

from __future__ import annotations

import re

# What a quotation can be a line of: a play or its lines, a composition or a diary, a pretend
# game, a titled work (《…》), a role acted.
_STORY = re.compile(r"台词|剧本|话剧|小品|排练|彩排|作文|日记(里|上)|周记|过家家|扮演|演(一个|个)"
                    r"|角色|《[^》\n]{1,20}》|(课|书|绘本|故事|小说|漫画|动画|游戏)(里|上)(写|说|讲)"
                    r"|\b(script|essay)\b")
_QUOTE = re.compile(r"“[^”\n]{1,60}”|「[^」\n]{1,60}」|\"[^\"\n]{1,60}\"")
# A line or a role told without quotation marks, up to its clause's end (台词是抢劫啦快来人啊,
# 我演被打劫的路人): the word before it names the story itself.
_INTRODUCED = re.compile(r"(?:(?<=台词是)|(?<=台词:)|(?<=台词叫)|(?<=(我|他|她|你)演)|(?<=扮演)"
                         r"|(?<=饰演))(?!唱|出|讲|示|员|习|练|奏|技|变|戏|说)[^,;:。!?\n]{1,30}")
_SENTENCE_END = "。!?\n"


def story_quote(norm: str, at: int) -> re.Match[str] | None:
    """The quotation holding position `at`, when a story is named before it in its sentence
    (the words the writer quotes from a play, a composition or a game)."""
    start = max(norm.rfind(mark, 0, at) for mark in _SENTENCE_END) + 1
    for line in _INTRODUCED.finditer(norm, start):
        if line.start() <= at < line.end():
            return line
    for quote in _QUOTE.finditer(norm, start):
        if quote.start() > at:
            return None
        if quote.start() < at < quote.end() and _STORY.search(norm, start, quote.start()):
            return quote
    return None


def quoted_story(norm: str) -> re.Match[str] | None:
    """The first quotation in `norm` that a story named before it in its sentence frames."""
    for quote in (*_QUOTE.finditer(norm), *_INTRODUCED.finditer(norm)):
        if story_quote(norm, quote.start() + 1) is not None:
            return quote
    return None


def outside_stories(norm: str) -> str:
    """`norm` with every quotation a story frames blanked out: the writer's own words."""
    quotes = [quote.span() for quote in (*_QUOTE.finditer(norm), *_INTRODUCED.finditer(norm))
              if story_quote(norm, quote.start() + 1) is not None]
    for start, end in quotes:
        norm = norm[:start] + " " * (end - start) + norm[end:]
    return norm
