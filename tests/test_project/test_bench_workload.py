"""The mixed bench's scripted residents answer the steps the dialogs ask, in order."""

from __future__ import annotations

import random

from bench import workload


def _complaint(opener: str) -> list[str]:
    return workload.conversation("complaint", random.Random(7), {"complaint": [opener]})


def test_a_complaint_that_said_when_goes_on_with_the_phone_after_the_place():
    _, place, phone, photos = _complaint("小区门口天天有人占道摆摊，早上七点到九点最严重")
    assert any(area in place for area in ("街道", "路口")) and photos == "无"
    assert phone == "无" or phone.isdigit()


def test_a_complaint_that_did_not_say_when_is_told_when_after_the_place():
    script = _complaint("楼道里堆满了杂物，没人管")
    assert len(script) == 5 and script[2] in workload.TIMES


def _appointment(opener: str) -> list[str]:
    return workload.conversation("appointment", random.Random(7), {"appointment": [opener]})


def test_an_appointment_that_booked_a_working_day_ahead_goes_on_with_the_name():
    _, name, phone, confirm = _appointment("想预约下周二上午办身份证")
    assert name in workload.NAMES and phone.isdigit() and confirm == "1"


def test_an_appointment_without_a_time_is_told_one():
    script = _appointment("我想预约办身份证")
    assert len(script) == 5 and script[1] in workload.WHEN_BOOKED
