"""What officers stumbled on when the console was walked through as its users: a long
hotline transcript filling a whole queue, a location the resident sent showing as an empty
message, and a refusal naming pages the officer can open."""

from __future__ import annotations

import re
import time
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from handlers.tickets.workcalendar import WorkCalendar
from storage.base import utcnow
from tests.helpers import APP_ID, running
from tests.officer_clients import C, csrf_token, login, post, signed_in
from tests.pushes import fresh_nonce, safe_push, text_xml
from tests.test_bot.test_console.test_truth import only_ticket, section
from tests.workbench import UNIT_A, add_officer, ticket

# A transcript as a call centre writes it: long, and different all along.
LONG = "".join(f"第{n}点：柳园小区{n}号楼旁边的空地上每天有人堆放建筑垃圾，" for n in range(1, 40))


def _row(page: str, number: str) -> str:
    """The text of ticket `number`'s row in a console list, tags removed."""
    match = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{number}(?:(?!</tr>).)*</tr>", page, re.S)
    assert match, f"{number} not listed"
    return re.sub(r"<[^>]+>", "", match.group(0))


async def test_a_long_report_takes_one_short_line_in_the_queues(config, sessions):
    await add_officer(sessions, "a1", UNIT_A)
    long = await ticket(sessions, config, text=LONG, channel="hotline")
    async with running(config) as client:
        await signed_in(client, "a1")
        queue = await (await client.get(f"{C}/queue/unit")).text()
        page = await (await client.get(f"{C}/tickets/{long.number}")).text()
    row = _row(queue, long.number)
    assert "第1点：柳园小区1号楼" in row and "…" in row
    # The row is a line to scan, not the letter: the rest is on the ticket's page.
    assert "第9点" not in row
    assert "第9点：柳园小区9号楼" in page


def _location_xml(openid: str, lat: float, lng: float, label: str) -> str:
    return (f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
            f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[location]]></MsgType>"
            f"<Location_X>{lat}</Location_X><Location_Y>{lng}</Location_Y><Scale>15</Scale>"
            f"<Label><![CDATA[{label}]]></Label><MsgId>{uuid.uuid4().int % 10**15}</MsgId>"
            f"</xml>")


async def _push(client, xml: str) -> None:
    params, body = safe_push(xml, APP_ID, nonce=fresh_nonce())
    response = await client.post("/wechat", params=params, data=body)
    assert response.status == 200


async def test_a_location_without_a_label_reads_as_a_location_in_the_conversation(
        config, sessions):
    await add_officer(sessions, "a1", UNIT_A)
    async with running(config, dispatch=None) as client:
        await _push(client, text_xml("o-walk-1", "救命！有人在砸我家门"))
        await _push(client, _location_xml("o-walk-1", 36.4563, 115.9859, ""))
        number = (await only_ticket(sessions)).number
        await signed_in(client, "a1")
        page = await (await client.get(f"{C}/tickets/{number}")).text()
    thread = section(page, "群众对话")
    texts = re.findall(r'<li class="msg resident">(.*?)</li>', thread, re.S)
    assert len(texts) == 2
    # Not a bare "群众 · 22:46" with nothing under it.
    assert "发送了位置：纬度36.45630，经度115.98590" in texts[1]


async def test_a_location_with_its_label_names_the_place(config, sessions):
    await add_officer(sessions, "a1", UNIT_A)
    async with running(config, dispatch=None) as client:
        await _push(client, text_xml("o-walk-2", "救命！有人在砸我家门"))
        await _push(client, _location_xml("o-walk-2", 36.4563, 115.9859, "柳园小区3号楼"))
        number = (await only_ticket(sessions)).number
        await signed_in(client, "a1")
        thread = section(await (await client.get(f"{C}/tickets/{number}")).text(), "群众对话")
    assert "发送了位置：柳园小区3号楼" in thread


async def test_an_officer_refused_all_tickets_is_not_told_the_queues_they_can_open(
        web, people):
    await signed_in(web, "a1")
    for name in ("unassigned", "overdue"):
        assert (await web.get(f"{C}/queue/{name}")).status == 200
    response = await web.get(f"{C}/queue/all")
    page = await response.text()
    assert response.status == 403
    assert "查看全部工单仅限" in page
    assert "待分派" not in re.sub(r"<nav.*?</nav>", "", page, flags=re.S)


def _steps_row(page: str, unit: str) -> list[str]:
    """The cells of `unit`'s row in the dashboard's 派单流转 table."""
    table = page[page.index("<table class=\"list kpi steps\">"):]
    table = table[:table.index("</table>")]
    match = re.search(rf"<tr><td>{unit}</td>(.*?)</tr>", table, re.S)
    assert match, table
    return re.findall(r"<td>(.*?)</td>", match.group(1))


async def test_a_ticket_routed_by_the_residents_place_and_signed_counts_as_signed(
        config, sessions):
    await add_officer(sessions, "sup", UNIT_A, "supervisor")
    await add_officer(sessions, "a1", UNIT_A)
    async with running(config, dispatch=None) as client:
        await _push(client, text_xml("o-walk-3", "楼上天天半夜蹦迪，吵死了"))   # 待分派 ...
        await _push(client, text_xml("o-walk-3", "柳园小区8号楼"))             # ... routed
        number = (await only_ticket(sessions)).number
        csrf = await signed_in(client, "a1")
        await post(client, f"/tickets/{number}/sign", csrf)
        page = await (await client.get(f"{C}/tickets/{number}")).text()
        assert "已签收" in page
        await signed_in(client, "sup")
        dashboard = await (await client.get(f"{C}/")).text()
    # 签收率 and 按时签收率: the one ticket routed to the unit this week was signed in time.
    assert _steps_row(dashboard, UNIT_A)[:2] == ["100.0%", "100.0%"]


async def test_the_access_log_reads_in_words_not_stored_codes(web, people, sessions, config):
    t = await ticket(sessions, config, unit=UNIT_A)
    await signed_in(web, "a1")
    await web.get(f"{C}/queue/mine")
    await web.get(f"{C}/queue/unit", params={"q": "喧哗"})
    csrf = await signed_in(web, "a1")
    await post(web, f"/tickets/{t.number}/reveal-text", csrf)
    web.session.cookie_jar.clear()
    await signed_in(web, "sup")
    page = await (await web.get(f"{C}/access-log", params={"officer": "a1"})).text()
    rows = [re.sub(r"<[^>]+>", " ", row) for row in re.findall(r"<tr>(.*?)</tr>", page, re.S)]
    listed = next(row for row in rows if "浏览列表" in row)
    assert "状态 待受理、已派单、办理中、重新办理" in listed and "责任民警 本人" in listed
    assert "结果条数 0" in listed
    searched = next(row for row in rows if "搜索 喧哗" in row)
    assert f"单位 {UNIT_A}" in searched
    assert any("查看未遮蔽的内容" in row and t.number in row for row in rows)
    for code in ("filters=", "assignee", "in_progress", "count=", "page=", "reveal_text"):
        assert code not in page, code


def _deadlines(page: str) -> list[str]:
    """The state line of each deadline box of a ticket page."""
    return [re.sub(r"<[^>]+>", " ", box).split()[-1]
            for box in re.findall(r'<div class="due [a-z]+">(.*?)</div>', page, re.S)]


async def test_a_ticket_cancelled_unanswered_does_not_claim_its_deadlines_were_met(
        web, people, sessions, config):
    answered = await ticket(sessions, config, unit=UNIT_A, now=utcnow())
    dropped = await ticket(sessions, config, unit=UNIT_A, now=utcnow())
    csrf = await signed_in(web, "a1")
    await post(web, f"/tickets/{answered.number}/reply", csrf, text="您好，民警今晚到现场查看。")
    web.session.cookie_jar.clear()
    csrf = await signed_in(web, "sup")
    for one in (answered, dropped):
        response = await post(web, f"/tickets/{one.number}/status", csrf, status="cancelled",
                              note="群众来电撤回")
        assert response.status in (200, 302, 303)
    page = await (await web.get(f"{C}/tickets/{dropped.number}")).text()
    assert "已完成" not in page
    assert _deadlines(page) == ["未完成，工单已撤销，不再计时"] * 2
    page = await (await web.get(f"{C}/tickets/{answered.number}")).text()
    # The reply met the first-response deadline; the resolution was never reached.
    assert _deadlines(page) == ["已完成", "未完成，工单已撤销，不再计时"]


async def test_signing_in_from_an_alerts_link_opens_that_ticket(web, people, sessions, config):
    emergency = await ticket(sessions, config, kind="emergency", unit=UNIT_A, now=utcnow())
    link = f"{C}/tickets/{emergency.number}"
    response = await web.get(link, allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (303, f"{C}/login")
    assert (await login(web, "a1", "not the password")).status == 401   # a typo first
    response = await login(web, "a1")
    assert (response.status, response.headers["Location"]) == (303, link)
    assert emergency.number in await (await web.get(link)).text()
    # Once: the next sign-in (after signing out) opens the dashboard again.
    csrf = await csrf_token(web, "/")
    await post(web, "/logout", csrf)
    assert (await login(web, "a1")).headers["Location"] == f"{C}/"


async def test_a_signed_out_form_or_an_outside_address_is_not_where_sign_in_leads(
        web, people, sessions, config):
    t = await ticket(sessions, config, unit=UNIT_A)
    await web.post(f"{C}/tickets/{t.number}/reply", data={"text": "x"}, allow_redirects=False)
    assert (await login(web, "a1")).headers["Location"] == f"{C}/"
    web.session.cookie_jar.clear()
    await web.get(f"{C}//evil.example/x", allow_redirects=False)
    location = (await login(web, "a1")).headers["Location"]
    assert location.startswith(f"{C}/") and "://" not in location


def _a_working_morning() -> str:
    """A morning the real clock's booking will take: a working day two or more days out
    (a fixed "下周一" fails in a week whose Monday is a holiday)."""
    day = datetime.now(ZoneInfo("Asia/Shanghai")).date() + timedelta(days=2)
    calendar = WorkCalendar()
    while not calendar.is_workday(day):
        day += timedelta(days=1)
    return f"{day.month}月{day.day}日上午"


async def _conversation(config, sessions, openid: str, said: tuple[str, ...]) -> str:
    """The 群众对话 section of the one ticket a resident's messages opened, as its unit's
    officer sees it."""
    await add_officer(sessions, "a1", UNIT_A)
    async with running(config, dispatch=None) as client:
        for words in said:
            await _push(client, text_xml(openid, words))
        number = (await only_ticket(sessions)).number
        await signed_in(client, "a1")
        page = await (await client.get(f"{C}/tickets/{number}")).text()
    return section(page, "群众对话")


def _residents(thread: str) -> list[str]:
    return re.findall(r'<li class="msg resident">(.*?)</li>', thread, re.S)


async def test_a_booking_shows_the_whole_request_in_the_conversation(config, sessions):
    # The ticket is opened at 确认: the conversation showed only "1".
    said = ("我想预约办身份证", "1", _a_working_morning(), "张三", "13812345678", "1")
    thread = await _conversation(config, sessions, "o-walk-book", said)
    texts = _residents(thread)
    assert len(texts) == len(said)
    assert "我想预约办身份证" in texts[0] and "张三" in texts[3]
    assert "13812345678" not in thread and "138****5678" in thread


async def test_a_matter_reported_elsewhere_shows_the_question_that_asked_after_it(
        config, sessions):
    said = ("我上周打电话反映的那个事情怎么样了", "柳园小区门口天天有人占道摆摊，车都过不去")
    texts = _residents(await _conversation(config, sessions, "o-walk-asked", said))
    assert len(texts) == 2 and "打电话反映" in texts[0] and "占道摆摊" in texts[1]
