"""What the resident is told first follows the kind (CONTRACT §4): an emergency told without
its usual word still names the kind whose numbers help (119 for gas, 120 for an elder behind
a door, 12356 for a farewell)."""

from __future__ import annotations

import pytest

from tests.classifying import raised


@pytest.mark.parametrize(("text", "kind"), [
    ("燃气表那儿有股臭鸡蛋味，越来越重", "fire"),
    ("隔壁老太太两天没开门了，门口的报纸堆着，屋里电视一直开着", "medical"),
    ("there is an old man face down in the snow outside our building and he is not moving",
     "medical"),
    ("补习班老师打电话问我儿子怎么没来，他一点就出门了，到现在联系不上", "missing"),
    ("俺家那口子昨黑出去一宿没回，电话打不通，以前从没这样过", "missing"),
    ("朋友最近把所有的存款都转给了父母，今晚说了句谢谢你们一直陪着我，就不回消息了", "self_harm"),
])
def test_the_kind_told_is_the_one_whose_numbers_help(classifier, text, kind):
    assert kind in raised(classifier, text).emergency_kinds
