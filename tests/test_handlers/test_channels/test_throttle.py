"""The per-resident rate: one notice per burst past the limit, a sliding minute."""

from __future__ import annotations

from handlers.channels.throttle import Throttle


class Clock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def test_one_notice_per_burst_and_a_sliding_minute():
    clock = Clock()
    throttle = Throttle(3, clock=clock)
    assert [throttle.hit("o1") for _ in range(6)] == ["ok", "ok", "ok", "notice", "over", "over"]
    # Another resident has a rate of their own.
    assert throttle.hit("o2") == "ok"
    clock.now += 59
    assert throttle.hit("o1") == "over"
    clock.now += 61
    assert [throttle.hit("o1") for _ in range(5)] == ["ok", "ok", "ok", "notice", "over"]


def test_a_steady_pace_under_the_limit_is_never_throttled():
    clock = Clock()
    throttle = Throttle(2, clock=clock)
    for _ in range(20):
        assert throttle.hit("o1") == "ok"
        clock.now += 30.5


def test_undo_takes_back_a_retry():
    clock = Clock()
    throttle = Throttle(2, clock=clock)
    assert [throttle.hit("o1") for _ in range(2)] == ["ok", "ok"]
    assert throttle.hit("o1") == "notice"
    throttle.undo("o1")
    assert throttle.hit("o1") == "notice"
    throttle.undo("o-never-seen")
