"""Pages from templates: the context every page gets (officer, CSRF token, flash, labels),
local times, and the error page."""

from __future__ import annotations

from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web

from bot.console.visit import VISIT
from handlers import texts
from handlers.console.views import QUEUES
from handlers.tickets.view import MOMENT

TEMPLATES = Path(__file__).parent / "templates"
TZ = web.AppKey("console_tz", tzinfo)
# A list row shows this much of a ticket's summary (a hotline transcript can run to 500
# characters and fill the screen); the whole is on the ticket's page and in the tooltip.
SUMMARY_CHARS = 60


def environment(app: web.Application, tz: tzinfo) -> None:
    """Jinja2 with autoescaping, the console's filters and the label tables."""
    app[TZ] = tz
    env = aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(TEMPLATES),
                               autoescape=jinja2.select_autoescape(default=True),
                               default_helpers=False, undefined=jinja2.StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True)
    env.filters["local"] = lambda value: local_time(value, tz)
    env.filters["detail"] = lambda value: detail(value, tz)
    env.globals.update(KINDS=texts.KIND_LABELS, STATUSES=texts.STATUS_LABELS,
                       CHANNELS=texts.CHANNEL_LABELS, EVENT_LABEL=texts.event_label,
                       EMERGENCY_KINDS=texts.EMERGENCY_KIND_LABELS,
                       PREFIX="/console", SUMMARY_CHARS=SUMMARY_CHARS,
                       QUEUES={name: texts.text(f"console_queue_{name}") for name in QUEUES},
                       FLAGGED=texts.text("ticket_flagged_unassigned"))


def local_time(value: str | datetime | None, tz: tzinfo) -> str:
    """2026-11-25 10:00 in the tickets' timezone; empty for nothing."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return f"{moment.astimezone(tz):%Y-%m-%d %H:%M}"


def detail(value: object, tz: tzinfo) -> object:
    """A value of a row's details as officers read it: a moment in local time, the rest as
    it is."""
    if isinstance(value, str) and MOMENT.fullmatch(value):
        return local_time(value, tz)
    return value


def render(request: web.Request, template: str, context: dict[str, Any], *,
           status: int = 200) -> web.Response:
    """A page with the officer, CSRF token and pending message added to `context`."""
    visit = request[VISIT]
    base = {"actor": visit.actor, "csrf": visit.csrf(), "flash": visit.take_flash(),
            "error": None, "path": request.path,
            "escalations": visit.extra.get("escalations", [])}
    return aiohttp_jinja2.render_template(template, request, {**base, **context},
                                          status=status)


def error_page(request: web.Request, status: int, message: str) -> web.Response:
    """The console's page for 403, 404, 422, 409 and 503."""
    return render(request, "error.html", {"status": status, "message": message},
                  status=status)
