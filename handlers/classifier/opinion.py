"""The alarm's second opinion on the emergency gate's verdict (`classifier` asks it).

The gate's cues are exact about words and blind to context; the alarm has read every
labelled emergency and hard negative. Thresholds: `alarm` (5-fold CV on the development
parts).
"""

from __future__ import annotations

import re

from handlers.classifier import alarm as intents_alarm
from handlers.classifier.cues.aftermath import OUTCOME, REACHED
from handlers.classifier.cues.foreign import PINYIN_OVER
from handlers.classifier.frames import NOW
from handlers.classifier.gate import EMERGENCY, MENTION, PAST_EVENT, THREATS, Assessment
from handlers.classifier.lexicon import EMERGENCY_KINDS

# The alarm weighs only messages with this many Chinese characters, a third of the text at
# least: a bare cry (想死, 救命) is taken at its word.
ALARM_MIN_CJK = 8
# English or pinyin: this many words at least (the alarm has read the emergency set's).
ALARM_MIN_WORDS = 5
_LATIN_WORD = re.compile(r"[a-z]+")
_OUTCOME = OUTCOME


def judged(norm: str, cjk: int) -> bool:
    """The alarm has read enough of this kind of text to weigh the message."""
    if cjk >= ALARM_MIN_CJK and cjk >= 0.3 * len(norm.replace(" ", "")):
        return True
    return cjk == 0 and len(_LATIN_WORD.findall(norm)) >= ALARM_MIN_WORDS


def second_opinion(assessment: Assessment, p_alarm: float,
                    letter: bool) -> tuple[Assessment, tuple[str, ...]]:
    """The gate's verdict weighed by the alarm: a cue read as an emergency is overruled when
    the message reads very unlike one (how unlike depends on how plainly its clause says
    "now"); a cue told in the past is an emergency after all when the alarm is sure."""
    if assessment.verdict == PAST_EVENT:
        if p_alarm >= intents_alarm.SURE and not letter and not _told_over(assessment):
            kinds = _kinds_of(assessment)
            return (Assessment(EMERGENCY, kinds, assessment.findings),
                    ()) if kinds else (assessment, ())
        return assessment, ()
    if letter:
        return assessment, ()   # the gate asked a letter for "now" in the cue's own clause
    if any(finding.cue.name in THREATS for finding in assessment.findings):
        veto = intents_alarm.VETO_THREAT
    elif assessment.overrulable:
        veto = intents_alarm.VETO
    elif any(finding.frame == NOW for finding in assessment.findings):
        veto = intents_alarm.VETO_NOW
    else:
        veto = intents_alarm.VETO_PLAIN
    if p_alarm >= veto:
        return assessment, ()
    return (Assessment(MENTION, (), assessment.findings),
            (*assessment.reasons(), f"alarm:overruled p={p_alarm:.2f}"))


def _told_over(assessment: Assessment) -> bool:
    """Every finding is past because its outcome is told (找到了, 打通了): however sure the
    alarm is of the danger words, the message says the danger is over."""
    return all(_OUTCOME.fullmatch(finding.marker) or REACHED.fullmatch(finding.marker)
               or PINYIN_OVER.fullmatch(finding.marker) for finding in assessment.findings)


def _kinds_of(assessment: Assessment) -> tuple[str, ...]:
    present = {kind for finding in assessment.findings for kind in finding.cue.kinds}
    return tuple(kind for kind in EMERGENCY_KINDS if kind in present)
