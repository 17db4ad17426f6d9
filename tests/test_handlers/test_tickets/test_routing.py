"""Routing: area names in the text, unit names, the nearest station, else 待分派."""

import pytest

from handlers.core.settings import Unit
from handlers.tickets.routing import Route, haversine_km, nearest_unit, route

UNITS = (
    Unit("古楼派出所", ("古楼街道", "柳园"), lat=36.4563, lng=115.9859),
    Unit("新区派出所", ("新区街道", "东城街道", "古楼"), lat=36.4470, lng=116.0050),
    Unit("湖西派出所", ("湖西街道",), lat=36.4530, lng=115.9560),
    Unit("交警大队", ("城区",), lat=0.0, lng=0.0),
)


@pytest.mark.parametrize(("text", "expected"), [
    ("古楼街道某小区楼下有人吵架", Route("古楼派出所", False, "古楼街道")),   # longest wins
    ("古楼那边停车乱", Route("新区派出所", False, "古楼")),
    ("柳园小区噪音扰民", Route("古楼派出所", False, "柳园")),
    ("东城街道和湖西街道交界", Route("新区派出所", False, "东城街道")),   # tie: first unit
    ("我想找湖西派出所的民警", Route("湖西派出所", False, None)),
])
def test_routes_by_area_then_unit_name(text, expected):
    assert route(UNITS, "", text=text) == expected


def test_area_in_the_text_beats_the_location():
    # The point is next to 湖西派出所, the text names 柳园.
    assert route(UNITS, "", text="柳园", lat=36.4531, lng=115.9561).unit == "古楼派出所"


def test_nearest_located_unit_for_a_location():
    assert route(UNITS, "", text="这里", lat=36.4475, lng=116.0040) == Route(
        "新区派出所", False, None)
    # The unit at (0, 0) has no position and is never nearest.
    assert nearest_unit(UNITS, 0.1, 0.1) is None


def test_unroutable_goes_to_the_default_unit_flagged():
    assert route(UNITS, "湖西派出所", text="你好") == Route("湖西派出所", True, None)
    assert route(UNITS, "", text="你好") == Route("古楼派出所", True, None)
    # Far outside the branch (Beijing).
    assert route(UNITS, "", lat=39.9, lng=116.4) == Route("古楼派出所", True, None)
    assert route((), "", text="你好") == Route("", True, None)


def test_haversine():
    assert haversine_km(36.4563, 115.9859, 36.4563, 115.9859) == 0
    assert 2.6 < haversine_km(36.4563, 115.9859, 36.4530, 115.9560) < 2.8
