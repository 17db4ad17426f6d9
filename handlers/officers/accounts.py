"""Officers and their credentials: accounts, argon2id passwords with lockout, API tokens,
console sessions, and the access log supervisors read."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import re
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.core import paging
from handlers.core.errors import Conflict, Invalid, NotFound, supervisors_only
from handlers.core.privacy import mask_text
from handlers.tickets.view import local_times
from storage.officers import store
from storage.officers.models import ROLES, Officer

TOKEN_LIFETIME = timedelta(days=90)
SESSION_IDLE = timedelta(minutes=30)
# Failed sign-ins are throttled per source address and name together: an attacker elsewhere
# cannot lock the real officer out, and a name answers alike whether it exists or not.
MAX_FAILED_LOGINS = 5            # for one name from one address
MAX_FAILED_FROM_ADDRESS = 30     # for any names from one address (password spraying)
LOCKOUT = timedelta(minutes=15)
PASSWORD_MIN = 8
PASSWORD_MAX = 256
# Writing last_used_at on every API call would turn each read into a write.
TOKEN_TOUCH_EVERY = timedelta(minutes=5)
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
SUPERVISORS = frozenset({"supervisor", "admin"})

_hasher = PasswordHasher()   # argon2id, the library's RFC 9106 low-memory profile


@functools.cache
def _dummy_hash() -> str:
    # Checked against when the username is unknown, so timing does not reveal accounts.
    return _hasher.hash("jingmin-no-such-officer")


@dataclass(frozen=True)
class Actor:
    """The officer behind a request, as the workflow needs them."""

    id: int
    username: str
    name: str
    unit: str
    role: str

    @property
    def supervises(self) -> bool:
        """Supervisors and admins act on every unit's tickets."""
        return self.role in SUPERVISORS

    @classmethod
    def of(cls, officer: Officer) -> Actor:
        """From the stored officer."""
        return cls(officer.id, officer.username, officer.name, officer.unit, officer.role)


@dataclass(frozen=True)
class LoginResult:
    """`actor` on success; else `error`, the key of the sentence to show again."""

    actor: Actor | None = None
    error: str | None = None


def digest(secret: str) -> str:
    """What is stored of a token or session id: its SHA-256 (they are 32 random bytes)."""
    return hashlib.sha256(secret.encode()).hexdigest()


async def hash_password(password: str) -> str:
    """argon2id, off the event loop (it is deliberately slow and memory-hard)."""
    return await asyncio.to_thread(_hasher.hash, password)


async def _verify(password_hash: str, password: str) -> bool:
    def check() -> bool:
        try:
            return _hasher.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
    return await asyncio.to_thread(check)


async def add_officer(session: AsyncSession, units: Collection[str], *, username: str,
                      name: str, unit: str, role: str, password: str, now: datetime,
                      wecom_user: str | None = None, phone: str | None = None) -> Actor:
    """Create an officer; Invalid names the bad field, Conflict a taken username."""
    if not _USERNAME.match(username):
        raise Invalid("username", "officer_username_invalid")
    if not name.strip() or len(name) > 64:
        raise Invalid("name", "officer_name_invalid")
    if unit not in units:
        raise Invalid("unit", "officer_unit_unknown", unit=unit)
    if role not in ROLES:
        raise Invalid("role", "officer_role_invalid")
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise Invalid("password", "officer_password_invalid", min=PASSWORD_MIN)
    if await store.by_username(session, username) is not None:
        raise Conflict("officer_exists", username=username)
    if wecom_user and await store.by_wecom_user(session, wecom_user) is not None:
        raise Conflict("officer_wecom_taken", wecom_user=wecom_user)
    officer = store.add(session, username=username, name=name.strip(), unit=unit, role=role,
                        wecom_user=wecom_user or None, phone=phone or None,
                        password_hash=await hash_password(password), disabled=False,
                        failed_logins=0, created_at=now)
    await session.flush()
    return Actor.of(officer)


def valid_username(username: str) -> bool:
    """Whether `username` could be an officer's (letters, digits, _ . -; at most 64)."""
    return bool(_USERNAME.match(username))


async def _existing(session: AsyncSession, username: str) -> Officer:
    officer = await store.by_username(session, username) if valid_username(username) else None
    if officer is None:
        raise NotFound("officer_unknown", username=username)
    return officer


async def issue_token(session: AsyncSession, username: str, now: datetime) -> str:
    """A new bearer token (shown once, never stored) valid for 90 days."""
    officer = await _existing(session, username)
    if officer.disabled:
        raise Conflict("officer_disabled", username=username)
    token = secrets.token_urlsafe(32)
    store.add_token(session, officer, digest(token), now, now + TOKEN_LIFETIME)
    return token


async def disable_officer(session: AsyncSession, username: str, now: datetime) -> None:
    """Disable the officer and revoke every token and console session at once."""
    officer = await _existing(session, username)
    officer.disabled = True
    await store.revoke_all(session, officer, now)


async def check_token(session: AsyncSession, token: str | None, now: datetime) -> Actor | None:
    """The officer a bearer token belongs to; None if unknown, expired, revoked or disabled."""
    if not token or len(token) > 256:
        return None
    found = await store.token_owner(session, digest(token), now)
    if found is None:
        return None
    row, officer = found
    if row.last_used_at is None or now - row.last_used_at > TOKEN_TOUCH_EVERY:
        row.last_used_at = now
    return Actor.of(officer)


async def login(session: AsyncSession, username: str, password: str, now: datetime,
                address: str = "") -> LoginResult:
    """Check a console password. Five failures for one name from one address (or 30 for any
    names) within 15 minutes stop further tries from there until the window has passed;
    known and unknown names are answered alike. The caller commits whatever the result."""
    name = username[:64]
    pair, spread = await store.recent_login_failures(session, address, name, now - LOCKOUT)
    if pair >= MAX_FAILED_LOGINS or spread >= MAX_FAILED_FROM_ADDRESS:
        return LoginResult(error="login_locked")
    officer = await store.by_username(session, username) if valid_username(username) else None
    if officer is None:
        await _verify(await asyncio.to_thread(_dummy_hash), password)
    if officer is None or not await _verify(officer.password_hash, password) \
            or officer.disabled:
        store.add_login_failure(session, address, name, now)
        await store.purge_login_failures(session, now - LOCKOUT)
        locked = pair + 1 >= MAX_FAILED_LOGINS or spread + 1 >= MAX_FAILED_FROM_ADDRESS
        return LoginResult(error="login_locked" if locked else "login_failed")
    await store.clear_login_failures(session, address, name)
    if _hasher.check_needs_rehash(officer.password_hash):
        officer.password_hash = await hash_password(password)
    return LoginResult(actor=Actor.of(officer))


async def set_password(session: AsyncSession, username: str, password: str) -> None:
    """Replace an officer's password (and clear a lockout)."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise Invalid("password", "officer_password_invalid", min=PASSWORD_MIN)
    officer = await _existing(session, username)
    officer.password_hash = await hash_password(password)
    officer.failed_logins, officer.locked_until = 0, None


async def open_session(session: AsyncSession, actor: Actor, now: datetime) -> str:
    """A new console session id for the cookie; only its hash is stored."""
    officer = await _existing(session, actor.username)
    raw = secrets.token_urlsafe(32)
    store.add_console_session(session, officer, digest(raw), now)
    return raw


async def check_session(session: AsyncSession, raw: str | None, now: datetime) -> Actor | None:
    """The officer of a console session not idle for 30 minutes; refreshes last_seen_at."""
    if not raw or len(raw) > 256:
        return None
    found = await store.console_session_owner(session, digest(raw), now - SESSION_IDLE)
    if found is None:
        return None
    row, officer = found
    row.last_seen_at = now
    return Actor.of(officer)


async def close_session(session: AsyncSession, raw: str, now: datetime) -> None:
    """Log out: the session id stops working at once."""
    await store.revoke_session(session, digest(raw), now)


def log_access(session: AsyncSession, actor: Actor, action: str, target: str, now: datetime,
               **detail: Any) -> None:
    """Record a view, search, list, contact reveal or export (append-only)."""
    store.log_access(session, actor.username, action, target, detail, now)


async def read_access_log(session: AsyncSession, actor: Actor, username: str, now: datetime,
                          tz: tzinfo, *, cursor: str | None = None,
                          limit: object = None) -> paging.Page:
    """An officer's access log for a supervisor, newest first, its moments in the tickets'
    timezone (`at` and those in the details, such as an export's as_of); the reading is
    logged too."""
    await _existing(session, username)
    if not actor.supervises:
        raise supervisors_only("access_log", actor.role)
    size = paging.limit(limit)
    rows = await store.access_log(session, username, before_id=paging.decode(cursor),
                                  limit=size + 1)
    rows, after = paging.page(rows, size)
    log_access(session, actor, "access_log", username, now)
    # An officer may have searched by a resident's phone: shown masked like everything else.
    items = [{"at": row.at.astimezone(tz), "officer": row.officer, "action": row.action,
              "target": mask_text(row.target),
              "detail": local_times(_masked(json.loads(row.detail or "{}")), tz)}
             for row in rows]
    return paging.Page(items, after)


def _masked(value: Any) -> Any:
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_masked(v) for v in value]
    return value
