"""/hotline/calls: the call centre's signed JSON reports of 警民热线 calls."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import time
from collections.abc import AsyncIterator

from aiohttp import web

from bot import keys
from bot.bodies import (
    ClientGone,
    TooLarge,
    TooSlow,
    gone_answer,
    json_answer,
    read_capped,
    slow_answer,
)
from bot.channels.door import Door
from handlers.channels.hotline import HOTLINE, HotlineDesk
from handlers.channels.hotline_calls import parse_call
from handlers.core.errors import Invalid

log = logging.getLogger(__name__)

PATH = "/hotline/calls"
MAX_SKEW_S = 300
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"sha256=([0-9a-fA-F]{64})")


class _Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The header value: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


class HotlineEndpoint:
    """Checks size and signature, validates the call, hands it to the desk."""

    def __init__(self, secret: str, desk: HotlineDesk, metrics) -> None:
        self._secret = secret
        self._desk = desk
        self._metrics = metrics

    async def receive(self, request: web.Request) -> web.Response:
        """201 with a new ticket, 200 with the ticket of a call already received."""
        try:
            try:
                body = await read_capped(request)
            except TooLarge:
                raise _Refused(413, "too_large") from None
            except TooSlow:
                return await slow_answer(request)
            except ClientGone:
                log.info("hotline call: the client left before its body arrived")
                return gone_answer()
            self._check_signature(request, body)
            try:
                data = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                return _bad(Invalid("body", "hotline_body_not_json"))
            call = parse_call(data, self._desk.tz, self._desk.now(),
                              raw=body.decode("utf-8"))
        except _Refused as refused:
            self._metrics.refusals.labels(HOTLINE.name, refused.reason).inc()
            log.info("hotline call refused: %s (%s)", refused.reason, refused.status)
            return json_answer({"error": refused.reason}, status=refused.status)
        except Invalid as invalid:
            return _bad(invalid)
        received = await self._desk.receive(call)
        if not received.created:
            self._metrics.dedupe_hits.labels(HOTLINE.name).inc()
        return json_answer({"ticket": received.number}, status=201 if received.created else 200)

    def _check_signature(self, request: web.Request, body: bytes) -> None:
        if not self._secret:
            raise _Refused(401, "not_configured")
        timestamp = request.headers.get("X-Jingmin-Timestamp", "")
        if not _TIMESTAMP.fullmatch(timestamp):
            raise _Refused(401, "bad_timestamp")
        if abs(int(time.time()) - int(timestamp)) > MAX_SKEW_S:
            raise _Refused(401, "stale_timestamp")
        given = _SIGNATURE.fullmatch(request.headers.get("X-Jingmin-Signature", "").strip())
        expected = sign(self._secret, timestamp, body)
        if given is None or not hmac.compare_digest(
                expected.encode(), f"sha256={given.group(1).lower()}".encode()):
            raise _Refused(401, "bad_signature")


def _bad(invalid: Invalid) -> web.Response:
    return json_answer({"error": invalid.key, "field": invalid.field,
                        "message": invalid.message}, status=400)


_ENDPOINT = web.AppKey("hotline_endpoint", HotlineEndpoint)


async def _lifecycle(app: web.Application) -> AsyncIterator[None]:
    # Runs after the app's own lifecycle has opened sessions and services.
    config = app[keys.CONFIG]
    if not config.hotline.secret:
        log.warning("[hotline] secret is empty: every call to %s is refused (401)", PATH)
    desk = HotlineDesk(app[keys.SESSIONS], app[keys.SERVICES], sms=app[keys.SERVICES].sms)
    app[_ENDPOINT] = HotlineEndpoint(config.hotline.secret, desk, app[keys.METRICS])
    yield


async def _receive(request: web.Request) -> web.StreamResponse:
    return await request.app[_ENDPOINT].receive(request)


def mount_hotline(app: web.Application) -> None:
    """Route POST /hotline/calls; its endpoint is built once the app's services exist."""
    app.cleanup_ctx.append(_lifecycle)
    app.router.add_post(PATH, _receive)


DOOR = Door(HOTLINE, mount_hotline)
