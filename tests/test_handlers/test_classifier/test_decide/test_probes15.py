"""The seventy probes of stop 33 (acts15, `probes15`), written before any change: none is
acted on as the wrong intent (a menu is allowed: asking beats acting wrongly), and the ones
main acted on wrongly (a theft told with 怎么办, what follows 办好了) are understood now."""

from __future__ import annotations

import pytest

from tests.test_handlers.test_classifier.test_decide.probes15 import PROBES

# A swindle paid to, with 现在 in a later clause: the emergency gate's transfer cue raises it
# (the gate is alarm15's and false15's; stop 33 leaves it alone).
GATE_TRANSFER = "有人冒充我领导加我微信，让我转了五千，现在联系不上了怎么办"
# Main acted on these as the wrong intent (2c9fab9: consult, then status three times).
FIXED = ("昨天我的機車在公司樓下被偷了，該怎麼辦", "办好了会发短信通知我吗",
         "护照办好了以后可以邮寄到家吗", "办好了是不是得本人来取")


@pytest.mark.parametrize(("label", "register", "text"), [
    pytest.param(*probe, marks=pytest.mark.xfail(reason="the gate's transfer cue"))
    if probe[2] == GATE_TRANSFER else probe for probe in PROBES])
def test_no_probe_is_acted_on_as_the_wrong_intent(classifier, label, register, text):
    prediction = classifier.classify(text)
    assert not (prediction.acts and prediction.intent != label), (register, prediction.reasons)


@pytest.mark.parametrize("text", FIXED)
def test_the_probes_main_acted_on_wrongly_are_understood(classifier, text):
    label = next(label for label, _, probe in PROBES if probe == text)
    prediction = classifier.classify(text)
    assert (prediction.intent, prediction.acts) == (label, True), prediction.reasons
