"""Which unit a new ticket goes to: by the area named in the text, or the nearest station."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from typing import NamedTuple

from handlers import texts
from handlers.core.settings import Unit

EARTH_RADIUS_KM = 6371.0
# A location further than this from every station is outside the branch: dispatch by hand.
MAX_DISTANCE_KM = 50.0


class Route(NamedTuple):
    """Where a ticket goes; `flagged` means 待分派 (nobody could tell, dispatch by hand);
    `misnamed`: the text called a station by the name of an area (柳园派出所) the unit
    covers, so the resident is told plainly which unit that is."""

    unit: str
    flagged: bool
    area: str | None
    misnamed: bool = False


# How a unit's name ends; what is left is its short name (古楼派出所 -> 古楼 -> 古楼所).
_KINDS = re.compile(r"(派出所|大队|中队)$")
# What, after a place's name, makes it the name of a station (柳园派出所, 东城所).
_STATION = re.compile(r"派出所|所(?![有以在属])")


def unit_names(unit: Unit) -> tuple[str, ...]:
    """The names residents call `unit` by: its full name and the short ones made of what
    precedes 派出所/大队/中队 (古楼派出所: 古楼所)."""
    short = _KINDS.sub("", unit.name)
    if not short or short == unit.name:
        return (unit.name,)
    return (unit.name, f"{short}所", f"{short}派出所")


def named_units(units: Sequence[Unit], text: str) -> list[Unit]:
    """The units `text` names by full or short name, in configured order: the one reader of
    station names for bookings, complaints, feedback and the branch's facts."""
    return [unit for unit in units if any(name in text for name in unit_names(unit))]


def route(units: Sequence[Unit], default_unit: str = "", *, text: str = "",
          lat: float | None = None, lng: float | None = None) -> Route:
    """Route by the longest area or unit name in `text` (a unit's short name counts: 古楼所),
    then the nearest located unit to (lat, lng); otherwise the default unit, flagged 待分派."""
    by_name = _longest_match(text, [(name, unit) for unit in units for name in unit_names(unit)])
    by_area = _longest_match(text, [(area, unit) for unit in units for area in unit.areas])
    # A station named outright beats an area inside its name (古楼 in 古楼派出所).
    if by_name is not None and (by_area is None or len(by_name[0]) >= len(by_area[0])):
        return Route(by_name[1].name, False, None)
    if by_area is not None:
        area, unit = by_area
        return Route(unit.name, False, area, misnamed=_called_a_station(text, area))
    spelled = _spelled_in(tuple(units), text) if _LATIN.search(text) else None
    if spelled is not None:        # "Building 5, Liuyuan estate": 柳园, in pinyin
        name, unit = spelled
        return Route(unit.name, False, name if name in unit.areas else None)
    if lat is not None and lng is not None:
        nearest = nearest_unit(units, lat, lng)
        if nearest is not None:
            return Route(nearest.name, False, None)
    fallback = default_unit or (units[0].name if units else "")
    return Route(fallback, True, None)


# A resident writing English names a place by its pinyin ("Liuyuan estate", "Gu Lou street",
# "huxi police station"): the part of an area's or station's name before its kind (街道, 派出所),
# two syllables at least, as one word or one word a syllable.
_LATIN = re.compile(r"[A-Za-z]")
_GENERIC = re.compile(r"(?:街道|社区|办事处|派出所|大队|中队|镇|乡)$")
_MIN_SYLLABLES = 2


@functools.lru_cache(maxsize=8)
def _spellings(units: tuple[Unit, ...]) -> tuple[tuple[str, str, str, Unit], ...]:
    """(syllables spaced, syllables joined, the Chinese name, its unit) of every area, then
    every station; the configured units rarely change, so this is read once."""
    # Imported on the first message written in Latin letters, not at start-up.
    from pypinyin import lazy_pinyin
    found = []
    for unit in units:
        for name in (*unit.areas, unit.name):
            syllables = lazy_pinyin(_GENERIC.sub("", name))
            if len(syllables) >= _MIN_SYLLABLES and all(
                    s.isascii() and s.isalpha() for s in syllables):
                found.append((" ".join(syllables), "".join(syllables), name, unit))
    return tuple(found)


def warm(units: Sequence[Unit]) -> None:
    """Spell the configured names in pinyin ahead (pypinyin's import and tables, ~0.3 s)."""
    _spellings(tuple(units))


def _spelled_in(units: tuple[Unit, ...], text: str) -> tuple[str, Unit] | None:
    """The area or station `text` names in pinyin, the longest if several."""
    words = f" {' '.join(re.findall(r'[a-z]+', text.lower()))} "
    found = [(len(joined), name, unit) for spaced, joined, name, unit in _spellings(units)
             if f" {joined} " in words or f" {spaced} " in words]
    if not found:
        return None
    _, name, unit = max(found, key=lambda item: item[0])
    return name, unit


def _called_a_station(text: str, area: str) -> bool:
    """True when `area` is followed by a station word somewhere in `text` (柳园派出所)."""
    start = text.find(area)
    while start >= 0:
        if _STATION.match(text, start + len(area)):
            return True
        start = text.find(area, start + 1)
    return False


def station_of_area(where: Route) -> str:
    """The sentence that tells a resident who called a station by an area's name which unit
    will handle it ("" when they named none that way): never thanked or booked as if they
    had said that unit's name."""
    if not where.misnamed:
        return ""
    return texts.text("station_of_area", area=where.area, unit=where.unit)


def nearest_unit(units: Sequence[Unit], lat: float, lng: float,
                 max_km: float = MAX_DISTANCE_KM) -> Unit | None:
    """The located unit closest to the point, if one is within `max_km`."""
    located = [(haversine_km(lat, lng, u.lat, u.lng), i, u)
               for i, u in enumerate(units) if u.located]
    if not located:
        return None
    distance, _, unit = min(located)
    return unit if distance <= max_km else None


def haversine_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _longest_match(text: str, candidates: list[tuple[str, Unit]]) -> tuple[str, Unit] | None:
    # Longest name wins (古楼街道 over 古楼); on a tie, the unit configured first.
    found = [(name, unit) for name, unit in candidates if name and name in text]
    if not found:
        return None
    return max(found, key=lambda item: len(item[0]))
