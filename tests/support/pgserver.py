"""A throw-away PostgreSQL server for the suite, started from the machine's binaries."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def find_bin(name: str) -> str | None:
    """The path of a PostgreSQL binary, on PATH or in Debian's versioned folder."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """initdb + pg_ctl in a temporary folder; as root, runs as the `postgres` user."""

    def __init__(self, *, durable: bool = False, options: str = "") -> None:
        # durable: a commit is in the server's WAL before it is acknowledged, so that a
        # restart (restart()) loses nothing acknowledged, as in production. fsync stays off:
        # the operating system itself never crashes under a test.
        self.durable = durable
        self.extra_options = options     # more `-c name=value` settings (the benchmarks')
        self.initdb = find_bin("initdb")
        self.pg_ctl = find_bin("pg_ctl")
        self.folder = Path(tempfile.mkdtemp(prefix="jingmin-pg-"))
        self.port = _free_port()
        self.user = "postgres" if os.geteuid() == 0 else None
        self._options = ""

    @property
    def available(self) -> bool:
        return bool(self.initdb and self.pg_ctl)

    def _run(self, *argv: str) -> None:
        command = list(argv)
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> None:
        """Create the cluster and start it on a free loopback port."""
        os.chmod(self.folder, 0o755)
        if self.user:
            shutil.chown(self.folder, self.user, self.user)
        data = self.folder / "data"
        self._run(self.initdb, "--no-sync", "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "-D", str(data))
        self._options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                         "-c fsync=off -c full_page_writes=off -c max_connections=200 "
                         f"-c synchronous_commit={'on' if self.durable else 'off'} "
                         f"{self.extra_options}").strip()
        self._run(self.pg_ctl, "-w", "-D", str(data), "-o", self._options,
                  "-l", str(self.folder / "log"), "start")

    def stop(self) -> None:
        """Stop the server and remove its files."""
        try:
            self._run(self.pg_ctl, "-w", "-D", str(self.folder / "data"), "-m", "immediate",
                      "stop")
        finally:
            # Removed by a process of its own: a suite's cluster holds a database for every
            # test that used one, and deleting them in the test's teardown took minutes on a
            # busy disk (past pytest-timeout's limit for the last test).
            subprocess.run(["sh", "-c", 'rm -rf "$1" >/dev/null 2>&1 &', "sh", str(self.folder)],
                           check=False)

    def restart(self, mode: str = "immediate") -> None:
        """Stop the server (`immediate` is a crash: connections cut, no checkpoint) and start
        it again on the same port with the same data, as a failed-over database would."""
        data = str(self.folder / "data")
        self._run(self.pg_ctl, "-w", "-D", data, "-m", mode, "stop")
        self._run(self.pg_ctl, "-w", "-D", data, "-o", self._options,
                  "-l", str(self.folder / "log"), "start")

    def url(self, database: str) -> str:
        """SQLAlchemy URL of `database` on this server."""
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"

    def dsn(self, database: str) -> str:
        """asyncpg's (libpq) address of `database` on this server."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"
