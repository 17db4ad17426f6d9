"""A message cut into clauses at its punctuation, each with the sentence it belongs to: the
emergency gate frames a cue by its clause, the branch facts drop the clause asking about a day.

Residents write with or without punctuation and in full- or half-width forms; a space
between two Chinese characters (or an emoji) is punctuation to someone typing on a phone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Sentence ends and clause breaks as NFKC leaves them (the classifier's text: full-width
# ，！？ become , ! ?), and their full-width forms for text read as the resident wrote it.
_SENTENCE_END = frozenset("。!?\n．")
_CLAUSE_BREAK = frozenset(",;:、…~～()[]【】「」『』\"“”'‘’<>《》|/—-=*#")


def _full_width(chars: frozenset[str]) -> frozenset[str]:
    return frozenset(chr(ord(c) + 0xFEE0) for c in chars if "!" <= c <= "~")


SENTENCE_ENDS = _SENTENCE_END | _full_width(_SENTENCE_END)
_BREAKS = SENTENCE_ENDS | _CLAUSE_BREAK | _full_width(_CLAUSE_BREAK)
# Any break: sentence ends, clause breaks, spaces, and emoji and other symbols ("救命😭有人打我").
_BREAK = re.compile("[" + re.escape("".join(sorted(_BREAKS)))
                    + r" \u2000-\u2bff\u2e00-\u2e7f\u3001-\u3003\u3008-\u3020\u3030-\u303f"
                    r"\U0001f000-\U0001faff\ufe10-\ufe1f\ufe30-\ufe4f]")


@dataclass(frozen=True)
class Clause:
    """A stretch of text between punctuation, and the sentence it belongs to."""

    start: int
    end: int
    sentence: int


def clauses(text: str) -> tuple[Clause, ...]:
    """The clauses of a message, in order, with their sentence index.

    A space between two Chinese characters (or an emoji) is punctuation to a resident typing
    on a phone; between Latin words it is not.
    """
    found: list[Clause] = []
    sentence, start = 0, 0
    for stop in _BREAK.finditer(text):
        i, char = stop.start(), stop.group(0)
        if char == " " and text[i - 1:i].isascii() and text[i + 1:i + 2].isascii():
            continue        # a space between Latin words
        if i > start:
            found.append(Clause(start, i, sentence))
        start = i + 1
        if char in SENTENCE_ENDS and found and found[-1].sentence == sentence:
            sentence += 1
    if len(text) > start:
        found.append(Clause(start, len(text), sentence))
    return tuple(found)


def clause_texts(text: str) -> list[str]:
    """The words of each clause of a message, in order."""
    return [text[clause.start:clause.end] for clause in clauses(text)]
