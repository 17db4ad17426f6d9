"""/wechat: the official account's push endpoint (URL check and messages)."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import AsyncIterator

from aiohttp import web

from bot import keys
from bot.channels.admission import Admission
from bot.channels.answering import (
    CLOCKS,
    REAL_CLOCKS,
    Clocks,
    Opened,
    PassiveAnswer,
    as_text,
    read_body,
    unsealed,
    verify_or_receive,
)
from bot.channels.door import Door
from bot.channels.wechat_codec import (
    Cipher,
    Refused,
    check_timestamp,
    decode,
    parse_xml,
    signature,
    signature_ok,
    strip_control,
)
from bot.config import Config, WechatConfig
from bot.metrics import Metrics
from bot.tasks import TaskTracker
from handlers.channels.intake import WECHAT, Intake
from handlers.conversation import urgency
from storage.intake.nonces import SignedWith

log = logging.getLogger(__name__)
PATH = "/wechat"
SUCCESS = "success"
_PLAIN = re.compile(r"[0-9A-Za-z]{1,64}")


class WechatEndpoint:
    """Verifies and decodes pushes; answering them is the shared passive path's business."""

    def __init__(self, config: WechatConfig, intake: Intake, tasks: TaskTracker,
                 metrics: Metrics, clocks: Clocks = REAL_CLOCKS,
                 admission: Admission | None = None) -> None:
        self._config = config
        self._answer = PassiveAnswer(WECHAT, intake, tasks, metrics, config.reply_budget_s,
                                     nothing=SUCCESS, timed=True, clocks=clocks,
                                     admission=admission)
        self._cipher = (Cipher(config.token, config.encoding_aes_key, config.app_id)
                        if config.encoding_aes_key else None)

    def routes(self) -> list[web.RouteDef]:
        """The GET and POST routes of /wechat."""
        return [web.get(PATH, self.verify_url), web.post(PATH, self.receive)]

    def _check_signature(self, query) -> None:
        token = self._config.token
        timestamp, nonce = query.get("timestamp", ""), query.get("nonce", "")
        if not token or not signature_ok(signature(token, timestamp, nonce),
                                         query.get("signature")):
            raise Refused(403, "bad_signature", "signature does not match")

    async def verify_url(self, request: web.Request) -> web.Response:
        """WeChat's URL check: echo `echostr` only when the signature is right."""
        try:
            self._check_signature(request.query)
        except Refused as refused:
            return self._answer.refuse(refused)
        return web.Response(text=request.query.get("echostr", ""))

    async def receive(self, request: web.Request) -> web.Response:
        """Record a push before answering, then answer within the reply budget."""
        return await self._answer.receive(request, self._open_push)

    async def _open_push(self, request: web.Request) -> Opened:
        """Checked in the contract's order: size (413), mode (403), signature and time (403),
        XML (400); a URL signature already used for another message (403) comes later."""
        query = request.query
        raw = await read_body(request)
        encrypted = self._mode(query)
        # WeChat signs the URL in every mode; safe mode adds msg_signature over the body.
        self._check_signature(query)
        check_timestamp(query.get("timestamp"), self._config.max_clock_skew_s)
        body = as_text(raw)
        if encrypted:
            # Compatible mode carries plaintext fields beside <Encrypt>: only the
            # ciphertext, which msg_signature covers, is believed.
            body = self._open(body, query)
        seal = unsealed
        if encrypted and self._cipher is not None:
            cipher = self._cipher
            # Echo WeChat's nonce only when it is a plain token: it lands in a CDATA section.
            nonce = query.get("nonce", "")
            nonce = nonce if _PLAIN.fullmatch(nonce) else None

            def seal(xml: str) -> str:
                return cipher.encrypt(xml, nonce=nonce)
        return Opened(decode(body), self._signed(query), seal, int(query["timestamp"]))

    def _mode(self, query) -> bool:
        """True for safe or compatible mode; plaintext is refused when safe mode is required
        and possible (an AES key is set)."""
        if query.get("encrypt_type", "").lower() == "aes":
            if self._cipher is None:
                raise Refused(400, "no_aes_key", "safe mode is not configured")
            return True
        if self._cipher is not None and self._config.require_safe_mode:
            raise Refused(403, "plaintext_refused", "safe mode is required")
        return False

    def _open(self, body: str, query) -> str:
        if self._cipher is None:
            raise Refused(400, "no_aes_key", "safe mode is not configured")
        envelope = parse_xml(strip_control(body))
        ciphertext = envelope.get("Encrypt")
        if not isinstance(ciphertext, str) or not ciphertext:
            raise Refused(400, "malformed_xml", "<Encrypt> is missing")
        return self._cipher.decrypt(ciphertext, query.get("msg_signature"), query["timestamp"],
                                    query.get("nonce", ""))

    def _signed(self, query) -> SignedWith | None:
        """The URL signature's timestamp and nonce, kept within the skew window (none
        without a window: a signature could then never be forgotten)."""
        if not self._config.max_clock_skew_s:
            return None
        return SignedWith(WECHAT.name, int(query["timestamp"]), query.get("nonce", ""))


_ENDPOINT = web.AppKey("wechat_endpoint", WechatEndpoint)


async def _lifecycle(app: web.Application) -> AsyncIterator[None]:
    # Runs after the app's own lifecycle has opened the intake every resident's push uses.
    config, metrics = app[keys.CONFIG], app[keys.METRICS]
    # Residents' pushes only: officers' requests (console, API, /wecom) are never held, even
    # when served on this port (admin_port = 0).
    admission = Admission(config.server.max_concurrent_pushes,
                          functools.partial(urgency.assess, app[keys.SERVICES].classifier),
                          metrics)
    app[_ENDPOINT] = WechatEndpoint(config.wechat, app[keys.INTAKE], app[keys.TASKS], metrics,
                                    app[CLOCKS], admission)
    yield


async def _route(request: web.Request) -> web.StreamResponse:
    return await verify_or_receive(request, request.app[_ENDPOINT])


def mount_wechat(app: web.Application) -> None:
    """Route GET/POST /wechat; its endpoint is built once the app's intake exists."""
    app.cleanup_ctx.append(_lifecycle)
    app.router.add_route("*", PATH, _route)


def _window(config: Config) -> int:
    return config.wechat.max_clock_skew_s


DOOR = Door(WECHAT, mount_wechat, signature_window_s=_window)
