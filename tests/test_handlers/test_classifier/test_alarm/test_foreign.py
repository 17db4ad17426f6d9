"""Emergency cues in English and written Cantonese, and the look-alikes they must leave alone."""

from __future__ import annotations

import pytest

from handlers.classifier.gate import NOTHING, EmergencyGate
from handlers.classifier.text import normalize
from tests.classifying import quiet, raised


@pytest.mark.parametrize(("text", "kind"), [
    ("the caller has remote control of my mum's phone and money is leaving her account", "fraud"),
    ("my roommate texted me from the bridge, she says she is going to jump", "self_harm"),
    ("我老母而家喺银行汇紧钱俾个冒充公安嘅人", "fraud"),
    ("我个女喺公园唔见咗，七岁，着红色外套", "missing"),
    ("佢话唔想再活，而家坐咗喺楼顶边", "self_harm"),
    ("阿伯喺街度晕低咗，叫佢都唔应", "medical"),
    # English wordings the lexicon lacked: a wrist cut, heavy blood, a child shut in a car,
    # someone taken away, a fight with weapons, a vulnerable person gone since a time.
    ("my flatmate cut his wrists and there is blood everywhere", "self_harm"),
    ("my baby is locked in the car and it is very hot", "medical"),
    ("a man grabbed a little girl and drove off in a white van", "crime"),
    ("there are people fighting with sticks in front of the school", "crime"),
    ("my 6-year-old son disappeared from the playground an hour ago", "missing"),
])
def test_an_emergency_in_english_or_cantonese_is_raised_with_its_kind(classifier, text, kind):
    assert raised(classifier, text).emergency_kind == kind


@pytest.mark.parametrize("text", [
    "is remote access to the office allowed",
    "有人喺网上扮我老公借钱，呃咗我阿妈几百蚊",      # cheated already: a complaint
    "听讲隔篱村有人俾人打劫，系唔系真嘅",            # hearsay
])
def test_past_hearsay_and_everyday_wording_raise_nothing(classifier, text):
    quiet(classifier, text)


def test_a_thing_gone_in_cantonese_names_no_missing_person():
    assert EmergencyGate().assess(normalize("我部手机唔见咗，搵唔到"), False).verdict == NOTHING


@pytest.mark.parametrize("text", [
    "a van keeps parking in the fire lane behind our block",
    "the fire exit of the cinema is locked with a chain",
])
def test_fire_safety_fittings_are_no_fire(text):
    assert EmergencyGate().assess(normalize(text), False).verdict == NOTHING
