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
