"""Every intent, in the classifier's label order: the one list the router, the quick menu,
the WeChat menu and the checks of the labels and ticket kinds read."""

from __future__ import annotations

from handlers.intents import (
    appointment,
    complaint,
    consult,
    emergency,
    feedback,
    other,
    status,
)
from handlers.intents.registry import Registry

REGISTRY = Registry((emergency.INTENT, complaint.INTENT, appointment.INTENT, feedback.INTENT,
                     status.INTENT, consult.INTENT, other.INTENT))
