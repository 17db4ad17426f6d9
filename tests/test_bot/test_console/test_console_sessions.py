"""/console/ through the real app: sign-in, CSRF, sessions, the cookie, and where the console
is served."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from sqlalchemy import update

from bot.admin import create_admin_app
from bot.app import create_app
from bot.console.auth import SECRET_FILE, session_key
from handlers.officers import accounts as officers
from storage.base import utcnow
from storage.officers.models import ConsoleSession
from tests.officer_clients import C, login, post, signed_in
from tests.workbench import PASSWORD, reload, ticket


async def test_login_good_bad_and_lockout(web, people):
    assert (await web.get(f"{C}/", allow_redirects=False)).headers["Location"] == f"{C}/login"
    response = await login(web, "a1", "wrong password")
    assert response.status == 401 and "用户名或密码错误" in await response.text()
    for _ in range(3):
        await login(web, "a1", "wrong password")
    response = await login(web, "a1", "wrong password")
    assert response.status == 429 and "锁定15分钟" in await response.text()
    # Locked: even the right password is refused now.
    assert (await login(web, "a1")).status == 429
    response = await login(web, "a2")
    assert response.status == 303 and response.headers["Location"] == f"{C}/"
    page = await web.get(f"{C}/")
    assert page.status == 200 and "a2（古楼派出所）" in await page.text()
    cookie = page.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    # Encrypted (a Fernet token), so nothing about the officer can be read from it; a bare
    # `"a2" not in cookie` would fail now and then on random ciphertext.
    assert cookie.startswith("jingmin_console=gAAAAA")


async def test_logout_and_csrf(web, people, sessions, config):
    t = await ticket(sessions, config)
    csrf = await signed_in(web, "a1")
    for bad in ({}, {"csrf": "forged"}):
        response = await web.post(f"{C}/tickets/{t.number}/note", data={"text": "x", **bad})
        assert response.status == 403 and "页面已失效" in await response.text()
    assert (await reload(sessions, t.number)).updated_at == t.updated_at
    # Signing in needs the sign-in page's token too.
    response = await web.post(f"{C}/login", data={"username": "a1", "password": PASSWORD})
    assert response.status == 403
    response = await post(web, "/logout", csrf)
    assert "已退出登录" in await response.text()
    assert (await web.get(f"{C}/", allow_redirects=False)).status == 303


async def test_idle_session_expires(web, people, sessions):
    await signed_in(web, "a1")
    async with sessions() as session, session.begin():
        await session.execute(update(ConsoleSession).values(
            last_seen_at=utcnow() - officers.SESSION_IDLE - timedelta(seconds=1)))
    response = await web.get(f"{C}/")
    assert str(response.url).endswith("/console/login")
    assert "登录已过期" in await response.text()


async def test_disabling_revokes_the_session(web, people, sessions):
    await signed_in(web, "a1")
    assert (await web.get(f"{C}/queue/mine", allow_redirects=False)).status == 200
    async with sessions() as session, session.begin():
        await officers.disable_officer(session, "a1", utcnow())
    assert (await web.get(f"{C}/queue/mine", allow_redirects=False)).status == 303


def test_session_key_generated_once(tmp_path):
    first = session_key("", str(tmp_path / "d"))
    assert (tmp_path / "d" / SECRET_FILE).stat().st_mode & 0o777 == 0o600
    assert session_key("", str(tmp_path / "d")) == first and len(first) == 32
    assert session_key("shared", str(tmp_path)) == session_key("shared", "/elsewhere")


async def test_the_console_address_without_its_slash_leads_to_the_console(web, people):
    response = await web.get(C)  # signed out: the sign-in page
    assert response.status == 200 and 'name="username"' in await response.text()
    await signed_in(web, "a1")
    response = await web.get(C, allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (301, f"{C}/")


async def test_console_only_on_admin_listener(config):
    separate = dataclasses.replace(config, server=dataclasses.replace(config.server,
                                                                      admin_port=18099))
    public = create_app(separate, run_workers=False)
    assert not any(r.canonical.startswith(C) for r in public.router.resources())
    admin = create_admin_app(separate, public)
    assert any(r.canonical.startswith(C) for r in admin.router.resources())


async def test_the_cookie_is_secure_when_the_console_is_reached_over_https(web, people):
    # The sign-in page already sets the cookie (it carries the form token).
    behind_https = await web.get(f"{C}/login", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" in behind_https.headers["Set-Cookie"]
    web.session.cookie_jar.clear()
    plain = await web.get(f"{C}/login")
    assert "Secure" not in plain.headers["Set-Cookie"]
    # Over plain http the whole sign-in still works.
    assert (await login(web, "a1")).status == 303
