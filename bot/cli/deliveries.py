"""Local mode's read-back for the chat commands: what the server recorded as sent to one
recipient after a cursor (GET /local/deliveries)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import aiohttp


@dataclass(frozen=True)
class Page:
    """Deliveries recorded after the cursor, oldest first, and the cursor after them."""

    items: list[dict[str, Any]]
    last: int | None


async def fetch(http: aiohttp.ClientSession, base: str, openid: str,
                after: int | None) -> Page | None:
    """What was sent to `openid` after `after` (from the start when None); None when the
    server could not say (it is restarting, or not in local mode): ask again later."""
    params = {"openid": openid}
    if after is not None:
        params["after"] = str(after)
    try:
        async with http.get(f"{base}/local/deliveries", params=params) as response:
            if response.status != 200:
                return None
            data = await response.json()
    except (aiohttp.ClientError, TimeoutError, ValueError):
        return None
    return Page(list(data.get("items", [])), data.get("last", after))
