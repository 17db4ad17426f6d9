"""The knowledge base's restraint, measured on its own dev set (issue 14.6): a wrong answer
is worse than passing the question to an officer."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.intents.faq import Faq
from handlers.intents.faqtune import read_dev, score, sweep

DEV = Path(__file__).with_name("faq_dev.tsv")


@pytest.fixture(scope="module")
def rows():
    return read_dev(DEV)


def test_the_dev_set_has_both_kinds(rows):
    assert len(rows) >= 60
    assert sum(1 for _, expected in rows if not expected) >= 25


def test_the_student_question_gets_no_marriage_answer():
    found = Faq.load().match("孩子考上大学了，户口要不要迁到学校")
    assert found is None or not found.confident or found.entry.id != "hukou-marriage"


def test_a_single_word_gets_no_answer():
    faq = Faq.load()
    for word in ("狗", "身份证", "户口"):
        found = faq.match(word)
        assert found is None or not found.confident, word


def test_the_shipped_setting_is_the_best_the_sweep_finds_for_right_answers(rows):
    right, wrong, _ = score(Faq.load(), rows)
    # Measured when tuned: 38 right, 5 wrong of 65 (before the evidence rule: 38 and 11).
    # With the entry for a new student's 户口 (hukou-college) it answers three questions
    # that had no right answer; 房产证怎么办 crossed the margin (0.050 -> 0.053): 40 and 6
    # of 66 (one more question no entry answers, to keep both kinds). An entry must speak of
    # every thing a question names (words.OBJECTS): 40 and 5.
    assert (right, wrong) == (40, 5)
    best = sweep(rows, thresholds=(0.18, 0.20, 0.22), margins=(0.03, 0.05), evidence=(8, 1000))
    assert not [s for s in best if s.wrong <= wrong and s.right > right]
