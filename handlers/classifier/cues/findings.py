"""What the emergency gate finds in a message (`gate`): each cue with the frame its clause puts
it in, and the verdict they add up to."""

from __future__ import annotations

from dataclasses import dataclass

from handlers.classifier.frames import NOW
from handlers.classifier.lexicon import Cue

EMERGENCY, PAST_EVENT, MENTION, NOTHING = "emergency", "past", "mention", "nothing"


@dataclass(frozen=True)
class Finding:
    """One cue in a message and the frame its clause puts it in."""

    cue: Cue
    words: str
    frame: str
    marker: str
    marker_at: int = -1               # where the marker starts in the message (-1: pinyin)
    going_on: bool = False            # told now by a clause carrying a habit on (`cues.told`)

    def reasons(self) -> tuple[str, ...]:
        """`rule:emergency:…` then the frame that decided it."""
        cue = f"rule:emergency:{self.cue.name}:{self.words}"
        return (cue, f"frame:{self.frame}:{self.marker}") if self.marker else (cue,)


@dataclass(frozen=True)
class Assessment:
    """What the gate concluded about a message."""

    verdict: str                      # EMERGENCY, PAST_EVENT, MENTION (danger words only), NOTHING
    kinds: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    vetoed: bool = False              # a cue was there but its context said no (a dog fight)
    norm: str = ""                    # the message (a past event's, for the alarm's outcomes)
    told_from: int = 0                # an emergency's part told now after a habit or an "if"

    @property
    def overrulable(self) -> bool:
        """Only figurative words in plain wording: the alarm may overrule this emergency."""
        return self.verdict == EMERGENCY and all(
            finding.cue.figurative and finding.frame != NOW for finding in self.findings)

    def reasons(self) -> tuple[str, ...]:
        """The reasons of the findings that decided the verdict, strongest first."""
        return tuple(r for finding in self.findings for r in finding.reasons())
