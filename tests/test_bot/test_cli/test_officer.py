"""`jingmin officer add|token|disable` as a subprocess on a temporary config and database."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from handlers.officers import accounts as officers
from storage.base import utcnow
from storage.db import create_engine, session_factory
from storage.officers.models import ApiToken, Officer

ROOT = Path(__file__).parents[3]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """A folder with config.toml (the example's units) and a migrated SQLite database."""
    folder = tmp_path_factory.mktemp("officer-cli")
    shutil.copy(sqlite_template, folder / "jingmin.db")
    example = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    url = f"sqlite+aiosqlite:///{folder / 'jingmin.db'}"
    (folder / "config.toml").write_text(
        example.replace('url = "sqlite+aiosqlite:///data/jingmin.db"', f'url = "{url}"'),
        encoding="utf-8")
    assert url in (folder / "config.toml").read_text(encoding="utf-8")
    return folder


def jingmin(workdir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args, "--config", str(workdir / "config.toml")],
        input=stdin, capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60)


def _rows(workdir: Path, model):
    async def read():
        engine = create_engine(f"sqlite+aiosqlite:///{workdir / 'jingmin.db'}")
        try:
            async with session_factory(engine)() as session:
                return list(await session.scalars(select(model)))
        finally:
            await engine.dispose()
    return asyncio.run(read())


def _token_works(workdir: Path, token: str) -> bool:
    async def check():
        engine = create_engine(f"sqlite+aiosqlite:///{workdir / 'jingmin.db'}")
        try:
            async with session_factory(engine)() as session:
                return await officers.check_token(session, token, utcnow()) is not None
        finally:
            await engine.dispose()
    return asyncio.run(check())


def test_add_token_disable(workdir):
    done = jingmin(workdir, "officer", "add", "liwei", "--name", "李伟", "--unit", "古楼派出所",
                   "--role", "supervisor", "--wecom-user", "LiWei", "--phone", "13800000000",
                   stdin="a long password\nignored second line\n")
    assert done.returncode == 0, done.stderr
    assert "a long password" not in done.stdout + done.stderr
    [officer] = [o for o in _rows(workdir, Officer) if o.username == "liwei"]
    assert (officer.role, officer.unit, officer.wecom_user) == ("supervisor", "古楼派出所", "LiWei")
    assert officer.password_hash.startswith("$argon2id$")

    issued = jingmin(workdir, "officer", "token", "liwei")
    assert issued.returncode == 0, issued.stderr
    lines = issued.stdout.splitlines()
    assert len(lines) == 1 and len(lines[0]) >= 40
    token = lines[0]
    assert all(row.token_hash != token for row in _rows(workdir, ApiToken))
    assert _token_works(workdir, token)

    disabled = jingmin(workdir, "officer", "disable", "liwei")
    assert disabled.returncode == 0, disabled.stderr
    assert not _token_works(workdir, token)
    assert jingmin(workdir, "officer", "token", "liwei").returncode == 2


@pytest.mark.parametrize(("args", "stdin", "names"), [
    (["--unit", "没有这个所", "--role", "officer"], "a long password\n", "--unit"),
    (["--unit", "古楼派出所", "--role", "officer"], "short\n", "password"),
    (["--unit", "古楼派出所", "--role", "chief"], "a long password\n", "--role"),
])
def test_bad_arguments_exit_2_with_one_line(workdir, args, stdin, names):
    done = jingmin(workdir, "officer", "add", "zhao", "--name", "赵", *args, stdin=stdin)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and names in done.stderr


def test_duplicate_username_and_unknown_officer_exit_2(workdir):
    args = ["officer", "add", "qian", "--name", "钱", "--unit", "新区派出所", "--role", "officer"]
    assert jingmin(workdir, *args, stdin="a long password\n").returncode == 0
    again = jingmin(workdir, *args, stdin="a long password\n")
    assert again.returncode == 2 and len(again.stderr.strip().splitlines()) == 1
    assert jingmin(workdir, "officer", "token", "nobody").returncode == 2
    assert jingmin(workdir, "officer", "disable", "nobody").returncode == 2


def test_unmigrated_database_exits_1(tmp_path):
    (tmp_path / "config.toml").write_text(
        (ROOT / "config.example.toml").read_text(encoding="utf-8").replace(
            'url = "sqlite+aiosqlite:///data/jingmin.db"',
            f'url = "sqlite+aiosqlite:///{tmp_path / "empty.db"}"'), encoding="utf-8")
    done = jingmin(tmp_path, "officer", "token", "anyone")
    assert done.returncode == 1 and "jingmin db upgrade" in done.stderr
