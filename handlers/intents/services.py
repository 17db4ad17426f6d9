"""What every intent handler may use, built once by the app and shared."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from handlers.core.channels import Channels
from handlers.core.held import HeldIndex
from handlers.core.settings import AlertSettings, TicketSettings
from handlers.dialogs.engine import Dialogs
from handlers.officers.workflow import Workflow
from handlers.tickets.lifecycle import Lifecycle
from handlers.tickets.sms import SmsNotices
from handlers.tickets.workcalendar import WorkCalendar


@dataclass
class Services:
    """Settings, calendar, classifier, knowledge base, the dialog registry, the routes
    alerts take and the doors' channels."""

    settings: TicketSettings
    calendar: WorkCalendar
    classifier: Any          # handlers.intents.IntentClassifier (imported lazily: sklearn)
    dialogs: Dialogs
    faq: Any                 # handlers.faq.Faq
    public_url: str
    held: HeldIndex = field(default_factory=HeldIndex)
    sms: SmsNotices = field(default_factory=SmsNotices)
    alerting: AlertSettings = field(default_factory=AlertSettings)
    channels: Channels = field(default_factory=Channels)   # the doors the app serves
    # Every ticket moves through it; the app declares its hooks (bot.assembly).
    lifecycle: Lifecycle = field(default_factory=Lifecycle)

    def workflow(self, clock: Callable[[], datetime], sms: SmsNotices | None = None) -> Workflow:
        """The officers' workflow on the app's lifecycle; `sms` replaces the SMS gateway's
        hooks (a door with its own)."""
        lifecycle = self.lifecycle if sms is None else self.lifecycle.with_hooks(
            "sms", sms.hooks())
        return Workflow(self.settings, clock, lifecycle=lifecycle, calendar=self.calendar)

    def console_home(self) -> str:
        """The console's front page."""
        return f"{self.public_url.rstrip('/')}/console/"

    def console_link(self, number: str) -> str:
        """Where officers open a ticket."""
        return f"{self.public_url.rstrip('/')}/console/tickets/{number}"

    def local_time(self, moment: datetime) -> str:
        """A moment as residents read it: 11月28日 09:30, in the tickets' timezone."""
        local = moment.astimezone(self.settings.tz)
        return f"{local.month}月{local.day}日 {local:%H:%M}"
