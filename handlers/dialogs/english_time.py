"""A booking time written in English ("next Tuesday morning", "tomorrow at 3 pm", "Dec 8
afternoon") said again in Chinese, which jionlp's parser reads: residents who write in English
are asked for a time in English too (texts.english), and their answer was "not a time".

Our own small table, not a translation service: a day (today, tomorrow, a weekday, a date), a
part of the day and a clock time; anything else is no time.
"""

from __future__ import annotations

import re
from datetime import date

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_NAMES = "一二三四五六日"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

_RELATIVE = re.compile(r"\b(the day after tomorrow|tomorrow|today)\b")
_WEEKDAY = re.compile(r"\b(next|this|coming)?\s*(" + "|".join(_WEEKDAYS) + r")\b")
_DATE = re.compile(r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTHS) + r")[a-z]*"
                   r"|(" + "|".join(_MONTHS) + r")[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?)\b")
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|o'?clock)\b")
_PERIODS = (("afternoon", "下午"), ("morning", "上午"), ("noon", "中午"), ("evening", "晚上"),
            ("tonight", "晚上"))


def chinese(text: str, today: date | None = None) -> str | None:
    """The time `text` names in English, in Chinese ("下周二上午"); None when it names no day.
    A bare weekday is the coming one when `today` is known ("on Monday" on a Saturday)."""
    lowered = text.lower()
    day = _day(lowered, today)
    if day is None:
        return None
    period = next((zh for word, zh in _PERIODS if word in lowered), "")
    clock = _CLOCK.search(lowered)
    if clock is not None:
        hour, minute, suffix = int(clock.group(1)), clock.group(2), clock.group(3)
        if suffix.startswith("p") and hour < 12:
            period = "下午" if hour < 6 else "晚上"
        elif suffix.startswith("a"):
            period = "上午"
        return f"{day}{period}{hour % 12 or 12}点" + (f"{int(minute)}分" if minute else "")
    return f"{day}{period}"


def _day(lowered: str, today: date | None) -> str | None:
    relative = _RELATIVE.search(lowered)
    if relative is not None:
        return {"today": "今天", "tomorrow": "明天", "the day after tomorrow": "后天"}[
            relative.group(1)]
    dated = _DATE.search(lowered)
    if dated is not None:
        month = dated.group(2) or dated.group(3)
        number = dated.group(1) or dated.group(4)
        return f"{_MONTHS.index(month[:3]) + 1}月{int(number)}日"
    weekday = _WEEKDAY.search(lowered)
    if weekday is None:
        return None
    index = next(i for i, name in enumerate(_WEEKDAYS) if name.startswith(weekday.group(2)[:3]))
    name = _DAY_NAMES[index]
    if weekday.group(1) == "next" or (
            weekday.group(1) is None and today is not None and index <= today.weekday()):
        return f"下周{name}"
    return f"周{name}"
