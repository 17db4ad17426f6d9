"""The app's assembly: the doors it serves and the handlers' shared services, built from the
configuration once per app."""

from __future__ import annotations

import asyncio
import functools
import logging

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels import hotline, wechat, wecom
from bot.channels.door import Door
from bot.channels.group import door as group
from bot.config import Config
from handlers import texts
from handlers.conversation import verdict
from handlers.conversation.router import register_dialogs
from handlers.core.channels import Channels
from handlers.core.held import HeldIndex
from handlers.core.settings import AlertSettings, TicketSettings
from handlers.intents.services import Services
from handlers.tickets import notices, ratings
from handlers.tickets.lifecycle import Lifecycle
from handlers.tickets.sms import SmsNotices
from handlers.tickets.workcalendar import WorkCalendar
from storage.db import is_sqlite
from storage.delivery import outbox
from storage.intake import dialogs as dialog_store

log = logging.getLogger(__name__)

# The doors the public app serves, mounted in this order. A new door is its module in
# bot/channels/ (declaring `DOOR`) and one line here.
DOORS: tuple[Door, ...] = (
    wechat.DOOR,     # GET/POST /wechat
    hotline.DOOR,    # POST /hotline/calls
    wecom.DOOR,      # GET/POST /wecom
    group.DOOR,      # the police WeChat groups: WeCom's archive, woken through /wecom
)


@functools.cache
def _classifier(prefix: str):
    # Trained from the corpus in the repo (deterministic, a second or so); once per process.
    from handlers.classifier.classifier import IntentClassifier

    classifier = IntentClassifier.load(prefix)
    # Read from the model cache, the text tools it uses (OpenCC, the word segmenter) are
    # still unbuilt: build them here, not in the first resident's push (seconds on a busy
    # machine, with the event loop held: a burst right after a start timed out).
    classifier.classify(texts.text("warm_up_request"))
    return classifier


@functools.cache
def _faq():
    from handlers.intents.faq import Faq

    return Faq.load()


async def build_services(config: Config, sessions: async_sessionmaker[AsyncSession],
                         doors: tuple[Door, ...] = DOORS) -> Services:
    """Settings, the working calendar (with officers' overrides), classifier, FAQ, the doors'
    channels and the ticket lifecycle with its hooks."""
    settings = TicketSettings.from_config(config)
    calendar = WorkCalendar(settings.tz)
    held = HeldIndex(exact=is_sqlite(config.database.url))
    dialogs = register_dialogs(_faq(), cached=is_sqlite(config.database.url))
    try:
        async with sessions() as session:
            await calendar.refresh(session)
            held.seed(await outbox.held_recipients(session))
            dialogs.seed(await dialog_store.stored_openids(session))
    except (SQLAlchemyError, OSError) as exc:
        # Serving must not depend on it: the calendar loop loads the overrides later.
        log.error("start-up state not loaded (%s): official calendar only; dialogs and held "
                  "replies read from the database",
                  type(exc).__name__)
    classifier = await asyncio.to_thread(_classifier, settings.prefix)
    services = Services(settings=settings, calendar=calendar, classifier=classifier,
                        dialogs=dialogs,
                        faq=_faq(), public_url=config.server.public_url, held=held,
                        sms=SmsNotices(enabled=bool(config.sms.url)),
                        alerting=AlertSettings.from_config(config),
                        channels=Channels(door.channel for door in doors))
    services.lifecycle = lifecycle(services)
    return services


def lifecycle(services: Services) -> Lifecycle:
    """The ticket lifecycle with what follows each step, in this order: officers' notices,
    the resident's verdict question, the hotline caller's SMS."""
    return Lifecycle({"notices": notices.hooks(services.alerting),
                      "verdict": verdict.hooks(services), "ratings": ratings.hooks(services),
                      "sms": services.sms.hooks()})
