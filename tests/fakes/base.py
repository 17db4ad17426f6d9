"""What the fake Tencent's parts share: Tencent's answers and its access tokens."""

from __future__ import annotations

import json
from dataclasses import dataclass

from aiohttp import web

OK = {"errcode": 0, "errmsg": "ok"}


@dataclass
class Tokens:
    """The access token one API hands out: renewed when expired or asked to."""

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


def errcode_of(response: web.Response) -> int:
    """The errcode a JSON (or JSON-as-text) answer carries, 0 for none."""
    if response.content_type not in ("application/json", "text/plain"):
        return 0
    try:
        data = json.loads(response.text or "")
    except ValueError:
        return 0
    return int(data.get("errcode") or 0) if isinstance(data, dict) else 0


def error(code: int, message: str = "fake error") -> web.Response:
    """Tencent's error answer: HTTP 200 with an errcode."""
    return web.json_response({"errcode": code, "errmsg": message})
