"""Which event loop a benchmarked server runs on: the same for all of them, or the ratios
compare loops rather than servers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path


def loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's loop when it is installed (as `jingmin serve` chooses, bot.server), else None:
    asyncio's own."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def loop_of(pid: int) -> str:
    """"uvloop" when process `pid` has uvloop's compiled loop loaded, else "asyncio".

    Read from outside (/proc/<pid>/maps) so the three servers need not report it
    themselves: each imports uvloop only to run on it (bot.server, loop_factory above)."""
    try:
        maps = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return "unknown"
    return "uvloop" if "/uvloop/loop." in maps else "asyncio"


def same_loop(results: list) -> str:
    """What a ratio between these runs (objects with a `loop`) compares: "all on uvloop",
    or which ran on which when they differ (the ratio then measures the loops too)."""
    loops = {r.loop for r in results}
    if len(loops) == 1:
        return f"all on {loops.pop()}"
    return "LOOPS DIFFER: " + ", ".join(sorted(loops)) + " (the ratio compares loops too)"
