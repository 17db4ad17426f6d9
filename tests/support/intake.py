"""The intake as its tests drive it: safe-mode pushes, metrics read back, a dispatcher that
notes order and concurrency, messages handed to an Intake directly."""

from __future__ import annotations

import asyncio
from collections import defaultdict

from prometheus_client.parser import text_string_to_metric_families
from wechatpy import parse_message

from handlers import texts
from handlers.channels.intake import Delivery, Intake
from handlers.core.types import Inbound, Reply
from storage.base import utcnow
from tests.helpers import APP_ID
from tests.pushes import open_reply, safe_push

HELP = texts.text("help")


async def push(client, xml: str, *, compatible: bool = False) -> str:
    """Send `xml` as WeChat would in safe (or compatible) mode; the reply's text ("" for
    `success`)."""
    params, body = safe_push(xml, APP_ID, compatible=compatible)
    response = await client.post("/wechat", params=params, data=body)
    assert response.status == 200
    raw = await response.text()
    if raw == "success":
        return ""
    return parse_message(open_reply(raw, APP_ID, params)).content


def counter(text: str, name: str, **labels: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    return 0.0


class RecordingDispatch:
    """A dispatcher that notes the order of messages and how many run at once per resident."""

    def __init__(self, delay_s: float = 0.01) -> None:
        self.delay_s = delay_s
        self.order: dict[str, list[str]] = defaultdict(list)
        self.active: dict[str, int] = defaultdict(int)
        self.most_at_once: dict[str, int] = defaultdict(int)
        self.overall_active = 0
        self.overall_most = 0

    async def __call__(self, message: Inbound) -> Reply:
        who = message.openid
        self.active[who] += 1
        self.overall_active += 1
        self.most_at_once[who] = max(self.most_at_once[who], self.active[who])
        self.overall_most = max(self.overall_most, self.overall_active)
        try:
            await asyncio.sleep(self.delay_s)
            self.order[who].append(message.content)
            return Reply(HELP)
        finally:
            self.active[who] -= 1
            self.overall_active -= 1


_serial = iter(range(10**6))


def message(openid: str, content: str) -> Inbound:
    return Inbound(channel="wechat", dedupe_key=f"msg:t{next(_serial)}", openid=openid,
                   msg_type="text", content=content, raw=f"<xml>{content}</xml>")


async def accept_and_handle(intake: Intake, inbound: Inbound) -> asyncio.Task[Reply]:
    accepted = await intake.accept(inbound)
    assert not accepted.duplicate and not accepted.queued
    return asyncio.create_task(intake.handle(accepted, inbound, Delivery()))


def inbound_row(dedupe_key: str, openid: str = "o-store", *, channel: str = "wechat",
        state: str = "received", received_at=None, raw: str | None = "<xml/>") -> dict:
    """The columns of one inbound message, for the store's tests."""
    return {
        "channel": channel, "dedupe_key": dedupe_key, "openid": openid, "msg_type": "text",
        "event": None, "event_key": None, "content": dedupe_key, "media_id": None,
        "media_format": None, "recognition": None, "latitude": None, "longitude": None,
        "location_label": None, "raw": raw, "sent_at": None,
        "received_at": received_at or utcnow(), "state": state,
    }
