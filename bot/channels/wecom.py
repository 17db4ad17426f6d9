"""/wecom: the police WeCom app's callback (always encrypted, receive id = corp_id)."""

from __future__ import annotations

import asyncio
import base64
import binascii
import logging
import re
import struct
import time
from collections.abc import AsyncIterator, Callable

from aiohttp import web
from wechatpy.enterprise.crypto import PrpCrypto, WeChatCrypto
from wechatpy.enterprise.exceptions import InvalidCorpIdException
from wechatpy.utils import random_string

from bot import keys
from bot.channels.answering import (
    CLOCKS,
    REAL_CLOCKS,
    Clocks,
    Opened,
    PassiveAnswer,
    as_text,
    read_body,
    verify_or_receive,
)
from bot.channels.door import Door
from bot.channels.wechat_codec import (
    Refused,
    check_timestamp,
    decode,
    parse_xml,
    signature,
    signature_ok,
    strip_control,
)
from bot.config import Config, WecomConfig
from bot.metrics import Metrics
from bot.tasks import TaskTracker, cancel_all
from bot.workers import backlog_loop, lease_loop
from handlers.channels.wecom import WecomCommands
from handlers.channels.wecom_intake import WECOM, OfficerIntake
from handlers.core.types import Inbound
from storage.intake.nonces import SignedWith

log = logging.getLogger(__name__)
PATH = "/wecom"
MAX_SKEW_S = 300
# WeCom waits 5 s for an answer; leave room for the network.
REPLY_BUDGET_S = 4.0
_PLAIN = re.compile(r"[0-9A-Za-z]{1,64}")
_DECRYPT_ERRORS = (ValueError, TypeError, IndexError, KeyError, struct.error, binascii.Error,
                   UnicodeDecodeError)


class WecomCipher:
    """The app's AES: wechatpy's enterprise crypto, our constant-time signature checks."""

    def __init__(self, config: WecomConfig) -> None:
        self._token = config.token
        self._corp_id = config.corp_id
        self._key = base64.b64decode(config.encoding_aes_key + "=")
        self._crypto = WeChatCrypto(config.token, config.encoding_aes_key, config.corp_id)

    def open(self, encrypted: str, msg_signature: str | None, timestamp: str,
             nonce: str) -> str:
        """Check `msg_signature` over the ciphertext (403), then decrypt it (400)."""
        if not signature_ok(signature(self._token, timestamp, nonce, encrypted), msg_signature):
            raise Refused(403, "bad_signature", "msg_signature does not match")
        try:
            return PrpCrypto(self._key).decrypt(encrypted, self._corp_id)
        except InvalidCorpIdException:
            raise Refused(400, "wrong_corpid", "message is for another corp") from None
        except _DECRYPT_ERRORS as exc:
            raise Refused(400, "bad_ciphertext", "ciphertext cannot be decrypted") from exc

    def seal(self, xml: str, nonce: str) -> str:
        """The encrypted passive reply envelope."""
        nonce = nonce if _PLAIN.fullmatch(nonce) else random_string(10)
        return self._crypto.encrypt_message(xml, nonce, str(int(time.time())))


class WecomEndpoint:
    """Verifies and decrypts officers' pushes; the shared passive path answers them within
    WeCom's budget, else with an empty 200."""

    def __init__(self, config: WecomConfig, intake: OfficerIntake, tasks: TaskTracker,
                 metrics: Metrics, budget_s: float = REPLY_BUDGET_S,
                 clocks: Clocks = REAL_CLOCKS) -> None:
        self._answer = PassiveAnswer(WECOM, intake, tasks, metrics, budget_s, clocks=clocks)
        configured = config.token and config.encoding_aes_key and config.corp_id
        self._cipher = WecomCipher(config) if configured else None
        # Events other doors act on (the group door: msgaudit_notify, change_external_chat);
        # called for every delivery, retries included, before the push is answered.
        self.hooks: dict[str, Callable[[Inbound], None]] = {}

    async def verify_url(self, request: web.Request) -> web.Response:
        """The URL check: the decrypted echostr when the signature is right, else 403."""
        query = request.query
        try:
            cipher = self._configured()
            check_timestamp(query.get("timestamp"), MAX_SKEW_S)
            echo = cipher.open(query.get("echostr", ""), query.get("msg_signature"),
                               query["timestamp"], query.get("nonce", ""))
        except Refused as refused:
            return self._answer.refuse(refused)
        return web.Response(text=echo)

    async def receive(self, request: web.Request) -> web.Response:
        """An officer's message or event: the answer, or an empty 200 (sent later). A
        timestamp and nonce already used for another message are refused (403), as on
        /wechat."""
        return await self._answer.receive(request, self._open_push)

    async def _open_push(self, request: web.Request) -> Opened:
        query = request.query
        cipher = self._configured()
        raw = await read_body(request)
        check_timestamp(query.get("timestamp"), MAX_SKEW_S)
        envelope = parse_xml(strip_control(as_text(raw)))
        ciphertext = envelope.get("Encrypt")
        if not isinstance(ciphertext, str) or not ciphertext:
            raise Refused(400, "malformed_xml", "<Encrypt> is missing")
        nonce = query.get("nonce", "")
        plain = cipher.open(ciphertext, query.get("msg_signature"), query["timestamp"], nonce)
        signed = SignedWith(WECOM.name, int(query["timestamp"]), nonce)
        message = decode(plain, channel=WECOM.name)
        hook = self.hooks.get(message.event) if message.msg_type == "event" else None
        if hook is not None:
            hook(message)
        return Opened(message, signed, lambda xml: cipher.seal(xml, nonce), signed.stamp)

    def _configured(self) -> WecomCipher:
        if self._cipher is None:
            raise Refused(403, "not_configured", "the WeCom app is not configured")
        return self._cipher


_ENDPOINT = web.AppKey("wecom_endpoint", WecomEndpoint)
# What other doors want to hear of WeCom's events, by event name (filled before start-up).
EVENT_HOOKS = web.AppKey("wecom_event_hooks", dict)
OFFICER_INTAKE = web.AppKey("officer_intake", OfficerIntake)


async def _lifecycle(app: web.Application) -> AsyncIterator[None]:
    # Runs after the app's own lifecycle has opened the engine, sessions and services.
    config = app[keys.CONFIG]
    sessions = app[keys.SESSIONS]
    # The app's own store and locks: one group commit for every door, closed by the app.
    commands = WecomCommands(sessions, app[keys.SERVICES])
    intake = OfficerIntake(sessions, app[keys.INBOUND], app[keys.LOCKS], commands.dispatch,
                           rate_limit=config.intake.rate_limit_per_minute)
    budget = min(REPLY_BUDGET_S, config.wechat.reply_budget_s)
    app[_ENDPOINT] = WecomEndpoint(config.wecom, intake, app[keys.TASKS], app[keys.METRICS],
                                   budget, app[CLOCKS])
    app[_ENDPOINT].hooks = app[EVENT_HOOKS]
    app[OFFICER_INTAKE] = intake
    # Commands in hand keep their leases; one whose handler died is taken over by WeCom's
    # retry, else by the backlog. Officers send no backlog, so its first look waits a while
    # instead of adding to start-up's reads.
    loops = [asyncio.create_task(lease_loop(intake), name="wecom-leases")]
    if app[keys.RUN_WORKERS]:
        loops.append(asyncio.create_task(
            backlog_loop(intake, config.intake.rate_limit_per_minute, first_after_s=60.0),
            name="wecom-backlog"))
    yield
    await cancel_all(loops)


async def _route(request: web.Request) -> web.StreamResponse:
    return await verify_or_receive(request, request.app[_ENDPOINT])


def mount_wecom(app: web.Application) -> None:
    """Route GET/POST /wecom; its endpoint is built once the app's services exist."""
    app[EVENT_HOOKS] = {}
    app.cleanup_ctx.append(_lifecycle)
    app.router.add_route("*", PATH, _route)


def _window(config: Config) -> int:
    return MAX_SKEW_S


DOOR = Door(WECOM, mount_wecom, signature_window_s=_window)
