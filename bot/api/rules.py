"""What the API refuses whatever the route: parameters a route does not take, and the
router's own refusals (no such route, wrong method) in the API's JSON shape."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.bodies import json_answer
from handlers import texts
from handlers.core.errors import Invalid

# Operation id (the route's name) -> the query parameters it takes, from the OpenAPI table.
QUERY_NAMES = web.AppKey("api_query_names", dict)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def unknown_parameter(request: web.Request) -> Invalid | None:
    """A query parameter the route does not take (a typo such as `stauts=` would otherwise
    be ignored and answer something else than asked)."""
    taken = request.app[QUERY_NAMES].get(request.match_info.route.name or "", frozenset())
    for name in request.query:
        if name not in taken:
            return Invalid(name, "query_unknown", name=name[:64])
    return None


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The router's own refusals (no such route, wrong method) in the API's JSON shape."""
    try:
        return await handler(request)
    except web.HTTPNotFound:
        return json_answer({"error": "not_found", "message": texts.text("api_route_unknown")},
                           status=404)
    except web.HTTPMethodNotAllowed as exc:
        return json_answer({"error": "method_not_allowed",
                            "message": texts.text("api_method_not_allowed")},
                           status=405, headers={"Allow": ", ".join(sorted(exc.allowed_methods))})

