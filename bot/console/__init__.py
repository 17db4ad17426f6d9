"""The officers' web console at /console/ (zh-CN, server-rendered), one of the admin
listener's sections."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from aiohttp import web

from bot import keys
from bot.console import actions, pages
from bot.console.auth import PREFIX, cookie_storage, guard, session_key
from bot.console.render import environment
from bot.console.visit import CLOCK, KEY, STORAGE
from storage.base import utcnow

__all__ = ["PREFIX", "create_console_app"]
STATIC = Path(__file__).parent / "static"


def create_console_app(public: web.Application, *,
                       clock: Callable[[], datetime] = utcnow) -> web.Application:
    """The console as a sub-application mounted at /console on whichever listener serves
    it; the cookie key comes from server.session_secret (or data_dir) at once."""
    config = public[keys.CONFIG]
    key = session_key(config.server.session_secret, config.server.data_dir)
    app = web.Application(middlewares=[guard])
    app[keys.PUBLIC_APP] = public
    app[KEY] = key
    app[STORAGE] = cookie_storage(key)
    app[CLOCK] = clock
    environment(app, ZoneInfo(config.tickets.timezone))
    router = app.router
    router.add_get("/login", pages.login_form, name="login")
    router.add_post("/login", pages.login, name="login_post")
    router.add_post("/logout", pages.logout)
    router.add_get("/", pages.dashboard)
    router.add_get("/queue/{name}", pages.queue)
    router.add_get("/tickets/{number}", pages.ticket)
    router.add_post("/tickets/{number}/reveal", actions.reveal)
    router.add_post("/tickets/{number}/reveal-text", actions.reveal_text)
    router.add_post("/tickets/{number}/{action}", actions.act)
    router.add_get("/media/{media_id}", pages.media)
    router.add_get("/replies", pages.saved_replies)
    router.add_post("/replies", actions.add_reply)
    router.add_post("/replies/{reply_id}/delete", actions.delete_reply)
    router.add_get("/calendar", pages.calendar)
    router.add_post("/calendar", actions.set_calendar_day)
    router.add_post("/calendar/{day}/delete", actions.delete_calendar_day)
    router.add_get("/access-log", pages.access_log)
    router.add_get("/export", pages.export)
    router.add_static("/static", STATIC)
    return app
