"""`jingmin serve` in a subprocess that a test stops dead (SIGKILL), and WeChat's side of it:
pushes retried the way WeChat retries them, and what each resident ends up being told."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from wechatpy import parse_message

from handlers.core.checkpoints import MARKER
from tests.fakes import FakeTencent
from tests.pushes import open_reply, safe_push, text_xml

EXAMPLE = Path(__file__).parents[2] / "config.example.toml"
JINGMIN = str(Path(sys.executable).parent / "jingmin")
# WeChat waits 5 s for an answer, then tries again: three retries in all.
# How the later notice that duty officers were alerted begins (handlers.texts).
ALERTED = "已通知到值班民警"
RETRY_AFTER_S = 5.0
RETRIES = 3


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One `jingmin serve` process on the example config, its Tencent calls going to
    `fake`; `halt_at` arms a checkpoint (handlers.checkpoints) through the environment."""

    def __init__(self, folder: Path, db_url: str, fake: FakeTencent, port: int, *,
                 halt_at: str = "", reply_budget_s: float | None = None,
                 python_env: dict[str, str] | None = None) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = folder / "serve.log"
        self.halted = asyncio.Event()
        self._lines: list[str] = []
        env = {k: v for k, v in os.environ.items() if not k.startswith("JINGMIN_")}
        env.update({
            "HOME": str(folder), "JINGMIN_SERVER_PORT": str(port),
            "JINGMIN_SERVER_PUBLIC_URL": self.url,
            "JINGMIN_SERVER_DATA_DIR": str(folder / "data"),
            "JINGMIN_EXPORT_DIR": str(folder / "exports"),
            "JINGMIN_DATABASE_URL": db_url,
            "JINGMIN_WECHAT_API_BASE_URL": fake.url,
            "JINGMIN_WECHAT_APP_ID": fake.app_id,
            "JINGMIN_WECHAT_APP_SECRET": fake.app_secret,
            "JINGMIN_WECOM_ROBOT_WEBHOOK": fake.webhook,
            "JINGMIN_DEBUG_HALT_AT": halt_at,
        })
        if reply_budget_s is not None:
            env["JINGMIN_WECHAT_REPLY_BUDGET_S"] = str(reply_budget_s)
        env.update(python_env or {})      # e.g. PYTHONPROFILEIMPORTTIME: imports in the log
        self._env = env
        self._folder = folder
        self._process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None

    async def start(self, timeout_s: float = 60.0) -> None:
        """Start and wait until /healthz answers."""
        self._process = await asyncio.create_subprocess_exec(
            JINGMIN, "serve", "--config", str(EXAMPLE), cwd=self._folder, env=self._env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
        self._reader = asyncio.create_task(self._read())
        deadline = asyncio.get_running_loop().time() + timeout_s
        async with aiohttp.ClientSession() as http:
            while True:
                if self._process.returncode is not None:
                    raise AssertionError(f"serve exited {self._process.returncode}:\n{self.log}")
                with contextlib.suppress(aiohttp.ClientError, OSError):
                    async with http.get(f"{self.url}/healthz") as answer:
                        if answer.status == 200:
                            return
                if asyncio.get_running_loop().time() > deadline:
                    raise AssertionError(f"serve never became healthy:\n{self.log}")
                await asyncio.sleep(0.05)

    async def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        with self.log_path.open("a", encoding="utf-8") as log:
            async for raw in self._process.stdout:
                line = raw.decode("utf-8", "replace")
                self._lines.append(line)
                log.write(line)
                log.flush()
                if line.startswith(MARKER):
                    self.halted.set()

    @property
    def log(self) -> str:
        return "".join(self._lines[-80:])

    async def wait_halted(self, timeout_s: float = 30.0) -> None:
        """Until the armed checkpoint is reached."""
        try:
            await asyncio.wait_for(self.halted.wait(), timeout_s)
        except TimeoutError:
            raise AssertionError(f"the checkpoint was never reached:\n{self.log}") from None

    async def kill(self) -> None:
        """SIGKILL: no clean-up of any kind."""
        assert self._process is not None
        self._process.send_signal(signal.SIGKILL)
        await self._process.wait()
        await self._finish_reading()

    async def stop(self) -> None:
        """SIGTERM, as in production."""
        if self._process is None or self._process.returncode is not None:
            return
        self._process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self._process.wait(), 30)
        except TimeoutError:
            self._process.kill()
            await self._process.wait()
        await self._finish_reading()

    async def _finish_reading(self) -> None:
        if self._reader is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self._reader, 5)


@dataclass
class Told:
    """A message a resident saw: a passive reply or a customer-service message."""

    text: str
    at: float
    how: str


@dataclass
class Wechat:
    """WeChat's servers: each push retried until one attempt is answered (what WeChat then
    shows the resident), customer-service messages collected from the fake API."""

    fake: FakeTencent
    url: str
    told: dict[str, list[Told]] = field(default_factory=dict)
    attempts: dict[str, list[int]] = field(default_factory=dict)

    async def push(self, openid: str, content: str, msg_id: int,
                   retry_after_s: float = RETRY_AFTER_S) -> bool | None:
        """Send one message; retried on WeChat's schedule until answered: True. False when
        WeChat gave up and no attempt reached a server (no one listened on the port: the
        message is lost, as it is with WeChat); None when it gave up after an attempt that
        may have reached one (it timed out)."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        unheard = True
        xml = text_xml(openid, content, msg_id=msg_id)
        async with aiohttp.ClientSession() as http:
            for attempt in range(RETRIES + 1):
                await asyncio.sleep(max(0.0, started + attempt * retry_after_s - loop.time()))
                # Every attempt is signed afresh (new timestamp and nonce), same MsgId.
                params, body = safe_push(xml, self.fake.app_id)
                try:
                    async with http.post(f"{self.url}/wechat", params=params, data=body,
                                         timeout=aiohttp.ClientTimeout(total=5)) as response:
                        status, raw = response.status, await response.text()
                except aiohttp.ClientConnectorError:
                    status, raw = 0, ""
                except (aiohttp.ClientError, TimeoutError):
                    status, raw, unheard = 0, "", False
                self.attempts.setdefault(openid, []).append(status)
                if status == 200:
                    if raw not in ("", "success"):
                        text = parse_message(open_reply(raw, self.fake.app_id, params)).content
                        self.told.setdefault(openid, []).append(Told(text, loop.time(),
                                                                     "passive"))
                    return True
        return False if unheard else None

    async def watch_customer_service(self) -> None:
        """Stamp each customer-service message as it reaches the fake (until cancelled)."""
        seen = 0
        loop = asyncio.get_running_loop()
        while True:
            delivered = self.fake.delivered("custom_send")
            for call in delivered[seen:]:
                self.told.setdefault(call.body["touser"], []).append(
                    Told(call.body["text"]["content"], loop.time(), "customer_service"))
            seen = len(delivered)
            await asyncio.sleep(0.05)

    def told_about(self, openid: str, words: str) -> list[Told]:
        """What `openid` was told that mentions `words`, besides the later notice that the
        duty officers were alerted (it names the number too, and is counted on its own)."""
        return [t for t in self.told.get(openid, [])
                if words in t.text and not t.text.startswith(ALERTED)]

    def told_alerted(self, openid: str) -> list[Told]:
        """The notices that the duty officers were alerted."""
        return [t for t in self.told.get(openid, []) if t.text.startswith(ALERTED)]
