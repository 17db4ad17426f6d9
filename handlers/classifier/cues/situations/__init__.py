"""Cues of particular situations: animals attacking, hazards falling or rising, people
separated in a crowd, the usual time someone comes home; `LATER_CUES`, the gate's cues of
the shapes the never-seen sets showed later (a frail person unfound, a child taken by a
parent who is a danger to them, a part of the body cut off, someone down and not getting up,
a car driven into people)."""

from handlers.classifier.cues.situations.fallen import FALLEN_CUES
from handlers.classifier.cues.situations.ramming import RAMMING_CUES
from handlers.classifier.cues.situations.severed import SEVERED_CUES
from handlers.classifier.cues.situations.taken import TAKEN_CUES
from handlers.classifier.cues.situations.unfound import UNFOUND_CUES

LATER_CUES = (*UNFOUND_CUES, *TAKEN_CUES, *SEVERED_CUES, *FALLEN_CUES, *RAMMING_CUES)
