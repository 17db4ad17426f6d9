"""The console's pages to read: sign-in, dashboard, queues, a ticket, its media, common
replies and an officer's access log. Thin: read the query, call handlers, render."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from aiohttp import web

from bot import keys
from bot.api.exports import attachment, export_download
from bot.console.auth import next_page, redirect
from bot.console.deps import actor, row_id, transaction, workflow
from bot.console.render import error_page, render
from bot.console.visit import VISIT
from bot.peers import client_address
from handlers import texts
from handlers.console import access as console_access
from handlers.console import admin as console_admin
from handlers.console import views as console_views
from handlers.core import paging
from handlers.core.errors import Invalid, NotFound
from handlers.core.fields import CONTROL
from handlers.officers import accounts as officers
from handlers.reports.weeks import BadWeek, IsoWeek

log = logging.getLogger(__name__)
# Shown inline; anything else a resident sent is offered as a download.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4"})


async def login_form(request: web.Request) -> web.Response:
    """The sign-in page (straight to the dashboard when already signed in)."""
    if request[VISIT].actor is not None:
        return redirect("/")
    return render(request, "login.html", {"username": ""})


async def login(request: web.Request) -> web.Response:
    """Check the password (five failures for one name from one address pause it there for
    15 minutes), then open a console session."""
    visit = request[VISIT]
    form = await request.post()
    username = str(form.get("username", "")).strip()[:64]
    password = str(form.get("password", ""))[:256]
    config = request.app[keys.PUBLIC_APP][keys.CONFIG]
    address = client_address(request, config.server.trusted_proxies)
    async with transaction(request) as session:
        result = await officers.login(session, username, password, visit.now, address)
        sid = await officers.open_session(session, result.actor, visit.now) \
            if result.actor is not None else None
    if sid is None:
        log.info("console sign-in refused for %r from %s (%s)", username, address, result.error)
        message = texts.text(result.error or "login_failed")
        return render(request, "login.html", {"username": username, "error": message},
                      status=401 if result.error == "login_failed" else 429)
    wanted = next_page(visit)
    visit.cookie.clear()
    visit.cookie["sid"] = sid
    return redirect(wanted)


async def logout(request: web.Request) -> web.Response:
    """End the console session at once."""
    visit = request[VISIT]
    if visit.sid is not None:
        async with transaction(request) as session:
            await officers.close_session(session, visit.sid, visit.now)
    visit.cookie.clear()
    visit.flash("ok", texts.text("console_logged_out"))
    return redirect("/login")


async def dashboard(request: web.Request) -> web.Response:
    """Open tickets, a week's figures (?week=2026-W47; this week by default), unacknowledged
    emergencies, dead deliveries."""
    try:
        week = IsoWeek.parse(request.query["week"]) if "week" in request.query else None
    except BadWeek:
        week = None   # a mistyped week shows this week rather than an error
    async with transaction(request) as session:
        data = await console_admin.dashboard(session, workflow(request), actor(request), week)
    return render(request, "dashboard.html", data)


async def queue(request: web.Request) -> web.Response:
    """One queue with search and paging."""
    name = request.match_info["name"]
    q = request.query
    search = q.get("q", "").strip()
    error, status = None, 200
    try:
        async with transaction(request) as session:
            page = await console_views.queue(
                session, workflow(request), actor(request), name, q=search,
                cursor=q.get("cursor") or None, unit=q.get("unit", ""),
                status=q.get("status", ""))
    except Invalid as invalid:
        # A search the list cannot run (too long, control characters): said above the box,
        # which keeps what was typed to be mended, instead of a page of its own.
        page, error, status = console_views.Queue(name, [], None), invalid.message, 422
        search = CONTROL.sub("", search)
    units = [u.name for u in request.app[keys.PUBLIC_APP][keys.CONFIG].units]
    return render(request, "queue.html", {
        "queue": page, "title": texts.text(f"console_queue_{name}"), "q": search,
        "unit": q.get("unit", ""), "status": q.get("status", ""), "units": units,
        "first": not q.get("cursor"), "error": error}, status=status)


async def ticket_page(request: web.Request, *, status: int = 200, error: str | None = None,
                      draft: dict[str, str] | None = None, revealed: str | None = None,
                      reveal_text: bool = False) -> web.Response:
    """A ticket: conversation, deadlines, contact, actions, callbacks, timeline;
    `reveal_text` shows the resident's words unmasked (logged)."""
    async with transaction(request) as session:
        data = await console_views.ticket_page(session, workflow(request), actor(request),
                                               request.match_info["number"],
                                               reveal=reveal_text)
    return render(request, "ticket.html", {**data, "error": error, "draft": draft or {},
                                           "revealed": revealed}, status=status)


async def ticket(request: web.Request) -> web.Response:
    """GET of the ticket page."""
    return await ticket_page(request)


async def media(request: web.Request) -> web.StreamResponse:
    """A resident's photo, voice note or video, for officers who may see its ticket."""
    media_id = row_id(request.match_info["media_id"])
    if media_id is None:
        raise NotFound("media_unknown")
    async with transaction(request) as session:
        row, number = await console_views.media_file(session, workflow(request),
                                                     actor(request), media_id)
    content_type = (row.content_type or "application/octet-stream").split(";")[0].strip()
    headers = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
    if content_type not in INLINE_TYPES or "download" in request.query:
        suffix = {"voice": "amr"}.get(row.kind, content_type.rpartition("/")[2] or "bin")
        headers["Content-Disposition"] = f'attachment; filename="{number}-{row.id}.{suffix}"'
    if row.data is not None:
        return web.Response(body=row.data, content_type=content_type, headers=headers)
    path = _inside_data_dir(request, row.path)
    if path is None:
        return error_page(request, 404, texts.text("media_unknown"))
    return web.FileResponse(path, headers={**headers, "Content-Type": content_type})


def _inside_data_dir(request: web.Request, stored: str | None) -> Path | None:
    """The stored file's path if it lies under data_dir (a relative path is taken from it)."""
    if not stored:
        return None
    base = Path(request.app[keys.PUBLIC_APP][keys.CONFIG].server.data_dir).resolve()
    path = (base / stored).resolve()
    return path if path.is_relative_to(base) and path.is_file() else None


async def saved_replies(request: web.Request, *, status: int = 200,
                        error: str | None = None, draft: dict[str, Any] | None = None
                        ) -> web.Response:
    """The common replies; supervisors add and delete them here."""
    async with transaction(request) as session:
        rows = await console_admin.saved_replies(session, actor(request))
    units = [u.name for u in request.app[keys.PUBLIC_APP][keys.CONFIG].units]
    return render(request, "replies.html", {"replies": rows, "units": units, "error": error,
                                            "draft": draft or {}}, status=status)


async def calendar(request: web.Request, *, status: int = 200, error: str | None = None,
                   draft: dict[str, Any] | None = None) -> web.Response:
    """The working calendar's overrides (工作日历), for supervisors."""
    services = request.app[keys.PUBLIC_APP][keys.SERVICES]
    async with transaction(request) as session:
        data = await console_admin.calendar_page(session, services.calendar, actor(request),
                                                 request[VISIT].now)
    return render(request, "calendar.html", {**data, "error": error, "draft": draft or {}},
                  status=status)


async def access_log(request: web.Request) -> web.Response:
    """An officer's access log, for supervisors."""
    me, visit = actor(request), request[VISIT]
    username = request.query.get("officer", "").strip()
    async with transaction(request) as session:
        choices = await console_admin.officer_choices(session, me)
        page = None
        if username:
            page = await officers.read_access_log(session, me, username, visit.now,
                                                  workflow(request).settings.tz,
                                                  cursor=request.query.get("cursor") or None)
            page = paging.Page(console_access.readable(page.items), page.next)
    return render(request, "access_log.html", {"choices": choices, "officer": username,
                                               "page": page})


async def export(request: web.Request) -> web.Response:
    """The weekly export of unresolved tickets (an officer's holds their unit only)."""
    who = actor(request)
    public = request.app[keys.PUBLIC_APP]
    try:
        name, media, body = await export_download(
            public[keys.CONFIG], public[keys.SESSIONS], who, request.query.get("unit", ""),
            request.query.get("week", ""), request.query.get("format", "xlsx"),
            request[VISIT].now)
    except Invalid as invalid:
        return error_page(request, 422, invalid.message)
    return web.Response(body=body, headers={
        "Content-Type": media, "Content-Disposition": attachment(name),
        "Cache-Control": "private, no-store"})
