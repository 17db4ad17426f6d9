"""false21's probes (`probes`): eblind3's families of false alarms (a film or a toy game told,
a danger over, a catchphrase, a device fitted, a pet lost, a newcomer's chat, a harm long
past) stay quiet, and dangers told in the same shapes page the duty officers. On 6f3683a, 7
of the 49 look-alikes first written raised and 2 of the 26 dangers were missed; the branch
raises none of them and misses one. Of the probes written while building, two look-alikes
still raise and two dangers are still missed (both on base too): the strict xfails, with the
reason."""

from __future__ import annotations

import pytest

from tests.classifying import probes, quiet, raised
from tests.test_handlers.test_classifier.test_false21.probes import QUIET, RAISE

_STILL_MISSED = {
    # No cue reads a bottle of pills taken in English; the gate's one cue (overdosed) is
    # framed by "last year", and the alarm is not sure enough to bring it back.
    "My brother overdosed last year and now he's taken a whole bottle of pills again":
        "no English cue for pills taken now; the overdose cue is framed last year",
    # 电视里 frames the whole message as a report heard on TV, whatever 真的 says after it:
    # missed on base too.
    "电视里在播新闻，我家楼下真的着火了": "电视里 reads as hearsay past 真的 (base too)",
}


_STILL_RAISED = {
    # 过一次 inside the cue's own words (吃过一次安眠药) frames nothing: the cue stays neutral.
    "我高中同学那会儿吃过一次安眠药，抢救过来了，现在身体挺好":
        "a past marker inside the cue's words is not read",
    # The alarm's own raise (p 0.63): the animal reading of `opinion.own_raise` knows Chinese
    # animal words only.
    "wo jia de mao zou diu le, you ren kan dao ma": "alarm's own raise (p 0.63), pinyin pet",
}


@pytest.mark.parametrize("text", probes(RAISE, _STILL_MISSED))
def test_a_danger_in_a_look_alikes_shape_pages_the_duty_officers(classifier, text):
    assert raised(classifier, text).priority == "P1"


@pytest.mark.parametrize("text", probes(QUIET, _STILL_RAISED))
def test_a_look_alike_pages_no_one(classifier, text):
    quiet(classifier, text)
