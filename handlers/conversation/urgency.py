"""Which residents' messages may be an emergency before they are handled: those the transport
lets past a queue of pushes waiting for a handling slot (bot.channels.admission)."""

from __future__ import annotations

from dataclasses import replace

from handlers.core.types import Inbound
from handlers.intents import emergency

# The menu's 紧急求助 button: a resident pressing it may be in danger now.
_EMERGENCY_KEYS = frozenset(button.key for button in emergency.INTENT.menu)


def assess(classifier, message: Inbound) -> tuple[bool, Inbound]:
    """Whether `message` may be an emergency (text, or a voice message's recognition, the
    classifier reads as one; the emergency menu button; a shared location, the answer to an
    emergency's "where are you"), and the message to handle: carrying the classifier's
    verdict when it was asked, so that the router does not pay for it twice."""
    if message.msg_type == "location":
        return True, message
    if message.msg_type == "event":
        return (message.event == "location_select"
                or (message.event == "click" and message.event_key in _EMERGENCY_KEYS)), message
    # The text the router classifies (handlers.conversation.router), character for character.
    text = message.content if message.msg_type == "text" else message.recognition
    if not text.strip():
        return False, message
    verdict = classifier.classify(text)
    return verdict.intent == "emergency", replace(message, verdict=verdict)
