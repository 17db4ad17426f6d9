"""Request bodies read with a size cap and a deadline before anything parses them, and JSON
answers that cannot fail whatever text they echo."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Mapping
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

from handlers import texts

MAX_BODY_BYTES = 64 * 1024
# A body (or a console form) must arrive within this: a client that sends headers and then
# trickles or stalls would otherwise hold a connection and a handler for ever.
BODY_TIMEOUT_S = 10.0
BODY_TIMEOUT = web.AppKey("body_timeout_s", float)


class TooLarge(Exception):
    """More bytes than the reader takes: a request body over the cap (HTTP 413), or a file
    from Tencent over its caller's limit. Refused as soon as that shows (the declared length,
    or the bytes read so far), never read whole first."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.message = f"file larger than {limit} bytes"
        super().__init__(self.message)


class TooSlow(Exception):
    """The body did not arrive in time (HTTP 408, connection closed)."""


class ClientGone(Exception):
    """The client went away before its body arrived: nothing to answer, nothing wrong here."""


def _deadline(request: web.Request) -> float:
    return request.config_dict.get(BODY_TIMEOUT, BODY_TIMEOUT_S)


async def read_capped(request: web.Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The whole body, or TooLarge as soon as it passes `limit` bytes (a declared
    Content-Length over the cap is refused without reading), TooSlow past the deadline,
    ClientGone when the connection drops mid-body."""
    if request.content_length is not None and request.content_length > limit:
        raise TooLarge(limit)
    content = request.content
    if content.is_eof():
        # The whole body came with the headers (a push is a few hundred bytes): nothing to
        # wait for, so no deadline timer and no chunk iteration on every push.
        data = content.read_nowait()
        if len(data) > limit:
            raise TooLarge(limit)
        return data
    data = bytearray()
    try:
        async with asyncio.timeout(_deadline(request)):
            async for chunk in request.content.iter_chunked(16 * 1024):
                data += chunk
                if len(data) > limit:
                    raise TooLarge(limit)
    except TimeoutError:
        raise TooSlow from None
    except ConnectionResetError:
        raise ClientGone from None
    return bytes(data)


async def read_form(request: web.Request) -> MultiDictProxy:
    """A console form (aiohttp caches it for later reads), within the same deadline; a body
    that is not UTF-8 is a 400."""
    try:
        async with asyncio.timeout(_deadline(request)):
            return await request.post()
    except TimeoutError:
        raise TooSlow from None
    except ConnectionResetError:
        raise ClientGone from None
    except UnicodeDecodeError:
        raise web.HTTPBadRequest(text=texts.text("form_not_utf8")) from None


async def slow_answer(request: web.Request) -> web.StreamResponse:
    """408, then the connection closed at once: aiohttp would otherwise linger for up to
    10 s reading what is left of a body that is not coming."""
    response = json_answer({"error": "timeout", "message": texts.text("body_too_slow")},
                           status=408)
    response.force_close()
    await response.prepare(request)
    await response.write_eof()
    if request.transport is not None:
        request.transport.close()
    return response


def gone_answer() -> web.Response:
    """What is 'sent' to a client that left: an empty 400 nobody reads."""
    response = web.Response(status=400)
    response.force_close()
    return response


def dumps(value: Any, default: Callable[[Any], Any] | None = None) -> bytes:
    """UTF-8 JSON that never fails on text it echoes: an unpaired surrogate becomes its
    \\uXXXX escape, which is still valid JSON."""
    return json.dumps(value, ensure_ascii=False, default=default).encode(
        "utf-8", "backslashreplace")


def json_answer(value: Any, *, status: int = 200, headers: Mapping[str, str] | None = None,
                default: Callable[[Any], Any] | None = None) -> web.Response:
    """A JSON response built with `dumps`."""
    return web.Response(body=dumps(value, default), status=status, headers=headers,
                        content_type="application/json")
