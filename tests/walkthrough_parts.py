"""The walk-through of questions with more than one part (issue 14, item 6): what each
part of a question got, judged full, partly, passed to an officer, or wrong.

    python -m tests.walkthrough_parts tests/test_handlers/test_intents/walkthrough_parts.tsv
"""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

from tests.walkthrough import walk

# The calendar's answer about a day (day_open, day_open_makeup, day_closed), and the units'
# configured hours given for a generic hours entry.
_DAY = re.compile(r"正常办公，|不办公。|是调休上班日")
_HOURS = "各派出所办公时间"


async def outcome(chat, db, services, openid: str, message: str) -> tuple[str, str]:
    """Every entry answered, in order, then officer (a consult ticket), units (a unit's
    card), day (whether a day is worked) and hours (the units' hours), joined by "+"."""
    reply = await chat.say(openid, message)
    tickets = await db.tickets(openid)
    at = {e.id: reply.find(e.answer[:40]) for e in services.faq.entries if e.answer}
    got = sorted((entry_id for entry_id, i in at.items() if i >= 0), key=at.__getitem__)
    if tickets and tickets[-1].kind == "consult":
        got.append("officer")
    elif tickets:
        got.append(f"ticket:{tickets[-1].kind}")
    if "【" in reply:
        got.append("units")
    if _DAY.search(reply):
        got.append("day")
    if _HOURS in reply:
        got.append("hours")
    return "+".join(got) or "reply", reply.replace("\n", " ")[:120]


def read(path: Path | str) -> list[tuple[str, str]]:
    """Rows of message and its parts' right outcomes as written."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line.strip() and line[0] != "#"]


def judge(got: str, expected: str) -> str:
    """full, partly, passed or wrong (see the TSV's header)."""
    return verdict(got.split("+"), [frozenset(part.split("|")) for part in expected.split("+")])


def verdict(got: list[str], parts: list[frozenset[str]]) -> str:
    """Compare what a message got with its parts' right outcomes."""
    allowed = frozenset().union(*parts)
    if got == ["officer"]:
        return "full" if all("officer" in part for part in parts) else "passed"
    # A part passed to an officer is honest, never wrong; an answer no part asked for is.
    if any(thing not in allowed and thing != "officer" for thing in got):
        return "wrong"
    answered = [part for part in parts if part & set(got)]
    if len(answered) == len(parts):
        return "full"
    return "partly"


def main(argv: list[str]) -> int:
    """Walk the file named on the command line and print the tally."""
    tally = asyncio.run(walk(argv[0], outcome, judge, read))
    print(" ".join(f"{k}={tally[k]}" for k in ("full", "partly", "passed", "wrong")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
