"""Which messages may be an emergency before they are handled (they wait for no slot)."""

from __future__ import annotations

import pytest

from handlers.conversation.urgency import urgent
from handlers.core.types import Inbound, Location


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
    assert urgent(classifier, message) is expected
