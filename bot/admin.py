"""The admin listener: /api/v1 (and the console) on the main port when server.admin_port is
0, else on a second app served on admin_host:admin_port. Either way the public app's
lifecycle owns the engine and sessions they use (keys.PUBLIC_APP)."""

from __future__ import annotations

from aiohttp import web

from bot import console, keys
from bot.api import routes as api
from bot.config import Config
from bot.headers import hide_server_version


def admin_sections(public: web.Application) -> list[tuple[str, web.Application]]:
    """(prefix, sub-application) of everything served to officers."""
    return [(api.PREFIX, api.create_api_app(public)),
            (console.PREFIX, console.create_console_app(public))]


def mount_on_public(config: Config, public: web.Application) -> None:
    """Serve the officers' sections on the main port when no admin port is configured."""
    if config.server.admin_port == 0:
        for prefix, section in admin_sections(public):
            public.add_subapp(prefix, section)


def create_admin_app(config: Config, public: web.Application) -> web.Application:
    """The app of the separate admin listener; start it after the public app's runner (whose
    startup opens the database) and clean it up before."""
    app = web.Application(client_max_size=api.BODY_MAX)
    hide_server_version(app)
    app[keys.PUBLIC_APP] = public
    for prefix, section in admin_sections(public):
        app.add_subapp(prefix, section)
    return app
