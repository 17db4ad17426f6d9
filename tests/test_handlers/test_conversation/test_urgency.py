"""Which messages may be an emergency before they are handled (they wait for no slot)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from handlers.classifier.classifier import MEMO_TEXT_MAX, IntentClassifier
from handlers.conversation.urgency import assess
from handlers.core.types import Inbound, Location
from tests.conversations import Clock, make_chat


def inbound(msg_type: str, **fields) -> Inbound:
    return Inbound(channel="wechat", dedupe_key="msg:1", openid="o-1", msg_type=msg_type,
                   **fields)


@pytest.mark.parametrize(("message", "expected"), [
    (inbound("text", content="我家厨房着火了，火越来越大"), True),
    (inbound("text", content="有人拿刀在小区门口砍人"), True),
    (inbound("voice", recognition="我爸突然倒在地上叫不醒了"), True),
    (inbound("text", content="楼下饭店油烟太大了，想投诉"), False),
    (inbound("text", content="身份证丢了怎么补办"), False),
    (inbound("voice", recognition=""), False),
    (inbound("image", media_id="m1"), False),
    (inbound("location", location=Location(36.45, 115.98, "古楼街道")), True),
    (inbound("event", event="location_select", event_key="SEND_LOCATION"), True),
    (inbound("event", event="click", event_key="EMERGENCY_INFO"), True),
    (inbound("event", event="click", event_key="COMPLAINT"), False),
    (inbound("event", event="subscribe"), False),
])
def test_what_may_be_an_emergency(classifier, message, expected):
    urgent, handled = assess(classifier, message)
    assert urgent is expected
    # A text carries the verdict it was given; anything else is handed on as it came.
    said = message.content or message.recognition
    assert handled == (replace(message, verdict=classifier.classify(said)) if said.strip()
                       else message)


@pytest.mark.parametrize("said", [
    "我家楼下的路灯坏了很久了，晚上出门很不方便，" * 12,        # a long report
    "救命！有人拿刀在楼道里砍人，" + "他还在砸我家的门，" * 30,   # a long cry for help
    "楼下饭店油烟太大了，想投诉",                                  # a short one
])
async def test_a_text_asked_about_at_admission_is_classified_once(classifier, said, sessions,
                                                                  services, monkeypatch):
    # Under full slots the admission asks first and the router used to ask the same text
    # again: a text over the memo's length was classified twice, once for each.
    fresh = IntentClassifier(classifier.intent_model, alarm=classifier._alarm)
    runs = []
    classify = fresh._classify
    monkeypatch.setattr(fresh, "_classify", lambda text: runs.append(text) or classify(text))
    admitted, message = assess(fresh, inbound("text", content=said))
    assert message.verdict == classifier.classify(said) and len(runs) == 1
    assert admitted is (message.verdict.intent == "emergency")
    chat = make_chat(sessions, replace(services, classifier=fresh), Clock())
    reply = await chat.router.dispatch(message)
    assert reply.text and len(runs) == 1
    # The classifier keeps no long verdict for later: a message that was not assessed first
    # is classified on its own.
    fresh.classify(said)
    assert len(runs) == (1 if len(said) <= MEMO_TEXT_MAX else 2)
