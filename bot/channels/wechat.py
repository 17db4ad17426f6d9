"""/wechat: the official account's push endpoint (URL check and messages)."""

from __future__ import annotations

import logging
import re
import time

from aiohttp import web

from bot.bodies import TooLarge, read_capped
from bot.channels.answering import Answerer
from bot.channels.wechat_codec import (
    Cipher,
    Refused,
    check_timestamp,
    decode,
    parse_xml,
    render_text_reply,
    signature,
    signature_ok,
    strip_control,
)
from bot.config import WechatConfig
from bot.metrics import Metrics
from bot.tasks import TaskTracker
from handlers.channels.intake import Intake
from storage.intake.nonces import SignedWith

log = logging.getLogger(__name__)
SUCCESS = "success"
_PLAIN = re.compile(r"[0-9A-Za-z]{1,64}")


class WechatEndpoint:
    """Verifies, decodes and answers pushes; handling is the intake's business."""

    def __init__(self, config: WechatConfig, intake: Intake, tasks: TaskTracker,
                 metrics: Metrics) -> None:
        self._config = config
        self._metrics = metrics
        self._answerer = Answerer("wechat", intake, tasks, metrics, config.reply_budget_s)
        self._cipher = (Cipher(config.token, config.encoding_aes_key, config.app_id)
                        if config.encoding_aes_key else None)

    def routes(self) -> list[web.RouteDef]:
        """The GET and POST routes of /wechat."""
        return [web.get("/wechat", self.verify_url), web.post("/wechat", self.receive)]

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
            return self._refuse(refused)
        return web.Response(text=request.query.get("echostr", ""))

    async def receive(self, request: web.Request) -> web.Response:
        """Record a push before answering, then answer within the reply budget.

        Checked in the contract's order: size (413), mode (403), signature and time (403),
        XML (400), a URL signature already used for another message (403).
        """
        started = time.monotonic()
        query = request.query
        try:
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
            message = decode(body)
            reply = await self._answerer.answer(message, self._signed(query), started,
                                                gone=lambda: _hung_up(request))
        except Refused as refused:
            return self._refuse(refused)
        self._metrics.reply_latency.observe(time.monotonic() - started)
        if reply is None or reply.empty:
            return web.Response(text=SUCCESS)
        xml = render_text_reply(message.openid, message.account, reply.text)
        if encrypted and self._cipher is not None:
            # Echo WeChat's nonce only when it is a plain token: it lands in a CDATA section.
            nonce = query.get("nonce", "")
            xml = self._cipher.encrypt(xml, nonce=nonce if _PLAIN.fullmatch(nonce) else None)
        return web.Response(text=xml, content_type="application/xml")

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
        return SignedWith("wechat", int(query["timestamp"]), query.get("nonce", ""))

    def _refuse(self, refused: Refused) -> web.Response:
        self._metrics.refusals.labels("wechat", refused.reason).inc()
        log.info("wechat push refused: %s (%s)", refused.reason, refused.status)
        return web.Response(status=refused.status, text=str(refused))


def _hung_up(request: web.Request) -> bool:
    """True when the platform closed the connection (it stopped waiting for the answer)."""
    transport = request.transport
    return transport is None or transport.is_closing()


async def read_body(request: web.Request) -> bytes:
    """The body, refusing more than 64 KiB before anything parses it."""
    try:
        return await read_capped(request)
    except TooLarge:
        raise Refused(413, "too_large", "body over 64 KiB") from None


def as_text(body: bytes) -> str:
    """The body as UTF-8 text, refusing an empty one."""
    if not body.strip():
        raise Refused(400, "empty_body", "empty body")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "malformed_xml", "body is not UTF-8") from None


async def read_text(request: web.Request) -> str:
    """The body as UTF-8 text, refusing more than 64 KiB before anything parses it."""
    return as_text(await read_body(request))


async def verify_or_receive(request: web.Request, endpoint) -> web.StreamResponse:
    """GET is the platform's URL check, POST a push (shared by /wechat and /wecom)."""
    if request.method == "GET":
        return await endpoint.verify_url(request)
    if request.method == "POST":
        return await endpoint.receive(request)
    raise web.HTTPMethodNotAllowed(request.method, ["GET", "POST"])
