"""How late a push reached us by the platform's clock (the passive budget's second start)."""

from bot.channels.deadline import RESOLUTION_S, SenderClock

STAMP = 1_790_000_000


def _clock(*observed: float, window_s: float = 600.0) -> SenderClock:
    """A clock that has seen pushes with these (arrival − timestamp), one a second."""
    clock = SenderClock(window_s=window_s)
    for second, value in enumerate(observed):
        clock.lateness(STAMP + second, STAMP + second + value, seen=float(second))
    return clock


def test_a_push_later_than_the_fast_ones_is_late_by_the_difference():
    # Our clock runs 7.2 s ahead of Tencent's; pushes take 0.1 to 0.3 s to come.
    clock = _clock(7.3, 7.35, 7.5)
    assert round(clock.lateness(STAMP + 10, STAMP + 10 + 7.35 + 3.0, seen=10.0), 3) == 2.0
    # As fast as the others, or slower by less than the timestamp's one second: not late.
    assert clock.lateness(STAMP + 11, STAMP + 11 + 7.3, seen=11.0) == 0.0
    assert clock.lateness(STAMP + 12, STAMP + 12 + 7.35 + 0.95, seen=12.0) == 0.0


def test_the_first_push_has_nothing_to_go_by():
    assert SenderClock().lateness(STAMP, STAMP + 30.0, seen=0.0) == 0.0


def test_a_clock_behind_tencents_works_alike():
    clock = _clock(-40.0, -39.9)
    assert round(clock.lateness(STAMP + 5, STAMP + 5 - 39.9 + 4.5, seen=5.0), 3) == 3.5


def test_one_push_from_a_clock_far_ahead_does_not_make_the_others_late():
    clock = _clock(0.1, 0.2, -250.0)
    # Measured from the second fastest (0.1 s), not from the odd one (-250 s).
    assert clock.lateness(STAMP + 5, STAMP + 5.15, seen=5.0) == 0.0
    assert round(clock.lateness(STAMP + 6, STAMP + 6 + 0.1 + RESOLUTION_S + 2, seen=6.0),
                 3) == 2.0
    # A step of our own clock shows in every push after it: it counts from the second one.
    clock = _clock(0.1, 0.2, 0.15)
    clock.lateness(STAMP + 5, STAMP + 5 - 1.9, seen=5.0)
    clock.lateness(STAMP + 6, STAMP + 6 - 1.85, seen=6.0)
    assert round(clock.lateness(STAMP + 7, STAMP + 7 - 1.85 + 3.0, seen=7.0), 3) == 2.0


def test_old_observations_are_forgotten_so_a_step_of_our_clock_does_not_last():
    clock = _clock(0.1, 0.1, window_s=60.0)
    # Our clock stepped 3 s forward: within the window every push looks 2 s late ...
    assert round(clock.lateness(STAMP + 30, STAMP + 33.1, seen=30.0), 3) == 2.0
    assert round(clock.lateness(STAMP + 40, STAMP + 43.1, seen=40.0), 3) == 2.0
    # ... and once the fast observations are older than the window, none does.
    assert clock.lateness(STAMP + 70, STAMP + 73.1, seen=70.0) == 0.0
    assert round(clock.lateness(STAMP + 80, STAMP + 84.6, seen=80.0), 3) == 0.5


def test_no_more_than_the_kept_observations_are_held():
    clock = SenderClock(kept=4)
    for second in range(10):
        clock.lateness(STAMP + second, STAMP + second + 5.0 - second * 0.01, seen=second)
    assert len(clock._sorted) == 4 == len(clock._seen)
