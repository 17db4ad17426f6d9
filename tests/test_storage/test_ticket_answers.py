"""A resident's answers written on the dialog's ticket without reading it, routing included."""

import json
from datetime import timedelta

from sqlalchemy import func, select, update

from storage.tickets import answers
from storage.tickets import store as tickets
from storage.tickets.models import Ticket, TicketEvent
from tests.support.ticket_rows import NOW
from tests.support.ticket_rows import open_row as _open

LATER = NOW + timedelta(minutes=3)
# What the place routes to, with the sign due the caller worked out for the ticket's priority.
TO_HUXI = answers.Routing("湖西派出所", "已按地点分派至湖西派出所", NOW + timedelta(hours=2))


async def _reread(sessions, ticket):
    async with sessions() as session:
        ticket = await tickets.get_by_number(session, ticket.number)
        return ticket, await tickets.events(session, ticket)


async def test_an_answer_is_written_without_reading_the_ticket(sessions):
    async with sessions() as session, session.begin():
        ticket = await _open(session, area=None, contact_phone=None)
        placed = await _open(session, openid="o-b")
    later = NOW + timedelta(minutes=3)
    async with sessions() as session, session.begin():
        answers.answer_to_ticket(session, ticket.id, "地点：柳园小区3号楼", later,
                                 place="柳园小区3号楼", area="古楼街道", inbound_id=7)
        answers.answer_to_ticket(session, ticket.id, "联系电话：138****0000", NOW,
                                 contact_phone="13800000000")
        answers.answer_to_ticket(session, placed.id, "地点：湖滨路", later, place="湖滨路",
                                 area="湖西街道")
        # No such ticket: nothing written (no event its foreign key would refuse).
        answers.answer_to_ticket(session, ticket.id + 99, "时间：昨天", later)
    async with sessions() as session:
        ticket = await tickets.get_by_number(session, ticket.number)
        placed = await tickets.get_by_number(session, placed.number)
        timeline = await tickets.events(session, ticket)
    assert (ticket.place, ticket.area, ticket.contact_phone) == ("柳园小区3号楼", "古楼街道",
                                                               "13800000000")
    assert ticket.updated_at == later          # the earlier answer does not move it back
    assert (placed.place, placed.area) == ("湖滨路", "古楼街道")   # its area is kept
    written = [(e.actor, e.type, e.text, tickets.event_data(e)) for e in timeline[1:]]
    assert written == [("resident", "message_in", "地点：柳园小区3号楼", {"inbound_id": 7}),
                       ("resident", "message_in", "联系电话：138****0000", {})]
    async with sessions() as session:
        # Two opened, three answers, none for ticket.id + 99.
        assert await session.scalar(select(func.count()).select_from(TicketEvent)) == 5


async def test_a_place_routes_a_ticket_waiting_in_dispatch_from_the_unit_it_holds(sessions):
    # Handed back by an unusual unit (its name needs JSON's escapes): the routed event says
    # it left that unit, written as the ORM's way writes an event's data.
    held = 'X"派出所\\'
    async with sessions() as session, session.begin():
        urgent = await _open(session, priority="P1", unit=held, flagged=True, area=None,
                             sign_due=NOW)
        waiting = await _open(session, openid="o-b", flagged=True, area=None, place="")
        await session.execute(update(Ticket).where(Ticket.id == urgent.id).values(
            signed_at=NOW, signed_by="警员甲", sign_reminded_at=NOW))
    async with sessions() as session, session.begin():
        answers.answer_to_ticket(session, urgent.id, "地点：湖西街道", LATER, place="湖西街道",
                                 area="湖西街道", routing=TO_HUXI, inbound_id=7)
        answers.answer_to_ticket(session, waiting.id, "地点：湖西街道", LATER, place="湖西街道",
                                 area="湖西街道", routing=TO_HUXI)
    urgent, urgent_timeline = await _reread(sessions, urgent)
    waiting, timeline = await _reread(sessions, waiting)
    assert (urgent.unit, urgent.flagged_unassigned, urgent.sign_due) == (
        "湖西派出所", False, TO_HUXI.sign_due)
    assert (urgent.signed_at, urgent.signed_by, urgent.sign_reminded_at) == (None, None, None)
    assert (urgent.place, urgent.area, urgent.updated_at) == ("湖西街道", "湖西街道", LATER)
    assert (waiting.unit, waiting.flagged_unassigned, waiting.sign_due) == (
        "湖西派出所", False, TO_HUXI.sign_due)
    assert waiting.place == "湖西街道"             # an empty place is no place
    routed, answered = urgent_timeline[1:]
    assert (routed.actor, routed.type, routed.text, routed.at) == (
        "system", "routed", TO_HUXI.text, LATER)
    assert routed.data == json.dumps({"unit": "湖西派出所", "from": held}, ensure_ascii=False)
    assert (answered.type, tickets.event_data(answered)) == ("message_in", {"inbound_id": 7})
    assert [tickets.event_data(e) for e in timeline[1:]] == [
        {"unit": "湖西派出所", "from": "古楼派出所"}, {}]


async def test_a_ticket_dispatched_meanwhile_keeps_its_unit_and_sign(sessions):
    async with sessions() as session, session.begin():
        ticket = await _open(session, area=None, sign_due=NOW + timedelta(hours=5))
    async with sessions() as session, session.begin():
        answers.answer_to_ticket(session, ticket.id, "地点：湖西街道", LATER, place="湖西街道",
                                 area="湖西街道", routing=TO_HUXI)
        # No such ticket: nothing written.
        answers.answer_to_ticket(session, ticket.id + 99, "地点：湖西街道", LATER,
                                 place="湖西街道", routing=TO_HUXI)
    ticket, timeline = await _reread(sessions, ticket)
    assert (ticket.unit, ticket.sign_due) == ("古楼派出所", NOW + timedelta(hours=5))
    assert (ticket.place, ticket.area) == ("湖西街道", "湖西街道")
    assert [e.type for e in timeline] == ["created", "message_in"]
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(TicketEvent)) == 2
