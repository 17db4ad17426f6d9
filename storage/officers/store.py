"""Officers, their credentials (token and session hashes) and the append-only access log."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.officers.models import AccessLog, ApiToken, ConsoleSession, LoginFailure, Officer


async def by_username(session: AsyncSession, username: str) -> Officer | None:
    """One officer by username, disabled or not."""
    return await session.scalar(select(Officer).where(Officer.username == username))


async def by_wecom_user(session: AsyncSession, wecom_user: str) -> Officer | None:
    """The officer bound to a WeCom user id."""
    return await session.scalar(select(Officer).where(Officer.wecom_user == wecom_user))


def add(session: AsyncSession, **fields: Any) -> Officer:
    """A new officer row in the caller's transaction."""
    officer = Officer(**fields)
    session.add(officer)
    return officer


def add_token(session: AsyncSession, officer: Officer, token_hash: str, now: datetime,
              expires_at: datetime) -> ApiToken:
    """Store the hash of a newly issued bearer token."""
    row = ApiToken(officer_id=officer.id, token_hash=token_hash, created_at=now,
                   expires_at=expires_at)
    session.add(row)
    return row


async def token_owner(session: AsyncSession, token_hash: str,
                      now: datetime) -> tuple[ApiToken, Officer] | None:
    """The live token of that hash and its enabled officer, or None."""
    row = (await session.execute(
        select(ApiToken, Officer).join(Officer, Officer.id == ApiToken.officer_id)
        .where(ApiToken.token_hash == token_hash, ApiToken.revoked_at.is_(None),
               ApiToken.expires_at > now, Officer.disabled.is_(False)))).first()
    return (row[0], row[1]) if row else None


def add_console_session(session: AsyncSession, officer: Officer, session_hash: str,
                        now: datetime) -> ConsoleSession:
    """Store the hash of a new console login."""
    row = ConsoleSession(officer_id=officer.id, session_hash=session_hash, created_at=now,
                         last_seen_at=now)
    session.add(row)
    return row


async def console_session_owner(session: AsyncSession, session_hash: str, idle_since: datetime
                                ) -> tuple[ConsoleSession, Officer] | None:
    """The unrevoked console session seen after `idle_since`, with its enabled officer."""
    row = (await session.execute(
        select(ConsoleSession, Officer).join(Officer, Officer.id == ConsoleSession.officer_id)
        .where(ConsoleSession.session_hash == session_hash,
               ConsoleSession.revoked_at.is_(None), ConsoleSession.last_seen_at > idle_since,
               Officer.disabled.is_(False)))).first()
    return (row[0], row[1]) if row else None


async def revoke_session(session: AsyncSession, session_hash: str, now: datetime) -> None:
    """End one console login."""
    await session.execute(update(ConsoleSession)
                          .where(ConsoleSession.session_hash == session_hash,
                                 ConsoleSession.revoked_at.is_(None))
                          .values(revoked_at=now))


async def revoke_all(session: AsyncSession, officer: Officer, now: datetime) -> None:
    """Revoke every token and console session of the officer at once."""
    await session.execute(update(ApiToken)
                          .where(ApiToken.officer_id == officer.id, ApiToken.revoked_at.is_(None))
                          .values(revoked_at=now))
    await session.execute(update(ConsoleSession)
                          .where(ConsoleSession.officer_id == officer.id,
                                 ConsoleSession.revoked_at.is_(None))
                          .values(revoked_at=now))


def log_access(session: AsyncSession, officer: str, action: str, target: str,
               detail: dict[str, Any], now: datetime) -> AccessLog:
    """Append one access-log row; rows are never updated or deleted (kept ≥ 6 months)."""
    row = AccessLog(at=now, officer=officer, action=action, target=target,
                    detail=json.dumps(detail, ensure_ascii=False, default=str))
    session.add(row)
    return row


async def access_log(session: AsyncSession, officer: str, *, before_id: int | None,
                     limit: int) -> list[AccessLog]:
    """The officer's access-log rows, newest first, before `before_id` when paging."""
    query = select(AccessLog).where(AccessLog.officer == officer)
    if before_id is not None:
        query = query.where(AccessLog.id < before_id)
    return list(await session.scalars(query.order_by(AccessLog.id.desc()).limit(limit)))


async def recent_login_failures(session: AsyncSession, address: str, username: str,
                                since: datetime) -> tuple[int, int]:
    """Failed sign-ins since `since` from `address`: (for `username`, for any name)."""
    row = (await session.execute(
        select(func.count().filter(LoginFailure.username == username), func.count())
        .where(LoginFailure.address == address, LoginFailure.at >= since))).one()
    return int(row[0]), int(row[1])


def add_login_failure(session: AsyncSession, address: str, username: str,
                      at: datetime) -> None:
    """Record one failed sign-in."""
    session.add(LoginFailure(address=address, username=username, at=at))


async def clear_login_failures(session: AsyncSession, address: str, username: str) -> None:
    """Forget the failures of a name from an address (its password was just given right)."""
    await session.execute(delete(LoginFailure).where(LoginFailure.address == address,
                                                     LoginFailure.username == username))


async def purge_login_failures(session: AsyncSession, before: datetime) -> None:
    """Drop failures older than the throttle's window."""
    await session.execute(delete(LoginFailure).where(LoginFailure.at < before))
