"""The fake's WeCom app API: tokens (the app's secret or the archive's), app messages, and the
group robot with its 20-a-minute limit."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from tests.fakes.base import OK, error

ROUTES = (
    ("GET", "/cgi-bin/gettoken", "wecom_gettoken"),
    ("POST", "/cgi-bin/message/send", "wecom_send"),
    ("POST", "/cgi-bin/webhook/send", "robot_send"),
)


class WeComApi:
    """WeCom's endpoints, mixed into FakeTencent (whose fields and scripting they read)."""

    async def _wecom_gettoken(self, request: web.Request, body: Any) -> web.Response:
        if request.query.get("corpid") != self.corp_id:
            return error(40013, "invalid corpid")
        if request.query.get("corpsecret") not in (self.corp_secret, self.archive_secret):
            return error(40001, "invalid secret")
        if self._wecom.expired:
            self._wecom.renew()
        return web.json_response({**OK, "access_token": self._wecom.current,
                                  "expires_in": self.token_expires_in})

    async def _wecom_send(self, request: web.Request, body: Any) -> web.Response:
        if request.query.get("access_token") != self._wecom.current:
            return error(40014, "invalid access_token")
        if not isinstance(body, dict) or str(body.get("agentid")) != self.agent_id:
            return error(40056, "invalid agentid")
        return web.json_response({**OK, "invaliduser": "", "msgid": str(len(self.calls))})

    async def _robot_send(self, request: web.Request, body: Any) -> web.Response:
        if request.query.get("key") != self.robot_key:
            return error(93000, "invalid webhook url")
        now = self.clock()
        while self._robot_sent and self._robot_sent[0] <= now - 60:
            self._robot_sent.popleft()
        if len(self._robot_sent) >= self.robot_limit:
            return error(45009, "api freq out of limit")
        self._robot_sent.append(now)
        return web.json_response(OK)
