"""The mixed run of `make bench`: `jingmin serve` answering conversations (bench.workload)
from a closed-loop generator (bench.closed_loop), each on its own core; the server profiled
with py-spy during one of the runs; every push checked stored, and each late reply checked
delivered through the outbox."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import profile, workload
from bench.load import BenchError
from bench.loops import loop_of, same_loop
from bench.servers import (
    busy_ticks,
    collections,
    cpu_ticks,
    free_port,
    render_collections,
    start,
    stop,
    wait_healthy,
    wait_warm,
    write_config,
)
from bot.config import DEV_AES_KEY, DEV_TOKEN, Config, load_config

REPO = Path(__file__).resolve().parent.parent
# `jingmin` of the tree this bench belongs to (run from REPO: sys.path starts there), not the
# venv's `jingmin` script, which imports whichever tree the venv was installed from.
JINGMIN = [sys.executable, "-m", "bot.cli"]
DRAIN_S = 20.0        # how long late replies may take to leave the outbox after the run
RUN_CAP_S = 300       # the pushes are signed at plan time; the server refuses them after 300 s
# Conversations of other residents sent before the measured run, and not measured: a fresh
# server's first ~150 pushes (its statements compiled, caches filled) took 3 x as long as
# the rest, about the 1 % of a 3,000-message run that is its p99. Another seed, so the
# measured messages' texts are not the ones the warm-up sent.
WARM_SHARE, WARM_MIN, WARM_SEED = 0.1, 300, 61


@dataclass
class MixedResult:
    """One mixed run: the generator's figures, the server's CPU and what the database holds."""

    connections: int
    figures: dict
    cpu_us_per_msg: float = 0.0
    other_load: float = 0.0
    stored: int = 0
    handled: int = 0
    passive_stored: int = 0
    later_stored: int = 0
    later_sent: int = 0
    tickets: int = 0
    mix: str = ""
    loop: str = ""        # the server's event loop (bench.loops)
    warm_s: float = 0.0   # the server's late warm-up: done this long after listening,
    warm_load_s: float = 0.0      # its loading taking this long (bench.servers.wait_warm)
    warm_up: dict = field(default_factory=dict)  # the unmeasured round's generator figures
    profile: dict = field(default_factory=dict)
    gc: list = field(default_factory=list)   # the server's collections (servers.collections)

    @property
    def pushes(self) -> int:
        return self.figures["pushes"]

    @property
    def errors(self) -> int:
        """The measured run's errors and the warm-up round's."""
        return self.figures["errors"] + self.warm_up.get("errors", 0)

    @property
    def lost(self) -> int:
        """Pushes the database does not hold (the warm-up's too), and late replies that
        never left."""
        sent = self.pushes + self.warm_up.get("pushes", 0)
        return (sent - self.stored) + (self.later_stored - self.later_sent)

    def as_dict(self) -> dict:
        figures = {k: v for k, v in self.figures.items() if k != "latencies_ms"}
        warm_up = {k: v for k, v in self.warm_up.items() if k != "latencies_ms"}
        return {**self.__dict__, "figures": figures, "warm_up": warm_up, "lost": self.lost}


def run(work: Path, connections: int, messages: int, server_cpu: str | None,
        load_cpu: str | None, *, with_profile: bool = False, db_url: str | None = None,
        command: list[str] | None = None) -> MixedResult:
    """One mixed run against a fresh server (SQLite unless `db_url`)."""
    folder = work / f"mixed-{connections}"
    folder.mkdir(parents=True)
    port = free_port()
    config = write_config(folder, port, db_url=db_url, units=True)
    server = start([*(command or [*JINGMIN, "serve"]), "--config", str(config)], folder,
                   server_cpu, cwd=REPO)
    try:
        wait_healthy(port, server, folder / "server.log")
        warm_s, warm_load_s = wait_warm(server, folder / "server.log")
        url = f"http://127.0.0.1:{port}"
        warm_up = _warm_up(folder, url, connections, max(WARM_MIN, int(messages * WARM_SHARE)),
                           load_config(config), load_cpu)
        plan = workload.plan(messages, DEV_TOKEN, DEV_AES_KEY, tag=f"m{connections}x",
                             config=load_config(config))
        plan_path = folder / "plan.json"
        plan_path.write_text(json.dumps(plan.residents), encoding="utf-8")
        print(f"mixed -c{connections}: server warm {warm_s:.1f} s after listening (its late "
              f"warm-up loading {warm_load_s:.1f} s), then {warm_up['pushes']} messages of "
              f"other residents in {warm_up['seconds']:.1f} s (max {warm_up['max_ms']:.0f} ms, "
              f"errors {warm_up['errors']}), neither measured; measured: "
              f"{workload.describe(plan)}; sending...", flush=True)
        spy = profile.start(server.pid, folder / "profile.txt", load_cpu) \
            if with_profile else None
        before = cpu_ticks(server.pid), busy_ticks(server_cpu), time.monotonic()
        figures = generate(plan_path, url, connections, folder, load_cpu)
        after = cpu_ticks(server.pid), busy_ticks(server_cpu), time.monotonic()
        profile.stop(spy)
        result = MixedResult(connections, figures, mix=workload.describe(plan),
                             loop=loop_of(server.pid), warm_s=warm_s, warm_load_s=warm_load_s,
                             warm_up=warm_up)
        ticks = _ticks_per_s()
        server_s = (after[0] - before[0]) / ticks
        result.cpu_us_per_msg = server_s / max(figures["pushes"], 1) * 1e6
        if server_cpu is not None:
            wall = after[2] - before[2]
            result.other_load = max(0.0, ((after[1] - before[1]) / ticks - server_s) / wall)
        if db_url is None:
            _read_database(folder / "jingmin.db", result)
        if with_profile:
            result.profile = profile.summarise(folder / "profile.txt", profile.spy_seconds(spy))
    finally:
        stop(server)
    result.gc = collections(folder / "server.log")
    return result


def _warm_up(folder: Path, url: str, connections: int, messages: int, config: Config,
             cpu: str | None) -> dict:
    """The unmeasured round: `messages` in conversations of residents the measured run does
    not have, at the same concurrency; the generator's figures."""
    warm = workload.plan(messages, DEV_TOKEN, DEV_AES_KEY, tag=f"w{connections}x",
                         config=config, seed=WARM_SEED)
    path = folder / "warm-plan.json"
    path.write_text(json.dumps(warm.residents), encoding="utf-8")
    return generate(path, url, connections, folder, cpu, name="warm")


def generate(plan: Path, url: str, connections: int, folder: Path,
             cpu: str | None, name: str = "load") -> dict:
    """Run the closed-loop generator (pinned to `cpu`) and read its figures."""
    report = folder / f"{name}-{connections}.json"
    command = [sys.executable, "-m", "bench.closed_loop", "--plan", str(plan), "--url", url,
               "--connections", str(connections), "--report", str(report)]
    if cpu is not None:
        command = ["taskset", "-c", cpu, *command]
    done = subprocess.run(command, cwd=REPO, timeout=RUN_CAP_S, capture_output=True, text=True)
    if done.returncode != 0 or not report.exists():
        raise BenchError(f"the load generator failed ({done.returncode}): {done.stderr[-800:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def _read_database(db: Path, result: MixedResult) -> None:
    """Wait (bounded) for late replies to leave the outbox, then count what is stored."""
    deadline = time.monotonic() + DRAIN_S
    with sqlite3.connect(db, timeout=10) as conn:
        while time.monotonic() < deadline:
            waiting = conn.execute(
                "SELECT count(*) FROM outbox_jobs WHERE inbound_id IS NOT NULL "
                "AND state IN ('pending', 'sending')").fetchone()[0]
            unhandled = conn.execute("SELECT count(*) FROM inbound_messages "
                                     "WHERE state <> 'handled'").fetchone()[0]
            if not waiting and not unhandled:
                break
            time.sleep(0.5)
        result.stored, result.handled, result.passive_stored, result.later_stored = \
            conn.execute(
                "SELECT count(*), count(*) FILTER (WHERE state = 'handled'), "
                "count(*) FILTER (WHERE reply_mode = 'passive'), "
                "count(*) FILTER (WHERE reply_mode = 'outbox') FROM inbound_messages"
            ).fetchone()
        result.later_sent = conn.execute(
            "SELECT count(DISTINCT m.id) FROM inbound_messages m JOIN outbox_jobs j "
            "ON j.inbound_id = m.id WHERE m.reply_mode = 'outbox' AND j.state = 'sent'"
        ).fetchone()[0]
        result.tickets = conn.execute("SELECT count(*) FROM tickets").fetchone()[0]


def _ticks_per_s() -> int:
    return os.sysconf("SC_CLK_TCK")


def render(results: list[MixedResult], echo: dict[int, object]) -> str:
    """The mixed runs beside the echo at the same concurrency, with the targets."""
    lines = ["", "mixed load (closed loop: each resident's next message after the answer)",
             f"{'run':<12}{'msg/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
             f"{'errors':>8}{'CPU µs':>9}{'passive':>9}{'later':>7}{'lost':>6}{'gen CPU':>9}"
             f"{'loop':>8}"]
    for r in results:
        f = r.figures
        answered = max(f["passive"] + f["later"], 1)
        lines.append(f"{'mixed -c' + str(r.connections):<12}{f['msg_per_s']:>8.0f}"
                     f"{f['p50_ms']:>9.1f}{f['p95_ms']:>9.1f}{f['p99_ms']:>9.1f}"
                     f"{f['max_ms']:>9.1f}{r.errors:>8}{r.cpu_us_per_msg:>9.0f}"
                     f"{f['passive'] / answered:>9.1%}{f['later'] / answered:>7.1%}{r.lost:>6}"
                     f"{f['generator_cpu_share']:>9.0%}{r.loop:>8}")
    for connections, e in sorted(echo.items()):
        lines.append(f"{'echo -c' + str(connections):<12}{e.msg_per_s:>8.0f}{e.p50_ms:>9.1f}"
                     f"{e.p95_ms:>9.1f}{e.p99_ms:>9.1f}{e.max_ms:>9.1f}{e.errors:>8}"
                     f"{e.cpu_us_per_msg:>9.0f}{'':>9}{'':>7}{'':>6}{'wrk':>9}{e.loop:>8}")
    return "\n".join(lines)


TARGET_RATIO = 0.30       # mixed msg/s >= 0.30 x the echo's, each at 64 connections
TARGET_P99_FACTOR = 4.0   # mixed p99 at 16 connections <= 4 x the echo's p99 at 16


def bench(work: Path, messages: int, server_cpu: str | None, load_cpu: str | None,
          echo: dict[int, object]) -> tuple[bool, dict]:
    """Mixed runs at 16 and 64 connections (the second profiled), compared with the echo at
    the same concurrency; (failed, figures). Errors and lost rows fail; targets are shown."""
    results = [run(work, 16, messages, server_cpu, load_cpu),
               run(work, 64, messages, server_cpu, load_cpu, with_profile=True)]
    print(render(results, echo))
    by_c = {r.connections: r for r in results}
    ratio = by_c[64].figures["msg_per_s"] / echo[64].msg_per_s if echo[64].msg_per_s else 0.0
    ratio16 = by_c[16].figures["msg_per_s"] / echo[16].msg_per_s if echo[16].msg_per_s else 0.0
    p99_factor = by_c[16].figures["p99_ms"] / echo[16].p99_ms if echo[16].p99_ms else 0.0
    cpu_ratio = echo[64].cpu_us_per_msg / by_c[64].cpu_us_per_msg \
        if by_c[64].cpu_us_per_msg else 0.0
    verdict = {True: "PASS", False: "MISS"}
    basis = same_loop([*results, *echo.values()])
    print(f"ratio mixed/echo at 64 connections {ratio:.2f} (target >= {TARGET_RATIO:.2f}: "
          f"{verdict[ratio >= TARGET_RATIO]}; by CPU per push {cpu_ratio:.2f}); "
          f"at 16 connections {ratio16:.2f}; servers {basis}")
    print(f"p99 at 16 connections: mixed {by_c[16].figures['p99_ms']:.1f} ms = "
          f"{p99_factor:.1f} x the echo's {echo[16].p99_ms:.1f} ms (target <= "
          f"{TARGET_P99_FACTOR:.0f} x: {verdict[p99_factor <= TARGET_P99_FACTOR]})")
    for r in results:
        f = r.figures
        warm = r.warm_up.get("pushes", 0)
        print(f"mixed -c{r.connections}: {r.stored}/{r.pushes + warm} pushes stored (the "
              f"warm-up's {warm} included), {r.handled} handled, {r.tickets} tickets; "
              f"answered within the budget {f['passive']} "
              f"({f['passive'] / max(r.pushes, 1):.1%}), `success` then a customer-service "
              f"message {f['later']} ({r.later_sent}/{r.later_stored} late replies sent by "
              f"the outbox); generator used {f['generator_cpu_share']:.0%} of its core"
              + (" (the bottleneck?)" if f["generator_cpu_share"] > 0.85 else
                 " (not the bottleneck)"))
        print(f"  gc in the server: {render_collections(r.gc, r.pushes)}")
        if r.other_load > 0.05:
            print(f"  warning: other processes used {r.other_load:.0%} of the server's CPU "
                  f"during the run; figures are low", file=sys.stderr)
        for sample in f["bad_samples"]:
            print(f"  bad answer: {sample}")
    print(profile.render(by_c[64].profile, f"where the mixed run's time goes (server on "
                                           f"{by_c[64].loop}, -c64; ratios {basis})"))
    failed = any(r.errors or r.lost for r in results)
    print(f"mixed: errors {sum(r.errors for r in results)}, lost {sum(r.lost for r in results)}"
          f": {'FAIL' if failed else 'OK'}")
    return failed, {"runs": [r.as_dict() for r in results], "ratio": ratio,
                    "ratio_basis": basis,
                    "ratio_16": ratio16, "cpu_ratio": cpu_ratio, "p99_factor_16": p99_factor,
                    "targets": {"ratio": TARGET_RATIO, "p99_factor": TARGET_P99_FACTOR,
                                "ratio_met": ratio >= TARGET_RATIO,
                                "p99_met": p99_factor <= TARGET_P99_FACTOR}}
