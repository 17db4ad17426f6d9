"""Officers' actions: rights by role and unit, §5's transitions, replies and their delivery."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update

from handlers.core.errors import Conflict, Forbidden, Invalid, NotFound
from handlers.core.settings import TicketSettings
from handlers.officers import worklist
from handlers.officers.workflow import TRANSITIONS, Workflow
from storage.delivery.models import OutboxJob
from storage.tickets import store as ticket_store
from storage.tickets.models import CallbackTask, IntentCandidate, Ticket, TicketEvent
from tests.workbench import NOW, UNIT_A, UNIT_B, access_rows, reload, staff, ticket


@pytest.fixture
def wf(config) -> Workflow:
    return Workflow(TicketSettings.from_config(config), clock=lambda: NOW)


@pytest.fixture
async def people(sessions):
    return await staff(sessions)


async def _set(sessions, number, **values):
    async with sessions() as session, session.begin():
        await session.execute(update(Ticket).where(Ticket.number == number).values(**values))


async def _do(sessions, wf, actor, number, action, **fields):
    async with sessions() as session, session.begin():
        return await wf.perform(session, actor, number, action, fields)


async def _events(sessions, number, type_=None):
    async with sessions() as session:
        row = await ticket_store.get_by_number(session, number)
        events = await ticket_store.events(session, row)
    return [e for e in events if type_ is None or e.type == type_]


async def _jobs(sessions):
    async with sessions() as session:
        return list(await session.scalars(select(OutboxJob).order_by(OutboxJob.id)))


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
        outcome = await _do(sessions, wf, people[who], t.number, action, **fields)
        assert outcome.ticket.number == t.number
        assert (await _events(sessions, t.number))[-1].actor == who
    else:
        with pytest.raises(expected):
            await _do(sessions, wf, people[who], t.number, action, **fields)


async def test_officer_cannot_take_or_resolve_a_colleagues_ticket(sessions, config, wf, people):
    t = await ticket(sessions, config)
    await _do(sessions, wf, people["a2"], t.number, "assign", officer="a2")
    with pytest.raises(Forbidden):
        await _do(sessions, wf, people["a1"], t.number, "assign", officer="a1")
    with pytest.raises(Forbidden):
        await _do(sessions, wf, people["a1"], t.number, "status", status="resolved", note="好了")
    await _do(sessions, wf, people["sup"], t.number, "assign", officer="a1", reason="a2休假")
    assert (await reload(sessions, t.number)).assignee == "a1"


async def test_unknown_ticket_is_not_found(sessions, wf, people):
    with pytest.raises(NotFound):
        await _do(sessions, wf, people["sup"], "DCF20261125-9999", "note", text="x")


# --- transitions ---------------------------------------------------------------------------

def _move_cases():
    for (source, target), by in sorted(TRANSITIONS.items()):
        for who in sorted(by):
            yield source, target, who


@pytest.mark.parametrize(("source", "target", "by"), list(_move_cases()))
async def test_every_transition_of_the_table(sessions, config, wf, people, source, target, by):
    t = await ticket(sessions, config)
    assignee = None if source == "new" else "a1"
    await _set(sessions, t.number, status=source, assignee=assignee)
    if by == "assign":
        await _do(sessions, wf, people["sup"], t.number, "assign", officer="a2")
    elif by == "transfer":
        await _do(sessions, wf, people["sup"], t.number, "transfer", unit=UNIT_B, reason="辖区")
    elif by == "reply":
        await _do(sessions, wf, people["a1"], t.number, "reply", text="您好")
    elif by in ("assignee", "supervisor"):
        actor = people["a1" if by == "assignee" else "sup"]
        await _do(sessions, wf, actor, t.number, "status", status=target, note="说明")
    else:   # the resident's verdict or the 7-day timer
        async with sessions() as session, session.begin():
            row = await ticket_store.get_by_number(session, t.number)
            await wf.transition(session, row, target, by=by,
                                actor=by if by == "resident" else "system")
    assert (await reload(sessions, t.number)).status == target
    if source != target:
        last = json.loads((await _events(sessions, t.number, "status"))[-1].data)
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
    await _set(sessions, t.number, status=source, assignee="a1")
    with pytest.raises(Conflict):
        await _do(sessions, wf, people[who], t.number, "status", status=target, note="说明")
    assert (await reload(sessions, t.number)).status == source


async def test_resident_cannot_reopen_closed_and_system_cannot_reopen(sessions, config, wf):
    t = await ticket(sessions, config)
    await _set(sessions, t.number, status="closed", assignee="a1")
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
            await _do(sessions, wf, people["a1"], t.number, "status", **fields)
        assert caught.value.field == "note"
    await _do(sessions, wf, people["a1"], t.number, "status", status="resolved", note="已调解")
    row = await reload(sessions, t.number)
    assert (row.status, row.assignee, row.resolved_at) == ("resolved", "a1", NOW)
    assert [e.type for e in await _events(sessions, t.number)][-2:] == ["assigned", "status"]


async def test_cancel_needs_a_reason_and_reopen_closed_is_for_supervisors(sessions, config, wf,
                                                                          people):
    t = await ticket(sessions, config)
    with pytest.raises(Invalid):
        await _do(sessions, wf, people["sup"], t.number, "status", status="cancelled")
    await _set(sessions, t.number, status="closed", assignee="a1")
    with pytest.raises(Forbidden):
        await _do(sessions, wf, people["a1"], t.number, "status", status="reopened")
    await _do(sessions, wf, people["sup"], t.number, "status", status="reopened")
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
    await _do(sessions, wf, people["a1"], t.number, "assign", officer="a1")
    with pytest.raises(Invalid):
        await _do(sessions, wf, people["sup"], t.number, "transfer", unit=UNIT_B)
    with pytest.raises(Conflict):
        await _do(sessions, wf, people["sup"], t.number, "transfer", unit=UNIT_A, reason="x")
    await _do(sessions, wf, people["sup"], t.number, "transfer", unit=UNIT_B, reason="辖区",
              officer="b1")
    row = await reload(sessions, t.number)
    assert (row.unit, row.assignee, row.status) == (UNIT_B, "b1", "assigned")
    with pytest.raises(NotFound):       # no longer unit A's to see
        await _do(sessions, wf, people["a1"], t.number, "note", text="x")


# --- replies -------------------------------------------------------------------------------

async def test_reply_queues_one_job_with_its_event_and_starts_work(sessions, config, wf, people):
    t = await ticket(sessions, config, openid="o-res-1")
    await _do(sessions, wf, people["a1"], t.number, "assign", officer="a1")
    outcome = await _do(sessions, wf, people["a1"], t.number, "reply", text="您好，今晚去现场")
    assert outcome.delivery == "queued"
    [job] = await _jobs(sessions)
    assert (job.kind, job.recipient) == ("wechat_text", "o-res-1")
    assert "今晚去现场" in json.loads(job.payload)["text"]
    row = await reload(sessions, t.number)
    assert (row.status, row.first_response_at) == ("in_progress", NOW)
    await _do(sessions, wf, people["a1"], t.number, "reply", text="已处理完毕")
    replies = await _events(sessions, t.number, "reply_out")
    flags = [json.loads(e.data).get("first_response") for e in replies]
    assert flags == [True, None] and all(e.actor == "a1" for e in replies)
    assert len(await _jobs(sessions)) == 2


async def test_reply_and_job_share_one_transaction(sessions, config, wf, people):
    t = await ticket(sessions, config)
    with pytest.raises(RuntimeError):
        async with sessions() as session, session.begin():
            await wf.reply(session, people["a1"], t.number, "您好")
            raise RuntimeError("crash before commit")
    assert await _jobs(sessions) == [] and await _events(sessions, t.number, "reply_out") == []


async def test_reply_without_openid_is_a_callback_or_only_recorded(sessions, config, wf, people):
    hotline = await ticket(sessions, config, openid=None, phone="13812345678", channel="hotline")
    silent = await ticket(sessions, config, openid=None, channel="hotline")
    tip = await ticket(sessions, config, openid=None, phone="13812345678", anonymous=True)
    assert (await _do(sessions, wf, people["a1"], hotline.number, "reply", text="请回电"))\
        .delivery == "callback"
    assert (await _do(sessions, wf, people["a1"], silent.number, "reply", text="x")).delivery \
        == "recorded"
    assert (await _do(sessions, wf, people["a1"], tip.number, "reply", text="x")).delivery \
        == "recorded"
    async with sessions() as session:
        [task] = list(await session.scalars(select(CallbackTask)))
    assert (task.phone, task.text, task.state) == ("13812345678", "请回电", "open")
    assert await _jobs(sessions) == []


async def test_no_reply_to_closed_or_cancelled(sessions, config, wf, people):
    t = await ticket(sessions, config)
    for status in ("closed", "cancelled"):
        await _set(sessions, t.number, status=status)
        with pytest.raises(Conflict):
            await _do(sessions, wf, people["a1"], t.number, "reply", text="x")


# --- kind, acknowledgement -----------------------------------------------------------------

async def test_kind_correction_is_kept_as_a_candidate(sessions, config, wf, people):
    t = await ticket(sessions, config, text="身份证丢了怎么补办，我电话13812345678")
    await _do(sessions, wf, people["a1"], t.number, "kind", kind="consult")
    async with sessions() as session:
        [candidate] = list(await session.scalars(select(IntentCandidate)))
    assert (candidate.predicted, candidate.chosen, candidate.source, candidate.ticket_number) \
        == ("complaint", "consult", "officer", t.number)
    assert "13812345678" not in candidate.text
    assert (await reload(sessions, t.number)).kind == "consult"
    with pytest.raises(Conflict):
        await _do(sessions, wf, people["a1"], t.number, "kind", kind="consult")


async def test_acknowledge_emergency_once(sessions, config, wf, people):
    t = await ticket(sessions, config, kind="emergency")
    await _do(sessions, wf, people["a1"], t.number, "acknowledge")
    with pytest.raises(Conflict):       # §3: 409 when already acknowledged
        await _do(sessions, wf, people["a2"], t.number, "acknowledge")
    row = await reload(sessions, t.number)
    assert (row.acknowledged_at, row.acknowledged_by) == (NOW, "a1")
    assert len(await _events(sessions, t.number, "acknowledged")) == 1
    other = await ticket(sessions, config)
    with pytest.raises(Conflict):
        await _do(sessions, wf, people["a1"], other.number, "acknowledge")


# --- reading and the access log ------------------------------------------------------------

async def test_lists_views_and_reveals_are_logged(sessions, config, wf, people):
    mine = await ticket(sessions, config, phone="13812345678", openid=None)
    theirs = await ticket(sessions, config, unit=UNIT_B)
    a1 = people["a1"]
    async with sessions() as session, session.begin():
        page = await worklist.list_tickets(session, wf, a1, worklist.TicketQuery())
        found = await worklist.list_tickets(session, wf, a1, worklist.TicketQuery(q="喧哗"))
        detail = await worklist.ticket_detail(session, wf, a1, mine.number)
        phone = await worklist.reveal_contact(session, wf, a1, mine.number)
    assert [i["number"] for i in page.items] == [mine.number] and len(found.items) == 1
    assert detail["contact"] == "138****5678" and phone == "13812345678"
    assert [(r.action, r.target) for r in await access_rows(sessions, "a1")] == [
        ("list", ""), ("search", ""), ("view", mine.number), ("reveal", mine.number)]
    revealed = await _events(sessions, mine.number, "contact_revealed")
    assert [e.actor for e in revealed] == ["a1"]
    async with sessions() as session, session.begin():
        with pytest.raises(NotFound):
            await worklist.ticket_detail(session, wf, a1, theirs.number)


async def test_anonymous_contact_is_never_revealed(sessions, config, wf, people):
    tip = await ticket(sessions, config, anonymous=True, openid="o-tip")
    async with sessions() as session, session.begin():
        detail = await worklist.ticket_detail(session, wf, people["sup"], tip.number)
        with pytest.raises(Forbidden):
            await worklist.reveal_contact(session, wf, people["sup"], tip.number)
    assert detail["contact"] == "匿名"
    assert all(e["actor"] != "o-tip" for e in detail["timeline"])


async def test_timeline_actors_are_officers_and_never_openids(sessions, config, wf, people):
    t = await ticket(sessions, config, openid="o-res-9")
    await _do(sessions, wf, people["a1"], t.number, "note", text="记录")
    async with sessions() as session:
        actors = set(await session.scalars(select(TicketEvent.actor)))
    assert "o-res-9" not in actors and "a1" in actors
