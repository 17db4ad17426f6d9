"""Domain settings the handlers are given (dataclasses owned here, built from the
configuration by the app): tickets and units, and the routes alerts take."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from handlers.core.privacy import Masking, public_numbers


@dataclass(frozen=True)
class Unit:
    """A police station or team that tickets are routed to ([[units]])."""

    name: str
    areas: tuple[str, ...] = ()
    phone: str = ""
    lat: float | None = None
    lng: float | None = None
    address: str = ""                 # told to residents asking where the station is
    hours: tuple[str, ...] = ()       # "mon-fri 08:30-12:00"; () = the calendar's hours

    @property
    def located(self) -> bool:
        """True when the unit's position is configured (0, 0 means unset in the config)."""
        return (self.lat is not None and self.lng is not None
                and not (self.lat == 0.0 and self.lng == 0.0))


@dataclass(frozen=True)
class WorkflowSettings:
    """`[workflow]`: the 12345 steps' limits (durations in the `[sla]` syntax)."""

    sign_within: str = "2wh"       # a routed ticket awaits the unit's sign this long
    sign_within_p1: str = "15m"
    returns_flagged: int = 2       # returns of one ticket before a supervisor is flagged


@dataclass(frozen=True)
class TicketSettings:
    """What opening tickets needs from `[tickets]`, `[sla]` and `[[units]]`."""

    prefix: str = "DCF"
    timezone: str = "Asia/Shanghai"
    duty_phone: str = ""
    default_unit: str = ""
    units: tuple[Unit, ...] = ()
    sla: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    # [map] url_template: the link shown with a location ("" = none).
    map_url_template: str = ""
    workflow: WorkflowSettings = field(default_factory=WorkflowSettings)

    @property
    def tz(self) -> ZoneInfo:
        """The timezone of ticket numbers and working hours."""
        return ZoneInfo(self.timezone)

    def unit(self, name: str) -> Unit | None:
        """The configured unit of that name, if any."""
        return next((u for u in self.units if u.name == name), None)

    @functools.cached_property
    def masking(self) -> Masking:
        """How officers' tools show free text: the branch's and units' numbers stay."""
        return Masking(public_numbers([self.duty_phone, *(u.phone for u in self.units)]))

    def phone_for(self, unit_name: str) -> str:
        """The unit's duty phone, else the branch's."""
        unit = self.unit(unit_name)
        return (unit.phone if unit is not None and unit.phone else "") or self.duty_phone

    @classmethod
    def from_config(cls, config: Any) -> TicketSettings:
        """Build from the app's configuration (anything shaped like bot.config.Config)."""
        tickets = config.tickets
        flow = getattr(config, "workflow", None)
        return cls(
            prefix=tickets.prefix, timezone=tickets.timezone, duty_phone=tickets.duty_phone,
            default_unit=tickets.default_unit, sla=dict(config.sla),
            map_url_template=config.map.url_template,
            workflow=WorkflowSettings() if flow is None else WorkflowSettings(
                sign_within=flow.sign_within, sign_within_p1=flow.sign_within_p1,
                returns_flagged=flow.returns_flagged),
            units=tuple(Unit(name=u.name, areas=tuple(u.areas), phone=u.phone, lat=u.lat,
                             lng=u.lng, address=u.address, hours=tuple(u.hours))
                        for u in config.units),
        )


@dataclass(frozen=True)
class AlertSettings:
    """Which routes exist (`[wecom]`, `[sms]`, local mode) and `[alerts]`."""

    robot: bool = True       # the police group robot (recorded in local mode)
    app: bool = False        # WeCom app messages to officers (recorded in local mode)
    sms: bool = False        # the SMS gateway of `[sms]`
    mobiles: tuple[str, ...] = ()
    escalate_after: timedelta = timedelta(minutes=15)

    @classmethod
    def from_config(cls, config) -> AlertSettings:
        """Build from the app's configuration (anything shaped like bot.config.Config)."""
        local = config.wechat.local
        after = config.alerts.escalate_after
        amount = int(after[:-1])
        return cls(robot=local or bool(config.wecom.robot_webhook),
                   app=local or config.wecom.app_configured, sms=bool(config.sms.url),
                   mobiles=tuple(config.alerts.mobiles),
                   escalate_after=timedelta(hours=amount) if after.endswith("h")
                   else timedelta(minutes=amount))
