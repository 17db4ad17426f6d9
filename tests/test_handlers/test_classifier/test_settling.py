"""How the intent classifier's precise rules and its model settle a message between them:
status phrases, past events that ask for something, procedure questions."""

from __future__ import annotations

import pytest

from tests.classifying import rigged


def test_a_status_phrase_the_model_all_but_rules_out_is_left_to_the_model():
    # "办好了" is a status phrase; a model sure of consult (status ~0) decides instead.
    sure_of_consult = rigged("consult").classify("身份证办好了没，邮寄到家还是自己去取")
    assert sure_of_consult.intent == "consult"
    assert sure_of_consult.reasons[0].startswith("model:consult")
    sure_of_status = rigged("status").classify("身份证办好了没，邮寄到家还是自己去取")
    assert sure_of_status.reasons[0].startswith("rule:status")


@pytest.mark.parametrize("text", ["身份证办好了以后能邮寄到家吗", "居住证批下来会打电话通知我吗",
                                  "护照办好了是不是必须本人来拿", "居住证办好了能短信告诉我一声吗"])
@pytest.mark.parametrize("guess", ["status", "consult", "other"])
def test_what_follows_a_finished_procedure_is_asked_about_not_its_progress(text, guess):
    # Whatever the model reads, "once it is done, will you…?" is a question about the
    # procedure, answered as one; "办好了吗" alone still asks how far it got.
    prediction = rigged(guess).classify(text)
    assert (prediction.intent, prediction.acts) == ("consult", True)
    assert prediction.reasons[0].startswith("rule:procedure:consult")
    assert rigged("status").classify("我的护照办好了吗").reasons[0].startswith("rule:status")
    # …and "done yet, can I pick it up?" asks how far it got, too.
    assert rigged("status").classify("护照办好了能取了吗").reasons[0] == "rule:status:status:能取了"


def test_a_status_phrase_in_a_complaint_about_officers_is_the_complaint():
    # Asking about 进展 while blaming the officers (不作为) is a P2 complaint, not a status query.
    prediction = rigged("status").classify("报案三个月了也没人告诉我进展，这是不作为")
    assert (prediction.intent, prediction.priority) == ("complaint", "P2")
    assert prediction.reasons[0].startswith("rule:officer_conduct")


def test_a_status_phrase_after_a_told_event_needs_the_models_assent():
    # A past event with 抓没抓 is the gate's downgraded complaint unless the model reads a
    # question about an earlier report.
    told = "上回我家门口有人打架把我车砸了，那人到底抓没抓"
    assert rigged("complaint").classify(told).intent == "complaint"
    assert rigged("status").classify(told).intent == "status"


@pytest.mark.parametrize("guess", ["consult", "feedback", "appointment"])
def test_a_past_event_told_to_ask_for_something_else_is_what_the_model_is_sure_it_asks(guess):
    prediction = rigged(guess).classify("上周被人打了，现在怎么办")
    assert (prediction.intent, prediction.downgraded, prediction.acts) == (guess, False, True)
    assert prediction.reasons[0].startswith(f"model:{guess}")
    assert "frame:past:上周" in prediction.reasons


@pytest.mark.parametrize("guess", ["complaint", "other", "status"])
def test_a_past_event_the_model_reads_otherwise_stays_a_p2_complaint(guess):
    prediction = rigged(guess).classify("上周被人打了，现在怎么办")
    assert (prediction.intent, prediction.priority, prediction.downgraded) == (
        "complaint", "P2", True)


def test_a_past_event_with_a_procedure_question_is_a_consultation():
    prediction = rigged("complaint").classify("去年被人打断了腿，现在补办身份证要本人去吗")
    assert (prediction.intent, prediction.downgraded) == ("consult", False)
    assert prediction.reasons[0].startswith("rule:procedure")
