"""The mixed bench's scripted residents answer the steps the dialogs ask, in order."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench import workload
from bot.config import load_config

CONFIG = load_config(Path(__file__).parents[2] / "config.example.toml", environ={})
# Monday 2026-11-23, 10:00 in Shanghai.
MONDAY = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _bookings(now: datetime = MONDAY) -> workload.Bookings:
    return workload.Bookings(CONFIG, now=lambda: now)


def _complaint(opener: str) -> list[str]:
    return workload.conversation("complaint", random.Random(7), {"complaint": [opener]},
                                 _bookings())


def test_a_complaint_that_said_when_goes_on_with_the_phone_after_the_place():
    _, place, phone, photos = _complaint("小区门口天天有人占道摆摊，早上七点到九点最严重")
    assert any(area in place for area in ("街道", "路口")) and photos == "无"
    assert phone == "无" or phone.isdigit()


def test_a_complaint_that_did_not_say_when_is_told_when_after_the_place():
    script = _complaint("楼道里堆满了杂物，没人管")
    assert len(script) == 5 and script[2] in workload.TIMES


def _appointment(opener: str, now: datetime = MONDAY) -> list[str]:
    return workload.conversation("appointment", random.Random(7), {"appointment": [opener]},
                                 _bookings(now))


def test_an_appointment_that_booked_a_working_day_ahead_goes_on_with_the_name():
    _, station, name, phone, confirm = _appointment("想预约下周二上午办身份证")
    assert station in ("1", "2", "3")       # the station is asked: the resident picks one
    assert name in workload.NAMES and phone.isdigit() and confirm == "1"


def test_an_appointment_at_a_named_station_is_not_asked_which():
    _, name, phone, confirm = _appointment("想预约下周二上午去古楼所办身份证")
    assert name in workload.NAMES and phone.isdigit() and confirm == "1"


def test_an_appointment_without_a_time_is_told_one():
    script = _appointment("我想预约办身份证")
    assert len(script) == 6 and script[2] in workload.WHEN_BOOKED


@pytest.mark.parametrize(("opener", "now", "told"), [
    # 元旦 2027 (a Friday; the calendar's fallback for a year without official data).
    ("想预约1月1日上午办身份证", datetime(2026, 12, 28, 2, 0, tzinfo=UTC), False),
    # 国庆 (a Monday) is closed; the 调休 Saturday after it is a working day.
    ("想预约10月5日上午办身份证", datetime(2026, 9, 28, 2, 0, tzinfo=UTC), False),
    ("想预约10月10日上午办身份证", datetime(2026, 9, 28, 2, 0, tzinfo=UTC), True),
    # A working day, but after the station's hours.
    ("想预约下周二晚上办身份证", MONDAY, False),
])
def test_a_booked_time_is_judged_by_the_dialogs_calendar_and_hours(opener, now, told):
    # The dialog asks for the time again when it cannot take the one said (a holiday,
    # closed hours) and not at all on a make-up working day: so does the scripted resident.
    assert _bookings(now).told_in(opener) is told
    script = _appointment(opener, now)
    assert len(script) == (5 if told else 6)
    assert told or script[2] in workload.WHEN_BOOKED


def test_a_forum_sign_up_is_answered_no_time_as_the_dialog_asks_none():
    assert _bookings().told_in("你们那个警民恳谈会什么时候开，我想报名参加")
