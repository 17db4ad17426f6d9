"""The app's own routes: /healthz for the load balancer, /metrics for Prometheus; its stop."""

from __future__ import annotations

import asyncio
import dataclasses
import socket

from prometheus_client.parser import text_string_to_metric_families

from bot.app import stop_in_order
from tests.helpers import APP_ID, running
from tests.pushes import safe_push, text_xml


def samples(text: str) -> list[tuple[str, dict[str, str], float]]:
    return [(s.name, s.labels, s.value)
            for family in text_string_to_metric_families(text) for s in family.samples]


def value(text: str, name: str, **labels: str) -> float:
    found = [v for n, lab, v in samples(text)
             if n == name and all(lab.get(k) == w for k, w in labels.items())]
    assert found, (name, labels)
    return sum(found)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_healthz_is_ok_when_the_database_answers(client):
    response = await client.get("/healthz")
    assert response.status == 200
    assert await response.json() == {"status": "ok", "database": "ok"}


async def test_healthz_is_503_when_the_database_is_unreachable(config):
    url = f"postgresql+asyncpg://postgres@127.0.0.1:{closed_port()}/jingmin"
    config = dataclasses.replace(config, database=dataclasses.replace(config.database, url=url))
    async with running(config, run_workers=False) as client:
        response = await client.get("/healthz")
        assert response.status == 503
        assert (await response.json())["database"] != "ok"
        # A push cannot be recorded either: WeChat is told to retry, never a 500.
        params, body = safe_push(text_xml("o-down", "你好"), APP_ID)
        response = await client.post("/wechat", params=params, data=body)
        assert response.status == 503


async def test_metrics_expose_requests_latency_dedupe_and_refusals(client):
    xml = text_xml("o-metrics", "你好", msg_id=9901)
    for _ in range(2):
        params, body = safe_push(xml, APP_ID)
        assert (await client.post("/wechat", params=params, data=body)).status == 200
    params, body = safe_push(xml, APP_ID)
    bad = params | {"signature": "0" * 40}
    assert (await client.post("/wechat", params=bad, data=body)).status == 403
    params, body = safe_push("<xml>", APP_ID)
    assert (await client.post("/wechat", params=params, data=body)).status == 400
    assert (await client.get("/healthz")).status == 200

    response = await client.get("/metrics")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    text = await response.text()
    assert value(text, "jingmin_http_requests_total", route="/wechat", status="200") == 2
    assert value(text, "jingmin_http_requests_total", route="/wechat", status="403") == 1
    assert value(text, "jingmin_http_requests_total", route="/wechat", status="400") == 1
    assert value(text, "jingmin_http_requests_total", route="/healthz", status="200") == 1
    assert value(text, "jingmin_wechat_reply_seconds_count") == 2
    assert value(text, "jingmin_wechat_reply_seconds_bucket", le="+Inf") == 2
    assert value(text, "jingmin_inbound_duplicates_total", channel="wechat") == 1
    assert value(text, "jingmin_inbound_refusals_total", channel="wechat",
                 reason="bad_signature") == 1
    assert value(text, "jingmin_inbound_refusals_total", channel="wechat",
                 reason="malformed_xml") == 1


async def test_unknown_paths_are_404_and_counted_apart(client):
    assert (await client.get("/nowhere")).status == 404
    assert (await client.put("/wechat", data="x")).status == 405
    text = await (await client.get("/metrics")).text()
    routes = {lab.get("route") for n, lab, _ in samples(text)
              if n == "jingmin_http_requests_total"}
    assert "/nowhere" not in routes


async def test_leases_are_renewed_until_sends_and_handling_in_flight_have_finished():
    """On stop, another instance must not take over (and send again) a job this one is still
    sending in its grace, nor a message whose handling is being drained."""
    alive: list[tuple[str, bool]] = []

    async def heartbeat():
        await asyncio.Event().wait()

    async def outbox():
        try:
            await asyncio.Event().wait()
        finally:
            await asyncio.sleep(0.02)       # a send finishing in its grace
            alive.append(("grace", not leases.done()))

    async def drain():
        await asyncio.sleep(0.02)
        alive.append(("drain", not leases.done()))

    leases = asyncio.create_task(heartbeat())
    worker = asyncio.create_task(outbox())
    await asyncio.sleep(0)
    await stop_in_order([worker], drain, leases)
    assert alive == [("grace", True), ("drain", True)]
    assert leases.cancelled() and worker.done()
