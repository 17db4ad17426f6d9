"""A procedure the resident says they mean to do (我要开无犯罪记录证明, 我得办个居住证): a booking
acted on at once, not the quick menu; asked about (需要带什么, 需要预约吗) it stays a question."""

from __future__ import annotations

import pytest

MEANT = ["我要开无犯罪记录证明", "我准备给老人换身份证", "我得办个居住证，下个月要用",
         "俺要补办身份证", "我想给闺女办个身份证"]
ASKED = ["我要补办身份证，需要带什么", "我想给孩子上户口，需要预约吗", "我要注销户口，去哪办"]


@pytest.mark.parametrize("text", MEANT)
def test_a_procedure_meant_books_a_time(classifier, text):
    prediction = classifier.classify(text)
    assert (prediction.intent, prediction.acts) == ("appointment", True), prediction.reasons


@pytest.mark.parametrize("text", ASKED)
def test_a_procedure_asked_about_is_answered(classifier, text):
    assert classifier.classify(text).intent == "consult"


def test_the_window_queue_told_is_still_a_complaint(classifier):
    prediction = classifier.classify("我要办身份证的时候被人插队了，窗口也不管")
    assert prediction.intent == "complaint"
