"""A resident's group message understood like any message (§4): requests open tickets for
the group's unit, emergencies take the emergency path at once, chit-chat opens nothing."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.channels.group.types import CHANNEL, GroupChat, GroupLine
from handlers.core.context import Context
from handlers.core.privacy import mask_text
from handlers.core.text.spelling import cjk_count
from handlers.core.types import Inbound
from handlers.intents import emergency as emergency_intent
from handlers.intents.services import Services
from handlers.tickets import alert_routes, notices, places
from handlers.tickets.alerts import alert_emergency
from handlers.tickets.opening import open_ticket
from handlers.tickets.routing import route
from storage.delivery import outbox
from storage.groups import messages as group_store
from storage.tickets import store as ticket_store
from storage.tickets.models import Ticket

# Intents that ask the police for something; status and other (greetings, thanks, chat) do
# not open group tickets.
REQUESTS = frozenset({"complaint", "appointment", "consult", "feedback"})
# A resident's lines that ask nothing of their own, this soon after their ticket opened, add
# to it (people give a request's details over several lines); a new request opens its own.
JOIN_WINDOW = timedelta(minutes=30)
# A further emergency line of the same member joins theirs this soon, as on WeChat.
EMERGENCY_JOIN = emergency_intent.JOIN_WINDOW
SUMMARY_IN_NOTICE = 60
# Words around a place that say nothing more ("…这边", "…下面呢").
_AROUND = re.compile(r"这边|那边|下面|上面|旁边|门口|附近|这里|那里|对面|里面|外面|就是"
                     r"|呢|啊|了|的")


def _only_a_place(text: str, reasons: tuple[str, ...]) -> bool:
    """Whether `text` tells a place and nothing more ("我在柳园小区3号楼下面"), and no rule (a
    cue of danger, a request said in so many words) decided it."""
    place = places.said(text)
    if place is None or (reasons and reasons[0].startswith("rule:")):
        return False
    rest = _AROUND.sub("", places.spoken(text.strip()).replace(place, "", 1))
    return cjk_count(rest) <= 2


async def understand(session: AsyncSession, services: Services, chat: GroupChat,
                     line: GroupLine, nickname: str, message_id: int,
                     now: datetime, *, recalled: bool = False) -> str | None:
    """Open a ticket when the line asks for something, add a detail to the resident's ticket
    just opened, else nothing (chat); the ticket's number, or None. A line `recalled` before
    it was read is not acted on, unless it is an emergency."""
    text = line.text.strip()
    if not text:
        return None
    prediction = services.classifier.classify(text)
    emergency = prediction.intent == "emergency"
    if recalled and not emergency:
        # An emergency is still acted on: taking back a cry for help makes nobody safe (it
        # may be taken back under duress), and the alert must not hang on how far behind
        # the reader happens to be. Its ticket then shows the recall.
        return None
    if not emergency and not (prediction.intent in REQUESTS and prediction.confident):
        return await _follow_up(session, services, chat, line, message_id, now)
    if _only_a_place(text, prediction.reasons):
        # "我在柳园小区3号楼下面" after the member's request is where it is, whatever the model
        # reads into a bare place; with no ticket just opened it is read as it stands.
        joined = await _follow_up(session, services, chat, line, message_id, now)
        if joined is not None:
            return joined
    if emergency:
        repeated = await _repeated_emergency(session, services, chat, line, message_id,
                                             prediction.emergency_kind)
        if repeated is not None:
            return repeated
    reasons = (f"group:{chat.room_id}", *prediction.reasons)
    # Asked when it was said, not when the archive was read: deadlines and response times
    # run from the resident's message.
    asked = min(line.sent_at, now)
    ticket = await open_ticket(
        session, services.settings, services.calendar, kind=prediction.intent, text=text,
        channel=CHANNEL, now=asked, reasons=reasons, unit=chat.unit,
        priority="P1" if emergency else None, downgraded=prediction.downgraded,
        emergency_kind=prediction.emergency_kind if emergency else None)
    named = route(services.settings.units, services.settings.default_unit, text=text)
    ticket.area = named.area if named.area and named.unit == chat.unit else chat.area or None
    owner = await group_store.owner_of(session, chat.room_id, chat.owner)
    group_store.link_ticket(session, ticket, chat.room_id, line.sender, nickname, owner,
                           chat.name)
    ticket_store.add_event(session, ticket, ticket_store.ACTOR_RESIDENT, "message_in", text,
                           at=line.sent_at, group=chat.name, member=nickname,
                           msgid=line.msgid)
    await group_store.mark(session, message_id, "emergency" if emergency else "request",
                           ticket.id)
    if emergency:
        await alert_emergency(_context(session, line, now, services), ticket)
    _tell_owner(session, services, chat, owner, ticket, nickname, text, emergency)
    return ticket.number


async def _repeated_emergency(session: AsyncSession, services: Services, chat: GroupChat,
                              line: GroupLine, message_id: int,
                              kind: str | None) -> str | None:
    """A member's further cry about the emergency they raised minutes ago ("已经有人流血了")
    joins it, as on WeChat (intents.emergency): no second P1 and no second alert; its
    officers are told the words in the WeCom app, the police group had the alert."""
    found = await group_store.open_ticket_of(session, chat.room_id, [line.sender])
    if found is None or found[0].kind != "emergency" \
            or line.sent_at - found[0].created_at > EMERGENCY_JOIN:
        return None
    ticket = found[0]
    await notices.resident_said(session, services.alerting, ticket, line.text,
                                at=line.sent_at, robot=False, group=chat.name,
                                msgid=line.msgid)
    emergency_intent.graver(ticket, (kind or "other",))
    await group_store.mark(session, message_id, "emergency", ticket.id)
    return ticket.number


async def _follow_up(session: AsyncSession, services: Services, chat: GroupChat,
                     line: GroupLine, message_id: int, now: datetime) -> str | None:
    """A further line of a resident whose group ticket opened moments ago joins it."""
    found = await group_store.open_ticket_of(session, chat.room_id, [line.sender])
    if found is None or now - found[0].created_at > JOIN_WINDOW:
        return None
    ticket = found[0]
    # Nobody told: the group's owner reads the group and was told of the ticket moments
    # ago; the line is a group message, linked by `mark`, not an inbound one.
    await notices.resident_said(session, services.alerting, ticket, line.text,
                                at=line.sent_at, alert=None, group=chat.name, msgid=line.msgid)
    await group_store.mark(session, message_id, "request", ticket.id)
    if not ticket.place and ticket.latitude is None and places.told_place(line.text):
        await _placed(session, services, chat, ticket, places.spoken(line.text.strip()))
    return ticket.number


async def _placed(session: AsyncSession, services: Services, chat: GroupChat, ticket: Ticket,
            place: str) -> None:
    """A place told in the line after the request ("在柳园小区南门") is the ticket's place,
    as a dialog's answer is on WeChat; for an emergency, the duty officers alerted with
    位置：未知 are sent it, as a place typed after a WeChat emergency is."""
    ticket.place = place
    named = route(services.settings.units, services.settings.default_unit, text=place)
    if not ticket.area and named.area and named.unit == chat.unit:
        ticket.area = named.area
    if ticket.kind == "emergency":
        alert = texts.text("alert_place_told", number=ticket.number, unit=ticket.unit,
                           place=place, link=services.console_link(ticket.number))
        await alert_routes.send(session, services.alerting, ticket, alert,
                                alert_routes.LOCATION)


def _tell_owner(session: AsyncSession, services: Services, chat: GroupChat, owner: str,
                ticket: Ticket, nickname: str, text: str, emergency: bool) -> None:
    if not owner:
        return
    link = services.console_link(ticket.number)
    if emergency:
        body = texts.text("group_emergency_owner", group=chat.name, member=nickname,
                          number=ticket.number, link=link,
                          emergency_kind=texts.EMERGENCY_KIND_LABELS[
                              ticket.emergency_kind or "other"])
    else:
        summary = mask_text(" ".join(text.split()))
        if len(summary) > SUMMARY_IN_NOTICE:
            summary = summary[:SUMMARY_IN_NOTICE] + "…"
        body = texts.text("group_ticket_owner", group=chat.name, member=nickname,
                          number=ticket.number, kind=texts.KIND_LABELS[ticket.kind],
                          unit=ticket.unit, summary=summary, link=link)
    outbox.enqueue(session, "wecom_app", owner, {"text": body, "ticket": ticket.number},
                   priority=outbox.PRIORITY_EMERGENCY if emergency else outbox.PRIORITY_ROUTINE)


def _context(session: AsyncSession, line: GroupLine, now: datetime,
             services: Services) -> Context:
    message = Inbound(channel=CHANNEL, dedupe_key=line.msgid, openid=f"group:{line.room_id}",
                      msg_type="text", content=line.text)
    return Context(session, message, now, services)
