"""One send function per outbox job kind, on top of the Tencent clients."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from datetime import timedelta
from pathlib import Path

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.api_errors import ApiError
from bot.config import Config
from bot.outbox import MEDIA_LIFETIME, Deferred, Held, Send, Undeliverable
from bot.tencent_http import DEFAULT_TIMEOUT
from bot.wechat_api import make_wechat_api
from bot.wecom_api import RobotRateLimiter, make_wecom_app, make_wecom_robot
from storage import media, outbox
from storage.base import utcnow
from storage.outbox import Claimed
from storage.tokens import TokenStore

# WeChat allows 5 customer-service messages within 48 hours of the resident's last message.
CS_WINDOW = timedelta(hours=48)
CS_QUOTA = 5
ROBOT_LEASE = "wecom-robot-sender"
ROBOT_LEASE_TTL = timedelta(seconds=90)
MEDIA_IN_DB_MAX = 2 * 1024 * 1024
MEDIA_MAX = 10 * 1024 * 1024
MEDIA_TYPES = {
    "image": {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/bmp": "bmp"},
    "voice": {"audio/amr": "amr", "audio/x-amr": "amr", "audio/speex": "speex",
              "voice/speex": "speex", "audio/mpeg": "mp3"},
}


def build_senders(config: Config, http: aiohttp.ClientSession,
                  sessions: async_sessionmaker[AsyncSession], *,
                  timeout: float = DEFAULT_TIMEOUT) -> dict[str, Send]:
    """The send function of every outbox job kind, on real or local (recording) clients;
    `timeout` bounds each Tencent call."""
    api = make_wechat_api(config, http, sessions, timeout=timeout)
    return {
        "wechat_text": wechat_text(api, sessions),
        "wechat_template": wechat_template(api),
        "wecom_robot": wecom_robot(make_wecom_robot(config, http, sessions, timeout=timeout),
                                   RobotRateLimiter(), TokenStore(sessions)),
        "wecom_app": wecom_app(make_wecom_app(config, http, sessions, timeout=timeout)),
        "media_fetch": media_fetch(api, sessions, config.server.data_dir),
    }


def wechat_text(api, sessions: async_sessionmaker[AsyncSession]) -> Send:
    """Customer-service text, only while the resident's 48-hour window and quota allow."""
    async def send(job: Claimed) -> None:
        async with sessions() as session:
            last, used = await outbox.customer_service_window(session, job.recipient)
        if last is None or utcnow() - last > CS_WINDOW:
            raise Held("customer-service window closed (no message from the resident in 48 h)")
        if used >= CS_QUOTA:
            raise Held("customer-service quota of 5 messages spent until the resident writes")
        await api.send_text(job.recipient, job.payload["text"])
    return send


def wechat_template(api) -> Send:
    """A template message (used when the customer-service window has closed)."""
    async def send(job: Claimed) -> None:
        await api.send_template(job.recipient, job.payload["template_id"], job.payload["data"])
    return send


def wecom_robot(robot, limiter: RobotRateLimiter, leases: TokenStore) -> Send:
    """A police-group alert, within the robot's 20 a minute, emergencies first. One instance
    at a time sends to the robot (a lease), so the limit holds across instances."""
    holder = f"robot-{uuid.uuid4().hex[:12]}"

    async def send(job: Claimed) -> None:
        urgent = job.priority == outbox.PRIORITY_EMERGENCY
        if not await leases.acquire(ROBOT_LEASE, holder, ROBOT_LEASE_TTL) and (
                await leases.holder(ROBOT_LEASE) != holder):
            raise Deferred(2.0, "another instance is sending to the robot")
        if not limiter.try_acquire(urgent=urgent):
            raise Deferred(1.0 if urgent else 5.0, "robot rate limit: waiting for a slot")
        await robot.send(job.payload["text"], markdown=bool(job.payload.get("markdown")))
    return send


def wecom_app(app) -> Send:
    """A message to an officer in the WeCom app."""
    async def send(job: Claimed) -> None:
        await app.send_text(job.recipient, job.payload["text"])
    return send


def media_fetch(api, sessions: async_sessionmaker[AsyncSession], data_dir: str) -> Send:
    """Fetch an image or voice note, check it, and keep it where every instance can read."""
    async def send(job: Claimed) -> None:
        media_id, kind = job.payload["media_id"], job.payload["kind"]
        try:
            content_type, body = await api.get_media(media_id)
        except ApiError as exc:
            if exc.outcome != "retry" or utcnow() - job.created_at >= MEDIA_LIFETIME:
                await _mark(sessions, media_id, "lost", str(exc))
                raise Undeliverable(f"media {media_id} lost: {exc}") from exc
            raise
        content_type = content_type.split(";")[0].strip().lower()
        extension = MEDIA_TYPES.get(kind, {}).get(content_type)
        if extension is None or not body or len(body) > MEDIA_MAX:
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
    folder = Path(data_dir) / "media"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.{extension}"
    path.write_bytes(body)
    return str(path)


async def _mark(sessions: async_sessionmaker[AsyncSession], media_id: str, state: str,
                error: str) -> None:
    async with sessions() as session, session.begin():
        await media.mark(session, media_id, state, error)
