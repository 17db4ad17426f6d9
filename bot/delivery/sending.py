"""What a sender is to the outbox worker: a send function per job kind, the outcomes a send
raises besides success, and a sender only one instance at a time may use (a lease)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from storage.delivery.outbox import Claimed

Send = Callable[[Claimed], Awaitable[None]]

# A send makes at most this many Tencent calls one after another, each within the HTTP
# timeout: a group task's token, task, a refused token fetched again and the task again, then
# the owner's notice (and its retry). The worker cuts a send off after all of them.
SEND_CALLS = 6


def send_limit_s(http_timeout_s: float) -> float:
    """How long one send may take at most, its Tencent calls bounded by `http_timeout_s`."""
    return SEND_CALLS * http_timeout_s


class Deferred(Exception):
    """Not now and not a failure (e.g. the robot's rate): try again after `delay_s`."""

    def __init__(self, delay_s: float, reason: str) -> None:
        super().__init__(reason)
        self.delay_s = delay_s


class Held(Exception):
    """Cannot go out by this route now (customer-service window closed or quota spent)."""


class Undeliverable(Exception):
    """Will never go out: a dead letter at once."""


@dataclass(frozen=True)
class LeasedSend:
    """A send that one instance at a time makes (the group robot's rate holds across
    instances): other instances' workers leave its jobs alone while `holder` holds the
    lease `name`."""

    send: Send
    name: str
    holder: str

    async def __call__(self, job: Claimed) -> None:
        await self.send(job)

    @property
    def lease(self) -> tuple[str, str]:
        """(lease name, holder), as outbox.claim takes them."""
        return self.name, self.holder
