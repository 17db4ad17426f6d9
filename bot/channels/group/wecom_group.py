"""WeCom's HTTP side of the group door: who agreed to archiving (msgaudit/check_room_agree,
with the archive's own secret), and with the app's token a group's owner and nicknames
(groupchat/get) and the send results of the owner's message tasks
(get_groupmsg_send_result; bot.delivery.group_tasks creates them)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.group.archive import ConsentStatus, MemberConsent
from bot.config import Config
from bot.delivery.tencent_http import DEFAULT_TIMEOUT, SharedTokenClient, TencentHttp, with_token
from bot.delivery.wechat_api import token_of
from storage.base import utcnow

log = logging.getLogger(__name__)
TOKEN_NAME = "wecom_msgaudit"
# get_groupmsg_send_result: one row per group of the owner's; pages read at most.
RESULT_PAGE, RESULT_PAGES = 1000, 10


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


class GroupChatApi:
    """The customer-group API on the app's token: a group's owner and members' nicknames
    (groupchat/get), and whether the owner sent a message task (get_groupmsg_send_result)."""

    def __init__(self, app, http: aiohttp.ClientSession, base: str, *,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self._app = app
        self._base = base.rstrip("/")
        self._http = TencentHttp(http, timeout)

    async def room_owner(self, room_id: str) -> str:
        """The group's owner (a WeCom userid) as WeCom says now; empty if it does not say."""
        owner = (await self._room(room_id, names=False)).get("owner")
        return owner.strip()[:64] if isinstance(owner, str) else ""

    async def _room(self, room_id: str, *, names: bool) -> Mapping:
        url = f"{self._base}/cgi-bin/externalcontact/groupchat/get"
        data = await self._post(url, {"chat_id": room_id, "need_name": int(names)})
        chat = data.get("group_chat")
        return chat if isinstance(chat, Mapping) else {}

    async def _post(self, url: str, body: Mapping) -> Mapping:
        return await with_token(lambda refused: self._app.token(force=refused is not None),
                                lambda token: self._http.json(
                                    "POST", url, params={"access_token": token}, body=body))

    async def task_sent(self, msgid: str, owner: str, room_id: str) -> datetime | None:
        """When `owner` sent message task `msgid` to the group, as WeCom's send result
        (externalcontact/get_groupmsg_send_result) says; None while not sent."""
        url = f"{self._base}/cgi-bin/externalcontact/get_groupmsg_send_result"
        cursor = ""
        for _ in range(RESULT_PAGES):
            body = {"msgid": msgid, "userid": owner, "limit": RESULT_PAGE, "cursor": cursor}
            data = await self._post(url, body)
            for item in data.get("send_list") or ():
                # status 1: sent; 0 not yet; 2 and 3: WeCom did not deliver it.
                if item.get("chat_id") == room_id and item.get("status") == 1:
                    at = item.get("send_time")
                    return datetime.fromtimestamp(at, UTC) if isinstance(at, int) and at > 0 \
                        else utcnow()
            cursor = data.get("next_cursor") or ""
            if not cursor:
                break
        return None

    async def room_names(self, room_id: str) -> Mapping[str, str]:
        """External members' nicknames in the group (group nickname, else WeChat name)."""
        chat = await self._room(room_id, names=True)
        names: dict[str, str] = {}
        for member in chat.get("member_list") or ():
            if member.get("type") == 2 and isinstance(member.get("userid"), str):
                name = member.get("group_nickname") or member.get("name") or ""
                if isinstance(name, str) and name.strip():
                    names[member["userid"]] = name.strip()[:64]
        return names
