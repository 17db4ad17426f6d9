"""Opening tickets: routing, priority and deadlines put together, from the app's config."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from handlers.core.settings import TicketSettings, Unit
from handlers.tickets.opening import SUMMARY_MAX, open_ticket, summarize
from handlers.tickets.workcalendar import WorkCalendar
from storage.intake.models import InboundMessage
from storage.tickets import store as ticket_store

SH = ZoneInfo("Asia/Shanghai")
# Friday 2026-11-27 15:00 in Shanghai.
NOW = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)


def test_settings_from_the_app_config(config):
    settings = TicketSettings.from_config(config)
    assert settings.prefix == "DCF" and settings.timezone == "Asia/Shanghai"
    assert [u.name for u in settings.units] == [u.name for u in config.units]
    assert settings.units[0].areas == tuple(config.units[0].areas)
    assert settings.phone_for("古楼派出所") == config.tickets.duty_phone


async def test_open_routes_prioritises_and_fixes_deadlines(config, sessions):
    settings = TicketSettings.from_config(config)
    calendar = WorkCalendar(settings.timezone)
    async with sessions() as session, session.begin():
        message = InboundMessage(channel="wechat", dedupe_key="m1", openid="o-a",
                                 msg_type="text", content="x", state="handled")
        session.add(message)
        await session.flush()
        ticket = await open_ticket(
            session, settings, calendar, kind="complaint", text="湖西街道  昨晚有人打架",
            channel="wechat", now=NOW, openid="o-a", reasons=["downgraded_emergency"],
            inbound_id=message.id)
    assert ticket.number == "DCF20261127-0001"
    assert (ticket.unit, ticket.flagged_unassigned, ticket.area) == ("湖西派出所", False,
                                                                     "湖西街道")
    assert ticket.priority == "P2" and ticket.summary == "湖西街道 昨晚有人打架"
    assert ticket.first_response_due.astimezone(SH) == datetime(2026, 11, 30, 10, 0,
                                                                 tzinfo=SH)
    assert ticket.resolve_due.astimezone(SH) == datetime(2026, 12, 2, 15, 0, tzinfo=SH)
    async with sessions() as session:
        linked = await session.scalar(select(InboundMessage.ticket_id))
        timeline = await ticket_store.events(session, ticket)
    assert linked == ticket.id and [e.type for e in timeline] == ["created"]


async def test_unroutable_is_flagged_and_overrides_apply(sessions):
    settings = TicketSettings(
        prefix="DCF", default_unit="新区派出所",
        units=(Unit("古楼派出所", ("古楼街道",)), Unit("新区派出所", ("新区街道",))),
        sla={"P4": ("1h", "1wd")})
    calendar = WorkCalendar(settings.timezone)
    async with sessions() as session, session.begin():
        consult = await open_ticket(session, settings, calendar, kind="consult",
                                    text="身份证怎么办", channel="hotline", now=NOW)
        chosen = await open_ticket(session, settings, calendar, kind="emergency",
                                   text="有人受伤", channel="console", now=NOW,
                                   unit="古楼派出所", actor="wangwei")
    assert (consult.unit, consult.flagged_unassigned, consult.priority) == (
        "新区派出所", True, "P4")
    assert consult.first_response_due.astimezone(SH) == datetime(2026, 11, 27, 16, 0,
                                                                  tzinfo=SH)
    assert (chosen.unit, chosen.flagged_unassigned, chosen.priority) == (
        "古楼派出所", False, "P1")
    assert consult.number == "DCF20261127-0001" and chosen.number == "DCF20261127-0002"


def test_summary_is_trimmed():
    assert len(summarize("长" * 2000)) == SUMMARY_MAX
    assert summarize(" a \n b ") == "a b"
