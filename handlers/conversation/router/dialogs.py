"""The dialogs the router moves residents through: every intent's (from its record in
REGISTRY) and the conversation's own. A new dialog of the conversation itself goes in
DIALOGS; an intent's goes in its record."""

from __future__ import annotations

from handlers.conversation import helpmenu, quickmenu, verdict
from handlers.conversation.ongoing import supplement
from handlers.dialogs.engine import Dialogs
from handlers.intents.catalogue import REGISTRY

# Dialogs of the conversation itself; each intent's come from its record (REGISTRY).
DIALOGS = (verdict.DIALOG, helpmenu.DIALOG, supplement.DIALOG)


def register_dialogs(faq, cached: bool = False) -> Dialogs:
    """The registry with every dialog of every intent module (`cached`: see Dialogs)."""
    dialogs = Dialogs(cached=cached)
    for dialog in (*REGISTRY.dialogs(faq), quickmenu.dialog(), *DIALOGS):
        dialogs.add(dialog)
    return dialogs
