"""Appointments: service, preferred time, 姓名, 手机号, 确认 -> an appointment ticket."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from handlers import texts
from handlers.core.context import Context
from handlers.core.privacy import mask_phone
from handlers.core.text import wishes
from handlers.core.types import Reply
from handlers.dialogs import booking_time, slots
from handlers.dialogs.steps import Dialog, Invalid, Option, Step, picked_number
from handlers.intents.bookings import cancel as cancel_booking
from handlers.intents.bookings import english, stations
from handlers.intents.registry import Intent, MenuButton, QuickChoice
from handlers.tickets import places
from handlers.tickets.opening import open_ticket
from handlers.tickets.places import PLACE_MAX
from handlers.tickets.routing import route, station_of_area
from storage.tickets import store as ticket_store

HOME_VISIT = "home_visit"
# Services residents can book, with words that name them in a first message.
SERVICES = (
    Option("hukou", "户籍办理（迁入迁出、出生落户等）", ("户籍", "户口", "落户", "迁户口")),
    Option("id_card", "身份证办理", ("身份证",)),
    Option("residence_permit", "居住证办理", ("居住证",)),
    Option("certificate", "开具证明", ("证明", "无犯罪")),
    Option("exit_entry", "出入境证件（护照、港澳通行证）", ("护照", "港澳", "通行证", "出入境")),
    Option("forum", "报名警民恳谈会", ("恳谈会",)),
    Option(HOME_VISIT, "社区民警上门服务", ("上门", "见见", "见一见", "见个面", "见一面", "约见",
                                          "面谈", "唠唠", "聊聊")),
    Option("safety_talk", "安全宣讲（防诈骗、消防、交通等）", ("宣讲", "讲座", "安全课")),
)


# An officer coming to the resident is how any business is done ("上门帮老人办身份证"), so
# with one of these words the visit is the service, whatever else the message names.
_AT_HOME = ("上门", "来家里", "到我家", "来我家")


def service_in(text: str) -> str | None:
    """The service a first message names, if exactly one is recognisable: a visit or a
    talk asked of the officers (bookings.wishes); a visit to the resident's home when asked
    for, whatever business it is for; else the one its words name."""
    wish = wishes.wished(text)
    if wish is not None:
        return wish[0]
    found = {o.value for o in SERVICES if any(word in text for word in o.aliases)}
    found |= english.services(text)
    if found and (any(word in text for word in _AT_HOME) or english.AT_HOME in found):
        return HOME_VISIT
    return found.pop() if len(found) == 1 else None


def _service_said(answer: str) -> str:
    """A service named in words at "which service?" ("身份证的", "the ID card one"); a
    number not on the list stays that error."""
    if picked_number(answer) is not None:
        raise Invalid("choice_out_of_range")
    found = service_in(answer)
    if found is None:
        raise Invalid("choice_unknown")
    return found


def label(value: str) -> str:
    """The Chinese label of a service value."""
    return next((o.label for o in SERVICES if o.value == value), value)


def _phone(answer: str) -> str:
    phone = slots.mobile(answer)
    if phone is None:
        raise Invalid("phone_invalid")
    return phone


def _confirm_values(data: dict[str, Any]) -> dict[str, str]:
    unit = (stations.chosen(data) or data.get("_visit_unit")
            or texts.text("unit_to_be_arranged"))
    if stations.place_of(data):
        unit = stations.place_line(data, unit)
    return {"service": label(data.get("service", "")), "time": data.get("time", ""),
            "unit": unit, "name": data.get("name", ""),
            "phone": mask_phone(data.get("phone", ""))}


async def _finish(ctx: Context, data: dict[str, Any]) -> Reply:
    services = ctx.services
    if data.get("confirm") != "yes":
        # Filled in again, but with what the first message named: the service, the station.
        keep = {key: data[key] for key in ("service", "unit")
                if key in data and data.get(f"_preset_{key}")}
        keep["_stations"] = data.get("_stations") or stations.stations(services.settings)
        keep[_SAID] = data.get(_SAID, [])
        return await services.dialogs.start(ctx, DIALOG.name, _forum_time(keep))
    what = label(data["service"])
    what = what if what.startswith("预约") else f"预约{what}"     # 预约安全宣讲 says it already
    summary = f"{what}，希望时间：{data['time']}，姓名：{data['name']}"
    address = stations.place_of(data)
    if address:         # an officer comes to this place: routed to its unit, if it names one
        summary += stations.place_summary(data)
    ticket = await open_ticket(
        ctx.session, services.settings, services.calendar, kind="appointment", text=summary,
        channel=ctx.message.channel, now=ctx.now, openid=ctx.message.openid,
        contact_phone=data["phone"], reasons=tuple(data.get("_reasons", ())),
        unit=stations.chosen(data), inbound_id=ctx.message.inbound_id, plain=True,  # read only
        unrouted_place=address[:PLACE_MAX] if address else None)
    await _link_said(ctx, data, ticket.id)
    reply = texts.text("appointment_done", number=ticket.number)
    ticket_store.add_event(ctx.session, ticket, "system", "auto_reply", reply, at=ctx.now)
    return Reply(reply)


# A 警民恳谈会 is held when the station holds it: its time is told, not asked.
FORUM = "forum"


def _forum_time(data: dict[str, Any]) -> dict[str, Any]:
    """The time of a forum's place is told by its officer; another service chosen after 返回
    has its time asked again."""
    told = texts.text("forum_time_by_officer")
    if data.get("service") == FORUM:
        data["time"] = told
    elif data.get("time") == told:
        del data["time"]
        data.pop("_preset_time", None)
    return data


async def _on_answer(ctx: Context, step: str, value: str, data: dict[str, Any]) -> None:
    _said(ctx, data)
    if step == "service":
        _forum_time(data)
    elif step == "address":
        settings = ctx.services.settings
        where = route(settings.units, settings.default_unit, text=value)
        # Shown on the confirmation; the ticket is routed by the address the same way.
        data["_visit_unit"] = "" if where.flagged else where.unit


# The booking's ticket is opened at 确认: the messages that asked for it and answered its
# questions are linked to it then, so officers read the whole request (群众对话), not "1".
_SAID = "_inbound"


def _said(ctx: Context, data: dict[str, Any]) -> None:
    if ctx.message.inbound_id is not None:
        data.setdefault(_SAID, []).append(ctx.message.inbound_id)


async def _link_said(ctx: Context, data: dict[str, Any], ticket_id: int) -> None:
    # One statement for them all; the confirmation itself is open_ticket's to link.
    earlier = [i for i in data.get(_SAID, ()) if i != ctx.message.inbound_id]
    await ticket_store.link_inbound(ctx.session, earlier, ticket_id)


DIALOG = Dialog(
    name="appointment",
    steps=(
        Step("service", "ask_service", options=SERVICES, validate=_service_said,
             skip_when_known=True, called=("业务", "办")),
        Step("unit", "ask_unit", check=stations.check, skip_when_known=True,
             describe=stations.choices, when=stations.asked, called=("派出所", "所")),
        Step("time", "ask_time", check=booking_time.check, skip_when_known=True,
             loaded=booking_time.loaded,
             ahead=lambda text: booking_time.phrase_in(text) is not None,
             amend=booking_time.amended, called=("时间", "日子", "点")),
        Step("address", "ask_visit_address", validate=slots.place, skip_when_known=True,
             reword=stations.place_prompt,
             when=stations.comes_out, called=("地址", "住址", "地点")),
        Step("name", "ask_name", validate=slots.name, called=("名字", "姓名", "叫")),
        Step("phone", "ask_phone", validate=_phone, called=("电话", "手机", "号码")),
        Step("confirm", "ask_confirm", describe=_confirm_values, options=(
            Option("yes", texts.text("confirm_yes"), ("确认", "是", "对", "好")),
            Option("restart", texts.text("confirm_restart"), ("重新填写", "修改")),
        )),
    ),
    on_answer=_on_answer,
    finish=_finish,
)


async def handle(ctx: Context, text: str, reasons: tuple[str, ...]) -> Reply:
    """Start the booking dialog with what the first message already says: the service, the
    station or area ("去古楼派出所"), and the time ("下周二上午"), each asked only if unsaid.
    A time said that cannot be booked (a Sunday, the past) is asked again with the reason."""
    service = service_in(text)
    services = ctx.services
    data: dict[str, Any] = {"_reasons": list(reasons),
                            "_stations": stations.stations(services.settings)}
    _said(ctx, data)
    intro = texts.text("appointment_start")
    if service:
        data["service"] = service
        intro = texts.text("service_preselected", service=label(service))
    if service == FORUM:
        intro = texts.text("forum_preselected")
    where = route(services.settings.units, services.settings.default_unit, text=text)
    if text and not where.flagged:
        data["unit"] = where.unit
        if where.misnamed:
            intro = "\n".join((intro, station_of_area(where)))
        # "我住柳园小区3号楼，想预约上门服务": where to come is said, not asked.
        if service in stations.COME_OUT and where.area and not where.misnamed:
            data["address"] = places.phrase(text, where.area)
    if booking_time.phrase_in(text):      # read with jionlp's parser: loaded off the loop
        await booking_time.loaded()
    try:
        told = time_told(services.settings, services.calendar, text, ctx.now)
    except Invalid as invalid:
        told = None
        if invalid.key != "time_invalid":     # not a time after all: just ask
            intro = "\n".join((intro, texts.text(invalid.key, **invalid.values)))
    if told is not None:
        data["time"] = told
    return await services.dialogs.start(ctx, DIALOG.name, _forum_time(data), intro=intro)


def time_told(settings: Any, calendar: Any, text: str, now: datetime) -> str | None:
    """The booking time a first message names, as the dialog takes it (then it is not asked
    for), on the calendar and at the hours of the station the message names or is routed
    to (a forum's, the station's to tell); None when it names no time, Invalid when that time
    cannot be booked."""
    if service_in(text) == FORUM:
        return texts.text("forum_time_by_officer")
    phrase = booking_time.phrase_in(text)
    if phrase is None:
        return None
    where = route(settings.units, settings.default_unit, text=text)
    hours = booking_time.unit_hours(settings, None if where.flagged else where.unit)
    return booking_time.checked(phrase, now.astimezone(settings.tz), hours, calendar)


async def _menu(ctx: Context) -> Reply:
    return await handle(ctx, "", ("menu:APPOINTMENT",))


INTENT = Intent(
    label="appointment", name="预约办理", kind="appointment", priority="P3", handle=handle,
    dialogs=(DIALOG, cancel_booking.DIALOG),
    menu=(MenuButton("APPOINTMENT", "预约办理", _menu, under="预约办事", order=10),),
    quick=QuickChoice("预约办理", ("预约",), position=2))
