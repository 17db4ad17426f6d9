"""Which unit a new ticket goes to: by the area named in the text, or the nearest station."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from handlers.core.settings import Unit

EARTH_RADIUS_KM = 6371.0
# A location further than this from every station is outside the branch: dispatch by hand.
MAX_DISTANCE_KM = 50.0


class Route(NamedTuple):
    """Where a ticket goes; `flagged` means 待分派 (nobody could tell, dispatch by hand)."""

    unit: str
    flagged: bool
    area: str | None


def route(units: Sequence[Unit], default_unit: str = "", *, text: str = "",
          lat: float | None = None, lng: float | None = None) -> Route:
    """Route by area names in `text` (longest first), then unit names, then the nearest
    located unit to (lat, lng); otherwise the default unit, flagged 待分派."""
    by_area = _longest_match(text, [(area, unit) for unit in units for area in unit.areas])
    if by_area is not None:
        area, unit = by_area
        return Route(unit.name, False, area)
    by_name = _longest_match(text, [(unit.name, unit) for unit in units])
    if by_name is not None:
        return Route(by_name[1].name, False, None)
    if lat is not None and lng is not None:
        nearest = nearest_unit(units, lat, lng)
        if nearest is not None:
            return Route(nearest.name, False, None)
    fallback = default_unit or (units[0].name if units else "")
    return Route(fallback, True, None)


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
