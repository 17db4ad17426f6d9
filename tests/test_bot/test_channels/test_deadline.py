"""How late a push reached us by the platform's clock (the passive budget's second start)."""

from bot.channels.deadline import SenderClock

STAMP = 1_790_000_000


def test_the_fastest_push_sets_the_offset_and_later_ones_are_late_by_the_difference():
    clock = SenderClock()
    # Our clock runs 7.2 s ahead of Tencent's; pushes take 0.1 s to come.
    assert clock.lateness(STAMP, STAMP + 7.3, seen=0.0) == 0.0
    assert round(clock.lateness(STAMP + 10, STAMP + 10 + 7.3 + 3.0, seen=10.0), 3) == 3.0
    # A faster push lowers the offset: it is not late, and the next is measured from it.
    assert clock.lateness(STAMP + 20, STAMP + 20 + 7.25, seen=20.0) == 0.0
    assert round(clock.lateness(STAMP + 30, STAMP + 30 + 7.75, seen=30.0), 3) == 0.5


def test_a_clock_behind_tencents_works_alike():
    clock = SenderClock()
    assert clock.lateness(STAMP, STAMP - 40.0, seen=0.0) == 0.0
    assert round(clock.lateness(STAMP + 5, STAMP + 5 - 40.0 + 4.5, seen=5.0), 3) == 4.5


def test_old_observations_are_forgotten_so_a_step_of_our_clock_does_not_last():
    clock = SenderClock(window_s=60.0)
    assert clock.lateness(STAMP, STAMP + 0.1, seen=0.0) == 0.0
    # Our clock stepped 2 s forward: within the window every push looks 2 s late ...
    assert round(clock.lateness(STAMP + 30, STAMP + 32.1, seen=30.0), 3) == 2.0
    # ... and once the fast observation is older than the window, none does.
    assert clock.lateness(STAMP + 70, STAMP + 72.1, seen=70.0) == 0.0
    assert round(clock.lateness(STAMP + 80, STAMP + 82.6, seen=80.0), 3) == 0.5
