"""The probes of stop 34 (acts17, `probes17`), written before any change, and how a question
is put: a request to complain followed by a question how to make it is that question."""

from __future__ import annotations


def test_asking_how_to_complain_gets_an_answer_not_a_complaint_form(classifier):
    # Main opened the complaint dialog (rule:explicit): the resident asked for a number.
    prediction = classifier.classify("想投诉一个辅警的态度，应该打哪个电话")
    assert (prediction.intent, prediction.acts) == ("consult", True), prediction.reasons
