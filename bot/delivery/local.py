"""Local mode's read-back route: what the server "sent" to a resident, for `jingmin chat`."""

from __future__ import annotations

import json

from aiohttp import web

from bot import keys
from storage.delivery import local


async def deliveries(request: web.Request) -> web.Response:
    """GET /local/deliveries?openid=&after=: recorded messages to one resident."""
    openid = request.query.get("openid", "")
    after_text = request.query.get("after")
    if not openid or (after_text is not None and not after_text.isdigit()):
        return web.json_response({"error": "openid is required and after must be a number"},
                                 status=400)
    async with request.app[keys.SESSIONS]() as session:
        rows, last = await local.since(session, openid,
                                       int(after_text) if after_text is not None else None)
    items = []
    for row in rows:
        try:
            body = json.loads(row.body)
        except ValueError:
            body = {}
        items.append({"id": row.id, "endpoint": row.endpoint,
                      "text": body.get("text", row.body) if isinstance(body, dict) else row.body,
                      "at": row.created_at.isoformat()})
    return web.json_response({"items": items, "last": last})
