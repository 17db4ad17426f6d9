"""/wechat: the official account's push endpoint (URL check and messages)."""

from __future__ import annotations

import asyncio
import logging
import re
import time

from aiohttp import web

from bot.bodies import TooLarge, read_capped
from bot.config import WechatConfig
from bot.metrics import Metrics
from bot.tasks import TaskTracker
from bot.wechat_codec import (
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
from handlers.intake import Delivery, Intake
from handlers.types import Inbound, Reply

log = logging.getLogger(__name__)
SUCCESS = "success"
_PLAIN = re.compile(r"[0-9A-Za-z]{1,64}")


class WechatEndpoint:
    """Verifies, decodes and answers pushes; handling is the intake's business."""

    def __init__(self, config: WechatConfig, intake: Intake, tasks: TaskTracker,
                 metrics: Metrics) -> None:
        self._config = config
        self._intake = intake
        self._tasks = tasks
        self._metrics = metrics
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
        """Record a push before answering, then answer within the reply budget."""
        started = time.monotonic()
        try:
            body = await read_text(request)
            query = request.query
            encrypted = query.get("encrypt_type", "").lower() == "aes"
            if encrypted:
                if self._cipher is None:
                    raise Refused(400, "no_aes_key", "safe mode is not configured")
                if not self._config.token:
                    raise Refused(403, "bad_signature", "no token configured")
                check_timestamp(query.get("timestamp"), self._config.max_clock_skew_s)
                envelope = parse_xml(strip_control(body))
                ciphertext = envelope.get("Encrypt")
                if not isinstance(ciphertext, str) or not ciphertext:
                    raise Refused(400, "malformed_xml", "<Encrypt> is missing")
                body = self._cipher.decrypt(ciphertext, query.get("msg_signature"),
                                            query["timestamp"], query.get("nonce", ""))
            else:
                self._check_signature(query)
                check_timestamp(query.get("timestamp"), self._config.max_clock_skew_s)
            message = decode(body)
        except Refused as refused:
            return self._refuse(refused)

        reply = await self._answer(message, started)
        self._metrics.reply_latency.observe(time.monotonic() - started)
        if reply is None or reply.empty:
            return web.Response(text=SUCCESS)
        xml = render_text_reply(message.openid, message.account, reply.text)
        if encrypted and self._cipher is not None:
            # Echo WeChat's nonce only when it is a plain token: it lands in a CDATA section.
            nonce = query.get("nonce", "")
            xml = self._cipher.encrypt(xml, nonce=nonce if _PLAIN.fullmatch(nonce) else None)
        return web.Response(text=xml, content_type="application/xml")

    async def _answer(self, message: Inbound, started: float) -> Reply | None:
        accepted = await self._intake.accept(message)
        if accepted.duplicate:
            self._metrics.dedupe_hits.labels("wechat").inc()
            if accepted.reply is None:  # the first delivery is still being handled
                budget = self._config.reply_budget_s - (time.monotonic() - started)
                return await self._intake.reply_to_retry(accepted.id, budget)
            return accepted.reply
        if accepted.queued:
            return accepted.reply
        delivery = Delivery()
        task = self._tasks.spawn(self._intake.handle(accepted, message, delivery),
                                 name=f"handle-{accepted.id}")
        done, _ = await asyncio.wait({task}, timeout=self._config.reply_budget_s)
        if not done and delivery.give_up():
            self._metrics.late_replies.inc()
            return None
        try:
            # Either done, or the reply was settled as passive and is being committed.
            return await asyncio.shield(task)
        except Exception:
            # Recorded already; the backlog worker picks it up again (logged by the tracker).
            return None

    def _refuse(self, refused: Refused) -> web.Response:
        self._metrics.refusals.labels("wechat", refused.reason).inc()
        log.info("wechat push refused: %s (%s)", refused.reason, refused.status)
        return web.Response(status=refused.status, text=str(refused))


async def read_text(request: web.Request) -> str:
    """The body as UTF-8 text, refusing more than 64 KiB before anything parses it."""
    try:
        body = await read_capped(request)
    except TooLarge:
        raise Refused(413, "too_large", "body over 64 KiB") from None
    if not body.strip():
        raise Refused(400, "empty_body", "empty body")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "malformed_xml", "body is not UTF-8") from None


async def verify_or_receive(request: web.Request, endpoint) -> web.StreamResponse:
    """GET is the platform's URL check, POST a push (shared by /wechat and /wecom)."""
    if request.method == "GET":
        return await endpoint.verify_url(request)
    if request.method == "POST":
        return await endpoint.receive(request)
    raise web.HTTPMethodNotAllowed(request.method, ["GET", "POST"])
