"""What the branch knows of itself: its units' address, phone and hours (config [[units]]),
and whether they are open on a day a resident asks about (the working calendar, 调休
included), so such questions get the configured facts, not a generic answer."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from handlers import texts
from handlers.core.settings import TicketSettings, Unit
from handlers.core.text.clauses import clause_texts
from handlers.core.unithours import day_label, hours_label, intervals_label, next_open, open_on
from handlers.dialogs import booking_time
from handlers.intents.faq import FaqEntry
from handlers.tickets import routing
from handlers.tickets.places import map_url
from handlers.tickets.workcalendar import WorkCalendar

ADDRESS_CUES = ("在哪", "哪里", "哪儿", "地址", "位置", "怎么走", "怎么去", "在什么地方", "咋走")
HOURS_CUES = ("几点", "上班", "下班", "办公时间", "开门", "关门", "营业", "工作时间")
PHONE_CUES = ("电话", "号码", "联系方式", "怎么联系")
# A question about a day: the day, then whether one can go or get something done (there:
# the router loads the time parser off the event loop for such a question).
_DAY, _CAN = booking_time.ASKED_DAY, booking_time.CAN
# Generic answers the configured facts replace.
REPLACED_BY_UNITS = ("hours-", "address-station", "address-branch", "address-phone")
REPLACED_BY_DAY = ("hours-weekend", "hours-holiday")
# Entries whose generic hours the configured ones replace even when no unit is named.
HOURS_ENTRIES = "hours-"


def named_units(settings: TicketSettings, text: str) -> list[Unit]:
    """Units named in `text`, by full name or short name (古楼派出所, 古楼所)."""
    return routing.named_units(settings.units, text)


def unit_card(settings: TicketSettings, unit: Unit) -> str:
    """古楼派出所 地址/地图/电话/办公时间, from the configuration."""
    lines = [f"【{unit.name}】"]
    if unit.address:
        lines.append(texts.text("unit_address", address=unit.address))
    link = None
    if unit.lat is not None and unit.lng is not None and unit.located:
        link = map_url(settings.map_url_template, unit.lat, unit.lng)
    if link:
        # A resident asking the way gets the station on a map, with or without an address.
        lines.append(texts.text("unit_map", map_url=link))
    phone = unit.phone or settings.duty_phone
    if phone:
        lines.append(texts.text("unit_phone", phone=phone))
    lines.append(texts.text("unit_hours", hours=hours_label(unit.hours)))
    return "\n".join(lines)


def asks_units(text: str) -> bool:
    """Whether `text` asks a unit's address, hours or phone."""
    return any(cue in text for cue in (*ADDRESS_CUES, *HOURS_CUES, *PHONE_CUES))


def unit_answer(settings: TicketSettings, text: str) -> str | None:
    """Address, phone and hours of the units a question names (all units when it asks where
    or how to call 派出所 without naming one)."""
    if not asks_units(text):
        return None
    units = named_units(settings, text)
    if not units and "派出所" in text and any(c in text for c in (*ADDRESS_CUES, *PHONE_CUES)):
        units = list(settings.units)
    if not units:
        return None
    return "\n".join(unit_card(settings, unit) for unit in units)


def entry_answer(settings: TicketSettings, entry: FaqEntry) -> str:
    """A knowledge-base entry's answer; for the generic hours entries ("你们几点下班", "中午
    休息吗"), the units' configured hours instead, so that a resident is told the same hours
    here as when booking or asking about a day."""
    if not entry.id.startswith(HOURS_ENTRIES) or not settings.units:
        return entry.answer
    by_hours: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for unit in settings.units:
        by_hours[unit.hours].append(unit.name)
    return "\n".join(
        "{}{}".format("各派出所" if len(by_hours) == 1 else "、".join(names),
                      texts.text("unit_hours", hours=hours_label(hours)))
        for hours, names in by_hours.items())


def without_day_question(text: str) -> str:
    """The question less its clauses that ask about a day ("身份证丢了怎么补办，周六能办吗" →
    "身份证丢了怎么补办"): the calendar answers those, and left in they drown the rest of the
    question for the knowledge base. The question itself when nothing else is left."""
    kept = [clause for clause in clause_texts(text)
            if not (_DAY.search(clause) and any(cue in clause for cue in _CAN))]
    return "，".join(kept) or text


def day_answer(settings: TicketSettings, calendar: WorkCalendar, text: str,
               now: datetime) -> str | None:
    """Whether the units are open on the day a question names, and when they next are."""
    day_words = _DAY.search(text)
    if day_words is None or not any(cue in text for cue in _CAN):
        return None
    wanted = booking_time.read(day_words.group(), now.astimezone(settings.tz))
    if wanted is None:
        return None
    day = wanted.day
    units = named_units(settings, text) or list(settings.units)
    by_hours: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for unit in units:
        by_hours[unit.hours].append(unit.name)
    lines = []
    for hours, names in by_hours.items():
        who = "、".join(names) if len(by_hours) > 1 or len(units) == 1 else "各派出所"
        intervals = open_on(hours, calendar, day)
        if intervals:
            key = "day_open_makeup" if calendar.is_workday(day) and day.weekday() >= 5 \
                else "day_open"
            lines.append(texts.text(key, day=day_label(day), who=who,
                                    hours=intervals_label(intervals)))
            continue
        following = next_open(hours, calendar, day)
        lines.append(texts.text("day_closed", day=day_label(day), who=who,
                                next=f"{day_label(following[0])}{intervals_label(following[1])}"
                                if following else "—"))
    return "\n".join(lines)
