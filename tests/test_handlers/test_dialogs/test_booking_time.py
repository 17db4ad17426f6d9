"""Reading a booking's time with jionlp: days and parts of days, and no import cost until a
time is read."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from handlers.dialogs.booking_time import read

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))   # a Wednesday


@pytest.mark.parametrize(("said", "label"), [
    ("下周二上午", "12月1日（周二）上午"),
    ("明天下午3点", "11月26日（周四）15:00"),
    ("明早9点", "11月26日（周四）09:00"),        # jionlp alone reads 明早 as this morning
    ("12月8号", "12月8日（周二）"),
    ("周六上午", "11月28日（周六）上午"),
])
def test_times_residents_write_are_read(said, label):
    assert read(said, NOW).label() == label


@pytest.mark.parametrize("said", ["要预约", "张三", "随便", "越快越好", "下个月", ""])
def test_words_that_are_no_time_are_none(said):
    assert read(said, NOW) is None


def test_a_part_of_the_day_is_a_span_and_a_clock_time_is_exact():
    morning = read("明天上午", NOW)
    assert (morning.start, morning.end, morning.exact) == (time(7), time(12), False)
    assert read("明天上午10点", NOW).exact


def test_jionlp_is_imported_only_when_a_time_is_read():
    code = ("import sys, bot.app, handlers.conversation.router; "
            "print('jionlp' in sys.modules)")
    result = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True,
                            text=True, timeout=120, check=True)
    assert result.stdout.strip() == "False", result.stderr


def test_times_read_at_once_from_two_threads_are_each_read_as_alone():
    # The server warms the parser up in a thread while the loop may read a booking's time;
    # jionlp keeps the time base of the phrase it reads on the parser itself.
    cases = [(said, NOW + timedelta(days=day)) for said in ("明天下午", "后天上午", "下周二上午",
                                                            "周五上午10点", "12月20日下午3点")
             for day in range(10)]
    alone = {case: read(*case) for case in cases}
    wrong: list[tuple[str, datetime]] = []

    def read_all() -> None:
        for _ in range(8):
            wrong.extend(case for case in cases if read(*case) != alone[case])

    threads = [threading.Thread(target=read_all) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
