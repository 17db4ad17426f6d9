"""Officers' actions: rights by role and unit, §5's transitions, and the fields each action
takes."""

from __future__ import annotations

import json

import pytest

from handlers.core.errors import Conflict, Forbidden, Invalid, NotFound
from handlers.officers.workflow import TRANSITIONS
from storage.tickets import store as ticket_store
from tests.support.workflow import act, events_of, set_columns
from tests.workbench import NOW, UNIT_A, UNIT_B, reload, ticket

# --- rights --------------------------------------------------------------------------------

# (who, ticket's unit, action, fields, expected): None = allowed.
RIGHTS = [
    ("a1", UNIT_A, "note", {"text": "已电话联系"}, None),
    ("a1", UNIT_B, "note", {"text": "x"}, NotFound),
    ("sup", UNIT_A, "note", {"text": "x"}, None),
    ("adm", UNIT_B, "note", {"text": "x"}, None),
    ("a1", UNIT_A, "reply", {"text": "您好，已安排民警处理"}, None),
    ("b1", UNIT_A, "reply", {"text": "x"}, NotFound),
    ("a1", UNIT_A, "assign", {"officer": "a1"}, None),
    ("a1", UNIT_A, "assign", {"officer": "a2"}, Forbidden),
    ("a1", UNIT_B, "assign", {"officer": "a1"}, NotFound),
    ("sup", UNIT_A, "assign", {"officer": "a2"}, None),
    ("sup", UNIT_A, "assign", {"officer": "b1"}, Conflict),    # not of the ticket's unit
    ("adm", UNIT_A, "assign", {"officer": "a2"}, None),
    ("a1", UNIT_A, "transfer", {"unit": UNIT_B, "reason": "辖区不符"}, Forbidden),
    ("sup", UNIT_A, "transfer", {"unit": UNIT_B, "reason": "辖区不符"}, None),
    ("adm", UNIT_A, "transfer", {"unit": UNIT_B, "reason": "辖区不符"}, None),
    ("a1", UNIT_A, "status", {"status": "resolved", "note": "已调解"}, None),
    ("a1", UNIT_A, "status", {"status": "cancelled", "note": "重复"}, Forbidden),
    ("sup", UNIT_A, "status", {"status": "cancelled", "note": "重复"}, None),
    ("b1", UNIT_A, "status", {"status": "resolved", "note": "x"}, NotFound),
    ("a1", UNIT_A, "kind", {"kind": "consult"}, None),
    ("b1", UNIT_A, "kind", {"kind": "consult"}, NotFound),
]


@pytest.mark.parametrize(("who", "unit", "action", "fields", "expected"), RIGHTS)
async def test_rights(sessions, config, wf, people, who, unit, action, fields, expected):
    t = await ticket(sessions, config, unit=unit)
    if expected is None:
        outcome = await act(sessions, wf, people[who], t.number, action, **fields)
        assert outcome.ticket.number == t.number
        assert (await events_of(sessions, t.number))[-1].actor == who
    else:
        with pytest.raises(expected):
            await act(sessions, wf, people[who], t.number, action, **fields)


async def test_officer_cannot_take_or_resolve_a_colleagues_ticket(sessions, config, wf, people):
    t = await ticket(sessions, config)
    await act(sessions, wf, people["a2"], t.number, "assign", officer="a2")
    with pytest.raises(Forbidden):
        await act(sessions, wf, people["a1"], t.number, "assign", officer="a1")
    with pytest.raises(Forbidden):
        await act(sessions, wf, people["a1"], t.number, "status", status="resolved", note="好了")
    await act(sessions, wf, people["sup"], t.number, "assign", officer="a1", reason="a2休假")
    assert (await reload(sessions, t.number)).assignee == "a1"


async def test_unknown_ticket_is_not_found(sessions, wf, people):
    with pytest.raises(NotFound):
        await act(sessions, wf, people["sup"], "DCF20261125-9999", "note", text="x")


# --- transitions ---------------------------------------------------------------------------

def _move_cases():
    for (source, target), by in sorted(TRANSITIONS.items()):
        for who in sorted(by):
            yield source, target, who


@pytest.mark.parametrize(("source", "target", "by"), list(_move_cases()))
async def test_every_transition_of_the_table(sessions, config, wf, people, source, target, by):
    t = await ticket(sessions, config)
    assignee = None if source == "new" else "a1"
    await set_columns(sessions, t.number, status=source, assignee=assignee)
    if by == "assign":
        await act(sessions, wf, people["sup"], t.number, "assign", officer="a2")
    elif by == "transfer":
        await act(sessions, wf, people["sup"], t.number, "transfer", unit=UNIT_B, reason="辖区")
    elif by == "reply":
        await act(sessions, wf, people["a1"], t.number, "reply", text="您好")
    elif by in ("assignee", "supervisor"):
        actor = people["a1" if by == "assignee" else "sup"]
        await act(sessions, wf, actor, t.number, "status", status=target, note="说明")
    else:   # the resident's verdict or the 7-day timer
        async with sessions() as session, session.begin():
            row = await ticket_store.get_by_number(session, t.number)
            await wf.transition(session, row, target, by=by,
                                actor=by if by == "resident" else "system")
    assert (await reload(sessions, t.number)).status == target
    if source != target:
        last = json.loads((await events_of(sessions, t.number, "status"))[-1].data)
        assert (last["from"], last["to"]) == (source, target)


@pytest.mark.parametrize(("source", "who", "target"), [
    ("new", "sup", "in_progress"), ("resolved", "sup", "in_progress"),
    ("closed", "sup", "resolved"), ("cancelled", "sup", "reopened"),
    ("resolved", "sup", "cancelled"), ("closed", "sup", "cancelled"),
    ("resolved", "sup", "closed"), ("in_progress", "sup", "reopened"),
    ("resolved", "a1", "resolved"), ("in_progress", "adm", "new"),
    ("in_progress", "sup", "assigned"),
])
async def test_moves_outside_the_table_are_conflicts(sessions, config, wf, people, source, who,
                                                     target):
    t = await ticket(sessions, config)
    await set_columns(sessions, t.number, status=source, assignee="a1")
    with pytest.raises(Conflict):
        await act(sessions, wf, people[who], t.number, "status", status=target, note="说明")
    assert (await reload(sessions, t.number)).status == source


async def test_resident_cannot_reopen_closed_and_system_cannot_reopen(sessions, config, wf):
    t = await ticket(sessions, config)
    await set_columns(sessions, t.number, status="closed", assignee="a1")
    async with sessions() as session, session.begin():
        row = await ticket_store.get_by_number(session, t.number)
        with pytest.raises(Conflict):
            await wf.transition(session, row, "reopened", by="resident", actor="resident")
        with pytest.raises(Conflict):
            await wf.transition(session, row, "reopened", by="system", actor="system")


async def test_resolve_needs_a_note_and_assigns_the_resolver(sessions, config, wf, people):
    t = await ticket(sessions, config)
    for fields in ({"status": "resolved"}, {"status": "resolved", "note": "   "}):
        with pytest.raises(Invalid) as caught:
            await act(sessions, wf, people["a1"], t.number, "status", **fields)
        assert caught.value.field == "note"
    await act(sessions, wf, people["a1"], t.number, "status", status="resolved", note="已调解")
    row = await reload(sessions, t.number)
    assert (row.status, row.assignee, row.resolved_at) == ("resolved", "a1", NOW)
    assert [e.type for e in await events_of(sessions, t.number)][-2:] == ["assigned", "status"]


async def test_cancel_needs_a_reason_and_reopen_closed_is_for_supervisors(sessions, config, wf,
                                                                          people):
    t = await ticket(sessions, config)
    with pytest.raises(Invalid):
        await act(sessions, wf, people["sup"], t.number, "status", status="cancelled")
    await set_columns(sessions, t.number, status="closed", assignee="a1")
    with pytest.raises(Forbidden):
        await act(sessions, wf, people["a1"], t.number, "status", status="reopened")
    await act(sessions, wf, people["sup"], t.number, "status", status="reopened")
    assert (await reload(sessions, t.number)).status == "reopened"


async def test_bad_fields_are_invalid(sessions, config, wf, people):
    t = await ticket(sessions, config)
    a1 = people["a1"]
    cases = [("reply", None, "body"), ("reply", {"text": 5}, "text"),
             ("reply", {"text": "长" * 601}, "text"), ("note", {}, "text"),
             ("status", {"status": "done"}, "status"), ("kind", {"kind": "other"}, "kind"),
             ("assign", {"officer": "no body"}, "officer")]
    for action, fields, field in cases:
        async with sessions() as session, session.begin():
            with pytest.raises(Invalid) as caught:
                await wf.perform(session, a1 if action != "assign" else people["sup"], t.number,
                                 action, fields)
        assert caught.value.field == field, action


async def test_a_wellformed_officer_outside_the_unit_is_a_conflict(sessions, config, wf,
                                                                   people):
    t = await ticket(sessions, config)
    for officer in ("nobody", "b1"):
        async with sessions() as session, session.begin():
            with pytest.raises(Conflict) as caught:
                await wf.perform(session, people["sup"], t.number, "assign",
                                 {"officer": officer})
        assert caught.value.field == "officer"


async def test_transfer_clears_the_assignee_and_can_name_one(sessions, config, wf, people):
    t = await ticket(sessions, config)
    await act(sessions, wf, people["a1"], t.number, "assign", officer="a1")
    with pytest.raises(Invalid):
        await act(sessions, wf, people["sup"], t.number, "transfer", unit=UNIT_B)
    with pytest.raises(Conflict):
        await act(sessions, wf, people["sup"], t.number, "transfer", unit=UNIT_A, reason="x")
    await act(sessions, wf, people["sup"], t.number, "transfer", unit=UNIT_B, reason="辖区",
              officer="b1")
    row = await reload(sessions, t.number)
    assert (row.unit, row.assignee, row.status) == (UNIT_B, "b1", "assigned")
    with pytest.raises(NotFound):       # no longer unit A's to see
        await act(sessions, wf, people["a1"], t.number, "note", text="x")
