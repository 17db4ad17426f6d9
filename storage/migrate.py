"""Alembic migrations, run from our own commands (jingmin db upgrade, jingmin serve)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.db import create_engine, is_sqlite

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# The newest revision in MIGRATIONS_DIR (a test keeps the two equal). A database already there
# is served without importing Alembic, ~0.25 s of a restart's CPU (issue 11).
HEAD_REVISION = "0017"
# Any constant works; all instances must agree on it.
MIGRATION_LOCK_KEY = 0x4A494E474D494E  # "JINGMIN"


def alembic_config() -> AlembicConfig:
    """Alembic's configuration pointing at our migrations folder."""
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


async def upgrade(url: str) -> None:
    """Apply pending migrations; on PostgreSQL under an advisory lock so instances queue."""
    engine = create_engine(url, pool_size=1)
    try:
        await upgrade_engine(engine)
    finally:
        await engine.dispose()


async def upgrade_engine(engine: AsyncEngine) -> None:
    """Apply pending migrations on an open engine."""
    async with engine.connect() as conn:
        if await _revision(conn) == HEAD_REVISION:
            return
        if not is_sqlite(str(engine.url)):
            await conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
            await conn.commit()
        try:
            await conn.run_sync(_upgrade_sync)
            await conn.commit()
        finally:
            if not is_sqlite(str(engine.url)):
                await conn.execute(text("SELECT pg_advisory_unlock(:k)"),
                                   {"k": MIGRATION_LOCK_KEY})
                await conn.commit()


async def _revision(conn: AsyncConnection) -> str | None:
    """The revision Alembic recorded in the database; None when it recorded none (a new
    database) or several (branches, which ours never have: Alembic decides then)."""
    try:
        found = (await conn.execute(text("SELECT version_num FROM alembic_version"))).all()
    except DBAPIError:         # no such table yet
        await conn.rollback()
        return None
    await conn.rollback()      # a read: leave no transaction open for the migration
    return found[0][0] if len(found) == 1 else None


def _upgrade_sync(connection) -> None:
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, "head")
