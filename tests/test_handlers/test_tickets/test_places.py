"""The place in the resident's words around the area routing matched."""

import pytest

from handlers.tickets.places import phrase


@pytest.mark.parametrize(("text", "area", "place"), [
    ("柳园小区8号楼楼上天天半夜蹦迪", "柳园", "柳园小区8号楼"),
    ("古楼街道柳园小区3号楼", "古楼街道", "古楼街道柳园小区3号楼"),
    ("柳园小区楼下有人吵架", "柳园", "柳园小区"),
    ("柳园3单元502室漏水到楼下", "柳园", "柳园3单元502室"),
    ("古楼街道东关街12号门口经常违停", "古楼街道", "古楼街道东关街12号"),
    ("我在柳园，有人吵", "柳园", "柳园"),
])
def test_the_place_is_the_residents_words_around_the_area(text, area, place):
    assert phrase(text, area) == place


def test_an_area_not_in_the_text_gives_no_place():
    assert phrase("楼上很吵", "柳园") is None
