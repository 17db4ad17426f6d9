"""Danger already over or in others' hands: a scare told with its outcome, a passer-by's sighting.

Residents tell a scare in order: 刚才孩子找不着了 … 已经找到了，虚惊一场. The clause of the cue says
"now", but a later clause says the danger has passed, so nothing is left for officers to run
to: the message is a past event (a P2 complaint, or thanks) unless a word after the outcome
says the danger goes on (还在, 还没, 救命, 昏迷…). Self-harm is left alone: someone pulled back
from a ledge is still someone at risk.

The outcome words are `frames`' aftermath markers and `OUTCOME`. A passer-by who saw fire
engines or an ambulance go by and wonders what happened (`SIGHTING`), or a resident who
wants to learn first aid ahead of time (`PREPARING`), reports no danger of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from handlers.classifier.frames import Marker

# Words after the outcome that say the danger goes on, or that someone is still hurt.
STILL = re.compile(
    r"还在|仍在|仍然|依然|还没|还是没|又(开始|烧|着|来|打|冒|追)|快来|快派|速来|快点|救命|赶紧(来|派|过来)"
    r"|怎么办|咋办|不行了|出不来|没找到|找不到|找不着|联系不上|昏迷|叫不醒|不醒|没(有)?(呼吸|意识|气)"
    r"|流(了)?(很多|好多|不少)?血|越来越|伤(得)?(很|挺|特别)?(重|严重)|骨折|送(去)?(医院)?抢救"
    r"|要不要|还差|still|again|hurry|please come")

# An outcome still pending in its own clause (钱还差一笔没转: part of it is already gone).
_PENDING = re.compile(r"还|只|差")
# Outcomes `frames` does not list: someone stopped it, nobody was hurt.
OUTCOME = re.compile(r"(拦|劝)(住|下)了|(人|孩子|大家|都)(都)?没事|没(有)?人受伤|没伤(着|到)"
                     r"|(就|已经|都)灭了|(抱|救|拉|扶|捞)(下来|上来|出来|起来)了|回来了|在我身边"
                     r"|(he|she|they)('s| is| are) (fine|ok|safe)")
# Responders seen going by, by someone who does not know what happened (no plea, no "my").
_RESPONDERS = (r"(消防车|救护车|警车|120|119|ambulance|fire (truck|engine)|police car)")
SIGHTING = re.compile(
    r"(看(到|见)|路过|经过|听(到|见)|saw|passed)[^。!?\n]{0,12}" + _RESPONDERS
    + r"[^。!?\n]{0,20}(开(过去|过|走|着)|经过|往[^,;:。!?\n]{0,6}(去|开)|鸣笛|停在|不知道"
    r"|looks like|under control|went by|drove past|heading)")
_OWN = re.compile(r"救命|快来|帮帮|(我|俺)(家|们家|的)|help|my ")
PREPARING = re.compile(r"提前(学|了解|准备)|(学|了解)一下[^,;:。!?\n]{0,4}(以防|万一|备用)"
                       r"|想(学|了解)一下|以防万一|以备不时之需|just in case")


def sighting(norm: str) -> re.Match[str] | None:
    """A passer-by's sighting of responders already on their way, or first aid learned ahead."""
    found = SIGHTING.search(norm)
    if found is not None and not _OWN.search(norm):
        return found
    return PREPARING.search(norm)

# The resident or their family in a matter happening now (俺这会儿正在…, 我爸现在正…).
_OWN_NOW = re.compile(r"(我|俺|我们|俺们|我爸|我妈|俺爹|俺娘|我家|俺家)[^,;:。!?\n]{0,8}"
                      r"(正在|这会儿?|此刻|此时)|(正在|这会儿?|此刻|此时)[^,;:。!?\n]{0,4}(我|俺)")


def own_now(norm: str, marker: Marker) -> re.Match[str] | None:
    """The resident's own matter going on now, told after a talk, a video or a game that
    framed it (a swindler on a video call, a sales talk where a father is paying now)."""
    return _OWN_NOW.search(norm, marker.end)


def over_after(norm: str, end: int, markers: Sequence[Marker]) -> Marker | None:
    """The outcome that closes a cue ending at `end`: the last aftermath marker after it,
    when no word after that marker says the danger goes on; else None."""
    after = [m for m in markers if m.kind == "aftermath" and m.start >= end]
    after += [Marker("aftermath", m.start(), m.end(), m.group(0))
              for m in OUTCOME.finditer(norm, end)]
    after = sorted((m for m in after if not _PENDING.search(_clause_before(norm, m.start))),
                   key=lambda m: m.start)
    if not after:
        return None
    last = after[-1]
    return None if STILL.search(norm, last.end) else last


def _clause_before(norm: str, position: int) -> str:
    start = max(norm.rfind(mark, 0, position) for mark in ",;:。!? \n")
    return norm[start + 1:position]
