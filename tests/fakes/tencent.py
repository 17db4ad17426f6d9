"""A fake Tencent (WeChat and WeCom APIs, group robot) on loopback, with scriptable faults."""

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

OK = {"errcode": 0, "errmsg": "ok"}


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


@dataclass
class Fault:
    """What the next `times` calls of an endpoint do instead of (or before) answering."""

    errcode: int | None = None
    status: int | None = None
    delay: float = 0.0
    times: int = 1


@dataclass
class _Tokens:
    prefix: str
    serial: int = 1
    expired: bool = False

    @property
    def current(self) -> str:
        return f"{self.prefix}-{self.serial}"

    def renew(self) -> str:
        self.serial += 1
        self.expired = False
        return self.current


@dataclass
class FakeTencent:
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
    # Videos: media/get answers {"video_url"}, the file comes from that address.
    videos: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    # check_room_agree's answers: room id -> {external user id: Agree | Disagree | ...}
    room_consent: dict[str, dict[str, str]] = field(default_factory=dict)
    # groupchat/get's external members: room id -> {external user id: group nickname}
    group_members: dict[str, dict[str, str]] = field(default_factory=dict)
    url: str = ""

    def __post_init__(self) -> None:
        self._faults: dict[str, deque[Fault]] = {}
        self._storms: dict[str, list[tuple[float, Fault]]] = {}
        self._openid_errors: dict[str, int] = {}
        self._storm: str | None = None
        self._storm_token = ""
        self._wechat = _Tokens("wx-token")
        self._wecom = _Tokens("wecom-token")
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
        for method, path, name in _ROUTES:
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
                    return _error(fault.errcode)
            response = await getattr(self, f"_{name}")(request, body)
            call.ok = response.status == 200 and not _errcode_of(response)
            return response
        return handle

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

    def _wechat_auth(self, request: web.Request) -> web.Response | None:
        token = request.query.get("access_token", "")
        if self._storm == "always" or (self._storm and token == self._storm_token):
            return _error(42001, "access_token expired")
        if token != self._wechat.current:
            return _error(40001, "invalid credential, access_token is invalid or not latest")
        return None

    async def _stable_token(self, request: web.Request, body: Any) -> web.Response:
        if not isinstance(body, dict) or body.get("grant_type") != "client_credential":
            return _error(40002, "invalid grant_type")
        if body.get("appid") != self.app_id:
            return _error(40013, "invalid appid")
        if body.get("secret") != self.app_secret:
            return _error(40125, "invalid appsecret")
        if body.get("force_refresh") or self._wechat.expired:
            self._wechat.renew()
        return web.json_response({"access_token": self._wechat.current,
                                  "expires_in": self.token_expires_in})

    async def _custom_send(self, request: web.Request, body: Any) -> web.Response:
        refused = self._wechat_auth(request)
        if refused is not None:
            return refused
        code = self._openid_errors.get(body.get("touser", ""))
        if code:
            return _error(code, "fake openid error")
        return web.json_response(OK)

    async def _template_send(self, request: web.Request, body: Any) -> web.Response:
        refused = self._wechat_auth(request)
        if refused is not None:
            return refused
        return web.json_response({**OK, "msgid": len(self.calls)})

    async def _menu_create(self, request: web.Request, body: Any) -> web.Response:
        refused = self._wechat_auth(request)
        if refused is not None:
            return refused
        if not isinstance(body, dict) or not 1 <= len(body.get("button", [])) <= 3:
            return _error(40017, "invalid button size")
        return web.json_response(OK)

    async def _media_get(self, request: web.Request, body: Any) -> web.Response:
        refused = self._wechat_auth(request)
        if refused is not None:
            return refused
        media_id = request.query.get("media_id", "")
        if media_id in self.videos:
            return web.json_response({"video_url": f"{self.url}/video-cdn/{media_id}"})
        found = self.media.get(media_id)
        if found is None:
            # Tencent answers errors of media/get as JSON labelled text/plain.
            return web.Response(text=json.dumps({"errcode": 40007, "errmsg": "invalid media_id"}),
                                content_type="text/plain")
        content_type, data = found
        return web.Response(body=data, content_type=content_type)

    async def _video_download(self, request: web.Request, body: Any) -> web.Response:
        found = self.videos.get(request.match_info["media_id"])
        if found is None:
            return web.Response(status=404)
        content_type, data = found
        return web.Response(body=data, content_type=content_type)

    async def _wecom_gettoken(self, request: web.Request, body: Any) -> web.Response:
        if request.query.get("corpid") != self.corp_id:
            return _error(40013, "invalid corpid")
        if request.query.get("corpsecret") not in (self.corp_secret, self.archive_secret):
            return _error(40001, "invalid secret")
        if self._wecom.expired:
            self._wecom.renew()
        return web.json_response({**OK, "access_token": self._wecom.current,
                                  "expires_in": self.token_expires_in})

    async def _wecom_send(self, request: web.Request, body: Any) -> web.Response:
        if request.query.get("access_token") != self._wecom.current:
            return _error(40014, "invalid access_token")
        if not isinstance(body, dict) or str(body.get("agentid")) != self.agent_id:
            return _error(40056, "invalid agentid")
        return web.json_response({**OK, "invaliduser": "", "msgid": str(len(self.calls))})

    async def _check_room_agree(self, request: web.Request, body: Any) -> web.Response:
        # The archive's own secret gets its own token (gettoken with that secret).
        if request.query.get("access_token") != self._wecom.current:
            return _error(40014, "invalid access_token")
        room = body.get("roomid") if isinstance(body, dict) else None
        if room not in self.room_consent:
            return _error(301052, "roomid not found")
        return web.json_response({**OK, "agreeinfo": [
            {"status_change_time": 1700000000, "exteranalopenid": member, "agree_status": status}
            for member, status in self.room_consent[room].items()]})

    async def _groupchat_get(self, request: web.Request, body: Any) -> web.Response:
        if request.query.get("access_token") != self._wecom.current:
            return _error(40014, "invalid access_token")
        room = body.get("chat_id") if isinstance(body, dict) else None
        if room not in self.group_members:
            return _error(701008, "chat not found")
        return web.json_response({**OK, "group_chat": {
            "chat_id": room, "name": "group", "owner": "wx-owner",
            "member_list": [{"userid": member, "type": 2, "group_nickname": name}
                            for member, name in self.group_members[room].items()]}})

    async def _add_msg_template(self, request: web.Request, body: Any) -> web.Response:
        if request.query.get("access_token") != self._wecom.current:
            return _error(40014, "invalid access_token")
        if not isinstance(body, dict) or body.get("chat_type") != "group" \
                or not body.get("sender") or not (body.get("text") or {}).get("content"):
            return _error(40058, "invalid parameter")
        return web.json_response({**OK, "fail_list": [], "msgid": f"msg{len(self.calls)}"})

    async def _robot_send(self, request: web.Request, body: Any) -> web.Response:
        if request.query.get("key") != self.robot_key:
            return _error(93000, "invalid webhook url")
        now = self.clock()
        while self._robot_sent and self._robot_sent[0] <= now - 60:
            self._robot_sent.popleft()
        if len(self._robot_sent) >= self.robot_limit:
            return _error(45009, "api freq out of limit")
        self._robot_sent.append(now)
        return web.json_response(OK)


_ROUTES = (
    ("POST", "/cgi-bin/stable_token", "stable_token"),
    ("POST", "/cgi-bin/message/custom/send", "custom_send"),
    ("POST", "/cgi-bin/message/template/send", "template_send"),
    ("POST", "/cgi-bin/menu/create", "menu_create"),
    ("GET", "/cgi-bin/media/get", "media_get"),
    ("GET", "/video-cdn/{media_id}", "video_download"),
    ("GET", "/cgi-bin/gettoken", "wecom_gettoken"),
    ("POST", "/cgi-bin/message/send", "wecom_send"),
    ("POST", "/cgi-bin/webhook/send", "robot_send"),
    ("POST", "/cgi-bin/msgaudit/check_room_agree", "check_room_agree"),
    ("POST", "/cgi-bin/externalcontact/add_msg_template", "add_msg_template"),
    ("POST", "/cgi-bin/externalcontact/groupchat/get", "groupchat_get"),
)


def _errcode_of(response: web.Response) -> int:
    if response.content_type not in ("application/json", "text/plain"):
        return 0
    try:
        data = json.loads(response.text or "")
    except ValueError:
        return 0
    return int(data.get("errcode") or 0) if isinstance(data, dict) else 0


def _error(code: int, message: str = "fake error") -> web.Response:
    return web.json_response({"errcode": code, "errmsg": message})
