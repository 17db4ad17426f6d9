"""Where a booking happens: the station whose window the resident goes to, or, for an officer
coming to them (a visit at home, a safety talk), the place they come to, routed to its unit.

Without it a booking that named no station waited 待分派 for a dispatcher, and the resident
was told only "由民警根据您的业务安排", not where to go.
"""

from __future__ import annotations

from typing import Any

from handlers import texts
from handlers.core.context import Context
from handlers.dialogs.steps import Invalid, picked_number
from handlers.tickets.routing import route

# Said when any station will do: the booking waits for a dispatcher (待分派), as before.
ANY = "any"
_ANY_WORDS = ("都可以", "都行", "哪个都行", "随便", "无所谓", "就近", "不知道", "不清楚",
              "由民警安排")
# Services an officer comes out for: the place is asked instead of a station.
COME_OUT = ("home_visit", "safety_talk")
# A 警民恳谈会 is held in the community by its officer, who tells the time and place.
_NO_WINDOW = (*COME_OUT, "forum")


def stations(settings: Any) -> list[list[str]]:
    """The stations a resident can book at, each [name, areas…]: the units with areas (a
    team without any, such as a 大队, has no window of its own), else every unit."""
    placed = [unit for unit in settings.units if unit.areas] or list(settings.units)
    return [[unit.name, *unit.areas] for unit in placed]


def choices(data: dict[str, Any]) -> dict[str, str]:
    """The station question's numbered list, from the stations kept when the dialog began."""
    listed = data.get("_stations") or []
    lines = [f"{number}. " + (texts.text("unit_choice", unit=name, areas="、".join(areas))
                              if areas else name)
             for number, (name, *areas) in enumerate(listed, start=1)]
    lines.append(f"{len(listed) + 1}. {texts.text('unit_any')}")
    return {"choices": "\n".join(lines)}


def asked(data: dict[str, Any]) -> bool:
    """The station is asked for bookings at a window, when there is more than one."""
    return data.get("service") not in _NO_WINDOW and len(data.get("_stations") or []) > 1


def check(ctx: Context, answer: str, data: dict[str, Any]) -> str:
    """The station picked by number, named (古楼所) or by one of its areas; ANY when any will
    do; Invalid otherwise."""
    listed = data.get("_stations") or []
    picked = picked_number(answer)
    if picked is not None:
        if 1 <= picked <= len(listed):
            return listed[picked - 1][0]
        if picked == len(listed) + 1:
            return ANY
        raise Invalid("choice_out_of_range")
    if any(word in answer for word in _ANY_WORDS):
        return ANY
    settings = ctx.services.settings
    where = route(settings.units, settings.default_unit, text=answer)
    if not where.flagged:
        return where.unit
    # Part of a listed name ("古楼", "湖西那个"): the one station it can be.
    said = answer.strip().strip("。.！!").removesuffix("那个").removesuffix("的")
    named = {name for name, *areas in listed
             if len(said) >= 2 and any(said in word for word in (name, *areas))}
    if len(named) == 1:
        return named.pop()
    raise Invalid("unit_unknown")


def chosen(data: dict[str, Any]) -> str | None:
    """The unit the booking goes to, if the resident chose or named one."""
    unit = data.get("unit")
    return None if unit in (None, "", ANY) else unit


def comes_out(data: dict[str, Any]) -> bool:
    """Whether an officer comes to the resident's place for this booking."""
    return data.get("service") in COME_OUT


def place_of(data: dict[str, Any]) -> str | None:
    """The place an officer comes to (None for a booking at a window, whatever an answer
    given before 返回 changed the service left behind)."""
    return data.get("address") if comes_out(data) else None


def place_prompt(data: dict[str, Any]) -> str | None:
    """A safety talk asks where it is held; a visit at home asks the address."""
    return "ask_talk_place" if data.get("service") == "safety_talk" else None


def place_line(data: dict[str, Any], unit: str) -> str:
    """The confirmation's 地点 for a booking an officer comes out for."""
    key = "talk_place" if data.get("service") == "safety_talk" else "visit_place"
    return texts.text(key, address=data["address"], unit=unit)


def place_summary(data: dict[str, Any]) -> str:
    """What the ticket's summary adds about the place an officer comes to."""
    key = "talk_summary" if data.get("service") == "safety_talk" else "visit_summary"
    return texts.text(key, address=data["address"])
