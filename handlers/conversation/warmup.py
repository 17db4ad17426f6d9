"""Warming the understanding of messages up: before the first resident is answered, once the
server is quiet, and, for a message that needs what is not warm yet, off the event loop before
it is read. A new thing to load ahead goes here."""

from __future__ import annotations

from handlers.dialogs import booking_time
from handlers.intents.services import Services
from handlers.tickets import routing


def warm_up(services: Services) -> None:
    """Load what every push uses and is otherwise loaded by the first one: the word
    segmenter's dictionary (~0.25 s), the knowledge base's look-ups and the stations' names
    in pinyin. No resident waits for them, and the server freezes them out of the garbage
    collector with the rest of what start-up built (full collections otherwise walk them)."""
    services.classifier.classify("您好，我想预约明天上午办身份证")
    services.faq.match("身份证丢了怎么补办")
    routing.warm(services.settings.units)       # places named in pinyin by English writers


def warm_up_later() -> None:
    """Load what only some dialogs use, once the server listens: jionlp's time parser
    (bookings; ~0.3 s of CPU, more on a loaded machine). A restart answers WeChat's retries
    sooner without it; a booking time told before it is loaded waits for it in a thread
    (Dialogs.loaded), never in the event loop."""
    booking_time.warm()


async def loaded_for(text: str) -> None:
    """Load, off the event loop, what reading `text` needs and is not loaded yet: jionlp's time
    parser when it asks whether a day is worked (intents.branchinfo reads the day with it, in a
    dialog's aside too). In the loop, its ~0.3 s would hold up every resident (issue 16)."""
    await booking_time.loaded_for(text)
