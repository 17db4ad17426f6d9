"""One HTTP exchange with a Tencent API: timeout, errcode and transport failures as ApiError."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.bodies import TooLarge
from bot.delivery.api_errors import TOKEN_CODES, TRANSPORT, ApiError
from storage.delivery.tokens import Clock, SharedToken, TokenBusy, TokenStore

DEFAULT_TIMEOUT = 5.0
MAX_MEDIA_BYTES = 20 * 1024 * 1024
T = TypeVar("T")


class TencentHttp:
    """Requests with a total timeout; never lets a URL (it carries tokens and keys) into errors."""

    def __init__(self, http: aiohttp.ClientSession, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._http = http
        self.timeout = timeout

    async def json(self, method: str, url: str, *, params: Mapping[str, str] | None = None,
                   body: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The JSON answer; ApiError for errcode != 0, HTTP 5xx, timeouts, broken connections."""
        _, raw = await self._exchange(method, url, params, body)
        return _checked(_parse(raw))

    async def media(self, url: str, params: Mapping[str, str],
                    limit: int = MAX_MEDIA_BYTES) -> tuple[str, bytes]:
        """A file download: (content type, bytes); a JSON answer with errcode is an error,
        one over `limit` bytes TooLarge."""
        content_type, raw = await self._exchange("GET", url, params, None, limit)
        if content_type.startswith(("application/json", "text/")):
            try:
                data = json.loads(raw)
            except ValueError:
                data = None
            if isinstance(data, dict) and data.get("errcode"):
                _checked(data)
        return content_type, raw

    async def download(self, url: str, limit: int = MAX_MEDIA_BYTES) -> tuple[str, bytes]:
        """A file at an address Tencent gave (a video's video_url): (content type, bytes);
        TooLarge over `limit` bytes."""
        return await self._exchange("GET", url, None, None, limit)

    async def _exchange(self, method: str, url: str, params: Mapping[str, str] | None,
                        body: Mapping[str, Any] | None,
                        limit: int = MAX_MEDIA_BYTES) -> tuple[str, bytes]:
        # Tencent shows \uXXXX escapes literally in some places (menus, messages): send UTF-8.
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8"} if data else None
        try:
            async with self._http.request(
                method, url, params=params, data=data, headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.timeout),
            ) as response:
                if response.status >= 500:
                    raise ApiError(response.status, f"HTTP {response.status}")
                raw = await _read_capped(response, limit)
                if response.status >= 400:
                    raise ApiError(response.status, f"HTTP {response.status}")
                return response.content_type or "", raw
        except TimeoutError:
            raise ApiError(TRANSPORT, f"timeout after {self.timeout:g} s", "retry") from None
        except aiohttp.ClientError as exc:
            # `from None`: aiohttp's messages may quote the URL, with its token or key.
            raise ApiError(TRANSPORT, f"connection error ({type(exc).__name__})",
                           "retry") from None


async def _read_capped(response: aiohttp.ClientResponse, limit: int) -> bytes:
    # A file over the limit was once read whole before it was refused: whether it was
    # refused then hung on the download finishing within the timeout (on a slow link it was
    # retried for days, and lost), and one over 20 MiB was lost, not refused.
    if response.content_length is not None and response.content_length > limit:
        raise TooLarge(limit)
    chunks, size = [], 0
    async for chunk in response.content.iter_chunked(65536):
        size += len(chunk)
        if size > limit:
            raise TooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise ApiError(TRANSPORT, "answer is not a JSON object", "retry")
    return data


def _checked(data: dict[str, Any]) -> dict[str, Any]:
    code = data.get("errcode", 0)
    if not isinstance(code, int):
        raise ApiError(TRANSPORT, "answer has a malformed errcode", "retry")
    if code != 0:
        raise ApiError(code, str(data.get("errmsg", "")))
    return data


async def with_token(get_token: Callable[[str | None], Awaitable[str]],
                     call: Callable[[str], Awaitable[T]]) -> T:
    """`call(token)`; if the token is refused, fetch another once and call once more.

    Bounded on purpose: wechatpy's auto_retry recursed without end on a persistent 42001.
    """
    token = await get_token(None)
    try:
        return await call(token)
    except ApiError as exc:
        if exc.code not in TOKEN_CODES:
            raise
    return await call(await get_token(token))


class SharedTokenClient:
    """The access token both Tencent APIs hand out, kept in the database so every instance
    uses the same one (a second fetch would revoke the first)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], name: str,
                 fetch: Callable[[bool], Awaitable[tuple[str, float]]], *,
                 can_force: bool = False, clock: Clock) -> None:
        self._token_name = name
        self._store = TokenStore(sessions)
        self._shared = SharedToken(self._store, name, fetch, can_force=can_force, clock=clock)

    async def token(self, force: bool = False) -> str:
        """The shared access token; `force` treats the stored one as refused."""
        refused = None
        if force:
            stored = await self._store.read(self._token_name)
            refused = stored.value if stored else None
        return await self._token(refused)

    async def _token(self, refused: str | None) -> str:
        try:
            return await self._shared.get(refused)
        except TokenBusy as exc:
            raise ApiError(TRANSPORT, str(exc), "retry") from None
