"""English cues of someone vulnerable parted from their family in a crowd just now (CONTRACT
§4, kind `missing`): "got separated from us at the night market", "we lost our grandmother at
the train station". `cues.foreign`'s `en_missing` knows "lost my son"; these are the words of
a family that has lost someone in a place, who may be found yet but not by them."""

from __future__ import annotations

from handlers.classifier.lexicon import Cue

# Someone a family looks after: a child, an elder, someone who cannot find the way alone.
_CARED_FOR = (r"\b(son|daughter|child|kid|kids|boy|girl|baby|toddler|grand(mother|father|ma|pa|son"
              r"|daughter)|mother|father|mom|mum|dad|dementia|alzheimer'?s|autis(m|tic)|elderly"
              r"|\d+(-year-old| years? old)|years? old)\b|, ?\d{1,2},")
# A place where people are parted in a crowd (not "lost our grandmother in March": a death).
_CROWD = (r"(at|in|on) (the|a) [a-z ]{0,20}(station|market|mall|park|airport|terminal|square"
          r"|fair|festival|crowd|zoo|beach|temple|street|metro|subway|platform|stop|supermarket"
          r"|shop|store|museum|concert|stadium)")

SEPARATED_CUES: tuple[Cue, ...] = (
    Cue("en_separated", ("missing",),
        r"\b(got|get|been|became|were|was) separated from (us|me|the group|his|her|our|my)\b"
        r"|\blost (sight of )?(our|my|his|her) [a-z ]{0,20}" + _CROWD,
        needs=(_CARED_FOR,), veto=r"\bluggage|\bbag|\bwallet|\bphone|\bpassport|\bkeys?\b"),
)
