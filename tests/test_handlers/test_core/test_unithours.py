"""A unit's opening hours on the working calendar: holidays closed, 调休 days open with the
weekday hours, ordinary weekends as configured."""

from __future__ import annotations

from datetime import date, time

import pytest

from handlers.core.unithours import hours_label, next_open, open_on, parse_hours
from handlers.tickets.workcalendar import WorkCalendar

HOURS = ("mon-fri 08:30-12:00", "mon-fri 14:00-17:30", "sat 09:00-12:00")


def test_hours_are_read_and_said_in_chinese():
    assert len(parse_hours(HOURS)) == 3
    assert hours_label(HOURS) == "周一至周五 08:30-12:00；周一至周五 14:00-17:30；周六 09:00-12:00"
    assert hours_label(()) == "周一至周五 08:30-17:30"


@pytest.mark.parametrize("bad", ["weekdays 8-5", "mon-fri 12:00-08:00", "fri-mon 08:00-12:00",
                                 "mon 25:00-26:00"])
def test_bad_hours_are_refused(bad):
    with pytest.raises(ValueError):
        parse_hours((bad,))


def test_a_saturday_opens_as_configured_and_sunday_is_closed():
    calendar = WorkCalendar()
    assert open_on(HOURS, calendar, date(2026, 11, 28)) == [(time(9), time(12))]
    assert open_on(HOURS, calendar, date(2026, 11, 29)) == []
    assert next_open(HOURS, calendar, date(2026, 11, 29))[0] == date(2026, 11, 30)


def test_holidays_close_and_make_up_days_keep_the_weekday_hours():
    calendar = WorkCalendar(overrides={date(2026, 11, 28): "holiday",
                                       date(2026, 11, 29): "workday"})
    assert open_on(HOURS, calendar, date(2026, 11, 28)) == []
    assert open_on(HOURS, calendar, date(2026, 11, 29)) == [(time(8, 30), time(12)),
                                                           (time(14), time(17, 30))]
    # 国庆 (official data): closed on a weekday.
    assert open_on(HOURS, WorkCalendar(), date(2026, 10, 2)) == []
