"""The fake's WeCom customer-group and archive API: members' consent to the archive, a
group's members, and group messages sent by a member of staff."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from tests.fakes.base import OK, error

ROUTES = (
    ("POST", "/cgi-bin/msgaudit/check_room_agree", "check_room_agree"),
    ("POST", "/cgi-bin/externalcontact/add_msg_template", "add_msg_template"),
    ("POST", "/cgi-bin/externalcontact/groupchat/get", "groupchat_get"),
)


class GroupApi:
    """The group and archive endpoints, mixed into FakeTencent (whose fields they read)."""

    async def _check_room_agree(self, request: web.Request, body: Any) -> web.Response:
        # The archive's own secret gets its own token (gettoken with that secret).
        if request.query.get("access_token") != self._wecom.current:
            return error(40014, "invalid access_token")
        room = body.get("roomid") if isinstance(body, dict) else None
        if room not in self.room_consent:
            return error(301052, "roomid not found")
        return web.json_response({**OK, "agreeinfo": [
            {"status_change_time": 1700000000, "exteranalopenid": member, "agree_status": status}
            for member, status in self.room_consent[room].items()]})

    async def _groupchat_get(self, request: web.Request, body: Any) -> web.Response:
        if request.query.get("access_token") != self._wecom.current:
            return error(40014, "invalid access_token")
        room = body.get("chat_id") if isinstance(body, dict) else None
        if room not in self.group_members:
            return error(701008, "chat not found")
        return web.json_response({**OK, "group_chat": {
            "chat_id": room, "name": "group", "owner": self.group_owners.get(room, "wx-owner"),
            "member_list": [{"userid": member, "type": 2, "group_nickname": name}
                            for member, name in self.group_members[room].items()]}})

    async def _add_msg_template(self, request: web.Request, body: Any) -> web.Response:
        if request.query.get("access_token") != self._wecom.current:
            return error(40014, "invalid access_token")
        if not isinstance(body, dict) or body.get("chat_type") != "group" \
                or not body.get("sender") or not (body.get("text") or {}).get("content"):
            return error(40058, "invalid parameter")
        return web.json_response({**OK, "fail_list": [], "msgid": f"msg{len(self.calls)}"})
