"""SLA: each priority's deadlines over weekends, holidays, make-up days and unknown years."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from handlers.tickets import sla
from handlers.tickets.workcalendar import WorkCalendar

SH = ZoneInfo("Asia/Shanghai")


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)


@pytest.fixture
def calendar() -> WorkCalendar:
    return WorkCalendar("Asia/Shanghai")


def due(priority, opened, calendar, overrides=None):
    d = sla.deadlines(priority, opened, calendar, overrides)
    return d.first_response_due.astimezone(SH), d.resolve_due.astimezone(SH)


@pytest.mark.parametrize(("kind", "downgraded", "conduct", "expected"), [
    ("emergency", False, False, "P1"),
    ("complaint", False, False, "P3"),
    ("complaint", True, False, "P2"),
    ("complaint", False, True, "P2"),
    ("appointment", False, False, "P3"),
    ("consult", False, False, "P4"),
    ("feedback", False, False, "P4"),
    ("feedback", False, True, "P4"),
])
def test_default_priority_by_kind(kind, downgraded, conduct, expected):
    assert sla.default_priority(kind, downgraded=downgraded, conduct=conduct) == expected


def test_p1_is_calendar_time_even_on_a_holiday_night(calendar):
    assert due("P1", at(2026, 10, 3, 3, 0), calendar) == (at(2026, 10, 3, 3, 15),
                                                         at(2026, 10, 4, 3, 0))


def test_p2_over_a_weekend(calendar):
    # Friday 15:00: 2.5 working hours left that day.
    assert due("P2", at(2026, 11, 27, 15, 0), calendar) == (at(2026, 11, 30, 10, 0),
                                                           at(2026, 12, 2, 15, 0))


def test_p2_over_national_day_and_its_make_up_saturday(calendar):
    # 国庆 2026: Oct 1-7 off; Saturday Oct 10 is a working day.
    assert due("P2", at(2026, 9, 30, 16, 0), calendar) == (at(2026, 10, 8, 11, 0),
                                                          at(2026, 10, 10, 16, 0))


def test_p3_counts_a_make_up_sunday_and_skips_mid_autumn(calendar):
    # Saturday Sep 19 is off, Sunday Sep 20 is a make-up working day, Sep 25 is 中秋.
    assert due("P3", at(2026, 9, 19, 10, 0), calendar) == (at(2026, 9, 20, 17, 30),
                                                          at(2026, 9, 24, 17, 30))


def test_p2_on_the_make_up_sunday_after_new_year(calendar):
    # Jan 1-3 2026 off, Sunday Jan 4 worked.
    assert due("P2", at(2026, 1, 3, 10, 0), calendar)[0] == at(2026, 1, 4, 12, 30)


def test_p4_over_spring_festival(calendar):
    # 2026: Feb 15-23 off; Saturday Feb 14 and Feb 28 worked.
    first, resolve = due("P4", at(2026, 2, 13, 9, 0), calendar)
    assert first == at(2026, 2, 24, 9, 0)            # Feb 14 (1), Feb 24 (2)
    assert resolve == at(2026, 3, 5, 9, 0)           # ... Feb 28 counts, Mar 1 does not


def test_after_hours_starts_count_from_the_next_opening(calendar):
    assert due("P2", at(2026, 11, 23, 20, 0), calendar)[0] == at(2026, 11, 24, 12, 30)
    assert due("P3", at(2026, 11, 23, 7, 0), calendar)[0] == at(2026, 11, 23, 17, 30)
    # Opened at closing time: nothing left that day.
    assert due("P2", at(2026, 11, 23, 17, 30), calendar)[0] == at(2026, 11, 24, 12, 30)


def test_overrides_from_the_sla_section(calendar):
    overrides = {"P1": ("30m", "2d"), "P3": ("4wh", "3wd"), "P4": ("1h", "1wd")}
    opened = at(2026, 11, 27, 15, 0)
    assert due("P1", opened, calendar, overrides) == (at(2026, 11, 27, 15, 30),
                                                     at(2026, 11, 29, 15, 0))
    assert due("P3", opened, calendar, overrides) == (at(2026, 11, 30, 10, 0),
                                                     at(2026, 12, 2, 15, 0))
    assert due("P4", opened, calendar, overrides) == (at(2026, 11, 27, 16, 0),
                                                     at(2026, 11, 30, 15, 0))
    # Priorities not overridden keep §5's values.
    assert due("P2", opened, calendar, overrides)[0] == at(2026, 11, 30, 10, 0)


def test_deadlines_crossing_into_2027_use_the_fallback(calendar):
    # chinese-calendar knows no 2027: Jan 1 2027 (Friday) comes from the fallback.
    first, resolve = due("P3", at(2026, 12, 28, 17, 0), calendar)
    assert first == at(2026, 12, 29, 17, 0)
    assert resolve == at(2027, 1, 5, 17, 0)
    assert due("P4", at(2026, 12, 30, 10, 0), calendar)[1] == at(2027, 1, 14, 10, 0)


def test_deadlines_are_returned_aware():
    d = sla.deadlines("P2", datetime(2026, 11, 27, 7, 0, tzinfo=ZoneInfo("UTC")),
                      WorkCalendar("Asia/Shanghai"))
    assert d.first_response_due == at(2026, 11, 30, 10, 0)


@pytest.mark.parametrize("text", ["", "5", "3w", "h4", "1.5h", "-1d"])
def test_bad_durations_are_refused(text):
    with pytest.raises(ValueError):
        sla.parse_duration(text)


def test_durations_parse():
    assert sla.parse_duration("15m") == sla.Duration(timedelta(minutes=15), False)
    assert sla.parse_duration("5wd") == sla.Duration(timedelta(hours=45), True)
