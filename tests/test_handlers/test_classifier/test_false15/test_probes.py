"""false15's probes (`probes`): a danger told over, handled, refused, seen earlier, feared or
lived long ago pages no one; the same shapes told as going on now page the duty officers.
On main 2c9fab9, 12 of the 98 look-alikes raised and 8 of the 68 dangers were missed; the
strict xfails are those still wrong, with the reason."""

from __future__ import annotations

import pytest

from tests.classifying import probes, quiet, raised
from tests.test_handlers.test_classifier.test_false15.probes import QUIET, RAISE

_STILL_RAISED: dict[str, str] = {}
_STILL_MISSED = {
    "刚才没事，现在又开始打了，我妈在哭": "no cue: 又开始打了 names no one hitting anyone",
    "物业来了也打不开门，里面孩子一直在哭，屋里有烟": "smoke in a locked flat: no cue, alarm 0.08",
    "The police left but he came back and is kicking my door again":
        "no English cue for kicking a door",
    "上个月他说要杀了我，现在他就在我家楼下": "a past threat and a presence now, no act now",
    "好在孩子没事，可我老公还被压在倒下的墙下面": "好在 frames the whole message as past",
    "She called me screaming that someone was in her flat and then the line went dead":
        "no English cue for a scream on a call cut off; the model reads a complaint",
}


@pytest.mark.parametrize("text", probes(QUIET, _STILL_RAISED))
def test_a_danger_already_over_or_never_there_pages_no_one(classifier, text):
    quiet(classifier, text)


@pytest.mark.parametrize("text", probes(RAISE, _STILL_MISSED))
def test_the_same_shapes_told_as_going_on_page_the_duty_officers(classifier, text):
    assert raised(classifier, text).priority == "P1"
