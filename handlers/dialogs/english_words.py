"""Yes and no in a resident's English sentence, where a dialog asks 1 是 / 2 否 ("no, it is
still noisy every night", "yes, thanks, it stopped", "yes that's mine"): the English the
English lines invite."""

from __future__ import annotations

import re

# Negations that say the trouble is over ("no more noise", "not anymore"), read first.
_OVER = re.compile(r"\b(?:no (?:more|longer)|not any ?more|no problems?|nothing wrong)\b")
# An objection: a negation, "still", "again", "why"; wins over a polite word beside it.
_NO = re.compile(r"\b(?:no|nope|nah|not|never|nothing|still|again|why|unsolved|unresolved"
                 r"|(?:have|has|did|do|does|is|was|were|are|can|could)n'?t|cannot)\b")
_YES = re.compile(r"\b(?:yes|yeah|yep|yup|ok|okay|solved|resolved|fixed|sorted|done|fine"
                  r"|good|great|gone|stopped|quiet now|thanks?|thank you|satisfied"
                  # whose a number is: the resident's own
                  r"|mine|my own|my number|that'?s me)\b")
# A bare yes or no: the choice itself, no reason to keep for the officer.
_BARE = re.compile(r"^(?:yes|yeah|yep|yup|ok|okay|no|nope|nah)[.!。！ ]*$")


def yes_or_no(answer: str) -> str | None:
    """"yes" or "no" said in English words, else None."""
    said = answer.lower().replace("’", "'")
    if _OVER.search(said):
        return "yes"
    if _NO.search(said):
        return "no"
    if _YES.search(said):
        return "yes"
    return None


def bare(answer: str) -> bool:
    """Whether the answer is only "yes" or "no" (nothing to keep as its reason)."""
    return _BARE.match(answer.strip().lower()) is not None
