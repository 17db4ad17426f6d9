"""A complaint's details, as the resident answers them: each answer on the ticket's timeline,
and the place, area, unit or contact phone it tells (handlers.intents.complaint's dialog)."""

from __future__ import annotations

from typing import Any

from handlers import texts
from handlers.core import settlement
from handlers.core.context import Context
from handlers.core.privacy import mask_phone
from handlers.dialogs import slots
from handlers.dialogs.steps import AskAgain
from handlers.tickets import signing, sla
from handlers.tickets.opening import settle_unit, settle_unit_by_answer
from handlers.tickets.places import PLACE_MAX
from handlers.tickets.routing import route
from storage.tickets import answers as ticket_answers
from storage.tickets import store as ticket_store

# How the timeline names each answer.
_LABELS = {"where": "地点", "when": "时间", "photos": "补充"}


async def on_answer(ctx: Context, name: str, value: str, data: dict[str, Any], *,
                    amending: bool = False) -> None:
    """Keep an answer of the details dialog on its ticket: its event, and the place, area,
    unit or contact phone it tells (a corrected place replaces the one kept: `amending`)."""
    placed = name != "where" or bool(value)
    if not placed:
        # No place told (`where`): officers see that the resident could not say, and which
        # message said so; no place is kept.
        value = texts.text("place_not_told")
    if not value:
        return
    typed = slots.mobile(value) if name == "when" or (
        name == "photos" and not data.get("phone")) else None
    if typed:
        # A phone number typed where the time is asked answers the next question: the
        # contact, not a time (the phone step is then skipped, the time left unsaid). Typed
        # at the photos question after the phone was refused, it is the contact given after
        # all, not a detail of the matter.
        data.update({name: "", "phone": typed})
        name, value = "phone", typed
    # The message the answer came in: the console shows that message, not this event again.
    came_in = ({"inbound_id": ctx.message.inbound_id}
               if ctx.message.inbound_id is not None else {})
    ticket_id = data.get("_ticket_id")
    if ticket_id is not None:
        # The dialog knows its ticket: written without reading it.
        await _answer(ctx, ticket_id, name, value, data, came_in, placed,
                      corrected=amending and name == "where")
        return
    ticket = await ticket_store.get_by_number(ctx.session, data["_ticket"])
    if ticket is None:
        return
    # The answer joins the ticket: officers find it among the ticket's messages.
    await settlement.link_ticket(ctx.session, ctx.message.inbound_id, ticket.id)
    if name == "phone_owner":
        own, text = _phone_owner(value, data)
        if own:
            ticket.contact_phone = own
        ticket_store.add_event(ctx.session, ticket, "resident", "message_in", text,
                               at=ctx.now, **came_in)
        return
    if name == "phone":
        ticket.contact_phone = value
        ticket_store.add_event(ctx.session, ticket, "resident", "message_in",
                               f"联系电话：{mask_phone(value)}", at=ctx.now, **came_in)
        return
    label = _LABELS.get(name, name)
    if name == "where" and placed:
        _place(ctx, ticket, _place_words(value, data), amending)
    ticket_store.add_event(ctx.session, ticket, "resident", "message_in", f"{label}：{value}",
                           at=ctx.now, **came_in)


async def _answer(ctx: Context, ticket_id: int, name: str, value: str, data: dict[str, Any],
                  came_in: dict[str, Any], placed: bool = True,
                  corrected: bool = False) -> None:
    """An answer on the dialog's ticket, as the path above writes it, without the read."""
    phone = place = area = routing = None
    if name == "phone_owner":
        phone, text = _phone_owner(value, data)
    elif name == "phone":
        phone, text = value, f"联系电话：{mask_phone(value)}"
    else:
        label = "居住地" if name == "where" and data.get("_online") else _LABELS.get(name, name)
        text = f"{label}：{value}"
        if name == "where" and placed:
            settings = ctx.services.settings
            place = _place_words(value, data)[:PLACE_MAX]
            routed = route(settings.units, settings.default_unit, text=value)
            area = routed.area
            if data.get("_unrouted") and not routed.flagged:
                # A ticket waiting for a unit goes to the unit of that place (if it still
                # waits when the answer is written: storage.tickets.answers).
                # A dialog saved before it kept the priority: a complaint's own, which
                # signs as P2 does (only P1 signs sooner, and a complaint is never P1).
                priority = data.get("_priority") or sla.default_priority("complaint")
                routing = settle_unit_by_answer(ctx.services, routed.unit, priority, ctx.now)
    ticket_answers.answer_to_ticket(ctx.session, ticket_id, text, ctx.now, contact_phone=phone,
                             place=place, area=area, routing=routing,
                             corrected=corrected, **came_in)
    # Linked only if the ticket exists (storage.intake.handled), as the answer is written.
    await settlement.link_ticket(ctx.session, ctx.message.inbound_id, ticket_id)


def _phone_owner(value: str, data: dict[str, Any]) -> tuple[str | None, str]:
    """The resident said whose the quoted number is: theirs becomes the contact phone (and
    the phone step is then skipped); the number that is theirs, if any, and the event."""
    quoted = data.get("_quoted", "")
    own = quoted if value == "yes" else (value if value != "no" else None)
    if own:
        data["phone"] = own
    owner = texts.text("phone_quoted_own" if value == "yes" else "phone_quoted_other")
    return own, texts.text("phone_quoted_event", phone=mask_phone(quoted), owner=owner)


def _place_words(answer: str, data: dict[str, Any]) -> str:
    """The place as officers read it: the answer, with the place the report named when the
    answer does not repeat it ("古楼街道（东昌湖边）"); that place alone when the resident could
    not say more."""
    said = data.get("_said")
    if not said or said in answer:
        return answer
    if slots.no_place(answer):
        return said
    return f"{answer}（{said}）"


def _place(ctx: Context, ticket, where: str, corrected: bool = False) -> None:
    """Keep the resident's words for the place and the area they match (a place corrected
    replaces the one kept); a ticket waiting for a unit goes to the unit of that place."""
    settings = ctx.services.settings
    routed = route(settings.units, settings.default_unit, text=where)
    if ticket.flagged_unassigned and not routed.flagged:
        settle_unit(ctx.session, ticket, routed.unit, ctx.now)
        signing.routed(ticket, ctx.services, ctx.now)
    if corrected:
        ticket.place, ticket.area = None, routed.area or ticket.area
    ticket.place = ticket.place or where[:PLACE_MAX]
    ticket.area = ticket.area or routed.area


def where(ctx: Context, value: str, data: dict[str, Any]) -> str:
    """The place, unless the answer says none ("无", "不知道"): then asked once more with
    what helps (a landmark, a shared location), and, said again, taken as not known ("": no
    place kept). Where the question invited "不清楚" (about a place the report named, or the
    station of an officer's conduct), it is taken at once."""
    if not slots.no_place(value) or data.get("_said"):
        return value     # 不清楚 about a named landmark keeps the landmark (_place_words)
    if data.get("_conduct") or data.get("_where_pressed"):
        return ""
    data["_where_pressed"] = True
    raise AskAgain("place_unknown")
