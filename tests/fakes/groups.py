"""The fake's WeCom customer-group and archive API: members' consent to the archive, a
group's members, and group message tasks (created, and their send results)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from tests.fakes.base import OK, error

ROUTES = (
    ("POST", "/cgi-bin/msgaudit/check_room_agree", "check_room_agree"),
    ("POST", "/cgi-bin/externalcontact/add_msg_template", "add_msg_template"),
    ("POST", "/cgi-bin/externalcontact/groupchat/get", "groupchat_get"),
    ("POST", "/cgi-bin/externalcontact/get_groupmsg_send_result", "get_groupmsg_send_result"),
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
        msgid = f"msg{len(self.calls)}"
        self.group_tasks[msgid] = body["sender"]
        return web.json_response({**OK, "fail_list": [], "msgid": msgid})

    async def _get_groupmsg_send_result(self, request: web.Request, body: Any) -> web.Response:
        # One row per group of the sender's: status 1 (sent, with send_time) or 0 (not yet);
        # a page of `limit` rows, `next_cursor` the next row's index.
        if request.query.get("access_token") != self._wecom.current:
            return error(40014, "invalid access_token")
        msgid = body.get("msgid") if isinstance(body, dict) else None
        if msgid not in self.group_tasks or body.get("userid") != self.group_tasks[msgid]:
            return error(41063, "invalid msgid or userid")
        sent = self.group_task_sent.get(msgid, {})
        owner = self.group_tasks[msgid]
        rooms = sorted({room for room, who in self.group_owners.items() if who == owner}
                       | set(sent))
        rows = [{"chat_id": room, "userid": owner, "status": 1 if room in sent else 0,
                 **({"send_time": sent[room]} if room in sent else {})} for room in rooms]
        start = int(body.get("cursor") or 0)
        end = start + int(body.get("limit") or 1000)
        return web.json_response({**OK, "send_list": rows[start:end],
                                  "next_cursor": str(end) if end < len(rows) else ""})
