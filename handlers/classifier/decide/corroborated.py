"""Two different cues agreeing that a danger is happening in a message written in English or
half in English (help me please … my mother fell and cannot get up; 叫不醒 … need an
ambulance): the alarm has read few such messages and reads their English words as unlike an
emergency, so it does not overrule them (`opinion.second_opinion`). In Chinese the alarm's
veto stands: there it has learned the questions and hypotheticals two cues may share (车掉进
水里的话怎么砸窗, 孩子放学还没回来…他说在同学家)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from handlers.classifier.cues.findings import Finding
from handlers.classifier.frames import NEUTRAL, NOW

# Different cues that must agree, one of them never figurative (`Cue.figurative`).
AGREEING = 2
# English words (three letters or more) that make a message English or half English.
ENGLISH_WORDS = 2
_WORD = re.compile(r"(?<![a-z])[a-z]{3,}(?![a-z])")      # 在office突然: no \b beside 汉字
# A question or a condition in English leaves the alarm its say.
_ASKED = re.compile(r"\?|\b(if|what should|how (do|can|should)|should i|can i|could i)\b")


def corroborated(findings: Sequence[Finding], norm: str) -> bool:
    """At least two different cues, told now or in plain wording, one of them never
    figurative, in a message with English words and no English question or condition."""
    if len(_WORD.findall(norm)) < ENGLISH_WORDS or _ASKED.search(norm):
        return False
    told = [f for f in findings if f.frame in (NOW, NEUTRAL)]
    names = {f.cue.name for f in told}
    return len(names) >= AGREEING and any(not f.cue.figurative for f in told)
