"""What a console request carries: the cookie, the signed-in officer, the time, and the
app keys the console's modules share."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from aiohttp import web
from aiohttp_session import Session
from aiohttp_session.cookie_storage import EncryptedCookieStorage

from handlers.officers.accounts import Actor


@dataclass
class Visit:
    """One console request: the cookie's contents, the officer (if signed in) and the time."""

    cookie: Session
    now: datetime
    key: bytes
    actor: Actor | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def sid(self) -> str | None:
        """The raw console session id the cookie carries."""
        value = self.cookie.get("sid")
        return value if isinstance(value, str) else None

    def csrf(self) -> str:
        """The form token of this session (of the sign-in page before one exists)."""
        seed = self.sid
        if seed is None:
            seed = self.cookie.get("pre")
            if not isinstance(seed, str):
                seed = secrets.token_urlsafe(16)
                self.cookie["pre"] = seed
            seed = f"pre:{seed}"
        return hmac.new(self.key, f"csrf:{seed}".encode(), hashlib.sha256).hexdigest()

    def flash(self, kind: str, text: str) -> None:
        """A message for the next page shown."""
        self.cookie["flash"] = [kind, text]

    def take_flash(self) -> tuple[str, str] | None:
        """The pending message, once."""
        value = self.cookie.pop("flash", None)
        return (str(value[0]), str(value[1])) if isinstance(value, list) and \
            len(value) == 2 else None


VISIT = web.RequestKey("console_visit", Visit)
STORAGE = web.AppKey("console_cookie_storage", EncryptedCookieStorage)
KEY = web.AppKey("console_key", bytes)
CLOCK = web.AppKey("console_clock", Callable[[], datetime])  # type: ignore[arg-type]


