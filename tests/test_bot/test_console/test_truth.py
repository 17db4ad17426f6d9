"""The console tells the truth (issue 15 A): a resident's complaint through /wechat and the
real router, then the ticket page as officers read it."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.delivery.api_errors import ApiError
from bot.delivery.outbox import OutboxWorker
from bot.metrics import Metrics
from handlers.officers import accounts as officers
from storage.base import utcnow
from storage.tickets.models import Ticket
from tests.helpers import APP_ID, running
from tests.officer_clients import API, C, bearer, post, signed_in
from tests.pushes import fresh_nonce, open_reply, safe_push, text_xml
from tests.workbench import UNIT_A, UNIT_B, add_officer, ticket

NOISE = "楼上天天半夜蹦迪，吵死了"


async def say(client, openid: str, text: str) -> str:
    params, body = safe_push(text_xml(openid, text), APP_ID, nonce=fresh_nonce())
    response = await client.post("/wechat", params=params, data=body)
    assert response.status == 200
    return open_reply(await response.text(), APP_ID, params)


def section(page: str, title: str) -> str:
    """The HTML of one card of the ticket page, by its heading."""
    start = page.index(f"<h2>{title}</h2>")
    return page[start:page.index("</section>", start)]


def fact(page: str, label: str) -> str:
    """The text of one 事实 (dt/dd) of the page's head, tags removed."""
    found = re.search(rf"<dt>{label}</dt><dd[^>]*>(.*?)</dd>", page, re.S)
    assert found, page
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


async def only_ticket(sessions) -> Ticket:
    async with sessions() as session:
        [row] = list(await session.scalars(select(Ticket)))
        return row


async def complaint_page(config, sessions) -> str:
    """A complaint, then the answer to 地点, and the ticket page a supervisor opens."""
    await add_officer(sessions, "sup", UNIT_B, "supervisor", name="赵队长")
    async with running(config, dispatch=None) as client:
        await say(client, "o-truth-1", NOISE)
        await say(client, "o-truth-1", "柳园小区8号楼")       # the answer to 地点
        number = (await only_ticket(sessions)).number
        await signed_in(client, "sup")
        return await (await client.get(f"{C}/tickets/{number}")).text()


async def test_the_place_is_the_residents_words_beside_the_area(config, sessions):
    page = await complaint_page(config, sessions)
    assert fact(page, "地点") == "柳园小区8号楼 （匹配辖区：柳园）"


async def test_each_follow_up_answer_shows_once_in_the_conversation(config, sessions):
    thread = section(await complaint_page(config, sessions), "群众对话")
    # Not again as "地点：柳园小区8号楼".
    assert thread.count("柳园小区8号楼") == 1
    assert thread.count(NOISE) == 1


async def test_routing_at_creation_is_not_a_transfer(config, sessions):
    timeline = section(await complaint_page(config, sessions), "办理记录")
    # Finding the unit from the place is routing, not a transfer from the unit to itself.
    assert "转办" not in timeline
    assert "确定承办单位</strong>：古楼派出所" in timeline


async def test_the_place_in_the_first_message_keeps_the_residents_words(config, sessions):
    await add_officer(sessions, "sup", UNIT_B, "supervisor")
    async with running(config, dispatch=None) as client:
        await say(client, "o-truth-2", "古楼街道柳园小区3号楼楼上天天半夜蹦迪，吵死了")
        number = (await only_ticket(sessions)).number
        await signed_in(client, "sup")
        page = await (await client.get(f"{C}/tickets/{number}")).text()
        token = await _token(client, sessions)
        api = await (await client.get(f"{API}/tickets/{number}", headers=bearer(token))).json()
    assert fact(page, "地点") == "古楼街道柳园小区3号楼 （匹配辖区：古楼街道）"
    assert (api["place"], api["area"]) == ("古楼街道柳园小区3号楼", "古楼街道")


async def _token(client, sessions, username: str = "sup") -> str:
    async with sessions() as session, session.begin():
        return await officers.issue_token(session, username, utcnow())


async def test_officers_are_named_in_the_console_and_by_username_in_the_api(config, sessions):
    await add_officer(sessions, "sup", UNIT_B, "supervisor", name="赵队长")
    await add_officer(sessions, "wang", UNIT_A, name="王警官")
    t = await ticket(sessions, config)
    async with running(config) as client:
        csrf = await signed_in(client, "sup")
        await post(client, f"/tickets/{t.number}/assign", csrf, officer="wang", reason="辖区")
        page = await (await client.get(f"{C}/tickets/{t.number}")).text()
        queue = await (await client.get(f"{C}/queue/all")).text()
        token = await _token(client, sessions)
        api = await (await client.get(f"{API}/tickets/{t.number}",
                                      headers=bearer(token))).json()
    assert fact(page, "责任民警") == "王警官"
    timeline = section(page, "办理记录")
    assert "派单</strong>：王警官" in timeline and "赵队长" in timeline
    assert "wang" not in timeline and ">sup<" not in timeline
    assert 'data-label="责任民警">王警官<' in queue
    # §5: the API names officers by username.
    assert api["assignee"] == "wang"
    assert {e["actor"] for e in api["timeline"] if e["type"] == "assigned"} == {"sup"}


async def test_a_replys_delivery_follows_the_outbox(config, sessions):
    await add_officer(sessions, "a1", UNIT_A, name="李警官")
    t = await ticket(sessions, config)
    outcome: dict[str, Exception | None] = {"error": None}

    async def wechat(job):
        if outcome["error"] is not None:
            raise outcome["error"]

    worker = OutboxWorker(sessions, {"wechat_text": wechat}, Metrics())

    async with running(config) as client:
        csrf = await signed_in(client, "a1")

        async def reply(words: str) -> str:
            await post(client, f"/tickets/{t.number}/reply", csrf, text=words)
            return await page_line(words)

        async def page_line(words: str) -> str:
            page = await (await client.get(f"{C}/tickets/{t.number}")).text()
            thread = section(page, "群众对话")
            at = thread.index(words)
            return re.sub(r"<[^>]+>", "", thread[thread.rindex('<div class="meta">', 0, at):at])

        assert "已排队发送" in await reply("第一条答复")
        await worker.run_once()
        line = await page_line("第一条答复")
        assert "已送达" in line and "已排队发送" not in line

        outcome["error"] = ApiError(45015, "response out of time limit")
        await reply("第二条答复")
        await worker.run_once()
        assert "待群众再次留言时随回复送达" in await page_line("第二条答复")

        outcome["error"] = ApiError(40003, "invalid openid")
        await reply("第三条答复")
        await worker.run_once()
        assert "发送失败：群众的微信号（openid）无效" in await page_line("第三条答复")
        page = await (await client.get(f"{C}/tickets/{t.number}")).text()
        failed = section(page, "发送失败（1）")
        assert "公众号消息" in failed and "群众的微信号（openid）无效" in failed
        # The API says the same of each reply.
        token = await _token(client, sessions, "a1")
        api = await (await client.get(f"{API}/tickets/{t.number}",
                                      headers=bearer(token))).json()
        replies = [e for e in api["timeline"] if e["type"] == "reply_out"]
        assert [e["delivery_state"] for e in replies] == ["sent", "held", "failed"]
        assert replies[2]["delivery_error"] == "群众的微信号（openid）无效"
        # The earlier ones keep their own states.
        assert "已送达" in await page_line("第一条答复")
        assert "李警官" in await page_line("第一条答复")


async def test_a_unit_without_officers_says_so_under_assign(config, sessions):
    await add_officer(sessions, "sup", UNIT_B, "supervisor")
    t = await ticket(sessions, config)
    async with running(config) as client:
        csrf = await signed_in(client, "sup")
        await post(client, f"/tickets/{t.number}/transfer", csrf, unit="湖西派出所",
                   reason="属湖西辖区")
        page = await (await client.get(f"{C}/tickets/{t.number}")).text()
    assert "湖西派出所尚无可指派的民警账号" in page
    assert 'name="officer"' not in page      # no empty list to pick from
