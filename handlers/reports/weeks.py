"""ISO weeks in the tickets' timezone: parsing `YYYY-Www`, boundaries, the last full week."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


# Weeks officers may ask the export for: this century, and week 53 only in the years that
# have one (the API document states exactly this).
YEARS = range(2000, 2100)
_LONG_YEARS = [y for y in YEARS if date(y, 12, 28).isocalendar()[1] == 53]
PATTERN = (f"^(20[0-9]{{2}}-W(0[1-9]|[1-4][0-9]|5[0-2])"
           f"|({'|'.join(map(str, _LONG_YEARS))})-W53)?$")


class BadWeek(ValueError):
    """Not a week of the form YYYY-Www that exists in the ISO calendar."""


@dataclass(frozen=True, order=True)
class IsoWeek:
    """One ISO week: Monday 00:00 to the next Monday 00:00 in the tickets' timezone."""

    year: int
    week: int

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """`2026-W10` as a week; BadWeek for anything else (2026-W60, 2026-13, ...)."""
        match = _WEEK.match(text.strip())
        if match is None:
            raise BadWeek(f"{text!r} is not a week like 2026-W10")
        year, week = int(match.group(1)), int(match.group(2))
        try:
            date.fromisocalendar(year, week, 1)
        except ValueError as exc:
            raise BadWeek(f"{text!r}: {year} has no ISO week {week}") from exc
        return cls(year, week)

    @classmethod
    def containing(cls, moment: datetime, tz: tzinfo) -> IsoWeek:
        """The week `moment` falls in, read on the local calendar."""
        year, week, _ = moment.astimezone(tz).isocalendar()
        return cls(year, week)

    @classmethod
    def last_full(cls, now: datetime, tz: tzinfo) -> IsoWeek:
        """The latest week that is over at `now`: the default of every weekly figure."""
        return cls.containing(now, tz).previous()

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def monday(self) -> date:
        """The week's first local day."""
        return date.fromisocalendar(self.year, self.week, 1)

    def start(self, tz: tzinfo) -> datetime:
        """Monday 00:00 local, as an aware UTC moment."""
        return datetime.combine(self.monday, time(0), tz).astimezone(UTC)

    def end(self, tz: tzinfo) -> datetime:
        """The next Monday 00:00 local (exclusive), as an aware UTC moment."""
        return datetime.combine(self.monday + timedelta(days=7), time(0), tz).astimezone(UTC)

    def as_of(self, tz: tzinfo, now: datetime) -> datetime:
        """The moment the week is judged at: its end, or `now` for a week not yet over."""
        return min(self.end(tz), now)

    def previous(self) -> IsoWeek:
        """The week before."""
        year, week, _ = (self.monday - timedelta(days=7)).isocalendar()
        return IsoWeek(year, week)

    def next(self) -> IsoWeek:
        """The week after."""
        year, week, _ = (self.monday + timedelta(days=7)).isocalendar()
        return IsoWeek(year, week)
