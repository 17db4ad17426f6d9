"""Alembic migrations, run from our own commands (jingmin db upgrade, jingmin serve)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import create_engine, is_sqlite

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Any constant works; all instances must agree on it.
MIGRATION_LOCK_KEY = 0x4A494E474D494E  # "JINGMIN"


def alembic_config() -> AlembicConfig:
    """Alembic's configuration pointing at our migrations folder."""
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


def _upgrade_sync(connection) -> None:
    cfg = alembic_config()
    cfg.attributes["connection"] = connection
    command.upgrade(cfg, "head")
