"""Warming the understanding of messages up before the first resident is answered."""

from __future__ import annotations

from handlers.dialogs import booking_time
from handlers.intents.services import Services
from storage.base import utcnow


def warm_up(services: Services) -> None:
    """Load what is otherwise loaded by the first message that needs it: the word
    segmenter's dictionary (~0.25 s), jionlp's time parser (~0.5 s) and the knowledge base's
    look-ups. No resident waits for them, and the server freezes them out of the garbage
    collector with the rest of what start-up built (full collections otherwise walk them)."""
    services.classifier.classify("您好，我想预约明天上午办身份证")
    services.faq.match("身份证丢了怎么补办")
    booking_time.read("明天上午", utcnow())
