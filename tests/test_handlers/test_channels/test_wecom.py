"""Officers' WeCom commands: the workflow with §3's rights, answers in Chinese; callbacks."""

from __future__ import annotations

import itertools
import json

import pytest
from sqlalchemy import select

from handlers import texts
from handlers.channels.hotline import HotlineDesk
from handlers.channels.hotline_calls import parse_call
from handlers.channels.wecom import WecomCommands
from handlers.core.errors import Conflict, Forbidden, Invalid, NotFound
from handlers.core.settings import TicketSettings
from handlers.core.types import Inbound
from handlers.officers.callbacks import record_callback
from handlers.officers.workflow import Workflow
from handlers.tickets.lifecycle import Lifecycle
from handlers.tickets.sms import SmsNotices
from storage.tickets.models import CallbackTask
from tests.conversations import NOW
from tests.doors import CALLER, call
from tests.workbench import UNIT_A, UNIT_B, add_officer, reload, ticket

_keys = itertools.count(1)


@pytest.fixture
async def officers(sessions):
    return {
        "a1": await add_officer(sessions, "a1", wecom_user="wx-a1"),
        "a2": await add_officer(sessions, "a2", wecom_user="wx-a2"),
        "b1": await add_officer(sessions, "b1", UNIT_B, wecom_user="wx-b1"),
        "sup": await add_officer(sessions, "sup", UNIT_B, "supervisor", wecom_user="wx-sup"),
        "gone": await add_officer(sessions, "gone", wecom_user="wx-gone", disabled=True),
    }


@pytest.fixture
def sms() -> SmsNotices:
    return SmsNotices(enabled=True)


@pytest.fixture
def commands(sessions, services, clock, sms) -> WecomCommands:
    return WecomCommands(sessions, services, sms=sms, clock=clock)


@pytest.fixture
async def hotline_ticket(sessions, services, clock, sms) -> str:
    desk = HotlineDesk(sessions, services, sms=sms, clock=clock)
    return (await desk.receive(parse_call(call(), services.settings.tz, NOW))).number


async def say(commands: WecomCommands, userid: str, content: str, msg_type: str = "text",
              **fields) -> str:
    message = Inbound(channel="wecom", dedupe_key=f"k{next(_keys)}", openid=userid,
                      msg_type=msg_type, content=content, **fields)
    return (await commands.dispatch(message)).text


async def _callbacks(sessions) -> list[CallbackTask]:
    async with sessions() as session:
        return list(await session.scalars(select(CallbackTask).order_by(CallbackTask.id)))


async def test_unknown_and_disabled_users(commands, officers):
    assert await say(commands, "wx-nobody", "我的工单") == texts.text("wecom_unknown_user")
    # A disabled officer is told so, not sent to have an account bound that already is.
    assert await say(commands, "wx-gone", "我的工单") == \
        "您的警民通民警账号已停用，无法办理工单。如需恢复请联系管理员。"


async def test_unknown_command_help_and_non_text(commands, officers):
    assert await say(commands, "wx-a1", "你好") == texts.text("wecom_unknown_command")
    assert "接单 工单号" in await say(commands, "wx-a1", "帮助")
    assert await say(commands, "wx-a1", "", "image") == texts.text("wecom_text_only")
    assert await say(commands, "wx-a1", "", "event", event="enter_agent") == ""


async def test_take_reply_resolve_hotline_ticket(commands, officers, hotline_ticket, db,
                                                 sessions):
    number = hotline_ticket
    assert await say(commands, "wx-a1", "我的工单") == texts.text("wecom_mine_none")
    assert await say(commands, "wx-a1", f"接单 {number.lower()}") == \
        texts.text("wecom_taken", number=number)
    mine = await say(commands, "wx-a1", "我的工单")
    assert number in mine and CALLER not in mine
    answer = await say(commands, "wx-a1", f"回复 {number} 已联系物业，今晚起停止烧烤")
    assert "138****5678" in answer and CALLER not in answer
    [task] = await _callbacks(sessions)
    assert (task.phone, task.text, task.state) == (CALLER, "已联系物业，今晚起停止烧烤", "open")
    assert await say(commands, "wx-a1", f"办结 {number} 已协调物业处理") == \
        texts.text("wecom_resolved", number=number)
    stored = await reload(sessions, number)
    assert (stored.status, stored.assignee) == ("resolved", "a1")
    types = [e.type for e in await db.events(stored)]
    assert types.count("reply_out") == 1 and "assigned" in types
    templates = [json.loads(j.payload)["template"] for j in await db.outbox("sms")]
    assert templates == ["受理", "回访", "办结"]


async def test_rights_apply(commands, officers, hotline_ticket, sessions):
    number = hotline_ticket   # unit A
    assert await say(commands, "wx-b1", f"接单 {number}") == texts.text("ticket_unknown")
    await say(commands, "wx-a1", f"接单 {number}")
    assert await say(commands, "wx-a2", f"办结 {number} 好了") == \
        texts.text("forbidden_not_assignee")
    assert await say(commands, "wx-a2", f"接单 {number}") == \
        texts.text("forbidden_assign_taken")
    assert (await reload(sessions, number)).assignee == "a1"
    # A supervisor of another unit may act on every unit's tickets.
    assert await say(commands, "wx-sup", f"办结 {number} 已处理") == \
        texts.text("wecom_resolved", number=number)


async def test_usage_and_acknowledge(commands, officers, sessions, services, clock, config):
    assert await say(commands, "wx-a1", "回复 DCF20261125-0001") == \
        texts.text("wecom_usage_reply")
    assert await say(commands, "wx-a1", "接单") == texts.text("wecom_usage_take")
    desk = HotlineDesk(sessions, services, clock=clock)
    number = (await desk.receive(parse_call(call("有人正在打架，已经有人受伤流血了"),
                                            services.settings.tz, NOW))).number
    assert await say(commands, "wx-a1", f"收到 {number}") == \
        texts.text("wecom_acknowledged", number=number)
    stored = await reload(sessions, number)
    assert stored.acknowledged_by == "a1"
    other = await ticket(sessions, config)
    assert await say(commands, "wx-a1", f"收到 {other.number}") == \
        texts.text("conflict_ack_not_emergency")


async def test_a_bare_shou_dao_acknowledges_the_emergency_waiting(commands, officers, sessions,
                                                                 services, clock):
    # A duty officer answers the alert with "收到": it was "用法：收到 工单号" (alerts went on).
    assert await say(commands, "wx-a1", "收到") == texts.text("wecom_ack_none")
    desk = HotlineDesk(sessions, services, clock=clock)
    number = (await desk.receive(parse_call(call("古楼街道有人正在打架，已经有人受伤流血了"),
                                            services.settings.tz, NOW))).number
    assert (await reload(sessions, number)).unit == UNIT_A
    assert await say(commands, "wx-b1", "收到") == texts.text("wecom_ack_none")  # not B's
    assert await say(commands, "wx-a1", "收到") == texts.text("wecom_acknowledged", number=number)
    assert (await reload(sessions, number)).acknowledged_by == "a1"
    assert await say(commands, "wx-a1", "收到") == texts.text("wecom_ack_none")


async def test_a_bare_shou_dao_with_two_emergencies_waiting_asks_which(commands, officers,
                                                                     sessions, services, clock):
    desk = HotlineDesk(sessions, services, clock=clock)
    said = ("古楼街道有人正在打架，已经有人受伤流血了", "古楼街道一个老人倒地不起，没有意识了")
    numbers = [(await desk.receive(parse_call(call(s), services.settings.tz, NOW))).number
               for s in said]
    answer = await say(commands, "wx-sup", "收到")          # a supervisor: every unit's
    assert answer.startswith(texts.text("wecom_ack_which", count=2))
    assert all(number in answer for number in numbers)
    assert [(await reload(sessions, n)).acknowledged_by for n in numbers] == [None, None]


async def test_report_opens_wecom_ticket(commands, officers, db):
    answer = await say(commands, "wx-b1",
                       "转工单 群众反映湖西街道有人在小区门口违规停车，电话13900001111")
    [stored] = await db.tickets()
    assert stored.channel == "wecom" and stored.unit == "湖西派出所"
    assert stored.contact_phone == "13900001111" and stored.openid is None
    assert stored.number in answer
    [created] = [e for e in await db.events(stored) if e.type == "created"]
    assert created.actor == "b1"


async def test_report_unroutable_stays_with_officer_unit(commands, officers, db):
    await say(commands, "wx-b1", "转工单 有群众说最近总接到诈骗电话，想咨询怎么办")
    [stored] = await db.tickets()
    assert stored.unit == UNIT_B and not stored.flagged_unassigned


async def test_report_emergency_alerts(commands, officers, db):
    await say(commands, "wx-a1", "转工单 群里有人说柳园小区正在打架，有人持刀")
    [stored] = await db.tickets()
    assert (stored.kind, stored.priority) == ("emergency", "P1")
    assert len(await db.outbox("wecom_robot")) == 1


# --- callbacks ----------------------------------------------------------------------------

@pytest.fixture
def wf(config, clock, sms) -> Workflow:
    return Workflow(TicketSettings.from_config(config), clock,
                    lifecycle=Lifecycle({"sms": sms.hooks()}))


async def _reply(sessions, wf, actor, number, text="民警将于明天上门"):
    async with sessions() as session, session.begin():
        return await wf.perform(session, actor, number, "reply", {"text": text})


async def _record(sessions, wf, actor, task_id, outcome, note=""):
    async with sessions() as session, session.begin():
        return await record_callback(session, actor, task_id, outcome, note, workflow=wf)


async def test_record_callback_outcomes(officers, hotline_ticket, wf, sessions, db):
    a1 = officers["a1"]
    outcome = await _reply(sessions, wf, a1, hotline_ticket)
    assert outcome.delivery == "callback"
    [task] = await _callbacks(sessions)
    await _record(sessions, wf, a1, task.id, "not_reached", "无人接听")
    with pytest.raises(Conflict):
        await _record(sessions, wf, a1, task.id, "reached")
    await _reply(sessions, wf, a1, hotline_ticket, "再次回访")
    second = (await _callbacks(sessions))[-1]
    with pytest.raises(Invalid) as bad:
        await _record(sessions, wf, a1, second.id, "maybe")
    assert bad.value.field == "outcome"
    with pytest.raises(Invalid) as no_note:
        await _record(sessions, wf, a1, second.id, "resolved")
    assert no_note.value.field == "note"
    with pytest.raises(NotFound):
        await _record(sessions, wf, officers["b1"], second.id, "reached")
    with pytest.raises(NotFound):
        await _record(sessions, wf, a1, 999_999, "reached")
    await _record(sessions, wf, a1, second.id, "resolved", "电话中已说明，群众满意")
    stored = await reload(sessions, hotline_ticket)
    assert stored.status == "resolved" and stored.assignee == "a1"
    states = [(t.state, t.done_by) for t in await _callbacks(sessions)]
    assert states == [("not_reached", "a1"), ("resolved", "a1")]
    events = await db.events(stored)
    callbacks = [json.loads(e.data)["outcome"] for e in events if e.type == "callback"]
    assert callbacks == ["not_reached", "resolved"]
    [status] = [e for e in events if e.type == "status" and json.loads(e.data)["to"] == "resolved"]
    assert status.text == "电话中已说明，群众满意"
    templates = [json.loads(j.payload)["template"] for j in await db.outbox("sms")]
    assert templates == ["受理", "回访", "回访", "办结"]


async def test_resolving_by_phone_needs_the_rights(officers, hotline_ticket, wf, sessions):
    async with sessions() as session, session.begin():
        await wf.perform(session, officers["a1"], hotline_ticket, "assign",
                         {"officer": "a1", "reason": ""})
    await _reply(sessions, wf, officers["a1"], hotline_ticket)
    [task] = await _callbacks(sessions)
    with pytest.raises(Forbidden):
        await _record(sessions, wf, officers["a2"], task.id, "resolved", "好了")
    assert (await _callbacks(sessions))[0].state == "open"


async def test_sign_return_and_a_second_acknowledgement(commands, officers, sessions,
                                                        services, clock, config):
    t = await ticket(sessions, config)
    assert await say(commands, "wx-a1", "签收") == texts.text("wecom_usage_sign")
    assert await say(commands, "wx-a1", f"签收 {t.number}") == \
        texts.text("wecom_signed", number=t.number)
    assert (await reload(sessions, t.number)).assignee == "a1"
    assert f"已由a1（{UNIT_A}）签收" in await say(commands, "wx-a2", f"签收 {t.number}")
    assert await say(commands, "wx-a1", f"退单 {t.number}") == texts.text("wecom_usage_return")
    assert await say(commands, "wx-a1", f"退单 {t.number} 不属本所辖区") == \
        texts.text("wecom_returned", number=t.number)
    stored = await reload(sessions, t.number)
    assert (stored.status, stored.flagged_unassigned, stored.assignee) == ("new", True, None)
    desk = HotlineDesk(sessions, services, clock=clock)
    number = (await desk.receive(parse_call(call("有人正在打架，已经有人受伤流血了"),
                                            services.settings.tz, NOW))).number
    await say(commands, "wx-a1", f"收到 {number}")
    # 收到 twice: the conflict is explained, nothing changes (rolled back).
    assert await say(commands, "wx-a2", f"收到 {number}") == texts.text(
        "conflict_acknowledged", number=number, officer=f"a1（{UNIT_A}）")
    assert (await reload(sessions, number)).acknowledged_by == "a1"


@pytest.mark.parametrize(("said", "usage"), [
    ("收到", "wecom_ack_none"),                        # no emergency waits: says so
    ("办结", "wecom_usage_resolve"),
    ("办结 {number}", "wecom_usage_resolve"),         # no note: nothing to close it with
    ("退单", "wecom_usage_return"),
])
async def test_a_step_missing_its_number_or_words_is_answered_with_its_usage(
        commands, officers, sessions, config, said, usage):
    t = await ticket(sessions, config)
    assert await say(commands, "wx-a1", said.format(number=t.number)) == texts.text(usage)
    assert (await reload(sessions, t.number)).status == "new"


async def test_my_tickets_show_the_running_deadline_and_the_place(commands, officers,
                                                                 sessions, services, clock):
    """An officer working from WeCom sees when the clock that counts runs out (a P1's first
    response until acknowledged) and where to go."""
    desk = HotlineDesk(sessions, services, clock=clock)
    number = (await desk.receive(parse_call(call("古楼街道有人正在打架，已经有人受伤流血了"),
                                            services.settings.tz, NOW))).number
    await say(commands, "wx-a1", f"接单 {number}")
    stored = await reload(sessions, number)
    tz = services.settings.tz
    first = f"{stored.first_response_due.astimezone(tz):%m-%d %H:%M}前首次响应"
    mine = await say(commands, "wx-a1", "我的工单")
    assert first in mine and "地点：古楼街道" in mine
    await say(commands, "wx-a1", f"收到 {number}")
    mine = await say(commands, "wx-a1", "我的工单")
    assert f"{stored.resolve_due.astimezone(tz):%m-%d %H:%M}前办结" in mine
    assert first not in mine
