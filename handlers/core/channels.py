"""The channel spec: what each door residents and officers come in by declares about itself
(its name, label, how it answers, how its messages are taken in)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from handlers import texts


class Answering(StrEnum):
    """How a door answers what it is sent."""

    # In the HTTP answer when ready within the reply budget, else later through the outbox.
    PASSIVE = "passive"
    # A JSON document at once (a system calling us, e.g. the call centre).
    JSON = "json"
    # Nothing: the platform reads no answer.
    NONE = "none"


@dataclass(frozen=True)
class IntakePolicy:
    """How a door's messages are taken in."""

    # A sender past the per-minute rate, or with messages already waiting (on any instance),
    # waits in the backlog, told once (residents); known senders (officers) and systems are
    # never queued.
    rate_limited: bool
    # The outbox kind of a reply that missed the budget; None where nothing is sent later.
    late_replies: str | None


@dataclass(frozen=True)
class Channel:
    """One door: its name (recorded on messages and tickets), how it answers and takes in."""

    name: str
    answering: Answering
    intake: IntakePolicy
    # Replies its platform would not deliver (WeChat's 48-hour window) wait and go out inside
    # the passive answer to the sender's next message.
    holds_replies: bool = False

    @property
    def label(self) -> str:
        """The Chinese label officers read (exports, console)."""
        return texts.CHANNEL_LABELS.get(self.name, self.name)


class Channels:
    """The doors an app serves, by name."""

    def __init__(self, channels: Iterable[Channel] = ()) -> None:
        self._by_name: dict[str, Channel] = {}
        for channel in channels:
            if channel.name in self._by_name:
                raise ValueError(f"two doors declare the channel {channel.name!r}")
            self._by_name[channel.name] = channel

    def __iter__(self) -> Iterator[Channel]:
        return iter(self._by_name.values())

    def get(self, name: str) -> Channel | None:
        """The channel called `name`, if a door declares it."""
        return self._by_name.get(name)

    def holds_replies(self, name: str) -> bool:
        """True when replies held back on `name` go out with the sender's next answer."""
        channel = self._by_name.get(name)
        return channel is not None and channel.holds_replies
