"""An English complaint about how the police behaved (CONTRACT §4, §5: an officer's conduct or
a slow response goes at P2): the English beside `rules.OFFICER_CONDUCT_CUES`.

The conduct is the police's when they do it: the police are named (an officer, the station,
its window, 110, "your staff", 民警) and the conduct follows in the same sentence with no one
else named between them ("the officer at the window was rude to me", "police ignored my
report"), or nobody came, answered or helped after the resident called the police or went to
the station. Someone else's rudeness ("my neighbour is rude", "I called the police because
the landlord ignored me") is not the police's; thanks or praise is not a complaint; a question
how to complain asks for information.
"""

from __future__ import annotations

import re

# The police, as residents writing in English name them.
_POLICE = (r"\b(?:officers?|police(?:m[ae]n|wom[ae]n)?|cops?|(?:police )?station|window|counter"
           r"|front desk|duty desk|110|auxiliar(?:y|ies)|your (?:staff|people|colleagues?)"
           r"|you guys)\b|民警|警察|辅警|派出所|窗口")
# What they did: rudeness, neglect, refusal, slowness, misconduct.
_CONDUCT = (
    r"\b(?:rude(?:ly)?|impolite|disrespectful|unprofessional|arrogant|insult(?:ed|ing)"
    r"|(?:shouted|yelled|screamed|swore|laughed) at|mock(?:ed|ing)|humiliat(?:ed|ing)"
    r"|ignor(?:ed|ing|es?)|(?:did|do(?:es)?|have|has|had) (?:done )?nothing|done nothing"
    r"|(?:doing|did) nothing|(?:refused|refuse|refuses|would not|wouldn'?t|didn'?t|did not"
    r"|won'?t) (?:to )?(?:accept|take|register|help|listen|record|file|come|answer|let me)"
    r"|hung up|hangs? up|sent me (?:away|back|from)|told me to go away|brushed me off"
    r"|(?:bad|poor|terrible|awful|horrible|rude) (?:attitude|service|manner)"
    r"|attitude (?:was|is) (?:bad|poor|terrible|awful|horrible)|playing (?:on )?(?:his|her"
    r"|their|a) (?:phone|mobile)|drunk|bribe|asked (?:me )?for money|took forever|too long"
    r"|(?:too|very|so|really|extremely) slow|slow to (?:respond|come|answer|act)"
    r"|(?:arrived|came|showed up) (?:\w+ )?(?:hours?|an hour) (?:later|after)"
    r"|never (?:came|showed up|called back|answered|replied)|no one (?:came|answered|helped"
    r"|called)|nobody (?:came|answered|helped|called|even))\b")
# Someone else named between the police and the conduct does it (the neighbour, the driver).
_OTHER = re.compile(
    r"\b(?:neighbou?rs?|landlord|owner|shop|seller|driver|waiter|boss|manager|husband|wife"
    r"|son|daughter|kid|child|teacher|doctor|nurse|company|agent|courier|guard|security"
    r"|bank|hospital|clinic|restaurant|hotel|airport|mall|store|supermarket|school|because"
    r"|when (?:my|the))\b")
# A story on a screen or in a book: nobody's conduct to answer for.
_FICTION = re.compile(r"\b(?:movie|film|show|series|drama|novel|game|video|tv|episode)\b")
_NAMED_THEN_DID = re.compile(rf"(?:{_POLICE})([^.!?;]{{0,60}}?)(?:{_CONDUCT})")
# No one helped or came after the resident turned to the police.
_NOBODY = re.compile(r"\b(?:nobody|no one|no officer|no-one)\b[^.!?;]{0,40}?\b(?:came|come"
                     r"|answered|helped|called|listened|cared|looked)\b")
_PRAISE = re.compile(r"\b(?:thanks?|thank you|grateful|appreciate|praise|kind|helpful|patient"
                     r"|great job|well done|polite)\b")
# How, where or whether to complain: information (what should I do if an officer is rude?).
_HOW = re.compile(r"\b(?:what (?:should|can|do) (?:i|we)|how (?:do|can|should) (?:i|we)"
                  r"|where (?:can|do|should) (?:i|we)|can i complain|what if|if an? (?:officer"
                  r"|policeman))\b")


def blamed(norm: str) -> str | None:
    """The words that blame the police for how they behaved, in an English message."""
    if _PRAISE.search(norm) or _HOW.search(norm) or _FICTION.search(norm):
        return None
    for found in _NAMED_THEN_DID.finditer(norm):
        if not _OTHER.search(found.group(1)):
            return found.group(0)
    if (found := _NOBODY.search(norm)) is not None and re.search(_POLICE, norm):
        return found.group(0)
    return None
