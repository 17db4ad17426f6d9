"""/console/ through the real app: the queues, the ticket page, media rights, the dashboard
and the export."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import update

from bot import keys
from handlers.reports.weeks import IsoWeek
from storage.base import utcnow
from storage.intake.models import InboundMessage, MediaFile
from storage.tickets.models import Ticket
from tests.officer_clients import C, post, signed_in
from tests.workbench import UNIT_A, UNIT_B, access_rows, ticket


async def test_queues_by_role_and_unit_and_search(web, people, sessions, config):
    mine = await ticket(sessions, config, unit=UNIT_A, text="古楼小区楼道堆放杂物")
    theirs = await ticket(sessions, config, unit=UNIT_B, text="新区路口违章停车")
    await signed_in(web, "a1")
    text = await (await web.get(f"{C}/queue/unit")).text()
    assert mine.number in text and theirs.number not in text
    text = await (await web.get(f"{C}/queue/unassigned")).text()
    assert mine.number in text and theirs.number not in text
    # The queue of tickets no officer has yet is not named like the dispatchers' tag.
    assert "<h1>待认领" in text or ">待认领<" in text
    assert "待分派" not in text
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
    other = await web.get(f"{C}/export", params={"unit": UNIT_B})
    assert other.status == 403 and "民警只能导出本单位" in await other.text()
    exports = [row for row in await access_rows(sessions, "a1") if row.action == "export"]
    # The access log names the file the officer received, not a scratch name.
    assert [row.target for row in exports] == [f"未办结工单-{now:%G}-W{now:%V}-{UNIT_A}.xlsx"]
    web.session.cookie_jar.clear()
    await signed_in(web, "sup")
    one = await web.get(f"{C}/export", params={"week": f"{now:%G}-W{now:%V}", "unit": UNIT_A})
    sheet = openpyxl.load_workbook(io.BytesIO(await one.read()), read_only=True)
    rows = list(sheet["未办结工单"].iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [mine.number]


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


async def test_queues_show_where_each_ticket_is(web, people, sessions, config):
    """An officer picking work from a queue sees the place, and a map link when the
    resident sent a location, without opening each ticket."""
    placed = await ticket(sessions, config, unit=UNIT_A, text="柳园小区楼道堆放杂物")
    located = await ticket(sessions, config, unit=UNIT_A, text="这里有人乱扔垃圾")
    async with sessions() as session, session.begin():
        await session.execute(update(Ticket).where(Ticket.id == placed.id).values(
            place="柳园小区3号楼"))
        await session.execute(update(Ticket).where(Ticket.id == located.id).values(
            latitude=36.4563, longitude=115.9859))
    await signed_in(web, "a1")
    text = await (await web.get(f"{C}/queue/unit")).text()
    assert "<th>地点</th>" in text
    assert '<td data-label="地点">柳园小区3号楼</td>' in text
    assert "已发送位置" in text and "position=115.985900,36.456300" in text


async def test_a_search_the_list_cannot_run_keeps_what_was_typed(web, people):
    await signed_in(web, "a1")
    typed = "柳园小区" * 60
    response = await web.get(f"{C}/queue/unit", params={"q": typed})
    page = await response.text()
    assert response.status == 422 and 'role="alert"' in page
    assert f'value="{typed}"' in page and "<h1>本单位" in page
