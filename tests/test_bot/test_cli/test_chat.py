"""`jingmin chat` against a real `jingmin serve`, in safe mode and in plaintext mode."""

from __future__ import annotations

import json
import os
import re
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


def _officer_token(config: Path) -> str:
    env = clean_env(config.parent)
    run = dict(capture_output=True, text=True, timeout=60, cwd=config.parent, env=env,
               check=True)
    subprocess.run([JINGMIN, "officer", "add", "wangjg", "--name", "王警官", "--unit",
                    "古楼派出所", "--role", "officer", "--config", str(config)],
                   input="a-long-password\n", **run)
    return subprocess.run([JINGMIN, "officer", "token", "wangjg", "--config", str(config)],
                          **run).stdout.strip()


def _base(config: Path) -> str:
    port = next(line.split("=")[1].strip() for line in config.read_text().splitlines()
                if line.startswith("port ="))
    return f"http://127.0.0.1:{port}"


def test_chat_prints_on_start_what_came_while_it_was_closed(served_config):
    openid = "o-chat-away"
    result = chat(served_config, "楼上天天半夜蹦迪，吵死了\n", "--openid", openid)
    found = re.search(r"DCF\d{8}-\d{4}", result.stdout)
    assert found, result.stdout
    number = found.group(0)
    token = _officer_token(served_config)
    request = urllib.request.Request(
        f"{_base(served_config)}/api/v1/tickets/{number}/replies",
        data=json.dumps({"text": "民警今晚到现场处理"}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 202
    deadline = time.monotonic() + 20          # the outbox "sends" it (local mode records it)
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{_base(served_config)}/local/deliveries?openid={openid}"
                                    f"&after=0", timeout=5) as answer:
            if any("民警今晚到现场处理" in i["text"] for i in json.load(answer)["items"]):
                break
        time.sleep(0.2)
    else:
        pytest.fail("the reply was never delivered")
    # The resident opens the chat again: the reply that came meanwhile is printed at once.
    later = chat(served_config, "", "--openid", openid)
    assert later.returncode == 0, later.stderr
    assert later.stdout.startswith("警民通（稍后发送）：关于您反映的问题"), later.stdout
    assert "民警今晚到现场处理" in later.stdout
    # Seen once is seen: the next start does not repeat it.
    again = chat(served_config, "", "--openid", openid)
    assert "民警今晚到现场处理" not in again.stdout


def test_chat_with_wait_prints_what_the_server_sends_later(served_config):
    # --wait: the chat stays (waiting on the deliveries it watches) and prints the message
    # that follows an emergency's answer, then ends on time.
    started = time.monotonic()
    result = subprocess.run([JINGMIN, "chat", "--config", str(served_config), "--wait", "6",
                             "--openid", "o-chat-wait"], input="我家着火了，快来人\n",
                            capture_output=True, text=True, timeout=60,
                            cwd=served_config.parent, env=clean_env(served_config.parent))
    assert result.returncode == 0, result.stderr
    assert "警民通（稍后发送）：" in result.stdout, result.stdout
    assert time.monotonic() - started < 30
