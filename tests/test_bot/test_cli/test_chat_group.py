"""Local mode's police WeChat group, end to end against a real `jingmin serve`: a resident's
request opens a ticket and the owner is told, an officer's @-reply is the first response, a
console (API) reply becomes the owner's task, `/confirm` sends it, and the figures count it."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.db import create_engine, session_factory
from storage.groups import messages as group_store
from storage.groups.models import GroupTask
from storage.tickets.models import Ticket, TicketEvent
from tests.support.kill9 import free_port

EXAMPLE = Path(__file__).parents[3] / "config.example.toml"
JINGMIN = str(Path(sys.executable).parent / "jingmin")
ROOM = "wrLiuyuanDev"
GROUP = f"""
[[groups.chats]]
room_id = "{ROOM}"
owner = "zhangjing"
name = "柳园小区警务群"
unit = "古楼派出所"
area = "柳园"
"""


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JINGMIN_")}
    env["HOME"] = str(home)
    return env


def _run(config: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([JINGMIN, *args, "--config", str(config)], input=stdin,
                          capture_output=True, text=True, timeout=60, cwd=config.parent,
                          env=_env(config.parent))


def _get(url: str, token: str = "", body: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.status, json.load(answer)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    port = free_port()
    text = (EXAMPLE.read_text(encoding="utf-8")
            .replace("port = 8080", f"port = {port}", 1)
            .replace('"sqlite+aiosqlite:///data/jingmin.db"',
                     json.dumps(f"sqlite+aiosqlite:///{tmp_path / 'jingmin.db'}"), 1)
            .replace('archive = ""', 'archive = "local"', 1)) + GROUP
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    log = tmp_path / "serve.log"
    with log.open("w") as sink:
        server = subprocess.Popen([JINGMIN, "serve", "--config", str(config)], cwd=tmp_path,
                                  stdout=sink, stderr=subprocess.STDOUT, env=_env(tmp_path))
    try:
        deadline = time.monotonic() + 30
        while True:
            assert server.poll() is None, log.read_text()
            try:
                if _get(f"http://127.0.0.1:{port}/healthz")[0] == 200:
                    break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
        yield config, port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


async def _rows(config: Path, model):
    url = f"sqlite+aiosqlite:///{config.parent / 'jingmin.db'}"
    engine = create_engine(url)
    try:
        async with session_factory(engine)() as session:
            return list(await session.scalars(select(model)))
    finally:
        await engine.dispose()


def test_a_group_conversation_in_local_mode(served):
    config, port = served
    added = _run(config, "officer", "add", "zhang", "--name", "张警官", "--unit", "古楼派出所",
                 "--role", "officer", "--wecom-user", "zhangjing", stdin="correct-horse-9\n")
    assert added.returncode == 0, added.stderr
    resident = _run(config, "chat", "--group", ROOM, "--member", "张阿姨", "--wait", "4",
                    stdin="大家好\n楼下有人乱停车堵住消防通道，麻烦处理一下\n")
    assert resident.returncode == 0, resident.stderr
    [ticket] = asyncio.run(_rows(config, Ticket))
    assert (ticket.channel, ticket.unit) == ("group", "古楼派出所")
    assert "[群主企业微信通知]" in resident.stdout and ticket.number in resident.stdout

    officer = _run(config, "chat", "--group", ROOM, "--officer", "zhang", "--wait", "2",
                   stdin="@张阿姨 您好，已通知物业挪车\n")
    assert officer.returncode == 0, officer.stderr
    [ticket] = asyncio.run(_rows(config, Ticket))
    assert ticket.first_response_at is not None

    token = _run(config, "officer", "token", "zhang").stdout.strip()
    status, answer = _get(f"http://127.0.0.1:{port}/api/v1/tickets/{ticket.number}/replies",
                          token, {"text": "车已挪走，请您确认"})
    assert status == 202 and answer["delivery"] == "group_task"
    owner = _run(config, "chat", "--group", ROOM, "--officer", "zhang", "--wait", "3",
                 stdin="/confirm\n")
    assert "[已确认群发] 车已挪走，请您确认" in owner.stdout, owner.stdout + owner.stderr
    [task] = asyncio.run(_rows(config, GroupTask))
    assert task.state == "sent"

    # The resident takes back her request (撤回): the ticket keeps it, its timeline says so.
    recall = _run(config, "chat", "--group", ROOM, "--member", "张阿姨", "--wait", "3",
                  stdin="/recall\n")
    assert "[已撤回您最近的一条消息]" in recall.stdout, recall.stdout + recall.stderr
    events = asyncio.run(_rows(config, TicketEvent))
    assert [e.type for e in events if e.ticket_id == ticket.id].count("recalled") == 1

    report = _run(config, "report", "kpi", "--format", "json", "--week", _this_week()).stdout
    group = json.loads(report)["groups"]["groups"][ROOM]
    assert (group["requests"], group["first_responses"], group["open"]) == (1, 1, 1)


async def _hand_over(config: Path, owner: str) -> None:
    """The group's owner changes (what WeCom's change_owner event records)."""
    engine = create_engine(f"sqlite+aiosqlite:///{config.parent / 'jingmin.db'}")
    try:
        async with session_factory(engine)() as session, session.begin():
            await group_store.set_owner(session, ROOM, owner)
    finally:
        await engine.dispose()


def test_confirm_is_the_owner_who_holds_the_group_now(served):
    # The task was made for the configured owner (zhangjing); the group then passed to
    # liwei, whose /confirm sends it (the server takes the holder's line for it).
    config, port = served
    for username, name, wecom in (("zhang", "张警官", "zhangjing"), ("li", "李警官", "liwei")):
        added = _run(config, "officer", "add", username, "--name", name, "--unit",
                     "古楼派出所", "--role", "officer", "--wecom-user", wecom,
                     stdin="correct-horse-9\n")
        assert added.returncode == 0, added.stderr
    resident = _run(config, "chat", "--group", ROOM, "--member", "张阿姨", "--wait", "4",
                    stdin="楼下有人乱停车堵住消防通道，麻烦处理一下\n")
    assert resident.returncode == 0, resident.stderr
    [ticket] = asyncio.run(_rows(config, Ticket))
    token = _run(config, "officer", "token", "zhang").stdout.strip()
    status, _ = _get(f"http://127.0.0.1:{port}/api/v1/tickets/{ticket.number}/replies",
                     token, {"text": "车已挪走，请您确认"})
    assert status == 202
    asyncio.run(_hand_over(config, "liwei"))
    holder = _run(config, "chat", "--group", ROOM, "--officer", "li", "--wait", "3",
                  stdin="/confirm\n")
    assert "[已确认群发] 车已挪走，请您确认" in holder.stdout, holder.stdout + holder.stderr
    [task] = asyncio.run(_rows(config, GroupTask))
    assert (task.owner, task.state) == ("zhangjing", "sent")


def _this_week() -> str:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    year, week, _ = datetime.now(ZoneInfo("Asia/Shanghai")).isocalendar()
    return f"{year}-W{week:02d}"
