"""Officers' actions: replies and their delivery, kind corrections, acknowledging an
emergency, and what reading a ticket leaves in the access log."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from handlers.core.errors import Conflict, Forbidden, NotFound
from handlers.officers import worklist
from storage.delivery.models import OutboxJob
from storage.tickets.models import CallbackTask, IntentCandidate, TicketEvent
from tests.support.workflow import act, events_of, set_columns
from tests.workbench import NOW, UNIT_B, access_rows, reload, ticket


async def _jobs(sessions):
    async with sessions() as session:
        return list(await session.scalars(select(OutboxJob).order_by(OutboxJob.id)))


# --- replies -------------------------------------------------------------------------------

async def test_reply_queues_one_job_with_its_event_and_starts_work(sessions, config, wf, people):
    t = await ticket(sessions, config, openid="o-res-1")
    await act(sessions, wf, people["a1"], t.number, "assign", officer="a1")
    outcome = await act(sessions, wf, people["a1"], t.number, "reply", text="您好，今晚去现场")
    assert outcome.delivery == "queued"
    [job] = await _jobs(sessions)
    assert (job.kind, job.recipient) == ("wechat_text", "o-res-1")
    assert "今晚去现场" in json.loads(job.payload)["text"]
    row = await reload(sessions, t.number)
    assert (row.status, row.first_response_at) == ("in_progress", NOW)
    await act(sessions, wf, people["a1"], t.number, "reply", text="已处理完毕")
    replies = await events_of(sessions, t.number, "reply_out")
    flags = [json.loads(e.data).get("first_response") for e in replies]
    assert flags == [True, None] and all(e.actor == "a1" for e in replies)
    assert len(await _jobs(sessions)) == 2


@pytest.mark.parametrize(("kind", "named"), [
    ("complaint", "关于您反映的问题"), ("appointment", "关于您的预约"),
    ("consult", "关于您咨询的问题"), ("feedback", "关于您的意见建议"),
])
async def test_a_reply_names_the_residents_ticket_by_what_it_is(sessions, config, wf, people,
                                                                kind, named):
    t = await ticket(sessions, config, kind=kind, text="想预约下周一上午办身份证")
    await act(sessions, wf, people["a1"], t.number, "assign", officer="a1")
    await act(sessions, wf, people["a1"], t.number, "reply", text="已为您安排周一上午九点")
    [job] = await _jobs(sessions)
    assert json.loads(job.payload)["text"] == (f"{named}（工单号{t.number}），民警答复如下：\n"
                                               "已为您安排周一上午九点")


async def test_reply_and_job_share_one_transaction(sessions, config, wf, people):
    t = await ticket(sessions, config)
    with pytest.raises(RuntimeError):
        async with sessions() as session, session.begin():
            await wf.perform(session, people["a1"], t.number, "reply", {"text": "您好"})
            raise RuntimeError("crash before commit")
    assert await _jobs(sessions) == [] and await events_of(sessions, t.number, "reply_out") == []


async def test_reply_without_openid_is_a_callback_or_only_recorded(sessions, config, wf, people):
    hotline = await ticket(sessions, config, openid=None, phone="13812345678", channel="hotline")
    silent = await ticket(sessions, config, openid=None, channel="hotline")
    tip = await ticket(sessions, config, openid=None, phone="13812345678", anonymous=True)
    assert (await act(sessions, wf, people["a1"], hotline.number, "reply", text="请回电"))\
        .delivery == "callback"
    assert (await act(sessions, wf, people["a1"], silent.number, "reply", text="x")).delivery \
        == "recorded"
    assert (await act(sessions, wf, people["a1"], tip.number, "reply", text="x")).delivery \
        == "recorded"
    async with sessions() as session:
        [task] = list(await session.scalars(select(CallbackTask)))
    assert (task.phone, task.text, task.state) == ("13812345678", "请回电", "open")
    assert await _jobs(sessions) == []


async def test_no_reply_to_closed_or_cancelled(sessions, config, wf, people):
    t = await ticket(sessions, config)
    for status in ("closed", "cancelled"):
        await set_columns(sessions, t.number, status=status)
        with pytest.raises(Conflict):
            await act(sessions, wf, people["a1"], t.number, "reply", text="x")


# --- kind, acknowledgement -----------------------------------------------------------------

async def test_kind_correction_is_kept_as_a_candidate(sessions, config, wf, people):
    t = await ticket(sessions, config, text="身份证丢了怎么补办，我电话13812345678")
    await act(sessions, wf, people["a1"], t.number, "kind", kind="consult")
    async with sessions() as session:
        [candidate] = list(await session.scalars(select(IntentCandidate)))
    assert (candidate.predicted, candidate.chosen, candidate.source, candidate.ticket_number) \
        == ("complaint", "consult", "officer", t.number)
    assert "13812345678" not in candidate.text
    assert (await reload(sessions, t.number)).kind == "consult"
    with pytest.raises(Conflict):
        await act(sessions, wf, people["a1"], t.number, "kind", kind="consult")


async def test_acknowledge_emergency_once(sessions, config, wf, people):
    t = await ticket(sessions, config, kind="emergency")
    await act(sessions, wf, people["a1"], t.number, "acknowledge")
    with pytest.raises(Conflict):       # §3: 409 when already acknowledged
        await act(sessions, wf, people["a2"], t.number, "acknowledge")
    row = await reload(sessions, t.number)
    assert (row.acknowledged_at, row.acknowledged_by) == (NOW, "a1")
    assert len(await events_of(sessions, t.number, "acknowledged")) == 1
    other = await ticket(sessions, config)
    with pytest.raises(Conflict):
        await act(sessions, wf, people["a1"], other.number, "acknowledge")


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
    revealed = await events_of(sessions, mine.number, "contact_revealed")
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
    await act(sessions, wf, people["a1"], t.number, "note", text="记录")
    async with sessions() as session:
        actors = set(await session.scalars(select(TicketEvent.actor)))
    assert "o-res-9" not in actors and "a1" in actors
