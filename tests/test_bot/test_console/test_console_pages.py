"""/console/ through the real app: sign-in, CSRF, sessions, queues, the ticket page, actions,
media rights and the dashboard."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot import keys
from bot.admin import create_admin_app
from bot.app import create_app
from bot.console.auth import SECRET_FILE, session_key
from handlers.officers import accounts as officers
from handlers.reports.weeks import IsoWeek
from storage.base import utcnow
from storage.intake.models import InboundMessage, MediaFile
from storage.officers.models import ConsoleSession, SavedReply
from storage.tickets import worklists
from storage.tickets.models import Ticket
from tests.helpers import outbox_rows, running
from tests.officer_clients import C, login, post, signed_in
from tests.workbench import PASSWORD, UNIT_A, UNIT_B, access_rows, reload, staff, ticket


@pytest.fixture
async def web(config):
    async with running(config) as client:
        yield client


@pytest.fixture
async def people(sessions):
    return await staff(sessions)


async def test_login_good_bad_and_lockout(web, people):
    assert (await web.get(f"{C}/", allow_redirects=False)).headers["Location"] == f"{C}/login"
    response = await login(web, "a1", "wrong password")
    assert response.status == 401 and "用户名或密码错误" in await response.text()
    for _ in range(3):
        await login(web, "a1", "wrong password")
    response = await login(web, "a1", "wrong password")
    assert response.status == 429 and "锁定15分钟" in await response.text()
    # Locked: even the right password is refused now.
    assert (await login(web, "a1")).status == 429
    response = await login(web, "a2")
    assert response.status == 303 and response.headers["Location"] == f"{C}/"
    page = await web.get(f"{C}/")
    assert page.status == 200 and "a2（古楼派出所）" in await page.text()
    cookie = page.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    # Encrypted (a Fernet token), so nothing about the officer can be read from it; a bare
    # `"a2" not in cookie` would fail now and then on random ciphertext.
    assert cookie.startswith("jingmin_console=gAAAAA")


async def test_logout_and_csrf(web, people, sessions, config):
    t = await ticket(sessions, config)
    csrf = await signed_in(web, "a1")
    for bad in ({}, {"csrf": "forged"}):
        response = await web.post(f"{C}/tickets/{t.number}/note", data={"text": "x", **bad})
        assert response.status == 403 and "页面已失效" in await response.text()
    assert (await reload(sessions, t.number)).updated_at == t.updated_at
    # Signing in needs the sign-in page's token too.
    response = await web.post(f"{C}/login", data={"username": "a1", "password": PASSWORD})
    assert response.status == 403
    response = await post(web, "/logout", csrf)
    assert "已退出登录" in await response.text()
    assert (await web.get(f"{C}/", allow_redirects=False)).status == 303


async def test_idle_session_expires(web, people, sessions):
    await signed_in(web, "a1")
    async with sessions() as session, session.begin():
        await session.execute(update(ConsoleSession).values(
            last_seen_at=utcnow() - officers.SESSION_IDLE - timedelta(seconds=1)))
    response = await web.get(f"{C}/")
    assert str(response.url).endswith("/console/login")
    assert "登录已过期" in await response.text()


async def test_disabling_revokes_the_session(web, people, sessions):
    await signed_in(web, "a1")
    assert (await web.get(f"{C}/queue/mine", allow_redirects=False)).status == 200
    async with sessions() as session, session.begin():
        await officers.disable_officer(session, "a1", utcnow())
    assert (await web.get(f"{C}/queue/mine", allow_redirects=False)).status == 303


async def test_queues_by_role_and_unit_and_search(web, people, sessions, config):
    mine = await ticket(sessions, config, unit=UNIT_A, text="古楼小区楼道堆放杂物")
    theirs = await ticket(sessions, config, unit=UNIT_B, text="新区路口违章停车")
    await signed_in(web, "a1")
    text = await (await web.get(f"{C}/queue/unit")).text()
    assert mine.number in text and theirs.number not in text
    text = await (await web.get(f"{C}/queue/unassigned")).text()
    assert mine.number in text and theirs.number not in text
    assert mine.number not in await (await web.get(f"{C}/queue/mine")).text()
    assert (await web.get(f"{C}/queue/all")).status == 403
    assert (await web.get(f"{C}/tickets/{theirs.number}")).status == 404
    assert (await web.get(f"{C}/queue/nonsense")).status == 404
    text = await (await web.get(f"{C}/queue/unit", params={"q": "杂物"})).text()
    assert mine.number in text
    text = await (await web.get(f"{C}/queue/unit", params={"q": "不存在的内容"})).text()
    assert mine.number not in text and "没有工单" in text
    # Overdue: past the resolution deadline (the other one is not), shown in red.
    fresh = await ticket(sessions, config, unit=UNIT_A, text="新的工单")
    async with sessions() as session, session.begin():
        await session.execute(update(Ticket).where(Ticket.id == mine.id).values(
            resolve_due=utcnow() - timedelta(hours=1)))
        await session.execute(update(Ticket).where(Ticket.id == fresh.id).values(
            first_response_due=utcnow() + timedelta(days=1),
            resolve_due=utcnow() + timedelta(days=5)))
    text = await (await web.get(f"{C}/queue/overdue")).text()
    assert mine.number in text and "已超时" in text and fresh.number not in text
    rows = await access_rows(sessions, "a1")
    assert {"list", "search"} <= {row.action for row in rows}

    web.session.cookie_jar.clear()
    await signed_in(web, "sup")
    text = await (await web.get(f"{C}/queue/all")).text()
    assert mine.number in text and theirs.number in text
    text = await (await web.get(f"{C}/queue/all", params={"unit": UNIT_B})).text()
    assert mine.number not in text and theirs.number in text
    assert (await web.get(f"{C}/queue/all", params={"status": "bogus"})).status == 422


async def _linked_message(sessions, t, content: str) -> int:
    async with sessions() as session, session.begin():
        row = InboundMessage(channel="wechat", dedupe_key=f"m-{content}", openid=t.openid,
                             msg_type="text", content=content, received_at=t.created_at,
                             state="handled")
        row.ticket_id = t.id
        session.add(row)
        await session.flush()
        return row.id


async def test_ticket_page_thread_timeline_contact(web, people, sessions, config):
    t = await ticket(sessions, config, phone="13812345678", text="楼下每天晚上有人大声喧哗")
    await _linked_message(sessions, t, "楼下每天晚上有人大声喧哗，电话13812345678")
    await signed_in(web, "a1")
    response = await web.get(f"{C}/tickets/{t.number}")
    text = await response.text()
    assert response.status == 200
    assert "楼下每天晚上有人大声喧哗，电话138****5678" in text      # the resident's message
    assert "138****5678" in text and "13812345678" not in text
    assert "显示完整号码" in text and "办理记录" in text and "受理" in text
    assert "首次响应期限" in text and "办结期限" in text
    assert any(r.action == "view" and r.target == t.number
               for r in await access_rows(sessions, "a1"))
    assert (await web.get(f"{C}/tickets/DCF20200101-0001")).status == 404
    assert (await web.get(f"{C}/tickets/nonsense")).status == 404


async def test_reveal_is_logged(web, people, sessions, config):
    t = await ticket(sessions, config, phone="13812345678")
    csrf = await signed_in(web, "a1")
    response = await post(web, f"/tickets/{t.number}/reveal", csrf)
    assert response.status == 200 and "13812345678" in await response.text()
    assert [r.target for r in await access_rows(sessions, "a1") if r.action == "reveal"] \
        == [t.number]
    # Not kept anywhere: the next view is masked again.
    assert "13812345678" not in await (await web.get(f"{C}/tickets/{t.number}")).text()
    anonymous = await ticket(sessions, config, phone="13812345678", anonymous=True)
    response = await post(web, f"/tickets/{anonymous.number}/reveal", csrf)
    assert response.status == 403 and "匿名举报" in await response.text()


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
    assert response.status == 422 and "此项必填" in await response.text()
    response = await post(web, f"/tickets/{t.number}/status", csrf, status="resolved",
                          note="已协调处理")
    assert "已办结" in await response.text()
    stored = await reload(sessions, t.number)
    assert stored.status == "resolved"
    assert (await post(web, f"/tickets/{t.number}/transfer", csrf, unit=UNIT_B,
                       reason="x")).status == 403
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


async def test_photo_only_for_officers_who_see_the_ticket(web, people, sessions, config):
    t = await ticket(sessions, config)
    inbound_id = await _linked_message(sessions, t, "")
    png = b"\x89PNG\r\n\x1a\nfake"
    async with sessions() as session, session.begin():
        photo = MediaFile(inbound_id=inbound_id, media_id="m1", kind="image", state="stored",
                          content_type="image/png", size=len(png), data=png)
        voice = MediaFile(inbound_id=inbound_id, media_id="m2", kind="voice", state="stored",
                          content_type="audio/amr", size=4, path="media/m2.amr")
        video = MediaFile(inbound_id=inbound_id, media_id="m3", kind="video", state="stored",
                          content_type="video/mp4", size=8, data=b"ftypmp42")
        session.add_all([photo, voice, video])
    media_dir = Path(config.server.data_dir) / "media"
    media_dir.mkdir(parents=True, exist_ok=True)
    (media_dir / "m2.amr").write_bytes(b"#!AMR")
    await signed_in(web, "a1")
    text = await (await web.get(f"{C}/tickets/{t.number}")).text()
    assert f"{C}/media/{photo.id}" in text and "下载语音" in text
    assert f'<video controls preload="metadata" src="{C}/media/{video.id}">' in text
    response = await web.get(f"{C}/media/{video.id}")
    assert (response.content_type, await response.read()) == ("video/mp4", b"ftypmp42")
    response = await web.get(f"{C}/media/{photo.id}")
    assert response.status == 200 and await response.read() == png
    response = await web.get(f"{C}/media/{voice.id}")
    assert await response.read() == b"#!AMR"
    assert "attachment" in response.headers["Content-Disposition"]
    assert (await web.get(f"{C}/media/999999")).status == 404
    async with sessions() as session, session.begin():
        await session.execute(update(MediaFile).where(MediaFile.id == voice.id)
                              .values(path="../../../etc/passwd"))
    assert (await web.get(f"{C}/media/{voice.id}")).status == 404
    web.session.cookie_jar.clear()
    await signed_in(web, "b1")
    assert (await web.get(f"{C}/media/{photo.id}")).status == 404
    web.session.cookie_jar.clear()
    assert (await web.get(f"{C}/media/{photo.id}", allow_redirects=False)).status == 303


async def test_dashboard_and_access_log(web, people, sessions, config):
    await ticket(sessions, config, unit=UNIT_A)
    await ticket(sessions, config, unit=UNIT_B)
    await signed_in(web, "sup")
    text = await (await web.get(f"{C}/")).text()
    assert "未办结工单 · 按状态" in text and "待受理" in text and UNIT_B in text
    assert "本周指标" in text and "受理量" in text and "全分局" in text
    assert "发送失败的消息" in text
    text = await (await web.get(f"{C}/access-log", params={"officer": "sup"})).text()
    assert "查看仪表盘" in text
    assert (await web.get(f"{C}/access-log", params={"officer": "nobody"})).status == 404
    web.session.cookie_jar.clear()
    await signed_in(web, "a1")
    assert (await web.get(f"{C}/access-log")).status == 403


def test_session_key_generated_once(tmp_path):
    first = session_key("", str(tmp_path / "d"))
    assert (tmp_path / "d" / SECRET_FILE).stat().st_mode & 0o777 == 0o600
    assert session_key("", str(tmp_path / "d")) == first and len(first) == 32
    assert session_key("shared", str(tmp_path)) == session_key("shared", "/elsewhere")


async def test_the_console_address_without_its_slash_leads_to_the_console(web, people):
    response = await web.get(C)  # signed out: the sign-in page
    assert response.status == 200 and 'name="username"' in await response.text()
    await signed_in(web, "a1")
    response = await web.get(C, allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (301, f"{C}/")


async def test_console_only_on_admin_listener(config):
    separate = dataclasses.replace(config, server=dataclasses.replace(config.server,
                                                                      admin_port=18099))
    public = create_app(separate, run_workers=False)
    assert not any(r.canonical.startswith(C) for r in public.router.resources())
    admin = create_admin_app(separate, public)
    assert any(r.canonical.startswith(C) for r in admin.router.resources())


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


async def test_export_download_holds_the_officers_unit(web, people, sessions, config):
    import io

    import openpyxl

    now = utcnow() - timedelta(hours=1)
    mine = await ticket(sessions, config, unit=UNIT_A, now=now)
    await ticket(sessions, config, unit=UNIT_B, now=now)
    await signed_in(web, "a1")
    response = await web.get(f"{C}/export", params={"week": f"{now:%G}-W{now:%V}"})
    assert response.status == 200
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(await response.read()), read_only=True)
    rows = list(sheet["未办结工单"].iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [mine.number]
    bad = await web.get(f"{C}/export", params={"week": "bad"})
    assert bad.status == 422 and "周次格式不正确" in await bad.text()
    assert [row.action for row in await access_rows(sessions, "a1")].count("export") == 1


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


async def test_the_dashboard_shows_earlier_weeks_figures(web, people, sessions, config):
    tz = web.server.app[keys.SERVICES].settings.tz
    now = utcnow()
    this_week = IsoWeek.containing(now, tz)
    earlier = this_week.previous().previous()
    await ticket(sessions, config, now=earlier.start(tz) + timedelta(days=2))
    await signed_in(web, "sup")
    text = await (await web.get(f"{C}/")).text()
    assert "本周指标" in text and f"?week={this_week.previous()}" in text
    assert "下一周" not in text
    text = await (await web.get(f"{C}/?week={earlier}")).text()
    assert f"周指标 · {earlier}" in text and "本周指标" not in text
    assert f"?week={this_week.previous()}\">下一周" in text
    # That week's one ticket is counted in its unit's row.
    assert f"<tr><td>{UNIT_A}</td><td>1</td>" in text
    # A week in the future or a mistyped one shows this week.
    assert "本周指标" in await (await web.get(f"{C}/?week=2999-W01")).text()
    assert "本周指标" in await (await web.get(f"{C}/?week=nonsense")).text()


async def test_the_cookie_is_secure_when_the_console_is_reached_over_https(web, people):
    # The sign-in page already sets the cookie (it carries the form token).
    behind_https = await web.get(f"{C}/login", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in behind_https.headers["Set-Cookie"]
    web.session.cookie_jar.clear()
    plain = await web.get(f"{C}/login")
    assert "Secure" not in plain.headers["Set-Cookie"]
    # Over plain http the whole sign-in still works.
    assert (await login(web, "a1")).status == 303
