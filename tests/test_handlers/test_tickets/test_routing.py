"""Routing: area names in the text, unit names, the nearest station, else 待分派."""

import pytest

from handlers.core.settings import Unit
from handlers.tickets.routing import Route, haversine_km, named_units, nearest_unit, route

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
    # A station's short name, and its full name over an area inside it (古楼 is 新区's here).
    ("去古楼所办身份证", Route("古楼派出所", False, None)),
    ("明天去古楼派出所", Route("古楼派出所", False, None)),
    ("湖西所的民警很负责", Route("湖西派出所", False, None)),
    # A station called by the name of an area no unit is named after: the area's unit, told.
    ("感谢柳园派出所的民警", Route("古楼派出所", False, "柳园", misnamed=True)),
    ("东城街道派出所门口乱停车", Route("新区派出所", False, "东城街道", misnamed=True)),
    ("柳园所有的路灯都坏了", Route("古楼派出所", False, "柳园")),
])
def test_routes_by_the_longest_area_or_unit_name(text, expected):
    assert route(UNITS, "", text=text) == expected


@pytest.mark.parametrize(("text", "named"), [
    ("古楼所在哪", ["古楼派出所"]),
    ("古楼派出所和湖西所几点上班", ["古楼派出所", "湖西派出所"]),
    ("派出所几点上班", []),
])
def test_the_units_a_text_names(text, named):
    assert [unit.name for unit in named_units(UNITS, text)] == named


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
