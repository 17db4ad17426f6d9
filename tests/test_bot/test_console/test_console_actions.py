"""/console/ through the real app: replies and saved replies, the ticket's actions,
acknowledging, callbacks, linking a caller, and the working calendar."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot import keys
from storage.officers.models import SavedReply
from storage.tickets import worklists
from tests.helpers import outbox_rows
from tests.officer_clients import C, post, signed_in
from tests.workbench import UNIT_A, UNIT_B, access_rows, reload, ticket


async def test_reply_queues_and_shows_in_thread(web, people, sessions, config):
    t = await ticket(sessions, config)
    csrf = await signed_in(web, "a1")
    response = await post(web, f"/tickets/{t.number}/reply", csrf, text="您好，民警今晚到现场")
    text = await response.text()
    assert response.status == 200 and "已回复，将通过公众号发送给群众" in text
    assert "您好，民警今晚到现场" in text and "已排队发送" in text
    [job] = await outbox_rows(sessions, t.openid)
    assert job.kind == "wechat_text" and t.number in job.payload
    # Too long: the page again, with the error and the draft kept; never a 500.
    response = await post(web, f"/tickets/{t.number}/reply", csrf, text="长" * 601)
    assert response.status == 422 and "最多600字" in await response.text()


async def test_saved_replies(web, people, sessions, config):
    t = await ticket(sessions, config)
    csrf = await signed_in(web, "a1")
    assert "添加常用回复" not in await (await web.get(f"{C}/replies")).text()
    assert (await post(web, "/replies", csrf, title="x", text="y")).status == 403
    web.session.cookie_jar.clear()
    csrf = await signed_in(web, "sup")
    response = await post(web, "/replies", csrf, unit=UNIT_A, title="已受理", text="已安排民警处理")
    assert "常用回复已添加" in await response.text()
    assert (await post(web, "/replies", csrf, unit="", title="", text="y")).status == 422
    async with sessions() as session:
        [saved] = list(await session.scalars(select(SavedReply)))
    web.session.cookie_jar.clear()
    csrf = await signed_in(web, "a1")
    assert "已安排民警处理" in await (await web.get(f"{C}/tickets/{t.number}")).text()
    # Without script the picked reply is sent as it is.
    response = await post(web, f"/tickets/{t.number}/reply", csrf, text="", saved=str(saved.id))
    assert "已回复" in await response.text()
    web.session.cookie_jar.clear()
    csrf = await signed_in(web, "sup")
    response = await post(web, f"/replies/{saved.id}/delete", csrf)
    assert "常用回复已删除" in await response.text()


async def test_note_assign_transfer_and_status(web, people, sessions, config):
    t = await ticket(sessions, config)
    csrf = await signed_in(web, "a1")
    assert "备注已添加" in await (await post(web, f"/tickets/{t.number}/note", csrf,
                                             text="已电话联系物业")).text()
    assert "已指派" in await (await post(web, f"/tickets/{t.number}/take", csrf)).text()
    assert (await reload(sessions, t.number)).assignee == "a1"
    # Resolving needs a note: the page with the error, status unchanged.
    response = await post(web, f"/tickets/{t.number}/status", csrf, status="resolved", note="")
    assert response.status == 422 and "请填写说明。" in await response.text()
    response = await post(web, f"/tickets/{t.number}/status", csrf, status="resolved",
                          note="已协调处理")
    assert "已办结" in await response.text()
    stored = await reload(sessions, t.number)
    assert stored.status == "resolved"
    refused = await post(web, f"/tickets/{t.number}/transfer", csrf, unit=UNIT_B, reason="x")
    # The officer learns which right they lack and whose it is (§3), not just "no".
    assert refused.status == 403 and \
        "转办到其他单位仅限督办人员、管理员，您的角色是民警。" in await refused.text()
    assert (await post(web, f"/tickets/{t.number}/bogus", csrf)).status == 404

    other = await ticket(sessions, config)
    web.session.cookie_jar.clear()
    csrf = await signed_in(web, "sup")
    response = await post(web, f"/tickets/{other.number}/assign", csrf, officer="a2")
    assert response.status == 200 and (await reload(sessions, other.number)).assignee == "a2"
    response = await post(web, f"/tickets/{other.number}/assign", csrf, officer="b1")
    assert response.status == 409          # not of the ticket's unit: the roster conflicts
    response = await post(web, f"/tickets/{other.number}/transfer", csrf, unit=UNIT_B,
                          reason="辖区调整")
    assert "已移交" in await response.text()
    assert (await reload(sessions, other.number)).unit == UNIT_B
    response = await post(web, f"/tickets/{other.number}/kind", csrf, kind="consult")
    assert "已更正为“咨询”" in await response.text()
    response = await post(web, f"/tickets/{other.number}/status", csrf, status="cancelled",
                          note="群众撤回")
    assert (await reload(sessions, other.number)).status == "cancelled"
    response = await post(web, f"/tickets/{other.number}/status", csrf, status="reopened")
    assert response.status == 409


async def test_emergency_acknowledged_from_dashboard(web, people, sessions, config):
    t = await ticket(sessions, config, kind="emergency", text="有人在打架")
    csrf = await signed_in(web, "a1")
    text = await (await web.get(f"{C}/")).text()
    assert "未确认的紧急警情" in text and t.number in text
    response = await post(web, f"/tickets/{t.number}/acknowledge", csrf)
    assert "已确认收到" in await response.text()
    assert "未确认的紧急警情" not in await (await web.get(f"{C}/")).text()


async def test_callback_outcome_buttons(web, people, sessions, config):
    t = await ticket(sessions, config, openid=None, phone="13812345678", channel="hotline")
    csrf = await signed_in(web, "a1")
    response = await post(web, f"/tickets/{t.number}/reply", csrf, text="请您明天来所里一趟")
    text = await response.text()
    assert "已生成回访任务" in text and "致电 138****5678" in text and "13812345678" not in text
    assert (await post(web, f"/tickets/{t.number}/callback", csrf, task="x",
                       outcome="reached")).status == 422
    async with sessions() as session:
        [task] = await worklists.callbacks(session, await reload(sessions, t.number))
    response = await post(web, f"/tickets/{t.number}/callback", csrf, task=str(task.id),
                          outcome="reached", note="已告知")
    assert "回访结果已记录" in await response.text()
    assert (await post(web, f"/tickets/{t.number}/callback", csrf, task=str(task.id),
                       outcome="reached")).status == 422


async def test_hotline_caller_linked_to_the_wechat_resident_after_checking(web, people,
                                                                          sessions, config):
    call = await ticket(sessions, config, channel="hotline", openid=None, phone="13812345678",
                        text="来电反映楼道堆放杂物")
    chat = await ticket(sessions, config, openid="o-same", phone="13812345678",
                        text="楼道里堆满了杂物")
    csrf = await signed_in(web, "a1")
    page = await (await web.get(f"{C}/tickets/{call.number}")).text()
    assert "可能是同一人" in page and chat.number in page and "o-same" not in page
    response = await post(web, f"/tickets/{call.number}/link", csrf, candidate=chat.number)
    assert response.status == 200
    assert (await reload(sessions, call.number)).openid == "o-same"
    refused = await post(web, f"/tickets/{call.number}/link", csrf, candidate="DCF20990101-0001")
    assert refused.status in (409, 422)


async def test_supervisors_keep_the_working_calendar_and_deadlines_follow(
        web, people, sessions):
    calendar = web.server.app[keys.SERVICES].calendar
    saturday = date(2027, 7, 17)   # a Saturday, declared a working day by hand
    assert not calendar.is_workday(saturday)
    csrf = await signed_in(web, "sup")
    text = await (await web.get(f"{C}/calendar")).text()
    assert "工作日历" in text and "今年起还没有录入的日期" in text
    response = await post(web, "/calendar", csrf, day="2027-07-17", kind="workday",
                          note="调休上班")
    text = await response.text()
    assert "2027-07-17 已设为工作日" in text and "调休上班" in text
    assert calendar.is_workday(saturday)           # this instance, at once
    [logged] = [r for r in await access_rows(sessions, "sup") if r.action == "calendar"]
    assert logged.target == "2027-07-17"
    # Wrong input: the form comes back with the reason and what was typed.
    response = await post(web, "/calendar", csrf, day="2027-13-01", kind="workday",
                          note="写错的日期")
    assert response.status == 422
    text = await response.text()
    assert "日期格式应为" in text and "写错的日期" in text
    assert (await post(web, "/calendar", csrf, day="2027-07-18", kind="weekend")).status == 422
    # Back to the official calendar.
    response = await post(web, "/calendar/2027-07-17/delete", csrf)
    assert "2027-07-17 已恢复按官方日历" in await response.text()
    assert not calendar.is_workday(saturday)
    assert (await post(web, "/calendar/2027-07-17/delete", csrf)).status == 404


async def test_officers_cannot_change_the_working_calendar(web, people):
    csrf = await signed_in(web, "a1")
    assert "工作日历" not in await (await web.get(f"{C}/")).text()
    assert (await web.get(f"{C}/calendar")).status == 403
    response = await post(web, "/calendar", csrf, day="2027-07-17", kind="workday")
    assert response.status == 403
