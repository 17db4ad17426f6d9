"""The console on a group ticket: the group thread around the request, the quota and the
hint to answer in the group, and a reply that becomes the owner's message task."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.channels.group import local
from storage.base import utcnow
from storage.tickets.models import Ticket
from tests.groups import AUNT, OWNER, ROOM, UNCLE, make_poller, member_id, with_groups
from tests.helpers import outbox_rows, running
from tests.officer_clients import C, post, signed_in
from tests.workbench import staff

PARKING = "楼下有人乱停车堵住消防通道，麻烦处理一下，我电话13812345678"


async def test_group_ticket_page_and_reply(config, sessions):
    group_config = with_groups(config)
    await staff(sessions)
    aunt, uncle = member_id(AUNT), member_id(UNCLE)
    await local.consent(sessions, ROOM, aunt, AUNT)
    await local.consent(sessions, ROOM, uncle, UNCLE)
    start = utcnow() - timedelta(minutes=10)
    await local.post(sessions, ROOM, uncle, "大家早上好", at=start)
    await local.post(sessions, ROOM, aunt, PARKING, at=start + timedelta(minutes=1))
    await local.post(sessions, ROOM, uncle, "谢谢警官辛苦了", at=start + timedelta(minutes=2))
    await (await make_poller(group_config, sessions)).run_once()
    async with sessions() as session:
        ticket = await session.scalar(select(Ticket))
    async with running(group_config) as web:
        csrf = await signed_in(web, "a1")
        page = await (await web.get(f"{C}/tickets/{ticket.number}")).text()
        assert "群聊记录（柳园小区警务群）" in page
        group = page[page.index("群聊记录"):]
        assert group.index("大家早上好") < group.index("消防通道") < group.index("谢谢警官辛苦了")
        assert "138****5678" in page and "13812345678" not in page
        assert "建议直接在群内@张阿姨答复" in page and "警务微信群" in page
        response = await post(web, f"/tickets/{ticket.number}/reply", csrf, text="已通知物业挪车")
        text = await response.text()
        assert response.status == 200 and "待群主" in text and "已通知物业挪车" in text
        dashboard = await (await web.get(f"{C}/")).text()
        assert "警务微信群 ·" in dashboard and "柳园小区警务群" in dashboard
    jobs = [job for job in await outbox_rows(sessions, OWNER) if job.kind == "group_task"]
    assert len(jobs) == 1
