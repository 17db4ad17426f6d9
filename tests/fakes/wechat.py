"""The fake's WeChat official-account API: stable tokens, customer-service and template
messages, the menu, and media (videos through their own address)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web

from tests.fakes.base import OK, error

ROUTES = (
    ("POST", "/cgi-bin/stable_token", "stable_token"),
    ("POST", "/cgi-bin/message/custom/send", "custom_send"),
    ("POST", "/cgi-bin/message/template/send", "template_send"),
    ("POST", "/cgi-bin/menu/create", "menu_create"),
    ("GET", "/cgi-bin/media/get", "media_get"),
    ("GET", "/video-cdn/{media_id}", "video_download"),
)


class WeChatApi:
    """WeChat's endpoints, mixed into FakeTencent (whose fields and scripting they read)."""

    def _wechat_auth(self, request: web.Request) -> web.Response | None:
        token = request.query.get("access_token", "")
        if self._storm == "always" or (self._storm and token == self._storm_token):
            return error(42001, "access_token expired")
        if token != self._wechat.current:
            return error(40001, "invalid credential, access_token is invalid or not latest")
        return None

    async def _stable_token(self, request: web.Request, body: Any) -> web.Response:
        if not isinstance(body, dict) or body.get("grant_type") != "client_credential":
            return error(40002, "invalid grant_type")
        if body.get("appid") != self.app_id:
            return error(40013, "invalid appid")
        if body.get("secret") != self.app_secret:
            return error(40125, "invalid appsecret")
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
            return error(code, "fake openid error")
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
            return error(40017, "invalid button size")
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
        if media_id in self.stalled_media:
            return await _stall(request, content_type, data, *self.stalled_media[media_id])
        return web.Response(body=data, content_type=content_type)

    async def _video_download(self, request: web.Request, body: Any) -> web.Response:
        found = self.videos.get(request.match_info["media_id"])
        if found is None:
            return web.Response(status=404)
        content_type, data = found
        return web.Response(body=data, content_type=content_type)


async def _stall(request: web.Request, content_type: str, data: bytes, sent: int,
                 declared: bool) -> web.StreamResponse:
    """`data` answered as over a link that stalls after `sent` bytes, until the caller hangs
    up; chunked unless its length is `declared`."""
    response = web.StreamResponse(headers={"Content-Type": content_type})
    if declared:
        response.content_length = len(data)
    else:
        response.enable_chunked_encoding()
    await response.prepare(request)
    await response.write(data[:sent])
    await asyncio.Event().wait()    # cancelled when the caller hangs up (handler_cancellation)
    return response
