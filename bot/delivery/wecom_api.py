"""The police side on WeCom (企业微信): the group robot webhook and the app's messages.

The robot's webhook URL carries its key, which is its only credential: it is never logged or
shown (repr, errors). The robot takes at most 20 messages a minute; RobotRateLimiter keeps a
share of them for emergencies.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import Any

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config, WecomConfig
from bot.delivery.sending import Undeliverable
from bot.delivery.tencent_http import DEFAULT_TIMEOUT, SharedTokenClient, TencentHttp, with_token
from bot.delivery.wechat_api import LocalRecorder, token_of
from storage.base import utcnow
from storage.delivery.tokens import Clock

TOKEN_NAME = "wecom_app"
# Byte limits of the robot's message types (WeCom documentation).
ROBOT_LIMITS = {"text": 2048, "markdown": 4096}
ELLIPSIS = "…"
# A job back this much before its booked slot takes it (timers and polls are not exact); a
# booking this long past whose job never came back is dropped.
BOOKING_EARLY_S = 0.5
BOOKING_STALE_S = 30.0


def truncate_utf8(text: str, limit: int) -> str:
    """`text` cut to at most `limit` UTF-8 bytes, on a character boundary, ending with …."""
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    room = limit - len(ELLIPSIS.encode("utf-8"))
    return encoded[:room].decode("utf-8", errors="ignore") + ELLIPSIS


def robot_body(text: str, markdown: bool = False) -> dict[str, Any]:
    """The webhook JSON for a text or markdown message, truncated to the robot's limit."""
    msgtype = "markdown" if markdown else "text"
    return {"msgtype": msgtype, msgtype: {"content": truncate_utf8(text, ROBOT_LIMITS[msgtype])}}


class RobotRateLimiter:
    """At most `limit` messages per rolling `window` seconds; routine messages may use only
    `routine_limit` of them, so an emergency never waits behind routine ones."""

    def __init__(self, limit: int = 20, routine_limit: int = 15, window: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._limits = {True: limit, False: routine_limit}
        self._window = window
        self._clock = clock
        self._sent: deque[float] = deque()
        # Waiting job -> (the time of the slot booked for it, urgent).
        self._booked: dict[int, tuple[float, bool]] = {}

    def try_acquire(self, urgent: bool = False) -> bool:
        """Take a slot now if one is free for this kind of message."""
        now = self._expire()
        if len(self._sent) >= self._limits[urgent]:
            return False
        self._sent.append(now)
        return True

    def wait_time(self, urgent: bool = False) -> float:
        """Seconds until try_acquire(urgent) could succeed (0 when it can now)."""
        now = self._expire()
        excess = len(self._sent) - self._limits[urgent]
        if excess < 0:
            return 0.0
        return max(0.0, self._sent[excess] + self._window - now)

    def book(self, job: int, urgent: bool = False) -> float:
        """0 when job `job` may go now, else the seconds until the slot booked for it. Each
        waiting job books its own future slot, in turn (emergencies in their own turn, ahead
        of routine ones): a backlog is deferred once a job, not once a job a freed slot."""
        now = self._expire()
        booked = self._booked.get(job)
        if booked is None:
            waiting = any(u or not urgent for _, u in self._booked.values())
            if not waiting and self.wait_time(urgent) == 0:
                return 0.0
            return self._book(job, urgent, now)
        if booked[0] > now + BOOKING_EARLY_S:
            return booked[0] - now
        # Its turn. Slots were planned at the routine share; the rest absorbs late returns.
        del self._booked[job]
        return 0.0 if len(self._sent) < self._limits[True] else self._book(job, urgent, now)

    def take(self, job: int) -> None:
        """Job `job` goes out now: its slot is used."""
        self._booked.pop(job, None)
        self._sent.append(self._clock())

    def forget(self, job: int) -> None:
        """Job `job` will not come back here (another instance sends to the robot)."""
        self._booked.pop(job, None)

    def _book(self, job: int, urgent: bool, now: float) -> float:
        """Book the first slot after those booked before (an emergency: after the other
        emergencies' only) and return the seconds until it."""
        ahead = [at for at, u in self._booked.values() if u or not urgent]
        planned = sorted([*self._sent, *ahead])
        limit = self._limits[urgent]
        at = max([now, *ahead])
        if len(planned) >= limit:
            at = max(at, planned[-limit] + self._window)
        self._booked[job] = (at, urgent)
        return at - now

    def _expire(self) -> float:
        now = self._clock()
        while self._sent and self._sent[0] <= now - self._window:
            self._sent.popleft()
        # A booking whose job never came back (sent or given up elsewhere) frees its slot.
        stale = [job for job, (at, _) in self._booked.items() if at < now - BOOKING_STALE_S]
        for job in stale:
            del self._booked[job]
        return now


class WecomRobot:
    """The police group robot (send-only webhook)."""

    def __init__(self, config: WecomConfig, http: aiohttp.ClientSession, *,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self._webhook = config.robot_webhook
        self._http = TencentHttp(http, timeout)

    def __repr__(self) -> str:
        return "WecomRobot(webhook=***)"

    async def send(self, text: str, markdown: bool = False) -> None:
        """Post one message to the group."""
        await self._http.json("POST", self._webhook, body=robot_body(text, markdown))


class LocalWecomRobot(LocalRecorder):
    """Local mode: robot messages become local_deliveries rows (recipient "robot")."""

    async def send(self, text: str, markdown: bool = False) -> None:
        """Record one group message."""
        body = robot_body(text, markdown)
        await self._record("robot_send", "robot",
                     {"text": body[body["msgtype"]]["content"], "msgtype": body["msgtype"]})


class WecomApp(SharedTokenClient):
    """The WeCom app: messages to one officer, app token shared by every instance."""

    def __init__(self, config: WecomConfig, http: aiohttp.ClientSession,
                 sessions: async_sessionmaker[AsyncSession], *,
                 timeout: float = DEFAULT_TIMEOUT, clock: Clock = utcnow) -> None:
        self._config = config
        self._base = config.api_base_url.rstrip("/")
        self._http = TencentHttp(http, timeout)
        super().__init__(sessions, TOKEN_NAME, self._fetch_token, clock=clock)

    def __repr__(self) -> str:
        return f"WecomApp({self._base!r}, corp_id={self._config.corp_id!r})"

    async def send_text(self, userid: str, text: str) -> None:
        """A text message to the officer with WeCom user id `userid`."""
        url = f"{self._base}/cgi-bin/message/send"
        body = {"touser": userid, "msgtype": "text", "agentid": _agent_id(self._config),
                "text": {"content": text}}
        await with_token(self._token, lambda token: self._http.json(
            "POST", url, params={"access_token": token}, body=body))

    async def _fetch_token(self, force: bool) -> tuple[str, float]:
        # gettoken has no "force": during its validity it returns the same token.
        data = await self._http.json("GET", f"{self._base}/cgi-bin/gettoken", params={
            "corpid": self._config.corp_id, "corpsecret": self._config.secret})
        return token_of(data)


def _agent_id(config: WecomConfig) -> int | str:
    return int(config.agent_id) if config.agent_id.isdigit() else config.agent_id


class LocalWecomApp(LocalRecorder):
    """Local mode: app messages become local_deliveries rows (recipient the user id)."""

    async def send_text(self, userid: str, text: str) -> None:
        """Record one message to an officer."""
        await self._record("wecom_send", userid, {"text": text})


class MissingRoute:
    """A robot or app that is not configured: every message to it is a dead letter at once
    (logged, and an alert escalated), never recorded as sent."""

    def __init__(self, what: str) -> None:
        self._what = what

    def __repr__(self) -> str:
        return f"MissingRoute({self._what!r})"

    async def send(self, text: str, markdown: bool = False) -> None:
        """Refuse: nobody would read it."""
        raise Undeliverable(f"{self._what} is not configured")

    async def send_text(self, userid: str, text: str) -> None:
        """Refuse: nobody would read it."""
        raise Undeliverable(f"{self._what} is not configured")


def make_wecom_robot(config: Config, http: aiohttp.ClientSession,
                     sessions: async_sessionmaker[AsyncSession], *,
                     timeout: float = DEFAULT_TIMEOUT
                     ) -> WecomRobot | LocalWecomRobot | MissingRoute:
    """The real robot; the recording one in local mode; without a webhook, none."""
    if config.wechat.local:
        return LocalWecomRobot(sessions)
    if not config.wecom.robot_webhook:
        return MissingRoute("wecom.robot_webhook")
    return WecomRobot(config.wecom, http, timeout=timeout)


def make_wecom_app(config: Config, http: aiohttp.ClientSession,
                   sessions: async_sessionmaker[AsyncSession], *,
                   timeout: float = DEFAULT_TIMEOUT) -> WecomApp | LocalWecomApp | MissingRoute:
    """The real app client; the recording one in local mode; without corp_id, agent_id and
    secret, none."""
    if config.wechat.local:
        return LocalWecomApp(sessions)
    if not config.wecom.app_configured:
        return MissingRoute("the WeCom app (wecom.corp_id, agent_id, secret)")
    return WecomApp(config.wecom, http, sessions, timeout=timeout)
