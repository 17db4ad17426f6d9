"""What an attacker found besides the big ones: huge ids, clients that leave or stall
mid-body, world-readable files, a talkative Server header."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from aiohttp import web

from bot.app import create_app
from bot.bodies import BODY_TIMEOUT
from bot.delivery.senders import _write_file
from bot.headers import SERVER
from handlers.officers import accounts as officers
from storage.base import utcnow
from tests.doors import with_doors
from tests.helpers import running, scripted_dispatch
from tests.officer_clients import signed_in
from tests.workbench import staff, ticket


async def test_an_id_too_large_for_the_database_is_a_404(config, sessions):
    await staff(sessions)
    async with running(config) as client:
        await signed_in(client, "a1")
        for path in ("/console/media/99999999999999999999999", "/console/media/-1",
                     "/console/media/１２"):
            response = await client.get(path)
            assert response.status == 404, path
            assert "Traceback" not in await response.text()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_its_wal_media_and_exports_are_private(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)                   # an existing install, created world-readable
    config = tmp_path / "config.toml"
    example = Path(__file__).parents[2] / "config.example.toml"
    config.write_text(example.read_text(encoding="utf-8").replace(
        'data_dir = "data"', f'data_dir = "{data}"').replace(
        'url = "sqlite+aiosqlite:///data/jingmin.db"',
        f'url = "sqlite+aiosqlite:///{data}/jingmin.db"').replace(
        'dir = "exports"', f'dir = "{tmp_path}/exports"').replace(
        "port = 8080", f"port = {_free_port()}"), encoding="utf-8")
    jingmin = [sys.executable, "-m", "bot.cli"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    run = dict(cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert subprocess.run([*jingmin, "db", "upgrade", "--config", str(config)], **run) \
        .returncode == 0
    for fmt in ("csv", "xlsx"):
        done = subprocess.run([*jingmin, "export", "unresolved", "--format", fmt,
                               "--config", str(config)], **run)
        assert done.returncode == 0, done.stderr
        assert _mode(Path(done.stdout.strip())) == 0o600
    server = subprocess.Popen([*jingmin, "serve", "--config", str(config)], cwd=tmp_path,
                              env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (data / "jingmin.db-wal").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _mode(data) == 0o700
        for name in ("jingmin.db", "jingmin.db-wal", "jingmin.db-shm"):
            assert _mode(data / name) == 0o600, name
        assert _mode(tmp_path / "exports") == 0o700
    finally:
        server.terminate()
        server.communicate(timeout=30)
    media = Path(_write_file(str(tmp_path / "other"), "media-1", "jpg", b"\xff\xd8"))
    assert _mode(media) == 0o600 and _mode(media.parent) == 0o700


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_the_server_header_names_no_software(config, sessions):
    await staff(sessions)
    async with sessions() as session, session.begin():
        token = await officers.issue_token(session, "a1", utcnow())
    async with running(config) as client:
        for path, headers in (("/healthz", {}), ("/nowhere", {}), ("/console/login", {}),
                              ("/api/v1/tickets", {"Authorization": f"Bearer {token}"}),
                              ("/api/v1/tickets", {})):
            response = await client.get(path, headers=headers)
            assert response.headers["Server"] == SERVER, path


@asynccontextmanager
async def served(app: web.Application) -> AsyncIterator[int]:
    """`app` served as `jingmin serve` serves it (aiohttp's test server cancels handlers
    when a client leaves; production lets them run on); yields the port."""
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield runner.addresses[0][1]
    finally:
        await runner.cleanup()


async def _raw(port: int, request: bytes) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    return reader, writer


async def test_300_stalled_uploads_are_answered_408_and_closed(config):
    app = create_app(with_doors(config), run_workers=False, dispatch=scripted_dispatch)
    app[BODY_TIMEOUT] = 0.5
    head = (b"POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000\r\n\r\n{\"call_id\": ")
    async with served(app) as port:
        paths = [b"/hotline/calls", b"/wechat", b"/wecom"]
        started = time.monotonic()
        conns = [await _raw(port, head % paths[i % 3]) for i in range(300)]

        async def answer(reader):
            return await asyncio.wait_for(reader.read(), timeout=15)   # until closed

        answers = await asyncio.gather(*(answer(r) for r, _ in conns))
        elapsed = time.monotonic() - started
        for _, writer in conns:
            writer.close()
    assert all(a.startswith(b"HTTP/1.1 408") for a in answers)
    assert elapsed < 10


async def test_a_client_leaving_mid_body_is_not_a_database_failure(config, sessions, caplog):
    await staff(sessions)
    t = await ticket(sessions, config)
    async with sessions() as session, session.begin():
        token = await officers.issue_token(session, "a1", utcnow())
    caplog.set_level(logging.INFO)
    app = create_app(with_doors(config), run_workers=False, dispatch=scripted_dispatch)
    async with served(app) as port:
        for path, extra in ((f"/api/v1/tickets/{t.number}/notes",
                             f"Authorization: Bearer {token}\r\n"),
                            ("/hotline/calls", ""), ("/wechat", "")):
            _, writer = await _raw(port, (
                f"POST {path} HTTP/1.1\r\nHost: x\r\n{extra}Content-Length: 5000\r\n"
                "Content-Type: application/json\r\n\r\n{\"text\": \"").encode())
            await asyncio.sleep(0.1)
            writer.transport.abort()
        for _ in range(100):            # the server notices within moments
            if sum("left" in r.getMessage() for r in caplog.records) >= 3:
                break
            await asyncio.sleep(0.05)
    left = [r for r in caplog.records if "left" in r.getMessage()]
    assert len(left) == 3 and all(r.levelno == logging.INFO for r in left)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
