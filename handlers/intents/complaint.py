"""Complaints and tips: a ticket at once, then what is missing (where, when, phone, photos)."""

from __future__ import annotations

import re
from typing import Any

from handlers import texts
from handlers.core.context import Context
from handlers.core.labels import BARE_REQUEST, JUST_HAPPENED, PAID_JUST_NOW, PAID_TO_SWINDLER
from handlers.core.privacy import mask_phone
from handlers.core.text import hijack
from handlers.core.types import Reply
from handlers.dialogs import slots
from handlers.dialogs.steps import Dialog, Invalid, Step
from handlers.intents.complaints import answers
from handlers.intents.registry import Intent, MenuButton, QuickChoice
from handlers.tickets import notices, places, routing
from handlers.tickets.opening import is_conduct, open_ticket
from handlers.tickets.routing import route, station_of_area
from storage.tickets import store as ticket_store

ANONYMOUS_WORDS = ("匿名", "不留名", "不想留名", "不要透露我", "别透露我")
# A request with nothing of the matter yet ("我要投诉", "我想举报一下！"): what happened is asked
# first, as from the menu, instead of opening a ticket whose summary says nothing.
_BARE_REQUEST = re.compile(
    r"^[\s，,。.！!？?~～…]*(你好|您好)?[\s，,。.！!]*(我)?(想|要|想要|需要)?"
    r"(投诉|举报|反映|报案)(一下|一个|个)?(问题|情况|事)?[\s，,。.！!？?~～…]*$")


def _phone(answer: str) -> str:
    phone = slots.mobile(answer)
    if phone is None:
        raise Invalid("phone_invalid")
    return phone


async def _finish(ctx: Context, data: dict[str, Any]) -> Reply:
    return Reply(texts.text("complaint_done", number=data["_ticket"]))


async def _stopped(ctx: Context, data: dict[str, Any]) -> Reply:
    # 取消 ends the questions only: the ticket stands, so "已取消" would mislead.
    return Reply(texts.text("complaint_details_stopped", number=data["_ticket"]))


DETAILS = Dialog(
    name="complaint_details",
    steps=(
        Step("where", "ask_where", skip_when_known=True, validate=slots.place,
             check=answers.where,
             reword=lambda data: "ask_where_said" if data.get("_said") else (
                 "ask_where_online" if data.get("_online") else (
                     "ask_where_conduct" if data.get("_conduct") else None)),
             describe=lambda data: {"place": data.get("_said", "")},
             called=("地点", "地址", "位置", "地方")),
        Step("when", "ask_when", optional=True, skip_when_known=True,
             called=("时间", "时候", "几点")),
        Step("phone_owner", "phone_owner_ask", validate=slots.phone_owner,
             skip_when_known=True,
             describe=lambda data: {"phone": mask_phone(data.get("_quoted", ""))}),
        Step("phone", "ask_phone", optional=True, validate=_phone, skip_when_known=True,
             called=("电话", "手机", "号码")),
        Step("photos", "ask_photos", optional=True),
    ),
    on_answer=answers.on_answer,
    finish=_finish,
    on_cancel=_stopped,
)


async def _start_from_menu(ctx: Context, data: dict[str, Any]) -> Reply:
    # The router answers a dialog step without the classifier's reasons; they set the
    # priority (downgraded_emergency, officer conduct), so ask for them here.
    reasons = ctx.services.classifier.classify(data["description"]).reasons
    return await handle(ctx, data["description"], ("menu:COMPLAINT", *reasons))


START = Dialog(
    name="complaint_start",
    steps=(Step("description", "complaint_start"),),
    finish=_start_from_menu,
)


async def handle(ctx: Context, text: str, reasons: tuple[str, ...]) -> Reply:
    """Open the complaint ticket now and ask for the missing details."""
    if _BARE_REQUEST.match(text) or BARE_REQUEST in reasons:
        return await ctx.services.dialogs.start(ctx, START.name)
    message, services = ctx.message, ctx.services
    anonymous = any(word in text for word in ANONYMOUS_WORDS)
    # A number in a report may be the swindler's: only one the resident calls theirs is kept
    # at once; any other is asked about.
    quoted = None if anonymous else slots.quoted_mobile(text)
    phone = quoted[0] if quoted and quoted[1] else None
    location = message.location
    # Whether the money went to a swindler minutes ago is the classifier's to tell, beside
    # its fraud cues (classifier.decide.stop_payment): one table for both.
    stop_payment = any(reason.startswith(PAID_JUST_NOW) for reason in reasons)
    if stop_payment and "downgraded_emergency" not in reasons:
        # §4: a swindle's payment told after it went is a report, with an emergency's cue told
        # in the past: P2 and the reason say so to the officers.
        reasons = (*reasons, "downgraded_emergency")
    # The place the resident named, when no unit lists it: a 街道 or 镇 is stored with the
    # ticket (see below); a landmark is asked about.
    said = places.said(text) if location is None else None
    listed_nowhere = said if said and places.administrative(said) else None
    ticket = await open_ticket(
        ctx.session, services.settings, services.calendar, kind="complaint", text=text,
        channel=message.channel, now=ctx.now, openid=message.openid, contact_phone=phone,
        anonymous=anonymous, reasons=reasons, inbound_id=message.inbound_id,
        lat=location.latitude if location else None,
        lng=location.longitude if location else None,
        # 地点 is asked unless known: a shared location answers it too.
        location_asked_at=None if location else ctx.now, unless_placed=True,
        unrouted_place=listed_nowhere, plain=True)
    if anonymous:
        opened = texts.text("complaint_opened_anonymous", number=ticket.number)
    elif ticket.flagged_unassigned:
        # Its unit is a stand-in until the place is told: naming it would send the resident
        # to the wrong station.
        opened = texts.text("complaint_opened_unrouted", number=ticket.number,
                            due=services.local_time(ticket.first_response_due))
    else:
        opened = texts.text("complaint_opened", number=ticket.number, unit=ticket.unit,
                            due=services.local_time(ticket.first_response_due))
        where = route(services.settings.units, services.settings.default_unit, text=text)
        if where.unit == ticket.unit and where.misnamed:
            opened = "\n".join((opened, station_of_area(where)))
    taken = hijack.hijacked(text)
    if stop_payment:
        opened = texts.text("complaint_stop_payment") + "\n" + opened
    elif taken is not None:      # friends being asked for money in the resident's name
        opened = texts.text("complaint_account_hijacked") + "\n" + opened
    elif any(reason.startswith(f"{PAID_TO_SWINDLER}:") for reason in reasons):
        opened = texts.text("complaint_fraud_paid") + "\n" + opened
    elif JUST_HAPPENED in reasons:     # minutes ago: 110 can still catch up with it
        opened = texts.text("complaint_just_happened") + "\n" + opened
    ticket_store.add_event(ctx.session, ticket, "system", "auto_reply", opened, at=ctx.now)
    known: dict[str, Any] = {"_ticket": ticket.number, "_ticket_id": ticket.id}
    if ticket.flagged_unassigned:
        known["_unrouted"] = True      # the place given later routes it (see _on_answer)
        known["_priority"] = ticket.priority   # and sets its sign due, without reading it
    if any(is_conduct(reason) for reason in reasons):
        # About the police's own service: no scene to ask for, but which station or window,
        # unless the message named the station.
        known["_conduct"] = True
        if routing.named_units(services.settings.units, text):
            known["where"] = ticket.unit
    elif ticket.place or ticket.area:
        # A 街道 or 镇 no unit lists ("东关街道阳光花园") is the place: as precise as the
        # question could make it; the dispatchers route it (待分派).
        known["where"] = ticket.place or ticket.area
    elif location is None and (places.online(text) or taken is not None):
        known["_online"] = True       # no scene: the home is asked (and routes it)
    elif said:
        known["_said"] = said    # a landmark ("实验小学门口"): asked which 街道 it is in
    when = slots.told_when(text)
    if when:
        known["when"] = when      # said in the report: not asked again
    if phone or anonymous:
        known["phone"] = phone or "-"
    if quoted and not phone:
        known["_quoted"] = quoted[0]
    else:
        known["phone_owner"] = "-"      # nothing to ask about
    return await services.dialogs.start(ctx, DETAILS.name, known, intro=opened)


async def attach(ctx: Context, number: str, description: str) -> Reply | None:
    """Attach an image, voice or location to the complaint being detailed."""
    ticket = await ticket_store.get_by_number(ctx.session, number)
    if ticket is None:
        return None
    message = ctx.message
    if message.location is not None:
        await ticket_store.set_location(ctx.session, ticket, message.location.latitude,
                                        message.location.longitude)
    # Nobody told: the ticket is being reported right now (its details dialog), and its
    # unit hears of it, photos and all, as of any new ticket.
    await notices.resident_said(ctx.session, ctx.services.alerting, ticket, description,
                                at=ctx.now, inbound_id=message.inbound_id, alert=None,
                                media_id=message.media_id or None)
    key = "attached_photo" if message.msg_type in ("image", "video", "shortvideo") else "attached"
    return Reply(texts.text(key, number=number))


async def _menu(ctx: Context) -> Reply:
    return await ctx.services.dialogs.start(ctx, START.name)


INTENT = Intent(
    label="complaint", name="投诉举报", kind="complaint", priority="P3", handle=handle,
    dialogs=(DETAILS, START),
    menu=(MenuButton("COMPLAINT", "投诉举报", _menu, under="我要反映", order=10),),
    quick=QuickChoice("投诉举报", ("投诉", "举报"), position=1))
