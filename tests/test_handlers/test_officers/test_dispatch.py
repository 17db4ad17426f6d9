"""签收 and 退单 (§5's 12345 steps): the unit's sign on the working calendar, returns to the
dispatchers with a reason, supervisors flagged on repeated returns; a P1 signed by 收到."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from handlers.core.errors import Conflict, Forbidden, Invalid
from handlers.core.settings import TicketSettings
from handlers.officers.workflow import Workflow
from storage.tickets import store as ticket_store
from tests.workbench import NOW, UNIT_A, UNIT_B, add_officer, reload, staff, ticket

LOCAL_NOON = NOW + timedelta(hours=2)      # Wednesday 12:00 in Shanghai


@pytest.fixture
async def people(sessions):
    found = await staff(sessions)
    found["bsup"] = await add_officer(sessions, "bsup2", UNIT_B, "supervisor",
                                      wecom_user="wx-sup2")
    return found


def _wf(config, at=NOW) -> Workflow:
    return Workflow(TicketSettings.from_config(config), clock=lambda: at)


async def _do(sessions, wf, actor, number, action, **fields):
    async with sessions() as session, session.begin():
        return await wf.perform(session, actor, number, action, fields)


async def _events(sessions, number, type_):
    async with sessions() as session:
        row = await ticket_store.get_by_number(session, number)
        return [e for e in await ticket_store.events(session, row) if e.type == type_]


async def test_a_routed_ticket_awaits_the_units_sign_on_the_working_calendar(sessions, config):
    t = await ticket(sessions, config)
    assert (t.sign_due, t.signed_at) == (LOCAL_NOON, None)       # 2 working hours
    friday_late = NOW + timedelta(days=2, hours=7)                # Friday 17:00 local
    late = await ticket(sessions, config, now=friday_late)
    # Half an hour left on Friday, the other 1.5 h from Monday 08:30.
    assert late.sign_due == friday_late + timedelta(days=2, hours=17)
    p1 = await ticket(sessions, config, kind="emergency")
    assert p1.sign_due == NOW + timedelta(minutes=15)


async def test_sign_takes_a_new_ticket_and_twice_is_a_conflict(sessions, config, people):
    t = await ticket(sessions, config)
    await _do(sessions, _wf(config, NOW + timedelta(hours=1)), people["a1"], t.number, "sign")
    row = await reload(sessions, t.number)
    assert (row.status, row.assignee, row.signed_by) == ("assigned", "a1", "a1")
    assert row.signed_at == NOW + timedelta(hours=1)
    [signed] = await _events(sessions, t.number, "signed")
    assert json.loads(signed.data)["on_time"] is True and signed.text == f"{UNIT_A}签收"
    with pytest.raises(Conflict):
        await _do(sessions, _wf(config), people["a2"], t.number, "sign")


async def test_a_late_sign_on_an_assigned_ticket_records_the_time_only(sessions, config,
                                                                       people):
    t = await ticket(sessions, config)
    await _do(sessions, _wf(config), people["sup"], t.number, "assign", officer="a2")
    late = NOW + timedelta(hours=3)
    await _do(sessions, _wf(config, late), people["a1"], t.number, "sign")
    row = await reload(sessions, t.number)
    assert (row.status, row.assignee, row.signed_by, row.signed_at) == (
        "assigned", "a2", "a1", late)
    [signed] = await _events(sessions, t.number, "signed")
    assert json.loads(signed.data)["on_time"] is False and "超时" in signed.text


async def test_only_the_units_officers_sign_or_return(sessions, config, people):
    t = await ticket(sessions, config)
    for action, fields in (("sign", {}), ("return", {"reason": "不属本所辖区"})):
        with pytest.raises(Forbidden):         # a supervisor of another unit
            await _do(sessions, _wf(config), people["sup"], t.number, action, **fields)
    assert (await reload(sessions, t.number)).signed_at is None


async def test_return_goes_to_the_dispatchers_with_the_reason(sessions, config, people):
    t = await ticket(sessions, config)
    wf = _wf(config)
    await _do(sessions, wf, people["a1"], t.number, "sign")
    with pytest.raises(Invalid) as caught:
        await _do(sessions, wf, people["a1"], t.number, "return")
    assert caught.value.field == "reason"
    await _do(sessions, wf, people["a1"], t.number, "return", reason="地址属新区派出所辖区")
    row = await reload(sessions, t.number)
    assert (row.status, row.assignee, row.flagged_unassigned, row.returns) == (
        "new", None, True, 1)
    assert (row.sign_due, row.signed_at) == (None, None)
    [returned] = await _events(sessions, t.number, "returned")
    assert "地址属新区派出所辖区" in returned.text and returned.actor == "a1"
    with pytest.raises(Conflict):       # with the dispatchers now: nothing to sign or return
        await _do(sessions, wf, people["a2"], t.number, "sign")
    # A supervisor dispatches it out of 待分派: the new unit's sign is due.
    await _do(sessions, wf, people["sup"], t.number, "transfer", unit=UNIT_B, reason="辖区")
    row = await reload(sessions, t.number)
    assert (row.unit, row.flagged_unassigned, row.sign_due) == (UNIT_B, False, LOCAL_NOON)


async def test_repeated_returns_flag_the_supervisors_in_wecom(sessions, config, people, db):
    t = await ticket(sessions, config)
    wf = _wf(config)
    await _do(sessions, wf, people["a1"], t.number, "return", reason="非本所辖区")
    assert await db.outbox("wecom_app") == []
    await _do(sessions, wf, people["sup"], t.number, "transfer", unit=UNIT_B, reason="辖区")
    await _do(sessions, wf, people["b1"], t.number, "return", reason="也不是本所")
    [flag] = await db.outbox("wecom_app")
    assert flag.recipient == "wx-sup2"
    assert t.number in flag.payload and "2次" in json.loads(flag.payload)["text"]
    [_, second] = await _events(sessions, t.number, "returned")
    assert json.loads(second.data)["flagged"] is True


async def test_acknowledging_a_p1_signs_and_takes_it_and_a_second_ack_conflicts(
        sessions, config, people):
    t = await ticket(sessions, config, kind="emergency")
    await _do(sessions, _wf(config, NOW + timedelta(minutes=20)), people["a2"], t.number,
              "acknowledge")
    row = await reload(sessions, t.number)
    # §5: for P1 acknowledging signs, and a sign on a new ticket makes the signer its owner.
    assert (row.signed_by, row.acknowledged_by, row.status, row.assignee) == (
        "a2", "a2", "assigned", "a2")
    [ack] = await _events(sessions, t.number, "acknowledged")
    assert json.loads(ack.data) == {"signed": True, "sign_on_time": False, "unit": UNIT_A}
    [status] = await _events(sessions, t.number, "status")
    assert json.loads(status.data)["to"] == "assigned" and status.actor == "a2"
    with pytest.raises(Conflict):
        await _do(sessions, _wf(config), people["a1"], t.number, "acknowledge")
    with pytest.raises(Conflict):
        await _do(sessions, _wf(config), people["a1"], t.number, "sign")


async def test_a_supervisor_of_another_unit_acknowledging_leaves_the_p1_to_its_unit(
        sessions, config, people):
    t = await ticket(sessions, config, kind="emergency")
    await _do(sessions, _wf(config), people["sup"], t.number, "acknowledge")
    row = await reload(sessions, t.number)
    assert (row.acknowledged_by, row.status, row.assignee) == ("sup", "new", None)
    # An officer of the unit can still take it.
    await _do(sessions, _wf(config), people["a1"], t.number, "assign", officer="a1")
    assert (await reload(sessions, t.number)).assignee == "a1"


async def test_acknowledging_an_owned_p1_keeps_its_owner(sessions, config, people):
    t = await ticket(sessions, config, kind="emergency")
    await _do(sessions, _wf(config), people["sup"], t.number, "assign", officer="a1")
    await _do(sessions, _wf(config), people["a2"], t.number, "acknowledge")
    row = await reload(sessions, t.number)
    assert (row.assignee, row.status, row.acknowledged_by) == ("a1", "assigned", "a2")


async def test_a_second_sign_or_ack_names_the_officer_and_unit_not_the_login(sessions, config,
                                                                            people):
    named = await add_officer(sessions, "zhang.w", name="张伟")
    t = await ticket(sessions, config, kind="emergency")
    await _do(sessions, _wf(config), named, t.number, "acknowledge")
    for action in ("acknowledge", "sign"):
        with pytest.raises(Conflict) as caught:
            await _do(sessions, _wf(config), people["a1"], t.number, action)
        assert f"张伟（{UNIT_A}）" in caught.value.message
        assert "zhang.w" not in caught.value.message


async def test_an_officer_taking_a_routed_ticket_signs_for_the_unit(sessions, config, people):
    """接单 (assign to self) is an officer of the unit taking it: the unit's sign, so no
    签收 reminder or overdue flag follows a ticket someone already owns."""
    t = await ticket(sessions, config)
    await _do(sessions, _wf(config, NOW + timedelta(hours=1)), people["a1"], t.number,
              "assign", officer="a1")
    row = await reload(sessions, t.number)
    assert (row.status, row.assignee, row.signed_by) == ("assigned", "a1", "a1")
    [signed] = await _events(sessions, t.number, "signed")
    assert json.loads(signed.data)["on_time"] is True and signed.actor == "a1"
    # A supervisor handing a ticket to someone is no sign by the unit.
    other = await ticket(sessions, config)
    await _do(sessions, _wf(config), people["sup"], other.number, "assign", officer="a2")
    assert (await reload(sessions, other.number)).signed_at is None
