"""Work calendar: official data, the fallback for unknown years, overrides, missing years."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from handlers.tickets.workcalendar import WorkCalendar, fallback_holidays, has_official_data
from storage.tickets import calendar as calendar_store

SH = ZoneInfo("Asia/Shanghai")


def test_official_data_holidays_and_make_up_days():
    calendar = WorkCalendar("Asia/Shanghai")
    assert not calendar.is_workday(date(2026, 10, 5))        # 国庆
    assert calendar.is_workday(date(2026, 9, 20))            # make-up Sunday
    assert not calendar.is_workday(date(2026, 11, 28))       # Saturday
    assert calendar.source(date(2026, 10, 5)) == "official"


def test_fallback_for_a_year_without_official_data():
    assert has_official_data(2026) and not has_official_data(2027)
    holidays = fallback_holidays(2027)
    expected = {date(2027, 1, 1), date(2027, 4, 5), date(2027, 6, 9), date(2027, 9, 15)}
    expected |= {date(2027, 5, d) for d in range(1, 6)}
    expected |= {date(2027, 10, d) for d in range(1, 8)}
    expected |= {date(2027, 2, 5) + timedelta(days=i) for i in range(8)}   # 除夕 to 初七
    assert holidays == expected
    calendar = WorkCalendar("Asia/Shanghai")
    assert not calendar.is_workday(date(2027, 1, 1))         # Friday, 元旦
    assert calendar.is_workday(date(2027, 1, 4))
    assert not calendar.is_workday(date(2027, 1, 9))         # Saturday
    assert not calendar.is_workday(date(2027, 2, 8))         # Monday in 春节
    assert calendar.source(date(2027, 1, 4)) == "fallback"


def test_overrides_win_over_official_data_and_the_fallback():
    calendar = WorkCalendar("Asia/Shanghai", {
        date(2026, 10, 8): "holiday",       # official working day
        date(2026, 10, 3): "workday",       # official holiday
        date(2027, 2, 20): "workday",       # a fallback Saturday, announced as make-up day
        date(2027, 1, 1): "workday",
    })
    assert not calendar.is_workday(date(2026, 10, 8))
    assert calendar.is_workday(date(2026, 10, 3))
    assert calendar.is_workday(date(2027, 2, 20))
    assert calendar.is_workday(date(2027, 1, 1))
    assert calendar.source(date(2027, 2, 20)) == "override"
    calendar.set_overrides({})
    assert not calendar.is_workday(date(2027, 2, 20))


def test_missing_years():
    calendar = WorkCalendar("Asia/Shanghai")
    assert calendar.missing_years(datetime(2025, 6, 1, tzinfo=UTC)) == []
    assert calendar.missing_years(datetime(2026, 6, 1, tzinfo=UTC)) == [2027]
    # Already 2027 in Shanghai.
    assert calendar.missing_years(datetime(2026, 12, 31, 17, 0, tzinfo=UTC)) == [2027, 2028]
    calendar.set_overrides({date(2027, 2, 20): "workday"})
    assert calendar.missing_years(datetime(2026, 6, 1, tzinfo=UTC)) == []
    assert calendar.missing_years(datetime(2027, 3, 1, tzinfo=UTC)) == [2028]


def test_working_time_ends_exactly_at_closing():
    calendar = WorkCalendar("Asia/Shanghai")
    start = datetime(2026, 11, 23, 8, 30, tzinfo=SH)
    assert calendar.add_working_days(start, 1) == datetime(2026, 11, 23, 17, 30, tzinfo=SH)
    assert calendar.add_working_time(start, timedelta(0)) == start
    assert (calendar.add_working_time(datetime(2026, 11, 28, 12, 0, tzinfo=SH), timedelta(0))
            == datetime(2026, 11, 30, 8, 30, tzinfo=SH))


async def test_override_rows_are_loaded_and_refreshed(sessions):
    async with sessions() as session, session.begin():
        await calendar_store.set_override(session, date(2027, 2, 20), "workday", "调休上班")
        await calendar_store.set_override(session, date(2026, 10, 8), "holiday")
    async with sessions() as session:
        calendar = await WorkCalendar.load(session, "Asia/Shanghai")
    assert calendar.is_workday(date(2027, 2, 20))
    assert not calendar.is_workday(date(2026, 10, 8))
    assert calendar.missing_years(datetime(2026, 6, 1, tzinfo=UTC)) == []

    async with sessions() as session, session.begin():
        # Declaring a date again replaces the earlier declaration.
        await calendar_store.set_override(session, date(2026, 10, 8), "workday", "改")
        assert await calendar_store.delete_override(session, date(2027, 2, 20))
        assert not await calendar_store.delete_override(session, date(2027, 2, 21))
    async with sessions() as session:
        await calendar.refresh(session)
        rows = await calendar_store.list_overrides(session, 2026)
    assert [(r.day, r.kind, r.note) for r in rows] == [(date(2026, 10, 8), "workday", "改")]
    assert calendar.is_workday(date(2026, 10, 8))
    assert not calendar.is_workday(date(2027, 2, 20))
    assert calendar.missing_years(datetime(2026, 6, 1, tzinfo=UTC)) == [2027]
