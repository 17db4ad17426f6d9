"""Scores said in words (handlers.dialogs.scores): what a rating reads, and what it must not."""

from __future__ import annotations

import pytest

from handlers.dialogs import scores
from handlers.dialogs.steps import Invalid


@pytest.mark.parametrize(("said", "score"), [
    ("非常不满意", 1), ("不满意", 2), ("满意", 4), ("非常满意", 5),    # the longest phrase wins
    ("三颗星", 3), ("2 stars", 2), ("4/5", 4), ("怪中嘞", 4), ("不咋样", 2),
    ("look, it was fine", 3),           # "ok" inside "look" is no appraisal
])
def test_score_reads_the_appraisal(said, score):
    assert scores.score(said) == score


@pytest.mark.parametrize("said", ["中午来的", "差评会怎样", "what does 5 mean?", "民警来了", ""])
def test_no_score_where_none_is_given_or_one_is_asked_about(said):
    assert scores.score(said) is None


@pytest.mark.parametrize(("said", "alone"), [("还行吧", 3), ("嗯嗯好了", 4), ("你好", None),
                                             ("满意，但是来得太慢", None), ("5分", 5)])
def test_alone_only_when_nothing_else_is_said(said, alone):
    assert scores.alone(said) == alone


def test_details_are_digits_or_aspects_and_mistyped_digits_are_refused():
    assert scores.details("5 4 5") == "545"
    assert scores.details("态度5分，速度3分") == "53-"
    assert scores.details("整体还中") == "---"
    with pytest.raises(Invalid):
        scores.details("5 5")
