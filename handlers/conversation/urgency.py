"""Which residents' messages may be an emergency before they are handled: those the transport
lets past a queue of pushes waiting for a handling slot (bot.channels.admission)."""

from __future__ import annotations

from handlers.core.types import Inbound
from handlers.intents import emergency

# The menu's 紧急求助 button: a resident pressing it may be in danger now.
_EMERGENCY_KEYS = frozenset(button.key for button in emergency.INTENT.menu)


def urgent(classifier, message: Inbound) -> bool:
    """True when `message` may be an emergency: text (or a voice message's recognition) the
    classifier reads as one, the emergency menu button, or a shared location (the answer to
    an emergency's "where are you"). The router then asks the classifier the same text, which
    hands it this verdict, a long letter's too: it is not paid for twice."""
    if message.msg_type == "location":
        return True
    if message.msg_type == "event":
        return (message.event == "location_select"
                or (message.event == "click" and message.event_key in _EMERGENCY_KEYS))
    # The text the router classifies (handlers.conversation.router), character for character.
    text = message.content if message.msg_type == "text" else message.recognition
    if not text.strip():
        return False
    return classifier.classify(text, hand_on=True).intent == "emergency"
