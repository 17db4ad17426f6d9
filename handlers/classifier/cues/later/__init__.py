"""Cues and readings of the shapes the never-seen sets showed later: a frail person unfound, a
child taken by a parent who is a danger to them, a part of the body cut off, someone down and
not getting up, a car driven into people (`LATER_CUES`, the gate's); someone left down as a
crowd scatters (`left_down`, an outcome's "still") and a history of harm that is no time of
the story (`history`, `told`'s)."""

from handlers.classifier.cues.later.fallen import FALLEN_CUES
from handlers.classifier.cues.later.ramming import RAMMING_CUES
from handlers.classifier.cues.later.severed import SEVERED_CUES
from handlers.classifier.cues.later.taken import TAKEN_CUES
from handlers.classifier.cues.later.unfound import UNFOUND_CUES

LATER_CUES = (*UNFOUND_CUES, *TAKEN_CUES, *SEVERED_CUES, *FALLEN_CUES, *RAMMING_CUES)
