"""What the transport hands to handlers, and what handlers hand back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

# Message types WeChat documents for official accounts; others are stored, not answered.
KNOWN_TYPES = frozenset({"text", "image", "voice", "video", "shortvideo", "location", "link",
                         "event"})


@dataclass(frozen=True)
class Location:
    """A point a resident shared, with WeChat's label for it."""

    latitude: float
    longitude: float
    label: str = ""


@dataclass(frozen=True)
class Inbound:
    """One message or event from a resident, decoded by the transport."""

    channel: str            # wechat, wecom, hotline, console
    dedupe_key: str         # identical for a platform's retries of the same push
    openid: str
    msg_type: str           # text, image, voice, location, event, or the platform's unknown type
    sent_at: datetime | None = None
    content: str = ""
    event: str = ""         # subscribe, unsubscribe, click, ... for msg_type == "event"
    event_key: str = ""
    media_id: str = ""
    media_format: str = ""
    recognition: str = ""
    location: Location | None = None
    raw: str = ""
    known_type: bool = True
    account: str = ""       # our side of the conversation (the official account's id)
    inbound_id: int | None = None   # its row once recorded, so tickets can link to it
    # The classifier's Prediction of its text when one was asked before handling (the
    # admission, handlers.conversation.urgency): the router reads it rather than classify
    # again. Untyped here: the core sits below the classifier.
    verdict: Any = None

    def recorded(self, inbound_id: int) -> Inbound:
        """The same message, known by its row `inbound_id`."""
        # What dataclasses.replace gives, without its frozen __init__ (a setattr through
        # object's for each of the sixteen fields): this runs for every push handled, and
        # the class has no __post_init__ for the copy to skip.
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy.__dict__["inbound_id"] = inbound_id
        return copy


@dataclass(frozen=True)
class Reply:
    """What to tell the resident now; empty text means say nothing."""

    text: str = ""

    @property
    def empty(self) -> bool:
        """True when nothing should be sent."""
        return not self.text


NO_REPLY = Reply()
