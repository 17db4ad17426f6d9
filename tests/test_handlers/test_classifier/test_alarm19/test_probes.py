"""alarm19's probes (`probes`): a danger told by what a witness sees pages the duty officers,
every look-alike stays quiet. On f5d1566, 13 of the 43 dangers were missed and 4 of the 24
look-alikes raised; the branch misses 2 and raises 2: the strict xfails, with the reason."""

from __future__ import annotations

import pytest

from tests.classifying import probes, quiet, raised
from tests.test_handlers.test_classifier.test_alarm19.probes import QUIET, RAISE

_STILL_MISSED = {
    # Romanised Cantonese is neither pinyin the pinyin cues read (its syllables differ) nor
    # words the alarm has read.
    "ngo lou dau ji ga heoi ngan hong, wa jiu ling saai di cin tau jap go hong muk":
        "romanised Cantonese: no cue reads it",
    "ngo uk kei hou daai mui hei mei, bat zi bin dou lau": "romanised Cantonese: no cue reads it",
}
_STILL_RAISED = {
    # The alarm's own raise (p 0.70): 回头…就不见了 reads as a child gone, though a sunset is.
    "我去海边拍照，回头一看夕阳就不见了，太快了": "alarm's own raise (p 0.70) on a sunset gone",
    # The alarm's own raise (p 0.81): "walked out" of a care home with the return told ("is
    # back in his room now"); no cue fired, so `en_wandered_off`'s return words do not apply.
    "The nursing home called to say Dad walked out to the garden and is back in his room now":
        "alarm's own raise (p 0.81) on a walk that ended",
}


@pytest.mark.parametrize("text", probes(RAISE, _STILL_MISSED))
def test_a_danger_a_witness_sees_pages_the_duty_officers(classifier, text):
    assert raised(classifier, text).priority == "P1"


@pytest.mark.parametrize("text", probes(QUIET, _STILL_RAISED))
def test_a_look_alike_pages_no_one(classifier, text):
    quiet(classifier, text)
