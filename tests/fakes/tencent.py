"""The fake Tencent itself: what it records, the faults scripted into it, and how it serves
(its endpoints are in wechat.py, wecom.py and groups.py)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.config import Config
from tests.fakes import groups, wechat, wecom
from tests.fakes.base import Tokens, errcode_of, error

ROUTES = (*wechat.ROUTES, *wecom.ROUTES, *groups.ROUTES)


@dataclass
class Call:
    """One request the fake received."""

    endpoint: str
    method: str
    query: dict[str, str]
    body: Any
    raw: bytes
    ok: bool = False  # answered 200 without an errcode (a delivery, from Tencent's side)
    fault: str = ""   # the scripted fault that answered it, if any ("503", "42001", "hang")
    at: float = field(default_factory=time.monotonic)   # received (the loop's clock)
    ended_at: float | None = None  # answered, or abandoned by its caller (a timeout)
    errcode: int = 0  # the errcode it was answered (scripted or not)


@dataclass
class Fault:
    """What the next `times` calls of an endpoint do instead of (or before) answering."""

    errcode: int | None = None
    status: int | None = None
    delay: float = 0.0
    times: int = 1


@dataclass
class FakeTencent(wechat.WeChatApi, wecom.WeComApi, groups.GroupApi):
    """`async with FakeTencent() as fake:` serves on fake.url; fake.calls records everything."""

    app_id: str = "wxfakeapp0000001"
    app_secret: str = "fake-app-secret"
    corp_id: str = "wwfakecorp"
    corp_secret: str = "fake-corp-secret"
    archive_secret: str = "fake-archive-secret"   # 会话内容存档's own secret
    agent_id: str = "1000002"
    robot_key: str = "fake-robot-key"
    robot_limit: int = 20
    token_expires_in: int = 7200
    clock: Callable[[], float] = time.monotonic
    calls: list[Call] = field(default_factory=list)
    media: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    # Media answered as over a link that stalls: media id -> (bytes sent before it stalls,
    # whether the answer declares its length); the rest never comes.
    stalled_media: dict[str, tuple[int, bool]] = field(default_factory=dict)
    # Videos: media/get answers {"video_url"}, the file comes from that address.
    videos: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    # check_room_agree's answers: room id -> {external user id: Agree | Disagree | ...}
    room_consent: dict[str, dict[str, str]] = field(default_factory=dict)
    # groupchat/get's external members: room id -> {external user id: group nickname}
    group_members: dict[str, dict[str, str]] = field(default_factory=dict)
    group_owners: dict[str, str] = field(default_factory=dict)   # groupchat/get's owner
    # Message tasks add_msg_template created (msgid -> sender), and get_groupmsg_send_result's
    # answer: msgid -> {room id the sender sent it to: send_time}; other rooms: not sent.
    group_tasks: dict[str, str] = field(default_factory=dict)
    group_task_sent: dict[str, dict[str, int]] = field(default_factory=dict)
    url: str = ""

    def __post_init__(self) -> None:
        self._faults: dict[str, deque[Fault]] = {}
        self._storms: dict[str, list[tuple[float, Fault]]] = {}
        self._openid_errors: dict[str, int] = {}
        self._storm: str | None = None
        self._storm_token = ""
        self._wechat = Tokens("wx-token")
        self._wecom = Tokens("wecom-token")
        self._robot_sent: deque[float] = deque()
        self._runner: web.AppRunner | None = None

    # --- scripting -------------------------------------------------------------------------

    def fail(self, endpoint: str, errcode: int | None = None, *, status: int | None = None,
             delay: float = 0.0, times: int = 1) -> None:
        """The next `times` calls of `endpoint` answer `errcode`, HTTP `status`, or wait."""
        self._faults.setdefault(endpoint, deque()).append(
            Fault(errcode=errcode, status=status, delay=delay, times=times))

    def storm(self, endpoint: str, errcode: int | None = None, *, status: int | None = None,
              delay: float = 0.0, seconds: float) -> None:
        """Every call of `endpoint` in the next `seconds` answers `errcode`, HTTP `status`, or
        waits `delay` first (a timeout when longer than the caller waits); then it heals."""
        until = time.monotonic() + seconds
        self._storms.setdefault(endpoint, []).append(
            (until, Fault(errcode=errcode, status=status, delay=delay)))

    def token_storm(self, *, always: bool = False) -> None:
        """Every WeChat call answers 42001: until a new token is issued, or `always`."""
        self._storm = "always" if always else "until_refresh"
        self._storm_token = self._wechat.current

    def openid_error(self, openid: str, errcode: int) -> None:
        """custom/send to `openid` answers `errcode` (45015 window closed, 45047 quota)."""
        self._openid_errors[openid] = errcode

    def calls_to(self, endpoint: str) -> list[Call]:
        """The calls received by `endpoint`, oldest first."""
        return [c for c in self.calls if c.endpoint == endpoint]

    def delivered(self, endpoint: str = "custom_send") -> list[Call]:
        """The calls of `endpoint` answered with success, oldest first."""
        return [c for c in self.calls_to(endpoint) if c.ok]

    def configure(self, config: Config) -> Config:
        """`config` pointing the WeChat and WeCom clients (and robot) at this fake."""
        return dataclasses.replace(
            config,
            wechat=dataclasses.replace(config.wechat, api_base_url=self.url, app_id=self.app_id,
                                       app_secret=self.app_secret),
            wecom=dataclasses.replace(config.wecom, api_base_url=self.url, corp_id=self.corp_id,
                                      secret=self.corp_secret, agent_id=self.agent_id,
                                      robot_webhook=self.webhook),
        )

    @property
    def webhook(self) -> str:
        """The robot's webhook URL, key included."""
        return f"{self.url}/cgi-bin/webhook/send?key={self.robot_key}"

    @property
    def wechat_token(self) -> str:
        """The WeChat access token currently valid."""
        return self._wechat.current

    # --- lifecycle -------------------------------------------------------------------------

    async def __aenter__(self) -> FakeTencent:
        app = web.Application()
        for method, path, name in ROUTES:
            app.router.add_route(method, path, self._handler(name))
        # Cancel handlers whose client gave up (timeout tests) instead of waiting at shutdown.
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # --- serving ---------------------------------------------------------------------------

    def _handler(self, name: str):
        async def handle(request: web.Request) -> web.StreamResponse:
            raw = await request.read()
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = None
            call = Call(name, request.method, dict(request.query), body, raw)
            self.calls.append(call)
            try:
                return await self._answer(name, call, request, body)
            finally:  # also when the caller gave up and the handler was cancelled
                call.ended_at = time.monotonic()
        return handle

    async def _answer(self, name: str, call: Call, request: web.Request,
                      body: Any) -> web.StreamResponse:
        fault = self._storm_fault(name) or self._next_fault(name)
        if fault is not None:
            call.fault = (str(fault.status or "") or str(fault.errcode or "")
                          or ("hang" if fault.delay else ""))
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.status:
                return web.Response(status=fault.status, text="fake failure")
            if fault.errcode is not None:
                if fault.errcode == 42001:  # "expired": the next normal fetch renews
                    (self._wecom if name.startswith("wecom") else self._wechat).expired = True
                call.errcode = fault.errcode
                return error(fault.errcode)
        response = await getattr(self, f"_{name}")(request, body)
        call.errcode = errcode_of(response)
        call.ok = response.status == 200 and not call.errcode
        return response

    def _storm_fault(self, name: str) -> Fault | None:
        now = time.monotonic()
        storms = self._storms.get(name)
        if storms:
            storms[:] = [(until, fault) for until, fault in storms if until > now]
        return storms[0][1] if storms else None

    def _next_fault(self, name: str) -> Fault | None:
        queue = self._faults.get(name)
        if not queue:
            return None
        fault = queue[0]
        fault.times -= 1
        if fault.times <= 0:
            queue.popleft()
        return fault
