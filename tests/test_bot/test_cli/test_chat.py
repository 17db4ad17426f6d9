"""`jingmin chat` against a real `jingmin serve`, in safe mode and in plaintext mode."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import DEV_AES_KEY
from handlers import texts

EXAMPLE = Path(__file__).parents[3] / "config.example.toml"
JINGMIN = str(Path(sys.executable).parent / "jingmin")
PREFIX = "警民通："


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JINGMIN_")}
    env["HOME"] = str(home)
    return env


def wait_healthy(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"jingmin serve exited {server.returncode}: {log.read_text()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as answer:
                if json.load(answer) == {"status": "ok", "database": "ok"}:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    pytest.fail(f"jingmin serve never became healthy: {log.read_text()}")


@pytest.fixture(scope="module", params=["safe", "plaintext"])
def served_config(request: pytest.FixtureRequest,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A config file on a fresh SQLite database, with `jingmin serve` running on it."""
    tmp_path = tmp_path_factory.mktemp(f"serve-{request.param}")
    port = free_port()
    text = (EXAMPLE.read_text(encoding="utf-8")
            .replace("port = 8080", f"port = {port}", 1)
            .replace('"sqlite+aiosqlite:///data/jingmin.db"',
                     json.dumps(f"sqlite+aiosqlite:///{tmp_path / 'jingmin.db'}"), 1))
    if request.param == "plaintext":
        text = text.replace(f'"{DEV_AES_KEY}"', '""', 1)
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    log = tmp_path / "serve.log"
    with log.open("w") as sink:
        server = subprocess.Popen([JINGMIN, "serve", "--config", str(path)], cwd=tmp_path,
                                  stdout=sink, stderr=subprocess.STDOUT,
                                  env=clean_env(tmp_path))
    try:
        wait_healthy(port, server, log)
        yield path
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.returncode == 0, log.read_text()
    assert "listening on http://127.0.0.1:" in log.read_text()


def chat(config: Path, lines: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([JINGMIN, "chat", "--config", str(config), "--wait", "0", *extra],
                          input=lines, capture_output=True, text=True, timeout=60,
                          cwd=config.parent, env=clean_env(config.parent))


def replies(stdout: str) -> list[str]:
    """Each reply printed by the chat, newlines inside a reply kept."""
    parts = stdout.split(PREFIX)
    assert parts[0].strip() == "", stdout
    return [part.strip() for part in parts[1:]]


def test_chat_gets_the_welcome_and_a_greeting(served_config):
    result = chat(served_config, "/subscribe\n\n你好\n")
    assert result.returncode == 0, result.stderr
    answers = replies(result.stdout)
    # Issue 14.5: one courteous line for 你好; §4: the 110 line not twice in a row.
    assert answers == [texts.text("welcome"), texts.text("courtesy_greeting")]


def test_chat_as_another_resident_and_a_menu_click(served_config):
    result = chat(served_config, "/menu GUIDE\n/quit\n你好\n", "--openid", "o-chat-2")
    assert result.returncode == 0, result.stderr
    # /quit ends the session: the line after it is never sent.
    [answer] = replies(result.stdout)
    assert answer.endswith(texts.LINE_110)


def test_chat_reports_a_server_that_is_not_there(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(EXAMPLE.read_text(encoding="utf-8")
                      .replace("port = 8080", f"port = {free_port()}", 1), encoding="utf-8")
    result = chat(config, "你好\n")
    assert result.returncode == 1
    assert result.stderr.strip()
