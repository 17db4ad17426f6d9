"""Async client of the few official-account (公众号) endpoints we call, and its local stand-in.

wechatpy's WeChatClient is not used: it is synchronous (requests), so it would block the event
loop; it has no timeout by default; and with auto_retry=True a persistent 42001 made it recurse
without bound. This client is small, on aiohttp, with a 5 s timeout and one bounded re-fetch.
"""

from __future__ import annotations

import json
from typing import Any

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config, WechatConfig
from bot.delivery.api_errors import TRANSPORT, ApiError
from bot.delivery.tencent_http import (
    DEFAULT_TIMEOUT,
    MAX_MEDIA_BYTES,
    SharedTokenClient,
    TencentHttp,
    with_token,
)
from storage.base import utcnow
from storage.delivery.models import LocalDelivery
from storage.delivery.tokens import Clock

TOKEN_NAME = "wechat_stable"


class WechatApi(SharedTokenClient):
    """The official account's API: stable access token shared by every instance."""

    def __init__(self, config: WechatConfig, http: aiohttp.ClientSession,
                 sessions: async_sessionmaker[AsyncSession], *,
                 timeout: float = DEFAULT_TIMEOUT, clock: Clock = utcnow) -> None:
        self._config = config
        self._base = config.api_base_url.rstrip("/")
        self._http = TencentHttp(http, timeout)
        # stable_token can force a new token; used only when the normal fetch returns the
        # one just refused (it is rate-limited by Tencent).
        super().__init__(sessions, TOKEN_NAME, self._fetch_token, can_force=True, clock=clock)

    def __repr__(self) -> str:
        return f"WechatApi({self._base!r}, app_id={self._config.app_id!r})"

    async def send_text(self, openid: str, text: str) -> None:
        """A customer-service text message (within the resident's 48-hour window)."""
        await self._post("/cgi-bin/message/custom/send", {
            "touser": openid, "msgtype": "text", "text": {"content": text}})

    async def send_template(self, openid: str, template_id: str, data: dict[str, str]) -> None:
        """A template message (after the window closed); no link, fields as given."""
        await self._post("/cgi-bin/message/template/send", template_body(openid, template_id, data))

    async def create_menu(self, menu: dict[str, Any]) -> None:
        """Replace the account's custom menu."""
        await self._post("/cgi-bin/menu/create", menu)

    async def get_media(self, media_id: str,
                        limit: int = MAX_MEDIA_BYTES) -> tuple[str, bytes]:
        """A temporary media file (kept by WeChat for 3 days): (content type, bytes), or
        TooLarge over `limit` bytes. For a video WeChat answers {"video_url": ...} instead,
        and the file is fetched from there."""
        url = f"{self._base}/cgi-bin/media/get"
        content_type, body = await with_token(self._token, lambda token: self._http.media(
            url, {"access_token": token, "media_id": media_id}, limit))
        video_url = _video_url(content_type, body)
        if video_url is None:
            return content_type, body
        return await self._http.download(video_url, limit)

    async def _post(self, path: str, body: dict[str, Any]) -> None:
        url = f"{self._base}{path}"
        await with_token(self._token, lambda token: self._http.json(
            "POST", url, params={"access_token": token}, body=body))

    async def _fetch_token(self, force: bool) -> tuple[str, float]:
        data = await self._http.json("POST", f"{self._base}/cgi-bin/stable_token", body={
            "grant_type": "client_credential", "appid": self._config.app_id,
            "secret": self._config.app_secret, "force_refresh": force})
        return token_of(data)


def _video_url(content_type: str, body: bytes) -> str | None:
    """The download address in a media/get answer for a video, else None."""
    if not content_type.startswith(("application/json", "text/")):
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    url = data.get("video_url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def token_of(data: dict[str, Any]) -> tuple[str, float]:
    """(access_token, expires_in) from a token answer, or ApiError."""
    token, expires_in = data.get("access_token"), data.get("expires_in")
    if not isinstance(token, str) or not token or not isinstance(expires_in, int | float):
        raise ApiError(TRANSPORT, "token answer without access_token/expires_in", "retry")
    return token, float(expires_in)


def template_body(openid: str, template_id: str, data: dict[str, str]) -> dict[str, Any]:
    """The JSON of template/send: every field as {"value": ...}, no url."""
    return {"touser": openid, "template_id": template_id,
            "data": {name: {"value": value} for name, value in data.items()}}


class LocalRecorder:
    """What the local-mode clients share: each call becomes a row of local_deliveries (what
    `jingmin chat` and the tests read) and succeeds."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def token(self, force: bool = False) -> str:
        """A placeholder token; nothing is fetched in local mode."""
        return "local"

    async def _record(self, endpoint: str, recipient: str, body: dict[str, Any]) -> None:
        async with self._sessions() as session:
            session.add(LocalDelivery(endpoint=endpoint, recipient=recipient,
                                      body=json.dumps(body, ensure_ascii=False)))
            await session.commit()


class LocalWechatApi(LocalRecorder):
    """`api_base_url = "local"`: the official account's calls, recorded."""

    async def send_text(self, openid: str, text: str) -> None:
        """Record a customer-service text."""
        await self._record("custom_send", openid, {"text": text})

    async def send_template(self, openid: str, template_id: str, data: dict[str, str]) -> None:
        """Record a template message, with a readable summary of its fields as `text`."""
        summary = "\n".join(f"{name}: {value}" for name, value in data.items())
        await self._record("template_send", openid, {
            "text": summary, "template_id": template_id, "data": data})

    async def create_menu(self, menu: dict[str, Any]) -> None:
        """Record the menu."""
        await self._record("menu_create", "menu", {"menu": menu})

    async def get_media(self, media_id: str,
                        limit: int = MAX_MEDIA_BYTES) -> tuple[str, bytes]:
        """Local mode has no media to fetch."""
        raise ApiError(40007, f"local mode has no media ({media_id})", "give_up")


def make_wechat_api(config: Config | WechatConfig, http: aiohttp.ClientSession,
                    sessions: async_sessionmaker[AsyncSession], *,
                    timeout: float = DEFAULT_TIMEOUT) -> WechatApi | LocalWechatApi:
    """The real client, or the recording one when `api_base_url = "local"`."""
    wechat = config.wechat if isinstance(config, Config) else config
    if wechat.local:
        return LocalWechatApi(sessions)
    return WechatApi(wechat, http, sessions, timeout=timeout)
