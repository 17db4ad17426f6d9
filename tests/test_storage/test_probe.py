"""Look-ups that find nothing for most residents (their tickets, their open emergency, the
location they sent lately): on SQLite an empty answer takes no SQLAlchemy execution (issue 16);
a row, found outside or inside the unit of work, is read as before."""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import event

from storage.intake.models import InboundMessage
from storage.tickets import continued, locations
from storage.tickets import store as tickets

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
SINCE = NOW - timedelta(hours=1)


@contextmanager
def counted(engine):
    """The statements SQLAlchemy executes meanwhile."""
    seen: list[str] = []

    def executed(_connection, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", executed)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", executed)


async def _open(session, openid: str, kind: str = "emergency"):
    return await tickets.create_ticket(
        session, prefix="DCF", tz=ZoneInfo("Asia/Shanghai"), kind=kind, priority="P1",
        channel="wechat", unit="古楼派出所", flagged=False, openid=openid, contact_phone=None,
        anonymous=False, summary="有人打架", area=None, lat=None, lng=None, reasons=[],
        first_response_due=NOW + timedelta(hours=1), resolve_due=NOW + timedelta(days=1),
        now=NOW)


async def _look_up(session, openid: str):
    return (await tickets.list_for_openid(session, openid),
            await tickets.latest_open(session, openid, "emergency", SINCE),
            await locations.recent_location(session, openid, SINCE))


async def test_nothing_found_takes_no_sqlalchemy_execution_on_sqlite(engine, sessions):
    async with sessions() as session, session.begin():
        await _open(session, "o-other")
        session.add(InboundMessage(channel="wechat", dedupe_key="p-1", openid="o-other",
                                   msg_type="location", latitude=36.4, longitude=115.9,
                                   received_at=NOW))
    async with sessions() as session:
        with counted(engine) as seen:
            found = await _look_up(session, "o-new")
    assert found == ([], None, None)
    # PostgreSQL reads them as before: the three SELECTs.
    assert len(seen) == (0 if engine.dialect.name == "sqlite" else 3)


async def test_rows_are_found_as_before(sessions):
    async with sessions() as session, session.begin():
        ticket = await _open(session, "o-known")
        session.add(InboundMessage(channel="wechat", dedupe_key="p-2", openid="o-known",
                                   msg_type="location", latitude=36.4, longitude=115.9,
                                   location_label="光岳楼", received_at=NOW))
    async with sessions() as session:
        listed, emergency, shared = await _look_up(session, "o-known")
    assert [t.id for t in listed] == [ticket.id] and emergency.id == ticket.id
    assert shared.location_label == "光岳楼"


async def test_a_ticket_opened_in_the_same_unit_of_work_is_found(sessions):
    # The transaction holds the connection and wrote the ticket: the look-up reads there.
    async with sessions() as session, session.begin():
        ticket = await _open(session, "o-same")
        listed = await tickets.list_for_openid(session, "o-same")
        emergency = await tickets.latest_open(session, "o-same", "emergency", SINCE)
    assert [t.id for t in listed] == [ticket.id] and emergency.id == ticket.id


async def test_a_location_waiting_in_the_session_is_found(sessions):
    # An ORM object not yet flushed: SQLAlchemy's way flushes it before reading.
    async with sessions() as session, session.begin():
        session.add(InboundMessage(channel="wechat", dedupe_key="p-3", openid="o-pending",
                                   msg_type="location", latitude=36.4, longitude=115.9,
                                   received_at=NOW))
        shared = await locations.recent_location(session, "o-pending", SINCE)
    assert shared is not None and shared.latitude == 36.4


async def _continuable(session, openid: str, since, reported=None) -> bool:
    return await continued.continuable(session, openid, raised_since=since,
                                       replied_since=since, reported_since=reported or since)


async def test_what_a_message_may_continue_is_one_keyed_query(engine, sessions):
    # A resident with a complaint nobody answered continues nothing: on SQLite no
    # SQLAlchemy execution at all, on PostgreSQL one statement; an emergency just raised, or
    # an officer's reply, is found on either database; a complaint just opened, only when
    # the quick menu's question is asked about (`reported_since`).
    later = NOW + timedelta(hours=2)     # each long past
    async with sessions() as session, session.begin():
        await _open(session, "o-quiet", kind="complaint")
        emergency = await _open(session, "o-sos")
        answered = await _open(session, "o-asked", kind="complaint")
        tickets.add_event(session, answered, "a1", "reply_out", "请问几点发生的？", at=NOW)
    async with sessions() as session:
        with counted(engine) as seen:
            assert not await _continuable(session, "o-quiet", SINCE, later)
        assert len(seen) == (0 if engine.dialect.name == "sqlite" else 1)
        assert await _continuable(session, "o-quiet", SINCE)
        assert await _continuable(session, "o-sos", SINCE, later)
        assert await _continuable(session, "o-asked", SINCE, later)
        assert not await _continuable(session, "o-sos", later)
        assert not await _continuable(session, "o-nobody", SINCE)
        found = await continued.recent_open(session, "o-asked", SINCE)
    assert found is not None and found[0].id == answered.id
    assert (found[1].at, found[1].text) == (NOW, "请问几点发生的？")
    assert emergency.kind == "emergency"
