"""Headers every listener sets on every answer it routes."""

from __future__ import annotations

from aiohttp import web

# aiohttp's default names itself and its version: a scanner's first clue. Answers to
# requests too malformed to route (a bad request line) still carry the default; changing
# those would mean patching the library.
SERVER = "Jingmin"


async def _server_header(_request: web.Request, response: web.StreamResponse) -> None:
    response.headers["Server"] = SERVER


def hide_server_version(app: web.Application) -> None:
    """Name the server without its software and version on every answer `app` routes."""
    app.on_response_prepare.append(_server_header)
