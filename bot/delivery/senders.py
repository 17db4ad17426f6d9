"""One send function per outbox job kind, on top of the Tencent clients."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
import uuid
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.bodies import TooLarge
from bot.config import Config, SmsConfig
from bot.delivery.api_errors import TRANSPORT, ApiError
from bot.delivery.group_tasks import group_task_sender
from bot.delivery.retry import MEDIA_LIFETIME
from bot.delivery.sending import Deferred, Held, LeasedSend, Send, Undeliverable
from bot.delivery.tencent_http import DEFAULT_TIMEOUT
from bot.delivery.wechat_api import make_wechat_api
from bot.delivery.wecom_api import RobotRateLimiter, make_wecom_app, make_wecom_robot
from handlers import texts
from storage import private
from storage.base import utcnow
from storage.delivery import outbox
from storage.delivery.outbox import Claimed
from storage.delivery.tokens import TokenStore
from storage.intake import media, window
from storage.tickets import store as ticket_store

log = logging.getLogger(__name__)

ROBOT_LEASE = "wecom-robot-sender"
# Short and renewed on every send: an instance that died (or restarted for a deploy) holds
# the robot for at most this long, so an emergency alert waits no longer than that.
ROBOT_LEASE_TTL = timedelta(seconds=20)
MEDIA_IN_DB_MAX = 2 * 1024 * 1024
MEDIA_MAX = 10 * 1024 * 1024
MEDIA_TYPES = {
    "image": {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/bmp": "bmp"},
    "voice": {"audio/amr": "amr", "audio/x-amr": "amr", "audio/speex": "speex",
              "voice/speex": "speex", "audio/mpeg": "mp3"},
    "video": {"video/mp4": "mp4", "video/mpeg4": "mp4", "video/quicktime": "mov"},
}
MEDIA_TYPES["shortvideo"] = MEDIA_TYPES["video"]


def build_senders(config: Config, http: aiohttp.ClientSession,
                  sessions: async_sessionmaker[AsyncSession], *,
                  timeout: float = DEFAULT_TIMEOUT) -> dict[str, Send]:
    """The send function of every outbox job kind, on real or local (recording) clients;
    `timeout` bounds each Tencent call."""
    api = make_wechat_api(config, http, sessions, timeout=timeout)
    senders: dict[str, Send] = {
        "wechat_text": wechat_text(api, sessions, config),
        "wechat_template": wechat_template(api),
        "wecom_robot": wecom_robot(make_wecom_robot(config, http, sessions, timeout=timeout),
                                   RobotRateLimiter(), TokenStore(sessions)),
        "wecom_app": wecom_app(make_wecom_app(config, http, sessions, timeout=timeout)),
        "media_fetch": media_fetch(api, sessions, config.server.data_dir),
    }
    if config.sms.url:
        senders["sms"] = sms(config.sms, http, timeout=timeout)
    senders["group_task"] = group_task_sender(config, http, sessions, timeout=timeout)
    return senders


def wechat_text(api, sessions: async_sessionmaker[AsyncSession],
                config: Config | None = None) -> Send:
    """Customer-service text while the resident's 48-hour window and quota allow. Outside
    them the reply is held (it goes out with the passive reply to their next message) and,
    when a template is configured, a template notice names the ticket and its status."""
    async def send(job: Claimed) -> None:
        async with sessions() as session:
            last, used = await window.customer_service_window(session, job.recipient)
        reason = ""
        if last is None or utcnow() - last > window.CUSTOMER_SERVICE_WINDOW:
            reason = "customer-service window closed (no message from the resident in 48 h)"
        elif used >= window.CUSTOMER_SERVICE_QUOTA:
            reason = "customer-service quota of 5 messages spent until the resident writes"
        if reason:
            if config is not None and await _template_notice(api, sessions, config, job):
                reason += "; template notice sent"
            raise Held(reason)
        await api.send_text(job.recipient, job.payload["text"])
    return send


async def _template_notice(api, sessions: async_sessionmaker[AsyncSession], config: Config,
                           job: Claimed) -> bool:
    """Tell the resident, by template, that ticket N has news (no link, no reply text)."""
    wechat, number = config.wechat, job.payload.get("ticket")
    if not (wechat.template_id and wechat.template_fields and number):
        return False
    async with sessions() as session:
        ticket = await ticket_store.get_by_number(session, number)
    if ticket is None:
        return False
    local = utcnow().astimezone(ZoneInfo(config.tickets.timezone))
    values = {"number": ticket.number, "kind": texts.KIND_LABELS[ticket.kind],
              "status": texts.STATUS_LABELS[ticket.status],
              "text": texts.text("template_notice"), "time": f"{local:%Y-%m-%d %H:%M}"}
    data = {name: values[source] for name, source in wechat.template_fields.items()}
    try:
        await api.send_template(job.recipient, wechat.template_id, data)
    except ApiError as exc:
        log.warning("template notice for outbox job %d failed: %s", job.id, exc)
        return False
    return True


def wechat_template(api) -> Send:
    """A template message (used when the customer-service window has closed)."""
    async def send(job: Claimed) -> None:
        await api.send_template(job.recipient, job.payload["template_id"], job.payload["data"])
    return send


def wecom_robot(robot, limiter: RobotRateLimiter, leases: TokenStore) -> LeasedSend:
    """A police-group alert, within the robot's 20 a minute, emergencies first. One instance
    at a time sends to the robot (a lease), so the limit holds across instances."""
    holder = f"robot-{uuid.uuid4().hex[:12]}"

    async def send(job: Claimed) -> None:
        urgent = job.priority == outbox.PRIORITY_EMERGENCY
        # Without a free slot the job waits for the one booked for it, without touching the
        # lease: a backlog beyond 20 a minute was claimed and deferred again every round,
        # each waiting job to the same freed slot (quadratic in the backlog).
        wait = limiter.book(job.id, urgent=urgent)
        if wait > 0:
            raise Deferred(wait, "robot rate limit: waiting for its slot")
        if not await leases.acquire(ROBOT_LEASE, holder, ROBOT_LEASE_TTL) and \
                not await leases.renew(ROBOT_LEASE, holder, ROBOT_LEASE_TTL):
            limiter.forget(job.id)
            raise Deferred(2.0, "another instance is sending to the robot")
        if limiter.wait_time(urgent=True) > 0:   # sends in flight took the slots meanwhile
            raise Deferred(max(limiter.book(job.id, urgent=urgent), 1.0),
                           "robot rate limit: waiting for its slot")
        limiter.take(job.id)
        await robot.send(_marked(job), markdown=bool(job.payload.get("markdown")))
    # Other instances' outboxes leave robot jobs alone while this lease is held.
    return LeasedSend(send, ROBOT_LEASE, holder)


def wecom_app(app) -> Send:
    """A message to an officer in the WeCom app."""
    async def send(job: Claimed) -> None:
        await app.send_text(job.recipient, _marked(job))
    return send


def _marked(job: Claimed) -> str:
    """An officers' message; one reclaimed from a holder that died may have been sent already
    (neither the robot nor the app takes an idempotency key), so it says so: a duty officer
    seeing an alert twice knows it is one emergency, not two."""
    text = job.payload["text"]
    return texts.text("maybe_repeated") + text if job.reclaimed else text


def sms(config: SmsConfig, http: aiohttp.ClientSession, *,
        timeout: float = DEFAULT_TIMEOUT) -> Send:
    """An approved-template SMS through the gateway: signed JSON {phone, template, params,
    ticket}, X-Jingmin-Signature = sha256=<hex HMAC-SHA256(secret, body)>. Errors never
    quote the phone number or the gateway's answer (both end up in logs)."""
    async def send(job: Claimed) -> None:
        payload = {key: job.payload[key] for key in ("phone", "template", "params", "ticket")}
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        mac = hmac.new(config.secret.encode(), body, hashlib.sha256).hexdigest()
        headers = {"Content-Type": "application/json; charset=utf-8",
                   "X-Jingmin-Timestamp": str(int(time.time())),
                   "X-Jingmin-Signature": f"sha256={mac}"}
        try:
            async with http.post(config.url, data=body, headers=headers,
                                 timeout=aiohttp.ClientTimeout(total=timeout)) as response:
                status = response.status
        except TimeoutError:
            raise ApiError(TRANSPORT, "SMS gateway timed out", "retry") from None
        except aiohttp.ClientError as exc:
            raise ApiError(TRANSPORT, f"SMS gateway unreachable ({type(exc).__name__})",
                           "retry") from None
        if status == 429 or status >= 500:
            raise ApiError(status, f"SMS gateway HTTP {status}", "retry")
        if status >= 300:
            raise Undeliverable(f"SMS gateway refused the message (HTTP {status})")
    return send


def media_fetch(api, sessions: async_sessionmaker[AsyncSession], data_dir: str) -> Send:
    """Fetch an image, voice note or video, check it, and keep it where every instance can
    read it."""
    async def send(job: Claimed) -> None:
        media_id, kind = job.payload["media_id"], job.payload["kind"]
        try:
            content_type, body = await api.get_media(media_id, MEDIA_MAX)
        except TooLarge as exc:
            reason = f"refused {kind} media: {exc.message}"
            await _mark(sessions, media_id, "refused", reason)
            raise Undeliverable(reason) from exc
        except ApiError as exc:
            if exc.outcome != "retry" or utcnow() - job.created_at >= MEDIA_LIFETIME:
                await _mark(sessions, media_id, "lost", str(exc))
                raise Undeliverable(f"media {media_id} lost: {exc}") from exc
            raise
        content_type = content_type.split(";")[0].strip().lower()
        extension = MEDIA_TYPES.get(kind, {}).get(content_type)
        if extension is None or not body:
            reason = f"refused {kind} media: type {content_type!r}, {len(body)} bytes"
            await _mark(sessions, media_id, "refused", reason)
            raise Undeliverable(reason)
        async with sessions() as session, session.begin():
            if len(body) <= MEDIA_IN_DB_MAX:
                await media.store(session, media_id, content_type, len(body), data=body)
            else:
                path = await asyncio.to_thread(_write_file, data_dir, media_id, extension, body)
                await media.store(session, media_id, content_type, len(body), path=path)
    return send


def _write_file(data_dir: str, media_id: str, extension: str, body: bytes) -> str:
    # Media ids are Tencent's: hash them rather than trust them as file names.
    name = hashlib.sha256(media_id.encode()).hexdigest()[:32]
    path = private.folder(Path(data_dir) / "media") / f"{name}.{extension}"
    private.write(path, body)
    return str(path)


async def _mark(sessions: async_sessionmaker[AsyncSession], media_id: str, state: str,
                error: str) -> None:
    async with sessions() as session, session.begin():
        await media.mark(session, media_id, state, error)
