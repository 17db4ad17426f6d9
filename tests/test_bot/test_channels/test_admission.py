"""At most `[server] max_concurrent_pushes` residents' pushes are handled at once: the rest
wait their turn inside their reply budget, emergencies and officers never wait."""

from __future__ import annotations

import asyncio
import dataclasses

from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.channels.admission import Admission
from bot.channels.answering import Clocks
from bot.config import Config
from bot.metrics import Metrics
from handlers.core.types import Inbound, Reply
from handlers.officers import accounts as officers
from storage.base import utcnow
from tests.helpers import STILL, inbound_rows, outbox_rows, with_wechat
from tests.officer_clients import API, bearer
from tests.pushes import text_xml
from tests.support.intake import counter, message, push
from tests.workbench import staff

COMPLAINT = "楼下饭店油烟太大了"
# Present tense, a person in danger: the classifier's emergency, whatever the queue.
EMERGENCY = "我家厨房着火了，火越来越大，快来救火"


class HeldDispatch:
    """A stand-in for the router: each resident's message is held in handling until the
    test lets that resident go."""

    def __init__(self) -> None:
        self.entered: list[str] = []
        # Per resident: the intent the message came with (asked at admission), or None.
        self.verdicts: dict[str, str | None] = {}
        self._arrived: dict[str, asyncio.Event] = {}
        self._gates: dict[str, asyncio.Event] = {}

    def release(self, openid: str) -> None:
        self._gates.setdefault(openid, asyncio.Event()).set()

    async def __call__(self, message: Inbound) -> Reply:
        self.entered.append(message.openid)
        self.verdicts[message.openid] = message.verdict and message.verdict.intent
        self._arrived.setdefault(message.openid, asyncio.Event()).set()
        await self._gates.setdefault(message.openid, asyncio.Event()).wait()
        return Reply(f"已办：{message.content}")

    async def reached(self, openid: str, seconds: float = 10.0) -> None:
        """Wait until `openid`'s message is being handled."""
        async with asyncio.timeout(seconds):
            await self._arrived.setdefault(openid, asyncio.Event()).wait()


def limited(config: Config, limit: int) -> Config:
    return dataclasses.replace(config, server=dataclasses.replace(
        config.server, max_concurrent_pushes=limit))


def app_for(config: Config, dispatch: HeldDispatch, *, clocks: Clocks = STILL,
            run_workers: bool = False) -> TestClient:
    return TestClient(TestServer(create_app(config, dispatch=dispatch, clocks=clocks,
                                            run_workers=run_workers)))


async def waiting(client: TestClient) -> float:
    response = await client.get("/metrics")
    return counter(await response.text(), "jingmin_pushes_waiting")


async def until_waiting(client: TestClient, count: int, seconds: float = 10.0) -> None:
    """Wait until `count` pushes are recorded and waiting for a slot."""
    for _ in range(int(seconds / 0.05)):
        if await waiting(client) == count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{await waiting(client)} pushes waiting, not {count}")


async def test_a_push_waits_for_the_one_in_hand_and_is_answered_after_it(config):
    dispatch = HeldDispatch()
    async with app_for(limited(config, 1), dispatch) as client:
        first = asyncio.create_task(push(client, text_xml("o-first", COMPLAINT)))
        await dispatch.reached("o-first")
        second = asyncio.create_task(push(client, text_xml("o-second", "小区门口路灯坏了")))
        await until_waiting(client, 1)
        assert dispatch.entered == ["o-first"]
        dispatch.release("o-first")
        assert await first == f"已办：{COMPLAINT}"
        await dispatch.reached("o-second")
        assert await waiting(client) == 0
        dispatch.release("o-second")
        assert await second == "已办：小区门口路灯坏了"
        text = await (await client.get("/metrics")).text()
    assert counter(text, "jingmin_push_admissions_total", way="waited") == 1
    assert counter(text, "jingmin_push_admissions_total", way="at_once") == 1


async def test_a_push_that_waits_out_its_budget_is_answered_once_through_the_outbox(
        config, sessions):
    dispatch = HeldDispatch()
    config = with_wechat(limited(config, 1), reply_budget_s=1.0)
    async with app_for(config, dispatch, clocks=Clocks(), run_workers=True) as client:
        cursor = (await (await client.get("/local/deliveries",
                                          params={"openid": "o-late"})).json())["last"]
        first = asyncio.create_task(push(client, text_xml("o-held", COMPLAINT)))
        await dispatch.reached("o-held")
        xml = text_xml("o-late", "小区门口路灯坏了")
        # Its budget runs out while it waits: `success` now, its reply later.
        assert await push(client, xml) == ""
        # WeChat's retry of it follows the first delivery: still waiting, nothing again.
        assert await push(client, xml) == ""
        assert dispatch.entered == ["o-held"]
        dispatch.release("o-held")
        dispatch.release("o-late")
        assert await first == ""     # held past its own budget: sent later too
        items = await _deliveries(client, "o-late", cursor)
        assert [item["text"] for item in items] == ["已办：小区门口路灯坏了"]
        # A retry once it is handled gets nothing: the reply went out already.
        assert await push(client, xml) == ""
        await asyncio.sleep(0.5)
        again = await client.get("/local/deliveries",
                                 params={"openid": "o-late", "after": str(cursor)})
        assert len((await again.json())["items"]) == 1
    rows = await inbound_rows(sessions, "o-late")
    jobs = await outbox_rows(sessions, "o-late")
    assert [(r.state, r.reply_mode) for r in rows] == [("handled", "outbox")]
    assert [(j.state, j.inbound_id) for j in jobs] == [("sent", rows[0].id)]


async def test_an_emergency_is_handled_at_once_while_complaints_wait(config):
    dispatch = HeldDispatch()
    async with app_for(limited(config, 1), dispatch) as client:
        first = asyncio.create_task(push(client, text_xml("o-first", COMPLAINT)))
        await dispatch.reached("o-first")
        queued = asyncio.create_task(push(client, text_xml("o-queued", "楼上装修太吵了")))
        await until_waiting(client, 1)
        urgent = asyncio.create_task(push(client, text_xml("o-fire", EMERGENCY)))
        await dispatch.reached("o-fire")
        assert "o-queued" not in dispatch.entered and await waiting(client) == 1
        # Each came past full slots with the verdict it was admitted by: not asked again.
        assert dispatch.verdicts == {"o-first": None, "o-fire": "emergency"}
        dispatch.release("o-fire")
        assert await urgent == f"已办：{EMERGENCY}"
        for openid in ("o-first", "o-queued"):
            dispatch.release(openid)
        await asyncio.gather(first, queued)
        text = await (await client.get("/metrics")).text()
    assert dispatch.verdicts["o-queued"] == "complaint"
    assert counter(text, "jingmin_push_admissions_total", way="urgent") == 1


async def test_officers_are_answered_while_residents_pushes_wait(config, sessions):
    await staff(sessions)
    async with sessions() as session, session.begin():
        token = await officers.issue_token(session, "a1", utcnow())
    dispatch = HeldDispatch()
    # admin_port = 0: the console and the API share the doors' port.
    assert config.server.admin_port == 0
    async with app_for(limited(config, 1), dispatch) as client:
        held = [asyncio.create_task(push(client, text_xml(f"o-{n}", COMPLAINT)))
                for n in range(3)]
        await until_waiting(client, 2)
        assert len(dispatch.entered) == 1
        async with asyncio.timeout(5):
            listed = await client.get(f"{API}/tickets", headers=bearer(token))
            page = await client.get("/console/login")
        assert listed.status == 200 and page.status == 200
        for n in range(3):
            dispatch.release(f"o-{n}")
        await asyncio.gather(*held)


async def test_no_limit_handles_every_push_at_once(config):
    dispatch = HeldDispatch()
    openids = [f"o-{n}" for n in range(4)]
    async with app_for(limited(config, 0), dispatch) as client:
        pushes = [asyncio.create_task(push(client, text_xml(o, COMPLAINT))) for o in openids]
        for openid in openids:
            await dispatch.reached(openid)
        assert await waiting(client) == 0
        for openid in openids:
            dispatch.release(openid)
        assert await asyncio.gather(*pushes) == [f"已办：{COMPLAINT}"] * 4


async def test_a_push_whose_urgency_cannot_be_told_waits_its_turn():
    def unknowable(message: Inbound) -> tuple[bool, Inbound]:
        raise RuntimeError("the classifier failed")

    admission = Admission(1, unknowable, Metrics())
    let_go = asyncio.Event()
    handled: list[str] = []

    async def handle(openid: str) -> None:
        async with admission.turn(message(openid, COMPLAINT)):
            handled.append(openid)
            await let_go.wait()

    first = asyncio.create_task(handle("o-first"))
    await asyncio.sleep(0)
    second = asyncio.create_task(handle("o-second"))
    await asyncio.sleep(0.05)
    assert handled == ["o-first"]
    let_go.set()
    await asyncio.gather(first, second)
    assert handled == ["o-first", "o-second"]


async def _deliveries(client: TestClient, openid: str, after: int,
                      seconds: float = 10.0) -> list[dict]:
    async with asyncio.timeout(seconds):
        while True:
            response = await client.get("/local/deliveries",
                                        params={"openid": openid, "after": str(after)})
            items = (await response.json())["items"]
            if items:
                return items
            await asyncio.sleep(0.1)
