"""WeCom's HTTP side of the group door: who agreed to archiving (msgaudit/check_room_agree,
with the archive's own secret) and the owner's group message tasks
(externalcontact/add_msg_template, chat_type=group, with the app's token)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.group.archive import ConsentStatus, MemberConsent
from bot.config import Config
from bot.delivery.api_errors import ApiError
from bot.delivery.outbox import Undeliverable
from bot.delivery.tencent_http import DEFAULT_TIMEOUT, SharedTokenClient, TencentHttp, with_token
from bot.delivery.wechat_api import LocalRecorder, token_of
from bot.delivery.wecom_api import MissingRoute, make_wecom_app
from handlers import texts
from storage.base import utcnow
from storage.delivery.outbox import Claimed
from storage.groups import tasks as task_store

log = logging.getLogger(__name__)
TOKEN_NAME = "wecom_msgaudit"


class ConsentApi(SharedTokenClient):
    """msgaudit/check_room_agree for one group, with the archive secret's token."""

    def __init__(self, config: Config, http: aiohttp.ClientSession,
                 sessions: async_sessionmaker[AsyncSession], *,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self._base = config.wecom.api_base_url.rstrip("/")
        self._corp_id = config.groups.corp_id or config.wecom.corp_id
        self._secret = config.groups.secret
        self._http = TencentHttp(http, timeout)
        super().__init__(sessions, TOKEN_NAME, self._fetch_token, clock=utcnow)

    def __repr__(self) -> str:
        return f"ConsentApi({self._base!r}, corp_id={self._corp_id!r})"

    async def room_consent(self, room_id: str) -> Mapping[str, MemberConsent]:
        """Every external member's answer in the group (members not listed: not agreed)."""
        url = f"{self._base}/cgi-bin/msgaudit/check_room_agree"
        data = await with_token(self._token, lambda token: self._http.json(
            "POST", url, params={"access_token": token}, body={"roomid": room_id}))
        answers: dict[str, MemberConsent] = {}
        for item in data.get("agreeinfo") or ():
            # WeCom spells the member's field "exteranalopenid".
            member = item.get("exteranalopenid") or item.get("externalopenid")
            try:
                status = ConsentStatus(item.get("agree_status"))
            except ValueError:
                continue
            if isinstance(member, str) and member:
                changed = item.get("status_change_time")
                at = (datetime.fromtimestamp(changed, UTC)
                      if isinstance(changed, int) and changed > 0 else None)
                answers[member] = MemberConsent(member, status, at)
        return answers

    async def _fetch_token(self, force: bool) -> tuple[str, float]:
        data = await self._http.json("GET", f"{self._base}/cgi-bin/gettoken", params={
            "corpid": self._corp_id, "corpsecret": self._secret})
        return token_of(data)


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


class GroupChatApi:
    """externalcontact/groupchat/get on the app's token: the members' group nicknames."""

    def __init__(self, app, http: aiohttp.ClientSession, base: str, *,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self._app = app
        self._base = base.rstrip("/")
        self._http = TencentHttp(http, timeout)

    async def room_names(self, room_id: str) -> Mapping[str, str]:
        """External members' nicknames in the group (group nickname, else WeChat name)."""
        url = f"{self._base}/cgi-bin/externalcontact/groupchat/get"
        data = await with_token(lambda refused: self._app.token(force=refused is not None),
                                lambda token: self._http.json(
                                    "POST", url, params={"access_token": token},
                                    body={"chat_id": room_id, "need_name": 1}))
        chat = data.get("group_chat") or {}
        names: dict[str, str] = {}
        for member in chat.get("member_list") or ():
            if member.get("type") == 2 and isinstance(member.get("userid"), str):
                name = member.get("group_nickname") or member.get("name") or ""
                if isinstance(name, str) and name.strip():
                    names[member["userid"]] = name.strip()[:64]
        return names


class LocalTaskApi(LocalRecorder):
    """Local mode: the task is recorded (recipient the owner) for `jingmin chat` to print."""

    async def add_group_task(self, owner: str, text: str) -> str:
        """Record the task the owner would be asked to confirm."""
        await self._record("group_task", owner, {"text": text})
        return "local"


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
            await tasks.add_group_task(job.recipient, job.payload["text"])
        except Undeliverable:
            async with sessions() as session, session.begin():
                await task_store.fail(session, int(job.payload["task"]),
                                      texts.text("group_task_failed"), utcnow())
            raise
        try:
            await app.send_text(job.recipient, job.payload["notice"])
        except (ApiError, Undeliverable) as exc:    # the task exists; the notice is a courtesy
            log.warning("group task %s created, its notice to the owner failed: %s",
                        job.payload.get("task"), exc)
    return send
