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

    def workflow(self, clock: Callable[[], datetime], sms: SmsNotices | None = None):
        """The officers' workflow with everything that follows their actions: the verdict
        question on resolution and the hotline caller's SMS. Every door uses this one."""
        from handlers.officers.callbacks import HotlineWorkflow  # it builds on modules that use us

        return HotlineWorkflow(self.settings, clock, sms=sms or self.sms, services=self)

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
