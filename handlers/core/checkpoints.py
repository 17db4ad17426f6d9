"""Named steps of handling a message where a kill -9 test can stop the process dead.

Off unless `serve` arms one from `[debug] halt_at` (refused outside loopback): the
production cost is one set lookup per step.
"""

from __future__ import annotations

import asyncio
import sys

# In the order a message passes them.
POINTS = (
    "recorded",           # the push is committed, nothing handled yet
    "ticket_opened",      # a ticket exists in the handling's transaction, uncommitted
    "dialog_saved",       # the dialog's next step is saved in that transaction, uncommitted
    "effects_committed",  # ticket, dialog, alert and reply committed; the answer not sent
    "reply_stored",       # a reply without other effects committed; the answer not sent
    "outbox_claimed",     # a late reply or alert claimed for sending, not yet sent
)
MARKER = "JINGMIN-HALTED"
_armed: set[str] = set()


def arm(points: set[str]) -> None:
    """Halt the first time each of `points` is reached."""
    unknown = set(points) - set(POINTS)
    if unknown:
        raise ValueError(f"unknown checkpoint {sorted(unknown)[0]!r}")
    _armed.clear()
    _armed.update(points)


async def reached(point: str, detail: object = "") -> None:
    """Pass `point`; when armed, print the marker and wait for the kill (the rest of the
    process runs on, as it would under load)."""
    if point not in _armed:
        return
    _armed.discard(point)
    print(f"{MARKER} {point} {detail}", file=sys.stderr, flush=True)
    await asyncio.Event().wait()
