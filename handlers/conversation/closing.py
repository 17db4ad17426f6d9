"""The 110 line of contract §4: it closes the welcome, the help and menu texts and a
resident's first automatic reply of the day, never a reply that already names 110, and
never two replies in a row. What the resident was told last comes from the database, so
every instance, before and after a restart, closes the same way."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from weakref import WeakKeyDictionary

from sqlalchemy.ext.asyncio import AsyncEngine

from handlers.core.context import Context
from handlers.texts import LINE_110
from storage.intake import history

# 110 as a number of its own: not inside a ticket number, a date or a phone number.
_NAMES_110 = re.compile(r"(?<!\d)110(?!\d)")


@dataclass(frozen=True)
class Previous:
    """A resident's previous answered message: when it came, the local day it was answered,
    whether its reply carried the line, and the reply (what a follow-up question follows);
    for a recorded message, its row and words too."""

    received_at: datetime
    day: date
    lined: bool
    reply: str = ""
    inbound_id: int | None = None
    said: str = ""


def close(body: str, today: date, previous: Previous | None) -> str:
    """`body` with the 110 line where §4 asks for it, after `previous`."""
    base, asked = _split(body)
    wanted = asked or previous is None or previous.day != today
    if _NAMES_110.search(base) or (previous is not None and previous.lined):
        wanted = False
    return f"{base}\n{LINE_110}" if wanted and base else base


def settled(body: str) -> str | None:
    """`body` closed as §4 asks when nothing said before can change it (a reply that names
    110 never takes the line; nor does one with no words of its own); None otherwise."""
    base, _ = _split(body)
    return base if not base or _NAMES_110.search(base) else None


class History:
    """Each resident's previous answered message, read at most once a message, and only
    when the reply depends on it (a greeting's pause, or the line: see `settled`).

    For a message the intake recorded, from the inbound table (the truth on every instance,
    across restarts): one indexed read, in the message's unit of work when one is open. For
    one never recorded (a tool or a test calling the router directly) there is no row to read
    back: this router's bounded memory of its own replies serves instead.
    """

    def __init__(self, engine: AsyncEngine, tz: tzinfo, size: int = 50_000) -> None:
        self._engine = engine
        self._tz = tz
        self._size = size
        self._read: WeakKeyDictionary[Context, Previous | None] = WeakKeyDictionary()
        self._unrecorded: OrderedDict[str, Previous] = OrderedDict()

    async def previous(self, ctx: Context) -> Previous | None:
        """The resident's previous answered message, before the one `ctx` handles."""
        if ctx in self._read:
            return self._read[ctx]
        message = ctx.message
        if message.inbound_id is None:
            found = self._unrecorded.get(message.openid)
        else:
            answered = await self._answered(ctx, message.openid, message.inbound_id)
            found = None if answered is None else Previous(
                answered.received_at, self._day(answered.handled_at or answered.received_at),
                carries_line(answered.reply), answered.reply, answered.id, answered.said)
        self._read[ctx] = found
        return found

    def answered(self, ctx: Context, reply: str) -> None:
        """Keep `reply` for a message never recorded (a recorded one's is on its row)."""
        openid = ctx.message.openid
        if ctx.message.inbound_id is not None or not reply:
            return
        said = ctx.message.content or ctx.message.recognition or ""
        self._unrecorded[openid] = Previous(ctx.now, self._day(ctx.now), carries_line(reply),
                                            reply, None, said)
        self._unrecorded.move_to_end(openid)
        while len(self._unrecorded) > self._size:
            self._unrecorded.popitem(last=False)

    def today(self, ctx: Context) -> date:
        """The local day of the message in hand."""
        return self._day(ctx.now)

    def _day(self, moment: datetime) -> date:
        return moment.astimezone(self._tz).date()

    async def _answered(self, ctx: Context, openid: str,
                        inbound_id: int) -> history.Answered | None:
        session = ctx.opened
        if session is not None and session.in_transaction():
            # Rides on the unit of work already open: no connection of its own.
            return await history.previous_answered(session, openid, inbound_id)
        # Never a second connection while the message's session holds one (none holds it here).
        return await history.previous_answered_on(self._engine, openid, inbound_id)


def carries_line(reply: str) -> bool:
    """Whether a reply's words include the 110 line (as a line of its own)."""
    return LINE_110 in reply and any(line.strip() == LINE_110 for line in reply.split("\n"))


def _split(body: str) -> tuple[str, bool]:
    """The body without the lines texts put in it (a held reply brings its own), and
    whether it ended with one (the welcome, help and menu texts do)."""
    asked = body.rstrip().endswith(LINE_110)
    if LINE_110 not in body:
        return body, False
    base = "\n".join(line for line in body.split("\n") if line.strip() != LINE_110)
    return base.rstrip(), asked
