"""One table of a standing problem's words (a habit, a nuisance) read by the gate's frames and
by the alarm's own raise (`opinion.reported`), each scoped as far as its clause reaches."""

from __future__ import annotations

import pytest

from handlers.classifier.cues.aftermath import nuisance
from handlers.classifier.gate import HABITUAL, EmergencyGate
from handlers.classifier.opinion import reported
from handlers.classifier.text import normalize


@pytest.fixture(scope="module")
def gate() -> EmergencyGate:
    return EmergencyGate()


@pytest.mark.parametrize("text", ["每到周末楼上就打架", "他老在楼下跟人打架"])
def test_a_harm_repeated_is_framed_as_a_habit(gate, text):
    findings = gate.assess(normalize(text), letter=False).findings
    assert [f.frame for f in findings] == [HABITUAL], findings


@pytest.mark.parametrize(("text", "told_after_the_fact"), [
    ("他时不时往我家门上泼油漆", True),
    ("对门动不动就往我家门口泼粪", True),
    ("他时不时来闹，现在正往我家门上泼汽油", False),     # told now: the alarm may raise
    ("他隔三差五来闹，今天带着一帮人堵门", False),       # today ends the habit's reach
    ("他隔三差五来闹，带着一帮人堵门", True),
    ("楼道里全是烟味", True),
    ("现在楼道里全是烟味", False),                      # a smell of smoke now may be a fire
])
def test_the_alarms_own_raise_reads_the_same_habit_words(text, told_after_the_fact):
    assert reported(normalize(text)) is told_after_the_fact


def test_a_habit_before_a_day_of_its_own_moves_no_message_out_of_now(gate):
    assert gate.not_now(normalize("他天天喝酒吵架，今天拿着刀要砍我")) is None
    assert gate.not_now(normalize("他天天喝酒吵架，拿着刀要砍我")).words == "天天"


def test_a_nuisance_at_any_time_is_the_gates_whatever_now_is_said():
    assert nuisance(normalize("现在楼下装修太吵了")) is not None
    assert nuisance(normalize("现在楼道里全是烟味")) is None
