"""Emergencies: 110 first, a P1 ticket, the police group alerted; repeats join one ticket."""

from __future__ import annotations

from datetime import timedelta

from handlers import texts
from handlers.alerts import alert_emergency
from handlers.dialogs import Context
from handlers.tickets import open_ticket
from handlers.types import Reply
from storage import tickets as ticket_store

# The same resident's emergencies within this time are one incident.
JOIN_WINDOW = timedelta(minutes=10)


async def handle(ctx: Context, text: str, reasons: tuple[str, ...]) -> Reply:
    """Answer at once with 110 and the unit's phone; open or join the P1 ticket."""
    message, services = ctx.message, ctx.services
    recent = await ticket_store.latest_open(ctx.session, message.openid, "emergency",
                                            ctx.now - JOIN_WINDOW)
    if recent is not None:
        ticket_store.add_event(ctx.session, recent, "resident", "message_in", text, at=ctx.now)
        if message.inbound_id is not None:
            await ticket_store.link_inbound(ctx.session, message.inbound_id, recent)
        reply = texts.text("emergency_joined", number=recent.number)
        ticket_store.add_event(ctx.session, recent, "system", "auto_reply", reply, at=ctx.now)
        return Reply(reply)
    location = message.location
    ticket = await open_ticket(
        ctx.session, services.settings, services.calendar, kind="emergency", text=text,
        channel=message.channel, now=ctx.now, openid=message.openid, priority="P1",
        reasons=reasons, inbound_id=message.inbound_id,
        lat=location.latitude if location else None,
        lng=location.longitude if location else None)
    alert_emergency(ctx, ticket)
    phone = services.settings.phone_for(ticket.unit)
    reply = (texts.text("emergency_reply", unit=ticket.unit, phone=phone, number=ticket.number)
             if phone else texts.text("emergency_reply_no_phone", number=ticket.number))
    ticket_store.add_event(ctx.session, ticket, "system", "auto_reply", reply, at=ctx.now)
    return Reply(reply)


def info(ctx: Context) -> Reply:
    """What the 紧急求助 menu button says."""
    phone = ctx.services.settings.duty_phone or "110"
    return Reply(texts.text("emergency_info", phone=phone))
