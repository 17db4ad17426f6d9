"""Console sign-in: an encrypted cookie naming a server-side console session (so disabling
an officer or logging out revokes it at once), CSRF tokens on every form, and the guard that
turns every failure into a page (never a 500)."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from sqlalchemy.exc import SQLAlchemyError

from bot import keys
from bot.bodies import ClientGone, TooSlow, gone_answer, read_form, slow_answer
from bot.console.render import error_page
from bot.console.visit import CLOCK, KEY, STORAGE, VISIT, Visit
from handlers import texts
from handlers.console import admin as console_admin
from handlers.core.errors import WorkflowError
from handlers.officers import accounts as officers

log = logging.getLogger(__name__)

PREFIX = "/console"
COOKIE = "jingmin_console"
SECRET_FILE = "session_secret"
# Pages reachable without a console session.
OPEN_ROUTES = frozenset({"login", "login_post"})
NEXT_MAX = 512   # a longer address (a search's query) is not worth the cookie's room

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def session_key(secret: str, data_dir: str) -> bytes:
    """The 32-byte cookie key: SHA-256 of server.session_secret; when that is empty, of a
    secret generated once into {data_dir}/session_secret and reused by every later start."""
    if not secret:
        path = Path(data_dir) / SECRET_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(48) + "\n")
        secret = path.read_text().strip()
    return hashlib.sha256(secret.encode()).digest()


def cookie_storage(key: bytes) -> EncryptedCookieStorage:
    """The encrypted cookie; its lifetime is the browser's, validity is the server's."""
    return EncryptedCookieStorage(key, cookie_name=COOKIE, path=PREFIX, httponly=True,
                                  samesite="Strict")


def _over_https(request: web.Request) -> bool:
    """The browser reached us over https, directly or through a proxy that says so. Trusting
    the proxy's header is safe here: a forged one only stops the cookie going over http."""
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    return request.secure or forwarded == "https"


def redirect(path: str) -> web.Response:
    """303 to a console path (after a form: the browser GETs it)."""
    return web.Response(status=303, headers={"Location": f"{PREFIX}{path}"})


def remember_page(request: web.Request, visit: Visit) -> None:
    """The page a signed-out officer asked for (the link of an emergency alert, say), kept in
    the cookie so that signing in leads there; a path of ours, never a URL from the query."""
    wanted = request.path_qs[len(PREFIX):]
    if request.method == "GET" and wanted.startswith("/") and wanted != "/" \
            and len(wanted) <= NEXT_MAX:
        visit.cookie["next"] = wanted


def next_page(visit: Visit) -> str:
    """Where a sign-in leads: the page remembered by remember_page, else the dashboard."""
    wanted = visit.cookie.get("next")
    return wanted if isinstance(wanted, str) and wanted.startswith("/") else "/"


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Sign-in, idle expiry, CSRF, and a page for every failure."""
    if request.path.startswith(f"{PREFIX}/static/"):
        return await handler(request)
    if request.path == PREFIX:  # the address typed without its final slash
        raise web.HTTPMovedPermanently(f"{PREFIX}/")
    storage = request.app[STORAGE]
    visit = Visit(await storage.load_session(request), request.app[CLOCK](), request.app[KEY])
    request[VISIT] = visit
    try:
        response = await _checked(request, handler, visit)
    except web.HTTPNotFound:
        response = error_page(request, 404, texts.text("console_page_unknown"))
    except web.HTTPException:
        raise
    except TooSlow:
        return await slow_answer(request)
    except ClientGone:
        log.info("console %s: the client left before its form arrived", request.path)
        return gone_answer()
    except WorkflowError as exc:
        status = {"not_found": 404, "forbidden": 403, "invalid": 422}.get(exc.code, 409)
        response = error_page(request, status, exc.message)
    except (SQLAlchemyError, OSError) as exc:
        log.error("console %s failed: %s", request.path, type(exc).__name__)
        response = error_page(request, 503, texts.text("console_unavailable"))
    except Exception:
        log.exception("console %s failed", request.path)
        response = error_page(request, 503, texts.text("console_unavailable"))
    if isinstance(response, web.Response):
        await storage.save_session(request, response, visit.cookie)
        if COOKIE in response.cookies and _over_https(request):
            response.cookies[COOKIE]["secure"] = True
        response.headers.setdefault("Cache-Control", "no-store")
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "frame-ancestors 'none'; form-action 'self'")
    return response


async def _checked(request: web.Request, handler: Handler, visit: Visit) -> web.StreamResponse:
    route = request.match_info.route.name
    if visit.sid is not None:
        public = request.app[keys.PUBLIC_APP]
        async with public[keys.SESSIONS]() as session, session.begin():
            visit.actor = await officers.check_session(session, visit.sid, visit.now)
            if visit.actor is not None:    # escalated emergencies: a banner on every page
                visit.extra["escalations"] = await console_admin.banner(session, visit.actor,
                                                                     visit.now)
        if visit.actor is None:
            visit.cookie.pop("sid", None)
            visit.flash("error", texts.text("console_session_expired"))
    if visit.actor is None and route not in OPEN_ROUTES:
        remember_page(request, visit)
        return redirect("/login")
    if request.method == "POST":
        form = await read_form(request)
        sent = form.get("csrf")
        if not isinstance(sent, str) or not hmac.compare_digest(sent, visit.csrf()):
            return error_page(request, 403, texts.text("console_csrf_failed"))
    return await handler(request)
