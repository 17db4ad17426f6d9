"""Reading request bodies with a size cap, before anything parses them."""

from __future__ import annotations

from aiohttp import web

MAX_BODY_BYTES = 64 * 1024


class TooLarge(Exception):
    """The body is over the cap (HTTP 413)."""


async def read_capped(request: web.Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The whole body, or TooLarge as soon as it passes `limit` bytes (a declared
    Content-Length over the cap is refused without reading)."""
    if request.content_length is not None and request.content_length > limit:
        raise TooLarge
    data = bytearray()
    async for chunk in request.content.iter_chunked(16 * 1024):
        data += chunk
        if len(data) > limit:
            raise TooLarge
    return bytes(data)
