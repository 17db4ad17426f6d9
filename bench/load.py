"""Drives wrk with serve_once.lua and reads back what it measured."""

from __future__ import annotations

import math
import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

LUA_SCRIPT = Path(__file__).with_name("serve_once.lua")
# WeChat retries a push that gets no answer within 5 s: a slower reply is a failure.
TIMEOUT_S = 5
# Once every push is handed out, replies still missing after this are lost, not late.
GRACE_S = TIMEOUT_S + 2


class BenchError(Exception):
    """The bench cannot run here; the message says why."""


def ensure_wrk() -> str:
    """The path of wrk, installing Debian's package first when we are root."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise BenchError("wrk is not installed: run `apt-get install -y wrk` as root "
                         "(Debian package wrk), then `make bench` again")
    print("wrk is missing: apt-get install -y wrk", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(["apt-get", "install", "-y", "wrk"], env=env).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, check=False)
        subprocess.run(["apt-get", "install", "-y", "wrk"], env=env, check=False)
    found = shutil.which("wrk")
    if not found:
        raise BenchError("could not install wrk with apt-get; install it and retry")
    return found


@dataclass
class LoadResult:
    """What one wrk run measured; latencies in milliseconds."""

    pushes: int
    sent: int = 0
    ok: int = 0
    later: int = 0       # answered `success`: the reply goes out later (customer service)
    bad: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    msg_per_s: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    # CPU the server spent per answered push, and how busy its CPU was with other work:
    # a noisy neighbour shows here rather than silently lowering msg/s.
    cpu_us_per_msg: float = 0.0
    other_load: float = 0.0
    loop: str = ""       # the server's event loop (bench.loops): ratios compare like with like
    bad_samples: list[str] = field(default_factory=list)

    @property
    def unsent(self) -> int:
        """Pushes never sent: the run reached its time cap first (the server was too slow)."""
        return self.pushes - self.sent

    @property
    def unanswered(self) -> int:
        """Pushes sent that got no answer at all (wrk's timeout, a closed socket, the cap)."""
        return max(0, self.sent - self.ok - self.later - self.bad)

    @property
    def errors(self) -> int:
        """Pushes not answered in time with their encrypted reply or `success`: a wrong
        answer, none at all, or never sent before the cap. (wrk's socket errors and timeouts
        are among these: each loses the push it carried.)"""
        return self.pushes - self.ok - self.later

    def why(self) -> str:
        """What the errors were, for the log."""
        parts = [f"{self.bad} wrong answers", f"{self.unanswered} unanswered"]
        if self.unsent:
            parts.append(f"{self.unsent} never sent (the run reached its time cap)")
        sockets = ", ".join(f"{k} {v}" for k, v in self.socket_errors.items() if v)
        return "; ".join(parts) + (f" (wrk: {sockets})" if sockets else "")

    def as_dict(self) -> dict:
        return {**asdict(self), "errors": self.errors, "unsent": self.unsent,
                "unanswered": self.unanswered}


def run_wrk(wrk: str, url: str, pushes: Path, pushes_count: int, report: Path, *,
            threads: int, connections: int, cap_s: int, cpu: str | None) -> LoadResult:
    """Send every push in `pushes` once at `connections` concurrency; stop when all are in."""
    env = {**os.environ, "BENCH_PUSHES": str(pushes), "BENCH_THREADS": str(threads),
           "BENCH_REPORT": str(report)}
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{cap_s}s",
               f"--timeout={TIMEOUT_S}s", "-s", str(LUA_SCRIPT), url]
    if cpu is not None:
        command = ["taskset", "-c", cpu, *command]
    report.unlink(missing_ok=True)
    with open(report.with_suffix(".stdout"), "w") as stdout:
        process = subprocess.Popen(command, env=env, stdout=stdout, stderr=subprocess.PIPE)
        finished = _wait_for_threads(process, threads, cap_s)
        if process.poll() is None:
            # wrk sleeps for its whole duration; SIGINT ends that and runs done().
            process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if not report.exists():
        raise BenchError(f"wrk wrote no report (exit {process.returncode}); "
                         f"see {report.with_suffix('.stdout')}")
    result = _read_report(report, pushes_count)
    if finished < threads:
        print(f"  warning: {threads - finished} wrk thread(s) did not get every reply",
              file=sys.stderr)
    return result


def _wait_for_threads(process: subprocess.Popen, threads: int, cap_s: int) -> int:
    """Follow wrk's stderr until every thread reports "finished" or time runs out."""
    assert process.stderr is not None
    fd = process.stderr.fileno()
    selector = selectors.DefaultSelector()
    selector.register(fd, selectors.EVENT_READ)
    deadline = time.monotonic() + cap_s + 5
    finished = exhausted = 0
    pending = b""
    while finished < threads and time.monotonic() < deadline:
        if not selector.select(timeout=0.02):
            continue
        chunk = os.read(fd, 65536)
        if not chunk:  # wrk exited
            break
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            word = line.split(b" ", 1)[0]
            if word == b"finished":
                finished += 1
            elif word == b"exhausted":
                exhausted += 1
                if exhausted == threads:
                    deadline = min(deadline, time.monotonic() + GRACE_S)
            else:
                print(f"  wrk: {line.decode(errors='replace')}", file=sys.stderr)
    selector.close()
    return finished


def _read_report(report: Path, pushes: int) -> LoadResult:
    result = LoadResult(pushes=pushes)
    latencies: list[float] = []
    starts, ends = [], []
    for line in report.read_text().splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "summary":
            values = [int(v) for v in rest.split()]
            result.socket_errors = dict(zip(("connect", "read", "write"), values[2:5],
                                            strict=True))
            result.socket_errors["timeout"] = values[6]
        elif kind == "thread":
            _id, _assigned, sent, ok, bad, first_us, last_us, later = (
                float(v) for v in rest.split())
            result.sent += int(sent)
            result.ok += int(ok)
            result.later += int(later)
            result.bad += int(bad)
            if sent:
                starts.append(first_us)
                ends.append(last_us)
        elif kind == "bad":
            result.bad_samples.append(rest)
        elif kind == "lat" and rest:
            latencies.extend(float(v) for v in rest.split())
    if starts and ends:
        result.seconds = (max(ends) - min(starts)) / 1e6
        result.msg_per_s = result.ok / result.seconds if result.seconds > 0 else 0.0
    if latencies:
        latencies.sort()
        result.p50_ms, result.p95_ms, result.p99_ms = (
            _percentile(latencies, p) / 1000 for p in (50, 95, 99))
        result.max_ms = latencies[-1] / 1000
    return result


def _percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, min(len(ordered), math.ceil(p / 100 * len(ordered))))
    return ordered[rank - 1]
