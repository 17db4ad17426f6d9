"""The fault campaign's fixtures: one PostgreSQL for the campaign, a fresh migrated database
and a fake Tencent per scenario. Collected only by `make test-faults` (JINGMIN_FAULTS=1):
the campaign starts real servers for minutes and is kept out of `make test`."""

from __future__ import annotations

import asyncio
import itertools
import os
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from tests.fakes import FakeTencent
from tests.faults.campaign import BROKEN
from tests.faults.cluster import EXAMPLE, JINGMIN
from tests.support.pgserver import PostgresServer

if os.environ.get("JINGMIN_FAULTS") != "1":
    collect_ignore_glob = ["test_*.py"]

TEMPLATE = "faults_template"
# The instances run with a HOME of their own: without this each of them trained the
# classifier again at every scenario's start, two at once (over the 90 s start-up bound on
# a busy machine). Kept once under the user's cache folder, as the suite does.
os.environ.setdefault("XDG_CACHE_HOME", str(Path.home() / ".cache"))
_names = itertools.count()
_started = time.monotonic()


def pytest_sessionstart(session: pytest.Session) -> None:
    """Train and keep the classifier once, before any scenario starts its instances."""
    if os.environ.get("JINGMIN_FAULTS") == "1":
        from handlers.classifier.classifier import IntentClassifier

        if not IntentClassifier.cached():
            IntentClassifier.load()


@pytest.fixture(scope="session")
def pg() -> Iterator[PostgresServer]:
    """A PostgreSQL server with a database migrated by `jingmin db upgrade` as template."""
    server = PostgresServer(durable=True)
    if not server.available:
        pytest.fail("the fault campaign needs PostgreSQL (initdb, pg_ctl): "
                    "apt-get install -y postgresql")
    server.start()
    try:
        async def create() -> None:
            conn = await asyncpg.connect(server.dsn("postgres"))
            await conn.execute(f"CREATE DATABASE {TEMPLATE}")
            await conn.close()

        asyncio.run(create())
        env = {k: v for k, v in os.environ.items() if not k.startswith("JINGMIN_")}
        env["JINGMIN_DATABASE_URL"] = server.url(TEMPLATE)
        subprocess.run([JINGMIN, "db", "upgrade", "--config", str(EXAMPLE)], env=env,
                       check=True, capture_output=True)
        yield server
    finally:
        server.stop()


@pytest.fixture
async def database(pg: PostgresServer) -> tuple[str, str]:
    """A fresh migrated database: (SQLAlchemy URL for the servers, DSN for the checks)."""
    name = f"faults_{next(_names)}"
    conn = await asyncpg.connect(pg.dsn("postgres"))
    try:
        await conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    finally:
        await conn.close()
    return pg.url(name), pg.dsn(name)


@pytest.fixture
async def fake() -> AsyncIterator[FakeTencent]:
    """The fake Tencent API on loopback, in the campaign's own process."""
    async with FakeTencent() as fake:
        yield fake


def pytest_terminal_summary(terminalreporter) -> None:
    """The campaign's wall time beside its verdicts (the target: at most 6 minutes)."""
    if os.environ.get("JINGMIN_FAULTS") == "1":
        if BROKEN:
            terminalreporter.section("invariants broken (scenario: invariant: figures)")
            for line in BROKEN:
                terminalreporter.write_line(line)
        terminalreporter.write_line(
            f"fault campaign: {time.monotonic() - _started:.0f} s in all (target <= 360 s); "
            f"load average now {os.getloadavg()[0]:.2f}")
