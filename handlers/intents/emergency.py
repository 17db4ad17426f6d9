"""Emergencies: the numbers to call first (by kind, §4), a P1 ticket, officers alerted,
where-are-you once; repeats join one ticket. The resident hears that officers were alerted
only once an alert has reached them (handlers.escalation)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from handlers import texts
from handlers.core.context import Context
from handlers.core.types import Location, Reply
from handlers.intents.registry import Intent, MenuButton
from handlers.tickets import notices, places
from handlers.tickets.alerts import alert_emergency
from handlers.tickets.opening import open_ticket
from storage.tickets import locations as location_store
from storage.tickets import store as ticket_store
from storage.tickets.models import EMERGENCY_KINDS

# The same resident's emergencies within this time are one incident.
JOIN_WINDOW = timedelta(minutes=10)
# A location shared just before an emergency is where the emergency is.
RECENT = timedelta(minutes=10)

# §4: the numbers each kind is told besides 110, which every emergency is told (last).
KIND_NUMBERS: dict[str, tuple[str, ...]] = {
    "self_harm": ("120", "12356"), "fire": ("119",), "traffic": ("122", "120"),
    "crime": (), "medical": ("120",), "fraud": ("96110",), "missing": (), "other": (),
}
# Kinds with a line of advice (texts emergency_advice_<kind>).
ADVICE = ("fire", "traffic", "medical", "crime", "fraud", "missing")
CARING = "self_harm"


def ordered(kinds: Iterable[str]) -> tuple[str, ...]:
    """The known kinds among `kinds` in §4's order; ("other",) when none."""
    given = set(kinds)
    return tuple(k for k in EMERGENCY_KINDS if k in given) or ("other",)


def numbers(kinds: Iterable[str], without: Iterable[str] = (), also: Iterable[str] = ()
            ) -> list[str]:
    """Every number the kinds are told, then those the classifier found words for (`also`:
    a rescue's 119, beyond §4's wording as the README says), each once, 110 last."""
    told: list[str] = []
    for kind in ordered(kinds):
        told += [n for n in KIND_NUMBERS[kind] if n not in told]
    told += [n for n in dict.fromkeys(also) if n not in told and n != "110"]
    told.append("110")
    skip = set(without)
    return [n for n in told if n not in skip]


def _call(told: list[str]) -> str:
    named = [texts.text("emergency_number", number=n, label=texts.NUMBER_LABELS[n])
             for n in told]
    listed = named[0] if len(named) == 1 else "、".join(named[:-1]) + "和" + named[-1]
    return listed


def words(kinds: Iterable[str], also: Iterable[str] = ()) -> str:
    """What the resident is told first: for self-harm a caring answer, else the numbers to
    call (`also`: numbers told beside the kinds'); then advice for each kind that has some."""
    kinds = ordered(kinds)
    lines: list[str] = []
    if CARING in kinds:
        lines.append(texts.text("emergency_caring"))
        rest = numbers(kinds, without=numbers([CARING]))
        if rest:
            lines.append(texts.text("emergency_caring_also", numbers=_call(rest)))
    else:
        told = numbers(kinds, also=also)
        lines.append(texts.text("emergency_call", numbers=_call(told)))
        if "119" in told and "fire" not in kinds:
            lines.append(texts.text("emergency_advice_rescue"))
    lines += [texts.text(f"emergency_advice_{kind}") for kind in kinds if kind in ADVICE]
    return "\n".join(lines)


async def handle(ctx: Context, text: str, reasons: tuple[str, ...],
                 kinds: Iterable[str] = ("other",), also: Iterable[str] = ()) -> Reply:
    """Answer at once with the numbers to call (the kinds' and `also`, the classifier's); open
    or join the P1 ticket and alert."""
    message, services = ctx.message, ctx.services
    kinds = ordered(kinds)
    recent = await ticket_store.latest_open(ctx.session, message.openid, "emergency",
                                            ctx.now - JOIN_WINDOW)
    if recent is not None:
        return await _join(ctx, recent, text, kinds, tuple(also))
    location = message.location
    if location is None:
        shared = await location_store.recent_location(ctx.session, message.openid,
                                                      ctx.now - RECENT,
                                                      channel=message.channel)
        if shared is not None:
            location = Location(shared.latitude, shared.longitude,
                                          shared.location_label or "")
    ticket = await open_ticket(
        ctx.session, services.settings, services.calendar, kind="emergency", text=text,
        channel=message.channel, now=ctx.now, openid=message.openid, priority="P1",
        reasons=reasons, inbound_id=message.inbound_id, emergency_kind=kinds[0],
        lat=location.latitude if location else None,
        lng=location.longitude if location else None,
        location_label=location.label if location else None,
        location_asked_at=None if location else ctx.now,   # where-are-you, asked below
        # A place named in no unit's areas ("我在人民广场公交站") is still where officers go.
        unrouted_place=places.said(text) if location is None else None,
        # Only read below; an escalation for want of a route writes its time by a Core
        # UPDATE (storage.tickets.alerts.mark_escalated).
        plain=True)
    await alert_emergency(ctx, ticket)
    caring = CARING in kinds
    parts = [words(kinds, also)]
    phone = services.settings.phone_for(ticket.unit)
    if phone:
        parts.append(texts.text("emergency_unit_phone", unit=ticket.unit, phone=phone))
    parts.append(texts.text("emergency_recorded_caring" if caring else "emergency_recorded",
                            number=ticket.number))
    if ticket.latitude is None:
        parts.append(texts.text("emergency_ask_location_caring" if caring
                                else "emergency_ask_location"))
    reply = "\n".join(parts)
    ticket_store.add_event(ctx.session, ticket, "system", "auto_reply", reply, at=ctx.now)
    return Reply(reply)


async def _join(ctx: Context, ticket, text: str, kinds: tuple[str, ...],
                also: tuple[str, ...]) -> Reply:
    """A repeat within the join window: more words on the same ticket, no new alert and no
    second where-are-you. Its officers are told the words in the WeCom app (the 5-minute
    re-alerts repeat the first words only), never in the police group: it had the alert,
    and a line there for every repeat of a frightened resident is noise."""
    await notices.resident_said(ctx.session, ctx.services.alerting, ticket, text, at=ctx.now,
                                inbound_id=ctx.message.inbound_id, robot=False)
    graver(ticket, kinds)
    reply = "\n".join((words(kinds, also),
                       texts.text("emergency_joined_more", number=ticket.number)))
    ticket_store.add_event(ctx.session, ticket, "system", "auto_reply", reply, at=ctx.now)
    return Reply(reply)


def graver(ticket: Any, kinds: Iterable[str]) -> None:
    """A repeat's kinds may show the incident graver than first told (§4's order): the
    ticket takes the gravest."""
    first = ordered((*kinds, ticket.emergency_kind or "other"))[0]
    if first not in (ticket.emergency_kind, "other"):
        ticket.emergency_kind = first


def info(ctx: Context) -> Reply:
    """What the 紧急求助 menu button says."""
    phone = ctx.services.settings.duty_phone or "110"
    return Reply(texts.text("emergency_info", phone=phone))


async def _menu(ctx: Context) -> Reply:
    return info(ctx)


# No handler by label: the router's emergency gate calls `handle` with the kinds it found,
# ahead of everything else (§4); a label alone never reaches it.
INTENT = Intent(
    label="emergency", name="紧急警情", kind="emergency", priority="P1", handle=None,
    menu=(MenuButton("EMERGENCY_INFO", "紧急求助", _menu, under="我要反映", order=30),))
