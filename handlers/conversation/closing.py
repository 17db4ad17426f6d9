"""The 110 line of contract §4: it closes the welcome, the help and menu texts and a
resident's first automatic reply of the day, never a reply that already names 110, and
never two replies in a row."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

from handlers.texts import LINE_110

# 110 as a number of its own: not inside a ticket number, a date or a phone number.
_NAMES_110 = re.compile(r"(?<!\d)110(?!\d)")


@dataclass
class LineMemory:
    """Per resident: the day of the last reply and whether it carried the line.

    Kept in memory by each instance (bounded): after a restart, or on another instance,
    a resident's next reply counts as the day's first and carries the line once more.
    """

    size: int = 50_000
    _last: OrderedDict[str, tuple[date, bool]] = field(default_factory=OrderedDict)

    def close(self, openid: str, today: date, body: str) -> str:
        """`body` with the 110 line where §4 asks for it, and remembered."""
        base, asked = _split(body)
        previous = self._last.get(openid)
        wanted = asked or previous is None or previous[0] != today
        if _NAMES_110.search(base) or (previous is not None and previous[1]):
            wanted = False
        self._remember(openid, today, wanted)
        return f"{base}\n{LINE_110}" if wanted and base else base

    def _remember(self, openid: str, today: date, carried: bool) -> None:
        self._last[openid] = (today, carried)
        self._last.move_to_end(openid)
        while len(self._last) > self.size:
            self._last.popitem(last=False)


def _split(body: str) -> tuple[str, bool]:
    """The body without the lines texts put in it (a held reply brings its own), and
    whether it ended with one (the welcome, help and menu texts do)."""
    asked = body.rstrip().endswith(LINE_110)
    if LINE_110 not in body:
        return body, False
    base = "\n".join(line for line in body.split("\n") if line.strip() != LINE_110)
    return base.rstrip(), asked
