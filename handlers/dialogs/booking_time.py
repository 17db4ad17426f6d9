"""A booking's preferred time: read with jionlp's Chinese time parser, then checked against
the working calendar and the unit's opening hours; refused with an example when it is not
a time, in the past, too far ahead, or when the unit is closed."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import io
import re
import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from handlers.core.context import Context
from handlers.core.unithours import day_label, intervals_label, next_open, open_on
from handlers.dialogs import english_time
from handlers.dialogs.steps import Invalid
from handlers.tickets.routing import route

# Appointments further out are booked when the resident is nearer the day.
MAX_AHEAD = timedelta(days=60)
# jionlp reads 明早 as this morning; residents mean tomorrow's.
_SPELLINGS = (("明早", "明天早上"), ("明晚", "明天晚上"), ("礼拜", "星期"))
# A time told inside a longer message ("我想预约下周二上午去办身份证"): a day, then maybe a part
# of it and a clock time. jionlp reads a time phrase, not a sentence: this finds the phrase.
# A day a resident names (3号楼 and 5号线 are no days): the branch's day questions use it too.
DAY = (r"(?:今天|明天|后天|大后天|明早|明晚|(?:这|本|下下?)?(?:周|星期|礼拜)[一二三四五六日天]"
       r"|\d{1,2}月\d{1,2}[日号]|\d{1,2}[日号])(?![楼院门栋线路房室单])")
_PHRASE = re.compile(
    DAY + r"(?:早上|上午|中午|下午|晚上)?(?:[\d一二三四五六七八九十]{1,3}点(?:半|\d{1,2}分?)?)?")
_PERIODS = (("上午", time(7), time(12)), ("中午", time(11), time(14)),
            ("下午", time(13), time(18)), ("晚上", time(18), time(23, 59)))


# jionlp's parser keeps the phrase it reads in its own attributes, and the server warms it
# up in a thread (handlers.conversation.warmup) while the loop may read a booking's time:
# one reader at a time. (Unguarded, a time read during the warm-up came back "not a time",
# and the two threads' stdout redirections left stdout pointing at a StringIO.)
_PARSING = threading.Lock()


@functools.cache
def _parser():
    # Imported on first use: jionlp takes ~0.5 s and prints a banner at import.
    with contextlib.redirect_stdout(io.StringIO()):
        from jionlp.gadget.time_parser import TimeParser
    return TimeParser()


def _parse(text: str, base: datetime) -> Any:
    with _PARSING:
        return _parser()(text, time_base=base)


# Set once the parser has been built and has read a phrase (its first reading loads more).
_WARM = threading.Event()


def warm() -> None:
    """Build jionlp's parser and read one phrase with it (~0.3 s of CPU, more on a loaded
    machine); nothing when done already."""
    if not _WARM.is_set():
        _parse("明天上午", datetime(2026, 1, 5, 9))
        _WARM.set()


async def loaded() -> None:
    """Return once the parser is built, building it in a thread when it is not: in the
    event loop its ~0.3 s would hold up every resident whose request is in flight."""
    if not _WARM.is_set():
        await asyncio.to_thread(warm)


# A question whether a day is worked, which the branch answers from its calendar
# (intents.branchinfo) after reading the day here: a day, 周末 too, and one of the words.
ASKED_DAY = re.compile(rf"(?:这|本|下)?(?:周|星期|礼拜)末|{DAY}")
CAN = ("能办", "可以办", "能去", "可以去", "办不办", "上班吗", "上不上班", "开门吗", "办公吗",
       "能不能办", "办理吗", "受理吗", "开不开门", "能预约", "营业吗", "休息吗", "放假吗")


def asks_about_day(text: str) -> bool:
    """Whether `text` asks whether a day it names is worked ("周六能办吗")."""
    return ASKED_DAY.search(text) is not None and any(cue in text for cue in CAN)


async def loaded_for(text: str) -> None:
    """`loaded` when `text` asks about a day (read with the parser); at once otherwise, and
    for other messages naming a day ("今天楼下有人…"): they never read with it."""
    if not _WARM.is_set() and asks_about_day(text):
        await loaded()


@dataclass(frozen=True)
class Wanted:
    """What the resident asked for: a day, and a span of it (the whole day when unsaid)."""

    day: date
    start: time
    end: time
    exact: bool       # a clock time ("下午3点"), not a part of the day ("下午")

    def label(self) -> str:
        """12月1日（周二）上午 / 12月1日（周二）15:00 / 12月1日（周二）"""
        if self.exact:
            return f"{day_label(self.day)}{self.start:%H:%M}"
        period = next((name for name, start, end in _PERIODS
                       if (start, end) == (self.start, self.end)), "")
        return f"{day_label(self.day)}{period}"


def phrase_in(text: str) -> str | None:
    """The time phrase a message names, if it names exactly one ("下周二上午"; in English,
    "next Tuesday morning", said in Chinese)."""
    found = {match.group() for match in _PHRASE.finditer(text)}
    if not found and _LATIN.search(text):
        return english_time.chinese(text)
    return found.pop() if len(found) == 1 else None


_LATIN = re.compile(r"[A-Za-z]{3}")


# A house number is no day: jionlp reads the 3号 of 3号楼 as the 3rd of the month.
_HOUSE_NUMBER = re.compile(r"\d{1,4}\s*[号#](?=[楼院门栋线路房室单])")


# A weekday named bare ("周三下午") is the coming one: on a Saturday nobody books the
# Wednesday just past (jionlp reads it as this week's).
_BARE_WEEKDAY = re.compile(r"(?<![这本上下])(?:周|星期|礼拜)[一二三四五六日天]")


def read(text: str, now: datetime) -> Wanted | None:
    """The day and span a resident's words name, or None when they name no time."""
    wanted = _read(text, now)
    if wanted is not None and wanted.day < now.date() and _BARE_WEEKDAY.search(text):
        return Wanted(wanted.day + timedelta(days=7), wanted.start, wanted.end, wanted.exact)
    return wanted


def _read(text: str, now: datetime) -> Wanted | None:
    if _LATIN.search(text) and _PHRASE.search(text) is None:
        text = english_time.chinese(text, now.date()) or text
    for old, new in _SPELLINGS:
        text = text.replace(old, new)
    text = _HOUSE_NUMBER.sub("", text)
    try:
        parsed = _parse(text.strip(), now.replace(tzinfo=None))
    except Exception:  # jionlp raises ValueError and others on words that are not times
        return None
    if not parsed or parsed.get("type") not in ("time_point", "time_span"):
        return None
    try:
        first, last = (datetime.fromisoformat(moment) for moment in parsed["time"][:2])
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    if last.date() != first.date():     # a week or a month: not a day to book
        return None
    if (first.time(), last.time()) == (time(0), time(23, 59, 59)):
        return Wanted(first.date(), time(0), time(23, 59), exact=False)
    for _, start, end in _PERIODS:       # jionlp's 上午 is 07:00-11:59: say it as 上午
        if first.time() == start and last.time().hour == (end.hour - 1 if end.minute == 0
                                                           else end.hour):
            return Wanted(first.date(), start, end, exact=False)
    exact = parsed.get("definition") == "accurate"
    return Wanted(first.date(), first.time().replace(second=0), last.time().replace(second=0),
                  exact=exact)


def _fits(wanted: Wanted, start: time, end: time) -> bool:
    # A clock time must fall inside the interval; a part of the day must overlap it.
    if wanted.exact:
        return start <= wanted.start < end
    return start < wanted.end and wanted.start < end


def unit_hours(settings: Any, unit: str | None) -> tuple[str, ...]:
    """The hours of the unit a booking goes to: `unit` when the resident named one, else the
    one open_ticket routes it to."""
    found = (settings.unit(unit) if unit else None) or settings.unit(
        route(settings.units, settings.default_unit).unit)     # none named, or any will do
    return found.hours if found is not None else ()


def booking_hours(ctx: Context, data: dict[str, Any]) -> tuple[str, ...]:
    """The hours of the unit the dialog's booking goes to."""
    return unit_hours(ctx.services.settings, data.get("unit"))


def check(ctx: Context, answer: str, data: dict[str, Any]) -> str:
    """The booking time as a label officers and residents read, or Invalid with why."""
    return checked(answer, ctx.now.astimezone(ctx.services.settings.tz),
                   booking_hours(ctx, data), ctx.services.calendar)


def checked(answer: str, local: datetime, hours: tuple[str, ...], calendar: Any) -> str:
    """`check` for a unit's `hours` on `calendar` at the local time `local` (what the bench's
    scripted residents ask too: bench.workload)."""
    wanted = read(answer, local)
    if wanted is None:
        raise Invalid("time_invalid")
    if datetime.combine(wanted.day, wanted.end) <= local.replace(tzinfo=None):
        raise Invalid("time_past", when=wanted.label())
    if wanted.day - local.date() > MAX_AHEAD:
        raise Invalid("time_too_far", days=MAX_AHEAD.days)
    intervals = open_on(hours, calendar, wanted.day)
    if not any(_fits(wanted, start, end) for start, end in intervals):
        if intervals:
            raise Invalid("time_outside_hours", when=wanted.label(),
                          hours=intervals_label(intervals))
        following = next_open(hours, calendar, wanted.day)
        suggestion = f"{day_label(following[0])}{intervals_label(following[1])}" \
            if following else ""
        raise Invalid("time_closed", day=day_label(wanted.day), next=suggestion)
    return wanted.label()


# A day named ("周三", "8号", "明天") and a part of the day or an hour ("上午", "3点"): what
# a correction changes, the rest kept from the answer it corrects.
_NAMES_DAY = re.compile(r"[今明后]天|(?:周|礼拜|星期)[一二三四五六日天]|[这本下]周"
                        r"|\d{1,2}\s*[号日月]|[一二三四五六七八九十]{1,3}[号日]|[一二三四五六七八九十]{1,2}月")
_NAMES_HOUR = re.compile(r"[上下中晚早]午|晚上|早上|傍晚|\d{1,2}\s*[点:：]"
                         r"|[一二三四五六七八九十两]{1,3}点")
_LABEL_DAY = re.compile(r"^\d{1,2}月\d{1,2}日(?:（周.）)?")


def amended(before: str, words: str) -> str:
    """The time to read for a correction `words` of the booked time `before` (a label):
    "上午" keeps its day (12月8日（周二）15:00 → 12月8日上午), "周三" its hour."""
    day = _LABEL_DAY.match(before)
    if day is None:
        return words
    if not _NAMES_DAY.search(words) and _NAMES_HOUR.search(words):
        return day.group().split("（")[0] + words
    if _NAMES_DAY.search(words) and not _NAMES_HOUR.search(words):
        return words + before[day.end():]
    return words
