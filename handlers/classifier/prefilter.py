"""Cheap first looks for the gate's patterns: the characters every match must contain.

Most messages hold no emergency cue at all, and a long alternation of patterns that begin
with groups, gaps or look-arounds cannot skip ahead: the regex engine tries every branch at
every position. So each pattern is split into its alternatives and, for each, we derive from
its parse tree a small set of characters one of which every match contains (for 持刀 that is
{持} or {刀}); a set intersection with the message's characters decides whether it is worth
running. The derivation is sound by construction: a sequence needs what any one of its parts
needs, an alternation the union of what its branches need, an optional part nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre  # the parse tree's opcodes; stable across 3.11-3.13
from re import _parser

# A class wider than this (a range of CJK characters, a negated class) is no filter.
_MAX_CLASS = 64
# The commonest characters of written Chinese: a filter made of them lets nearly everything
# through, so of a sequence's parts the one needing rarer characters is preferred.
_COMMON = frozenset("的一是不了人我在有他这中大来上个到说们为子和你地出道也时年得就那要下以会着去过"
                    "家对可她里后小么心多天能好都然没日起还发成事只作当想看无开手用行又前所见头面同"
                    "已老从动两长知现分外但身些与高意进把法此实回理点月明其种全工己话儿向情正定问力"
                    "给等几很最间新什打便位因被走电第门相次再真听气信少并先啊吧呢吗")


def required_chars(pattern: str) -> frozenset[str] | None:
    """Characters one of which every match of `pattern` contains; None if there is no such set."""
    found = _sequence(_parser.parse(pattern))
    return frozenset(found) if found else None


def branches(pattern: str) -> list[str]:
    """The top-level alternatives of `pattern` (each can be searched, and filtered, alone)."""
    parts, start = [], 0
    for i, char, depth in _structure(pattern):
        if char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) of each character of `pattern` that is not
    escaped and not inside a character class: the characters its structure is made of."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            depth += 1 if char == "(" else -1 if char == ")" else 0
            yield i, char, depth
        i += 1


def _sequence(items) -> set[str] | None:
    best: set[str] | None = None
    for op, av in items:
        need = _item(op, av)
        if need is not None and (best is None or _cost(need) < _cost(best)):
            best = need
    return best


def _cost(chars: set[str]) -> int:
    return len(chars) + 20 * len(chars & _COMMON)


def _item(op, av) -> set[str] | None:
    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.IN:
        return _class(av)
    if op is sre.SUBPATTERN:
        return _sequence(av[-1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, body = av
        return _sequence(body) if low >= 1 else None
    if op is sre.ATOMIC_GROUP:
        return _sequence(av)
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            need = _sequence(branch)
            if need is None:
                return None
            union |= need
        return union
    return None     # look-arounds, anchors, "any character", negated literals


def _class(items) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return chars if len(chars) <= _MAX_CLASS else None


# A pattern split into alternatives searches apart only when no part refers to another's group
# and no flag set at its start ((?i)) would stay with the first alternative alone.
_LINKED = re.compile(r"\\[1-9]|\(\?P=|\(\?\(|\(\?[aiLmsux]+\)")


def alternatives(pattern: str) -> list[str]:
    """The alternatives of `pattern`, a group that is a whole alternative opened too: the
    pattern matches somewhere in a text exactly when one of them does."""
    if _LINKED.search(pattern):
        return [pattern]
    found = []
    for branch in branches(pattern):
        inner = _whole_group(branch)
        found += [branch] if inner is None else alternatives(inner)
    return found


def _whole_group(branch: str) -> str | None:
    """The inside of a plain or non-capturing group that spans all of `branch`, else None."""
    if branch.startswith("(?:"):
        opening = 3
    elif branch.startswith("(") and not branch.startswith("(?"):
        opening = 1
    else:
        return None
    for i, char, depth in _structure(branch):
        if char == ")" and depth == 0:
            return branch[opening:i] if i == len(branch) - 1 else None
    return None


class AnyOf:
    """Whether a pattern matches somewhere in a text, running only the alternatives whose
    characters the text holds (a long list of words in one alternation is tried at every
    position of the text; apart, each word is a quick scan for its first character)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._always: list[re.Pattern[str]] = []
        self._by_char: dict[str, list[re.Pattern[str]]] = {}
        for alternative in alternatives(pattern):
            compiled = re.compile(alternative)
            needed = required_chars(alternative)
            if needed is None:
                self._always.append(compiled)
            for char in needed or ():
                self._by_char.setdefault(char, []).append(compiled)

    def search(self, text: str, present: set[str] | frozenset[str]) -> bool:
        """True when the pattern matches somewhere in `text`, whose characters are `present`."""
        tried: set[re.Pattern[str]] = set()
        for char in present.intersection(self._by_char):
            for compiled in self._by_char[char]:
                if compiled not in tried:
                    if compiled.search(text):
                        return True
                    tried.add(compiled)
        return any(compiled.search(text) for compiled in self._always)


class Rewrites:
    """An ordered table of (pattern, replacement) applied in turn, as a loop of `re.sub`
    would, but a pattern runs only when the text (as the rewrites before it left it) holds
    one of the characters every match needs: most messages contain no word of a table of
    dialect words or slips, and some sixty `sub` calls per message were the model's words'
    largest cost. The result is the loop's, since a skipped pattern could not have matched."""

    def __init__(self, table: tuple[tuple[str, str], ...]) -> None:
        self.patterns = tuple((re.compile(pattern), replacement) for pattern, replacement in table)
        self._always: set[int] = set()     # patterns with no such characters: always run
        self._by_char: dict[str, set[int]] = {}
        for i, (compiled, _) in enumerate(self.patterns):
            needed = required_chars(compiled.pattern)
            if needed is None:
                self._always.add(i)
            for char in needed or ():
                self._by_char.setdefault(char, set()).add(i)
        self._chars = frozenset(self._by_char)

    def apply(self, text: str) -> str:
        """`text` with every pattern's matches replaced, in the table's order."""
        if not self._always and self._chars.isdisjoint(text):
            return text       # the common case: no character any pattern needs
        todo = self._due(text, -1)
        while todo:
            i = todo.pop()
            compiled, replacement = self.patterns[i]
            rewritten = compiled.sub(replacement, text)
            if rewritten != text:     # new characters may call for a later pattern
                text = rewritten
                todo = self._due(text, i)
        return text

    def _due(self, text: str, after: int) -> list[int]:
        """The patterns after the `after`-th that `text` may match, the first one last."""
        due = set(self._always)
        for char in self._by_char.keys() & set(text):
            due |= self._by_char[char]
        return sorted((i for i in due if i > after), reverse=True)
