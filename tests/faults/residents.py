"""WeChat's side of the campaign: residents' pushes delivered the way WeChat delivers them
(three tries of one MsgId, each signed afresh), and everything each resident was shown:
passive replies and customer-service messages that reached the fake Tencent API."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from wechatpy import parse_message

from tests.fakes import FakeTencent
from tests.faults.cluster import JINGMIN, REPO
from tests.pushes import open_reply, safe_push, text_xml

CORPUS = REPO / "handlers" / "data" / "intents_corpus.tsv"
WECHAT_WAIT_S = 5.0          # WeChat gives up on an answer after 5 s
DELIVERIES = 3               # and delivers a message three times in all
_msg_ids = itertools.count(time.time_ns() // 1000)


@dataclass
class Told:
    """Something a resident saw: a passive reply or a customer-service message."""

    text: str
    at: float                # loop time
    how: str                 # passive | customer_service


@dataclass
class Push:
    """One message of one resident, and what happened to each of its deliveries."""

    openid: str
    text: str
    marker: str              # unique to this message: found in another's ticket = a mix-up
    media_id: str = ""       # an image push when set (text is then empty)
    msg_id: int = field(default_factory=lambda: next(_msg_ids))
    first_at: float | None = None
    statuses: list[int | str] = field(default_factory=list)   # HTTP status, or why none
    answered_at: list[float] = field(default_factory=list)    # when each status came
    passive: list[Told] = field(default_factory=list)

    @property
    def key(self) -> str:
        """What identifies its stored row beside the openid: the text, or the media id."""
        return self.media_id or self.text

    @property
    def accepted(self) -> bool:
        """WeChat got a 200 for one of its deliveries (the server owns it from then on)."""
        return 200 in self.statuses


class Residents:
    """Sends pushes to the instances and collects what residents were shown."""

    def __init__(self, fake: FakeTencent) -> None:
        self.fake = fake
        self.told: dict[str, list[Told]] = {}
        self._seen = 0
        self._http: aiohttp.ClientSession | None = None
        self._watcher: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Residents:
        # No connection limit: a burst is many connections at once, as from WeChat's servers.
        self._http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
        self._watcher = asyncio.create_task(self._watch())
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._watcher is not None:
            self._watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watcher
        if self._http is not None:
            await self._http.close()

    async def deliver(self, url: str, push: Push, *, skew_s: int = 0) -> int | str:
        """One delivery of `push` to `url`, signed now (+ `skew_s`); its status or why none."""
        assert self._http is not None
        loop = asyncio.get_running_loop()
        if push.first_at is None:
            push.first_at = loop.time()
        stamp = int(time.time()) + skew_s
        xml = image_xml(push, stamp) if push.media_id else \
            text_xml(push.openid, push.text, msg_id=push.msg_id, create_time=stamp)
        params, body = safe_push(xml, self.fake.app_id, timestamp=stamp)
        try:
            async with self._http.post(f"{url}/wechat", params=params, data=body,
                                       timeout=aiohttp.ClientTimeout(total=WECHAT_WAIT_S)) \
                    as response:
                status, raw = response.status, await response.text()
        except TimeoutError:
            status, raw = "timeout", ""
        except aiohttp.ClientError as exc:
            status, raw = type(exc).__name__, ""
        push.statuses.append(status)
        push.answered_at.append(loop.time())
        if status == 200 and raw not in ("", "success"):
            message = parse_message(open_reply(raw, self.fake.app_id, params))
            told = Told(getattr(message, "content", "") or "", loop.time(), "passive")
            push.passive.append(told)
            self.told.setdefault(push.openid, []).append(told)
        return status

    async def burst(self, pushes: Sequence[Push], route: Callable[[int, int], str]) -> None:
        """Every push's three deliveries at once; `route(i, k)` is where push i's delivery k
        goes (WeChat's retries may reach any instance behind the load balancer)."""
        await asyncio.gather(*(self.deliver(route(i, k), push)
                               for i, push in enumerate(pushes) for k in range(DELIVERIES)))

    async def send(self, push: Push, urls: Sequence[str], *, skew_s: int = 0,
                   retry_after_s: float = WECHAT_WAIT_S) -> None:
        """WeChat's schedule: a try, and another each `retry_after_s` until one gets a 200
        (three in all), each to the next instance."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        for attempt in range(DELIVERIES):
            await asyncio.sleep(max(0.0, started + attempt * retry_after_s - loop.time()))
            if await self.deliver(urls[attempt % len(urls)], push, skew_s=skew_s) == 200:
                return

    async def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            delivered = self.fake.delivered("custom_send")
            for call in delivered[self._seen:]:
                text = (call.body.get("text") or {}).get("content", "")
                self.told.setdefault(call.body.get("touser", ""), []).append(
                    Told(text, loop.time(), "customer_service"))
            self._seen = len(delivered)
            await asyncio.sleep(0.05)


def image_xml(push: Push, create_time: int) -> str:
    """An image message as WeChat sends it (the file stays on Tencent's side until fetched)."""
    return (f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
            f"<FromUserName><![CDATA[{push.openid}]]></FromUserName>"
            f"<CreateTime>{create_time}</CreateTime><MsgType><![CDATA[image]]></MsgType>"
            f"<PicUrl><![CDATA[http://127.0.0.1/pic/{push.media_id}]]></PicUrl>"
            f"<MediaId><![CDATA[{push.media_id}]]></MediaId><MsgId>{push.msg_id}</MsgId></xml>")


def statuses(pushes: Sequence[Push]) -> Counter[int | str]:
    """How every delivery of `pushes` was answered."""
    return Counter(s for p in pushes for s in p.statuses)


def complaints(count: int, tag: str) -> list[Push]:
    """`count` residents (openids o<tag>NNNN), each with one complaint of our own corpus that
    the server turns into a ticket at once, each marked so that its text is recognisable."""
    texts = acting_complaints()
    return [Push(f"o{tag}{i:04d}", f"{texts[i % len(texts)]}（编号{tag}{i:04d}）",
                 f"（编号{tag}{i:04d}）") for i in range(count)]


_ACTING: list[str] = []


def acting_complaints() -> list[str]:
    """Complaints of the corpus (handlers/data) that `jingmin classify` acts on at once with a
    marker appended, so every resident of the campaign is owed a ticket number."""
    if _ACTING:
        return _ACTING
    lines = [line.split("\t", 1)[1] for line in CORPUS.read_text(encoding="utf-8").splitlines()
             if line.startswith("complaint\t")]
    lines = [t for t in lines if 6 <= len(t) <= 60 and "\n" not in t][:120]
    marked = "\n".join(f"{t}（编号Z0000）" for t in lines) + "\n"
    out = subprocess.run([JINGMIN, "classify"], input=marked, capture_output=True, text=True,
                         check=True, cwd=Path(REPO)).stdout
    for text, row in zip(lines, out.splitlines(), strict=True):
        result = json.loads(row)
        if result["intent"] == "complaint" and result["acts"]:
            _ACTING.append(text)
    if len(_ACTING) < 10:
        raise AssertionError(f"only {len(_ACTING)} corpus complaints open a ticket at once")
    return _ACTING
