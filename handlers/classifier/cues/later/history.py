"""A history told as the reason to fear, not as the time of the story (他以前打过孩子, 之前家暴过
我们, 曾经动过手): an experiential 过 in the clause of a past word says what someone has done
before. A cue in a later clause with no time word of its own (电话打不通, 手机关机) is then
told of today, as `told.again_today` reads 去年他打过我，今天又拿着刀来了; a past word that
tells when the story happened (昨天, 上周, 那天) still carries on to later clauses. Told in one
run-on clause, the history followed by today's word (今天又把娃带走了) is a danger back today."""

from __future__ import annotations

import re

from handlers.classifier.frames import Marker
from handlers.classifier.lexicon import GAP
from handlers.classifier.text import Clause

# The words of a history (not of a day): before, in the past, once.
_BEFORE = re.compile(r"以前|之前|从前|过去|曾经|一直以来|原来(就)?|早先|先前|before")
# Someone has done a harm before (打过, 家暴过, 动过手, 喝多了就打, has hit her before).
_DONE_BEFORE = re.compile(r"(打|揍|家暴|动|伤|威胁|砍|捅|掐|踢|关|锁|拐|抢|偷|骗|吓|虐待|骂)"
                          + GAP + r"{0,2}过|动手|喝(了|多|醉|了酒)(了)?就(打|揍|动手|发疯|闹)"
                          r"|(has|have|had) (hit|hurt|beaten|threatened|attacked) ")


# Today's words after the history in one run-on clause (以前喝多了就打娃今天又把娃带走了).
_TODAY = re.compile(r"今天|今儿|今早|今晚|这会|刚才|刚刚|现在|today|now")


def history_only(norm: str, marker: Marker | None, clause: Clause,
                 parts: tuple[Clause, ...]) -> bool:
    """True when `marker`, a past word carried from an earlier clause into `clause`, is a
    history of harm told in its own clause (他以前打过孩子), not the time of the story."""
    if not _before(marker) or marker.start >= clause.start:
        return False
    own = next((c for c in parts if c.start <= marker.start < c.end), None)
    return own is not None and bool(_DONE_BEFORE.search(norm, marker.end, own.end))


def today_after_history(norm: str, marker: Marker | None, clause: Clause,
                        start: int) -> Marker | None:
    """Today's word after a history of harm in the cue's own clause, as a voice message runs
    on without a stop (以前喝多了就打娃今天又把娃带走了): the day the danger is told, which
    `told` reads as `told.again_today` reads 去年他打过我，今天又拿着刀来了; else None."""
    if not _before(marker) or marker.start < clause.start:
        return None
    today = _TODAY.search(norm, marker.end, start)
    if today is None or not _DONE_BEFORE.search(norm, marker.end, today.start()):
        return None
    return Marker("today", today.start(), today.end(), today.group(0))


def _before(marker: Marker | None) -> bool:
    return marker is not None and marker.kind == "past" and bool(_BEFORE.fullmatch(marker.words))
