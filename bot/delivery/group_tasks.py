"""The outbox's `group_task` kind: a message task for a police WeChat group's owner
(externalcontact/add_msg_template, chat_type=group), confirmed by the owner in WeCom."""

from __future__ import annotations

import logging

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Config
from bot.delivery.api_errors import ApiError
from bot.delivery.sending import Undeliverable
from bot.delivery.tencent_http import DEFAULT_TIMEOUT, TencentHttp, with_token
from bot.delivery.wechat_api import LocalRecorder
from bot.delivery.wecom_api import MissingRoute, make_wecom_app
from handlers import texts
from storage.base import utcnow
from storage.delivery.outbox import Claimed
from storage.groups import tasks as task_store

log = logging.getLogger(__name__)


class TaskApi:
    """externalcontact/add_msg_template for a group owner, on the app's token."""

    def __init__(self, app, http: aiohttp.ClientSession, base: str, *,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self._app = app
        self._base = base.rstrip("/")
        self._http = TencentHttp(http, timeout)

    async def add_group_task(self, owner: str, text: str) -> str:
        """Create the task; WeCom's msgid of it."""
        url = f"{self._base}/cgi-bin/externalcontact/add_msg_template"
        body = {"chat_type": "group", "sender": owner, "allow_select": False,
                "text": {"content": text}}
        data = await with_token(lambda refused: self._app.token(force=refused is not None),
                                lambda token: self._http.json(
            "POST", url, params={"access_token": token}, body=body))
        if data.get("fail_list"):
            raise Undeliverable("WeCom refused the group task for its owner")
        return str(data.get("msgid") or "")


class LocalTaskApi(LocalRecorder):
    """Local mode: the task is recorded (recipient the owner) for `jingmin chat` to print."""

    async def add_group_task(self, owner: str, text: str) -> str:
        """Record the task the owner would be asked to confirm (no msgid: there is no
        send result to read; `jingmin chat --group`'s /confirm sends it)."""
        await self._record("group_task", owner, {"text": text})
        return ""


def group_task_sender(config: Config, http: aiohttp.ClientSession,
                      sessions: async_sessionmaker[AsyncSession], *,
                      timeout: float = DEFAULT_TIMEOUT):
    """The outbox's `group_task` kind: create the owner's task, then tell them which ticket
    it answers in the WeCom app."""
    app = make_wecom_app(config, http, sessions, timeout=timeout)
    if config.wechat.local:
        tasks = LocalTaskApi(sessions)
    elif isinstance(app, MissingRoute):
        tasks = app
    else:
        tasks = TaskApi(app, http, config.wecom.api_base_url, timeout=timeout)

    async def send(job: Claimed) -> None:
        try:
            if isinstance(tasks, MissingRoute):
                raise Undeliverable("the WeCom app (wecom.corp_id, agent_id, secret) is not set")
            msgid = await tasks.add_group_task(job.recipient, job.payload["text"])
        except Undeliverable:
            async with sessions() as session, session.begin():
                await task_store.fail(session, int(job.payload["task"]),
                                      texts.text("group_task_failed"), utcnow())
            raise
        if msgid:       # its send result is read by it (bot.channels.group.door)
            async with sessions() as session, session.begin():
                await task_store.created_in_wecom(session, int(job.payload["task"]), msgid)
        try:
            await app.send_text(job.recipient, job.payload["notice"])
        except (ApiError, Undeliverable) as exc:    # the task exists; the notice is a courtesy
            log.warning("group task %s created, its notice to the owner failed: %s",
                        job.payload.get("task"), exc)
    return send
