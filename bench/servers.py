"""Starting, watching and stopping the servers the benchmarks measure, and their CPU use."""

from __future__ import annotations

import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.load import BenchError
from bench.pushes import APP_ID
from bot.config import DEV_AES_KEY, DEV_TOKEN
from bot.startup import WARM_LINE, WARM_UP_LATEST_S


def cpu_ticks(pid: int) -> int:
    """User + system clock ticks of a process, all its threads included."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def busy_ticks(cpu: str | None) -> int:
    """Clock ticks CPU `cpu` spent busy (not idle or waiting for I/O) since boot."""
    if cpu is None:
        return 0
    for line in Path("/proc/stat").read_text().splitlines():
        if line.startswith(f"cpu{cpu} "):
            values = [int(v) for v in line.split()[1:]]
            return sum(values[:8]) - values[3] - values[4]
    return 0


EXAMPLE = Path(__file__).resolve().parent.parent / "config.example.toml"


def write_config(folder: Path, port: int, *, db_url: str | None = None,
                 units: bool = False) -> Path:
    """A config for one bench run: SQLite in `folder` unless `db_url`; `units` adds the
    example's police stations (tickets are routed to them)."""
    path = folder / "config.toml"
    db_url = db_url or f"sqlite+aiosqlite:///{folder / 'jingmin.db'}"
    example = EXAMPLE.read_text(encoding="utf-8")
    stations = example[example.index("[[units]]"):example.index("[debug]")] if units else ""
    path.write_text(f"""# Written by bench/ for one run.
[server]
host = "127.0.0.1"
port = {port}
public_url = "http://127.0.0.1:{port}"
data_dir = "{folder / 'data'}"

[database]
url = "{db_url}"

[wechat]
app_id = "{APP_ID}"
token = "{DEV_TOKEN}"
encoding_aes_key = "{DEV_AES_KEY}"
api_base_url = "local"
max_clock_skew_s = 300

[export]
dir = "{folder / 'exports'}"

{stations}""")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(command: list[str], folder: Path, cpu: str | None,
           cwd: Path | None = None) -> subprocess.Popen:
    if cpu is not None:
        command = ["taskset", "-c", cpu, *command]
    with open(folder / "server.log", "w") as log:  # the child keeps its own descriptor
        return subprocess.Popen(command, cwd=cwd or folder, stdout=log,
                                stderr=subprocess.STDOUT)


def wait_healthy(port: int, process: subprocess.Popen, log: Path, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"server exited with {process.returncode}; last lines of {log}:\n"
                             + "\n".join(log.read_text().splitlines()[-15:]))
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    raise BenchError(f"server not healthy after {timeout_s:.0f} s; see {log}")


_WARM = re.compile(re.escape(WARM_LINE) + r" ([\d.]+) s after listening \(loading ([\d.]+) s\)")


def wait_warm(process: subprocess.Popen, log: Path,
              timeout_s: float = WARM_UP_LATEST_S + 30) -> tuple[float, float]:
    """Wait, sending nothing, until `jingmin serve` logs that its late warm-up (jionlp's
    parser) is done: a run that starts before measures a cold server, the parser built
    inside it. (seconds it took after listening, seconds its loading took)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = _WARM.search(log.read_text(errors="replace")) if log.exists() else None
        if found:
            return float(found[1]), float(found[2])
        if process.poll() is not None:
            raise BenchError(f"server exited with {process.returncode} while warming up")
        time.sleep(0.1)
    raise BenchError(f"server not warm after {timeout_s:.0f} s; see {log}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


_GC_LINE = re.compile(r"gen(\d) (\d+) in ([\d.]+) ms \(max ([\d.]+)\)")


def collections(log: Path) -> list[dict]:
    """The server's garbage collections while serving, by generation (count, total and max
    ms), from the line `jingmin serve` logs when it stops; empty if it logged none."""
    lines = [line for line in log.read_text(errors="replace").splitlines()
             if "gc while serving:" in line] if log.exists() else []
    if not lines:
        return []
    return [{"generation": int(g), "count": int(n), "total_ms": float(total),
             "max_ms": float(longest)} for g, n, total, longest in _GC_LINE.findall(lines[-1])]


def render_collections(gens: list[dict], pushes: int) -> str:
    """One line: each generation's collections a push, total and longest time."""
    if not gens:
        return "no gc line in the server's log"
    return "; ".join(f"gen{g['generation']} {g['count']} ({g['count'] / max(pushes, 1):.4f} a "
                     f"push) {g['total_ms']:.1f} ms, max {g['max_ms']:.1f}" for g in gens)
