"""/metrics carries the service's own figures, read from the database with a short cache."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select

from bot import keys
from bot.metrics import BusinessFigures, Metrics
from storage.base import utcnow
from storage.delivery import outbox
from storage.tickets.models import Ticket, Verdict
from tests.conversations import NOISE, unconfident
from tests.helpers import APP_ID, running
from tests.pushes import fresh_nonce, safe_push, text_xml


async def say(client, openid: str, text: str) -> None:
    params, body = safe_push(text_xml(openid, text), APP_ID, nonce=fresh_nonce())
    assert (await client.post("/wechat", params=params, data=body)).status == 200


async def scrape(client) -> tuple[str, dict[tuple[str, tuple], float]]:
    response = await client.get("/metrics")
    assert response.status == 200
    body = await response.text()
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
               for family in text_string_to_metric_families(body) for s in family.samples}
    return body, samples


async def test_business_figures_from_the_database(config, sessions):
    async with running(config, dispatch=None) as client:
        vague = unconfident(client.app[keys.SERVICES], "关于那个事情", "我有个事", "嗯，那个")
        await say(client, "o-m-1", "救命！有人在砸我家门，电话13812345678")   # P1, acted
        await say(client, "o-m-2", NOISE)                                    # complaint, acted
        await say(client, "o-m-3", vague)                                    # the quick menu
        async with sessions() as session, session.begin():
            complaint = await session.scalar(select(Ticket).where(Ticket.kind == "complaint"))
            session.add(Verdict(ticket_id=complaint.id, solved=False, satisfaction=2))
            job = outbox.enqueue(session, "wechat_text", "o-m-2", {"text": "x"})
            job.state = "dead"
        body, samples = await scrape(client)
    assert samples[("jingmin_tickets_opened_total",
                    (("channel", "wechat"), ("kind", "emergency")))] == 1
    assert samples[("jingmin_tickets_opened_total",
                    (("channel", "wechat"), ("kind", "complaint")))] == 1
    assert samples[("jingmin_tickets_opened_total",
                    (("channel", "hotline"), ("kind", "consult")))] == 0
    assert samples[("jingmin_emergencies_unacknowledged", ())] == 1
    assert samples[("jingmin_outbox_dead_letters", (("kind", "wechat_text"),))] == 1
    assert samples[("jingmin_classifications_total", (("outcome", "acted"),))] == 2
    assert samples[("jingmin_classifications_total", (("outcome", "menu"),))] == 1
    assert samples[("jingmin_verdict_satisfaction", (("score", "2"),))] == 1
    assert samples[("jingmin_verdict_satisfaction", (("score", "5"),))] == 0
    assert samples[("jingmin_verdict_solved", (("solved", "no"),))] == 1
    # Nothing about a resident: no openid, no phone, not even masked.
    assert "o-m-" not in body and "1381234" not in body and "****" not in body


async def test_figures_are_read_at_most_once_per_ttl(config, sessions):
    now = [100.0]
    figures = BusinessFigures(ttl=15, clock=lambda: now[0])
    await figures.refresh(sessions)
    assert next(figures.collect()).samples[0].value == 0
    async with sessions() as session, session.begin():
        session.add(Ticket(number="DCF20261125-0001", kind="complaint", status="new",
                           priority="P3", channel="wechat", unit="古楼派出所", summary="x",
                           created_at=utcnow(),
                           updated_at=utcnow(),
                           first_response_due=utcnow(),
                           resolve_due=utcnow()))
    now[0] += 10
    await figures.refresh(sessions)           # within the TTL: the last reading stands
    assert sum(s.value for s in next(figures.collect()).samples) == 0
    now[0] += 6
    await figures.refresh(sessions)
    assert sum(s.value for s in next(figures.collect()).samples) == 1


def test_requests_are_counted_by_route_and_status_each_on_its_own():
    metrics = Metrics()
    for status in (200, 200, 403):
        metrics.request_done("/wechat", status)
    metrics.request_done("/healthz", 200)
    counted = {tuple(sorted(s.labels.items())): s.value
               for family in text_string_to_metric_families(metrics.render().decode())
               if family.name == "jingmin_http_requests" for s in family.samples
               if s.name == "jingmin_http_requests_total"}
    assert counted == {(("route", "/wechat"), ("status", "200")): 2.0,
                       (("route", "/wechat"), ("status", "403")): 1.0,
                       (("route", "/healthz"), ("status", "200")): 1.0}


async def test_words_that_continue_a_ticket_are_counted_apart(config, sessions):
    async with running(config, dispatch=None) as client:
        await say(client, "o-j-1", NOISE)                           # complaint, acted
        await say(client, "o-j-1", "取消")                          # its questions skipped
        await say(client, "o-j-1", "对了，他们每次都开着大音响，一直到凌晨两三点")
        await say(client, "o-j-1", "补充一下：是3号楼502那家")
        _, samples = await scrape(client)
        async with sessions() as session:
            tickets = list(await session.scalars(select(Ticket)))
    assert len(tickets) == 1
    assert samples[("jingmin_classifications_total", (("outcome", "joined"),))] == 2
    assert samples[("jingmin_classifications_total", (("outcome", "acted"),))] == 1
    assert samples[("jingmin_classifications_total", (("outcome", "menu"),))] == 0
