"""How the rest of a message tells a cue: the frame its own clause gives it (`frames`),
moved by what the message says around it.

A follow-up on an earlier ticket tells plain wording as the matter reported; a missing person
still gone, or someone still in danger after a rescue, keeps the cue now; the writer's own
matter told after a talk or a video is now; a passer-by's sighting is hearsay (and no raise of
the alarm's either); an outcome told after it (`aftermath.over_after`) or the event told as
done and found (`aftermath.done_before`) puts it in the past. Self-harm is left alone.
"""

from __future__ import annotations

import re

from handlers.classifier.cues.aftermath import (
    STILL,
    done_before,
    over_after,
    own_now,
    still_missing,
)
from handlers.classifier.frames import HABITUAL, MODAL, NEUTRAL, NOW, PAST, Marker, frame_of
from handlers.classifier.lexicon import Cue
from handlers.classifier.text import Clause

# A clause after a habit that tells the same harm going on at this moment (…老跟踪我，现在就在
# 我家楼下; 经常打我，现在又在打了): the one doing it is here, again, or at it now.
_GOES_ON = re.compile(r"又(来|在|跟|找|堵|追|打|砸|踹|闹|拿|动手|上门|过来|跟来|冲)"
                      r"|(就|正|还|又)(在|搁)(我|俺|门|楼|外|身|窗|家|院|屋|车|单位|学校|校|小区"
                      r"|附近|打|砸|踹|跟|追|闹|敲|撬|骂|吵|拿)|正在|(站|堵|守|蹲|躲|藏|等|坐|趴)在"
                      r"|跟(到|过来|上来|进)|追(过来|上来|到|进)")
GOING_ON = "going_on"     # the kind of a "now" that carries a habit on (no alarm overrules it)
_NOT_GOING_ON = ("aftermath", "question", "hypothetical", "hearsay", "past")


def told(norm: str, cue: Cue, span: tuple[int, int], clause: Clause,
         parts: tuple[Clause, ...], markers: list[Marker], threat: str, follow_up: bool,
         seen: re.Match[str] | None) -> tuple[str, Marker | None, bool]:
    """(frame, the marker that decided it, whether a sighting vetoed it) for the cue at
    norm[span[0]:span[1]]; `seen` is the message's sighting (`aftermath.sighting`)."""
    start, end = span
    frame, marker = frame_of(norm, start, end, clause, parts, markers, threat=threat)
    if frame == HABITUAL and (now := continued_now(norm, clause, parts, markers)):
        frame, marker = NOW, Marker(GOING_ON, now.start, now.end, now.words)
    if follow_up and frame == NEUTRAL:
        frame = PAST
    elif (frame == PAST and "missing" in cue.kinds and marker is not None
          and still_missing(norm, marker)) or (
            frame == PAST and marker is not None and marker.kind == "aftermath"
            and marker.start >= end and STILL.search(norm, marker.end)):
        frame = NEUTRAL     # still gone, or still in danger after it (捞上来了没有反应)
    if (frame == MODAL and marker is not None and marker.kind in ("hearsay", "topic")
            and not clause.start <= marker.start < clause.end
            and (own := own_now(norm, marker)) is not None):
        frame, marker = NOW, Marker("now", own.start(), own.end(), own.group(0))
    if frame not in (NOW, NEUTRAL) or cue.kinds[0] == "self_harm":
        return frame, marker, False
    if seen is not None:        # a passer-by's sighting, first aid learned ahead
        return MODAL, Marker("hearsay", seen.start(), seen.end(), seen.group(0)), True
    if (over := over_after(norm, end, markers, missing="missing" in cue.kinds)) is not None:
        return PAST, over, False     # told now, but its outcome is already told
    if frame == NEUTRAL and (done := done_before(norm, cue.name, cue.kinds[0],
                                                 (clause.start, clause.end), end,
                                                 markers)) is not None:
        return PAST, done, False     # found done, told afterwards
    return frame, marker, False


def continued_now(norm: str, clause: Clause, parts: tuple[Clause, ...],
                  markers: list[Marker]) -> Marker | None:
    """The "now" of a later clause that carries a habit's harm on into this moment (the
    habit's subject here again, at it now), unless that clause tells it over, asked about or
    imagined; else None."""
    for later in (c for c in parts if c.start >= clause.end):
        own = [m for m in markers if later.start <= m.start < later.end]
        if any(m.kind in _NOT_GOING_ON for m in own):
            continue
        now = next((m for m in own if m.kind in ("now", "progressive", "today")), None)
        if now is not None and _GOES_ON.search(norm, later.start, later.end):
            return now
    return None


def marker_going_on(marker: Marker | None) -> bool:
    """The marker is a "now" carrying a habit on (`continued_now`)."""
    return marker is not None and marker.kind == GOING_ON
