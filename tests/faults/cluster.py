"""Real `jingmin serve` processes on one PostgreSQL, pointed at the fake Tencent: started,
killed (SIGKILL) and stopped from a campaign, their logs kept for the evidence."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import os
import re
import signal
import socket
import sys
from collections import Counter
from pathlib import Path

import aiohttp

from handlers.classifier import cache as model_cache
from tests.fakes import FakeTencent

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "config.example.toml"
JINGMIN = str(Path(sys.executable).parent / "jingmin")
START_TIMEOUT_S = 90.0      # two instances train their classifiers at once on two busy cores
STOP_TIMEOUT_S = 20.0
# Log lines worth quoting as evidence, by what they show.
EVIDENCE = {
    "pool exhausted": re.compile(r"QueuePool limit"),
    "handling failed": re.compile(r"handling message \d+ failed|task .* failed|"
                                  r"Task exception|unexpected failure", re.IGNORECASE),
    "database unavailable": re.compile(r"database (or I/O failure|unavailable)|"
                                       r"connection was closed|ConnectionDoesNotExist|"
                                       r"CannotConnectNow|Connection refused", re.IGNORECASE),
    "given up": re.compile(r"given up after"),
    "dead letter": re.compile(r"dead letter"),
    "taken over": re.compile(r"taken over from a handler that died"),
    "disk full": re.compile(r"No space left|ENOSPC", re.IGNORECASE),
}


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Instance:
    """One `jingmin serve` on the example config and the given database, its Tencent calls
    going to `fake`; `env` adds or overrides JINGMIN_* settings."""

    def __init__(self, name: str, folder: Path, db_url: str, fake: FakeTencent, *,
                 env: dict[str, str] | None = None, data_dir: Path | None = None) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.folder = folder / name
        self.folder.mkdir(parents=True, exist_ok=True)
        self.log_path = self.folder / "serve.log"
        self.process: asyncio.subprocess.Process | None = None
        self.killed = False
        base = {k: v for k, v in os.environ.items() if not k.startswith("JINGMIN_")}
        self._env = {
            **base,
            "HOME": str(self.folder),
            "JINGMIN_SERVER_PORT": str(self.port),
            "JINGMIN_SERVER_PUBLIC_URL": self.url,
            "JINGMIN_SERVER_DATA_DIR": str(data_dir or self.folder / "data"),
            # Every instance must share it (README, deployment): a session made on one is
            # good on the other.
            "JINGMIN_SERVER_SESSION_SECRET": "faults-campaign-session-secret-0123456789ab",
            "JINGMIN_EXPORT_DIR": str(self.folder / "exports"),
            "JINGMIN_DATABASE_URL": db_url,
            "JINGMIN_WECHAT_API_BASE_URL": fake.url,
            "JINGMIN_WECHAT_APP_ID": fake.app_id,
            "JINGMIN_WECHAT_APP_SECRET": fake.app_secret,
            "JINGMIN_WECOM_ROBOT_WEBHOOK": fake.webhook,
            # The classifier `jingmin classify` (residents.py) has just trained and cached:
            # with HOME in a fresh folder each instance trained its own at every start, two
            # at once, past START_TIMEOUT_S on a busy machine and most of the campaign's time.
            "JINGMIN_MODEL_CACHE": str(model_cache.folder() or "off"),
            **(env or {}),
        }

    async def start(self) -> None:
        """Start and wait until /healthz answers 200."""
        log = self.log_path.open("ab")
        try:
            self.process = await asyncio.create_subprocess_exec(
                JINGMIN, "serve", "--config", str(EXAMPLE), cwd=self.folder, env=self._env,
                stdout=log, stderr=asyncio.subprocess.STDOUT, preexec_fn=_die_with_parent)
        finally:
            log.close()  # the child has its own descriptor
        loop = asyncio.get_running_loop()
        deadline = loop.time() + START_TIMEOUT_S
        async with aiohttp.ClientSession() as http:
            while True:
                if self.process.returncode is not None:
                    raise AssertionError(f"{self.name} exited {self.process.returncode}:\n"
                                         + self.tail())
                with contextlib.suppress(aiohttp.ClientError, OSError):
                    async with http.get(f"{self.url}/healthz",
                                        timeout=aiohttp.ClientTimeout(total=2)) as answer:
                        if answer.status == 200:
                            return
                if loop.time() > deadline:
                    raise AssertionError(f"{self.name} never became healthy:\n{self.tail()}")
                await asyncio.sleep(0.1)

    async def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as when the machine or the OOM killer stops it."""
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)
            await self.process.wait()
        self.killed = True

    async def stop(self) -> None:
        """SIGTERM, as in production; SIGKILL if it does not stop in time."""
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), STOP_TIMEOUT_S)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") \
            if self.log_path.exists() else ""

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def evidence(self) -> tuple[Counter[str], dict[str, str]]:
        """How many log lines show each kind of trouble, and the first such line of each."""
        counts: Counter[str] = Counter()
        first: dict[str, str] = {}
        for line in self.log_text().splitlines():
            for label, pattern in EVIDENCE.items():
                if pattern.search(line):
                    counts[label] += 1
                    first.setdefault(label, line[:220])
        return counts, first


def _die_with_parent() -> None:
    """In the child: SIGKILL when the campaign's process ends, however it ends (a timeout
    included), so that no server outlives the campaign."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG


class Cluster:
    """Instances started together and always stopped at the end of the scenario."""

    def __init__(self, instances: list[Instance]) -> None:
        self.instances = instances

    async def __aenter__(self) -> Cluster:
        try:
            await asyncio.gather(*(i.start() for i in self.instances))
        except BaseException:
            await self.stop()
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def stop(self) -> None:
        await asyncio.gather(*(i.stop() for i in self.instances), return_exceptions=True)

    def __getitem__(self, index: int) -> Instance:
        return self.instances[index]

    @property
    def urls(self) -> list[str]:
        return [i.url for i in self.instances]
