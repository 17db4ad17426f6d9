"""Issue 14 (the walk-through): the details dialog writes each answer as a `message_in` event
of its own beside the resident's message. Each message still counts once: once in /metrics'
classified figures (the dialog's answers are not classified messages), once in the console's
群众对话, and once on the ticket's timeline."""

from __future__ import annotations

from handlers.console import thread
from handlers.core.privacy import MASKED
from handlers.core.types import Inbound
from storage import gauges
from storage.intake import handled
from storage.intake.models import InboundMessage
from storage.tickets import console as console_store
from storage.tickets import store as ticket_store
from tests.conversations import NOW

SAID = ("小区地下车库有人偷电瓶，好几家都丢了", "柳园小区地下车库", "每天半夜", "13812345678", "无")


async def _say(chat, sessions, openid: str, text: str, n: int) -> str:
    async with sessions() as session, session.begin():
        row = InboundMessage(channel="wechat", dedupe_key=f"count-{n}", openid=openid,
                             msg_type="text", content=text, received_at=NOW, state="received")
        session.add(row)
        await session.flush()
        inbound_id = row.id
    # As the intake does: handled by the router, then the reply stored on the message's row.
    message = Inbound(channel="wechat", dedupe_key=f"count-{n}", openid=openid,
                      msg_type="text", content=text, inbound_id=inbound_id)
    reply = (await chat.router.dispatch(message)).text
    async with sessions() as session, session.begin():
        await handled.mark_handled(session, inbound_id, reply, "passive")
    return reply


async def test_each_message_of_a_detailed_complaint_counts_once(chat, db, sessions):
    for n, text in enumerate(SAID):
        await _say(chat, sessions, "c-1", text, n)
    ticket = await db.ticket("c-1")
    async with sessions() as session:
        figures = await gauges.read(session)
        inbound = await console_store.inbound_for_ticket(session, ticket)
        events = await ticket_store.events(session, ticket)
    assert figures.classified == {"acted": 1}       # the report; answers are no new messages
    shown = thread.build(inbound, [], events, [], ticket.number, MASKED, {})
    from_resident = [item["text"] for item in shown if item["side"] == "resident"]
    assert sorted(from_resident) == sorted(t.replace("13812345678", "138****5678")
                                           for t in SAID if t != "无")
    timeline = [e.text for e in events if e.type == "message_in"]
    assert timeline == ["地点：柳园小区地下车库", "时间：每天半夜", "联系电话：138****5678"]
