"""What is usual, told beside an absence (孩子放学没到家，平时十分钟就走回来了): the clause
that says when someone normally arrives is the measure of how late they are, not news that
they arrived. An outcome word in such a clause (回来了, 到家了) closes nothing."""

from __future__ import annotations

import re

from handlers.classifier.lexicon import GAP

# Words of a habit or a norm, opening the clause the outcome word stands in (平时, 往常, 一般
# 这个点): 平时半个小时就回来了, 往常五点准到家了, usually he is back by six.
_USUAL = re.compile(r"(平时|平常|往常|往日|以往|通常|一般|向来|素来|每天|每回|每次|从来都"
                    r"|usually|normally|every day)" + GAP + r"{0,16}$")


def usual_arrival(norm: str, outcome_start: int) -> bool:
    """The outcome word starting at `outcome_start` stands in a clause telling what usually
    happens (when someone is normally home), which no absence ends."""
    start = max(norm.rfind(mark, 0, outcome_start) for mark in ",;:。!?\n") + 1
    return _USUAL.search(norm, start, outcome_start) is not None
