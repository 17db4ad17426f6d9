"""Officers' clients in tests: the console's sign-in and forms, the API's bearer header and
JSON posts."""

from __future__ import annotations

import json
import re

from bot.api.routes import PREFIX as API
from tests.workbench import PASSWORD

__all__ = ["API", "C", "api_post", "bearer", "csrf_token", "login", "post", "signed_in"]

C = "/console"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


async def csrf_token(client, path: str = "/login") -> str:
    response = await client.get(f"{C}{path}")
    match = CSRF.search(await response.text())
    assert match, await response.text()
    return match.group(1)


async def login(client, username: str, password: str = PASSWORD):
    token = await csrf_token(client)
    return await client.post(f"{C}/login", data={"username": username, "password": password,
                                                 "csrf": token}, allow_redirects=False)


async def signed_in(client, username: str) -> str:
    """Sign in and return the form token of the session."""
    response = await login(client, username)
    assert response.status == 303, await response.text()
    return await csrf_token(client, "/")


async def post(client, path: str, csrf: str, **fields):
    return await client.post(f"{C}{path}", data={"csrf": csrf, **fields})


def bearer(token: str) -> dict[str, str]:
    """The API's Authorization header for `token`."""
    return {"Authorization": f"Bearer {token}"}


async def api_post(client, path, token, body=None, *, data=None):
    """POST `body` as JSON (or `data` as it is) to the API's `path` with `token`."""
    payload = data if data is not None else json.dumps(body if body is not None else {})
    return await client.post(f"{API}{path}", data=payload,
                             headers={**bearer(token), "Content-Type": "application/json"})
