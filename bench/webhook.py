"""`make bench`: safe-mode pushes into `jingmin serve` and into a bare echo, under one load.

Each server runs pinned to CPU 0 and wrk to CPU 1. Every push is distinct (MsgId, nonce,
one of 2,000 openids), encrypted beforehand and sent exactly once, so nothing is answered
from the dedupe table. After the Jingmin run every push must be in inbound_messages.
Exits 1 on any error or missing row; the throughput and latency targets are only reported.
With --foundation a third server runs in between: the real server with every message
answered by a fixed help text (bench/foundation_server.py), to show what the understanding
of messages costs on top of the foundation.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench import mixed
from bench.load import BenchError, LoadResult, ensure_wrk, run_wrk
from bench.loops import loop_of, same_loop
from bench.pushes import APP_ID, write_pushes
from bench.servers import (
    busy_ticks,
    cpu_ticks,
    free_port,
    start,
    stop,
    wait_healthy,
    write_config,
)
from bot.config import DEV_AES_KEY, DEV_TOKEN

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "bench" / "out"
TARGET_RATIO = 0.30
# Longest a single wrk run may take. Pushes are signed just before their run and the server
# refuses them 300 s later (max_clock_skew_s): the cap stays inside that. It was 75 s until
# issue 16.3, when a slower server (7 ms a push) could not answer 20,000 pushes in 75 s and
# every push still unsent at the cap was counted as an error: the load itself was fine.
CAP_S = 240
DRAIN_S = 20.0  # how long replies answered `success` may take to leave the outbox


def main(argv: list[str] | None = None) -> int:
    """Run both servers under the same load, print the table, write bench/out/*.json."""
    parser = argparse.ArgumentParser(prog="python -m bench.webhook", description=__doc__)
    parser.add_argument("--pushes", type=int, default=20_000)
    parser.add_argument("--openids", type=int, default=2_000)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--foundation", action="store_true",
                        help="also measure the server with a fixed help text instead of the "
                             "intent router")
    parser.add_argument("--mixed", type=int, default=0, metavar="MESSAGES",
                        help="also run MESSAGES of mixed conversations at 16 and 64 "
                             "connections, beside the echo at 16 (bench/mixed.py)")
    parser.add_argument("--only-mixed", action="store_true",
                        help="only the echo and the mixed run (--mixed, default 1,500 "
                             "messages): a quick look while making the mixed run faster")
    args = parser.parse_args(argv)
    try:
        return _bench(args)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2


def _bench(args: argparse.Namespace) -> int:
    wrk = ensure_wrk()
    cpus = sorted(os.sched_getaffinity(0))
    server_cpu, load_cpu = (str(cpus[0]), str(cpus[1])) if len(cpus) >= 2 else (None, None)
    if server_cpu is None:
        print("bench: fewer than 2 CPUs, running unpinned", file=sys.stderr)
    work = Path(tempfile.mkdtemp(prefix="jingmin-bench-"))
    OUT_DIR.mkdir(exist_ok=True)
    load = {"threads": args.threads, "connections": args.connections, "cap_s": CAP_S,
            "cpu": load_cpu}
    print(f"bench: {args.pushes} pushes from {args.openids} openids, -t{args.threads} "
          f"-c{args.connections}, server on CPU {server_cpu}, wrk on CPU {load_cpu}")

    if args.only_mixed:
        return _mixed_only(args, work, server_cpu, load_cpu, wrk, load)
    jingmin_command = [*mixed.JINGMIN, "serve"]
    foundation = None
    mixed_failed, mixed_figures = False, None
    try:
        jingmin, stored, handled = _bench_jingmin("jingmin", jingmin_command, work, server_cpu,
                                                  args, wrk, load)
        if args.foundation:
            foundation, foundation_stored, _ = _bench_jingmin(
                "foundation", [sys.executable, "-m", "bench.foundation_server"], work,
                server_cpu, args, wrk, load)
        echo = _bench_echo(work, server_cpu, args, wrk, load)
        if args.mixed:
            echo16 = _bench_echo(work, server_cpu, args, wrk, {**load, "connections": 16},
                                 name="echo16")
            mixed_failed, mixed_figures = mixed.bench(work, args.mixed, server_cpu, load_cpu,
                                                      {64: echo, 16: echo16})
    finally:
        _leave(work, args.keep)

    ratio = jingmin.msg_per_s / echo.msg_per_s if echo.msg_per_s else 0.0
    failed = jingmin.errors > 0 or echo.errors > 0 or stored.count != jingmin.sent \
        or jingmin.ok + jingmin.later != args.pushes or stored.later_unsent
    if foundation is not None:
        failed = failed or foundation.errors > 0 or foundation_stored.count != foundation.sent
    failed = failed or mixed_failed
    _print_table(jingmin, echo, stored, handled, ratio, foundation, args.connections)
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "server_cpu": server_cpu, "wrk_cpu": load_cpu},
        "load": {"pushes": args.pushes, "openids": args.openids, **load},
        "jingmin": {**jingmin.as_dict(), "stored": stored.count, "handled": handled,
                    "later_stored": stored.later, "later_sent": stored.later - stored.later_unsent},
        "echo": echo.as_dict(),
        **({"foundation": foundation.as_dict()} if foundation else {}),
        **({"mixed": mixed_figures} if mixed_figures else {}),
        "ratio": ratio,
        "ratio_basis": same_loop([jingmin, echo, *([foundation] if foundation else [])]),
        # The same ratio from CPU time per push: steadier when other work shares the CPU.
        "cpu_ratio": echo.cpu_us_per_msg / jingmin.cpu_us_per_msg if jingmin.cpu_us_per_msg
        else 0.0,
        "targets": {"ratio": TARGET_RATIO, "ratio_met": ratio >= TARGET_RATIO},
        "passed": not failed,
    }
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    text = json.dumps(results, indent=2, ensure_ascii=False)
    (OUT_DIR / f"webhook-{stamp}.json").write_text(text + "\n")
    (OUT_DIR / "webhook-latest.json").write_text(text + "\n")
    print(f"results: {OUT_DIR / f'webhook-{stamp}.json'}")
    return 1 if failed else 0


def _leave(work: Path, keep: bool) -> None:
    """Remove the run's work folder, or say where it was kept."""
    if keep:
        print(f"work folder kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


def _mixed_only(args: argparse.Namespace, work: Path, server_cpu: str | None,
                load_cpu: str | None, wrk: str, load: dict) -> int:
    """The echo at 64 and 16 connections, then the mixed runs beside them."""
    try:
        echo = _bench_echo(work, server_cpu, args, wrk, load)
        echo16 = _bench_echo(work, server_cpu, args, wrk, {**load, "connections": 16},
                             name="echo16")
        failed, figures = mixed.bench(work, args.mixed or 1_500, server_cpu, load_cpu,
                                      {64: echo, 16: echo16})
    finally:
        _leave(work, args.keep)
    text = json.dumps({"when": datetime.now(UTC).isoformat(timespec="seconds"),
                       "echo": echo.as_dict(), "echo16": echo16.as_dict(), "mixed": figures,
                       "passed": not failed}, indent=2, ensure_ascii=False)
    (OUT_DIR / "mixed-latest.json").write_text(text + "\n")
    return 1 if failed or echo.errors or echo16.errors else 0


def _bench_jingmin(name: str, command: list[str], work: Path, cpu: str | None,
                   args: argparse.Namespace, wrk: str, load: dict) -> tuple[LoadResult, int, int]:
    folder = work / name
    folder.mkdir()
    port = free_port()
    config = write_config(folder, port)
    server = start([*command, "--config", str(config)], folder, cpu, cwd=REPO)
    try:
        wait_healthy(port, server, folder / "server.log")
        result = _run(name, server, cpu, port, work, args, wrk, load)
        stored = _count_stored(folder / "jingmin.db", wait_s=DRAIN_S)
    finally:
        stop(server)
    return result, stored, stored.handled


def _bench_echo(work: Path, cpu: str | None, args: argparse.Namespace, wrk: str,
                load: dict, name: str = "echo") -> LoadResult:
    folder = work / name
    folder.mkdir()
    port = free_port()
    server = start([sys.executable, "-m", "bench.echo_server", "--port", str(port),
                     "--token", DEV_TOKEN, "--aes-key", DEV_AES_KEY, "--app-id", APP_ID],
                    folder, cpu, cwd=REPO)
    try:
        wait_healthy(port, server, folder / "server.log")
        return _run(name, server, cpu, port, work, args, wrk, load)
    finally:
        stop(server)


def _run(name: str, server: subprocess.Popen, cpu: str | None, port: int, work: Path,
         args: argparse.Namespace, wrk: str, load: dict) -> LoadResult:
    pushes = work / name / "pushes.tsv"
    started = time.monotonic()
    # Generated just before the run: the server refuses timestamps older than 300 s.
    write_pushes(pushes, count=args.pushes, openids=args.openids, token=DEV_TOKEN,
                 aes_key=DEV_AES_KEY, tag=name[0])
    print(f"{name}: {args.pushes} pushes encrypted in {time.monotonic() - started:.1f} s; "
          f"sending...", flush=True)
    before = cpu_ticks(server.pid), busy_ticks(cpu), time.monotonic()
    result = run_wrk(wrk, f"http://127.0.0.1:{port}/wechat", pushes, args.pushes,
                     OUT_DIR / f"wrk-{name}.report", **load)
    after = cpu_ticks(server.pid), busy_ticks(cpu), time.monotonic()
    ticks = os.sysconf("SC_CLK_TCK")
    server_s = (after[0] - before[0]) / ticks
    result.cpu_us_per_msg = server_s / max(result.ok, 1) * 1e6
    result.loop = loop_of(server.pid)
    if cpu is not None:
        wall = after[2] - before[2]
        result.other_load = max(0.0, ((after[1] - before[1]) / ticks - server_s) / wall)
    print(f"{name}: {result.ok}/{args.pushes} answered in {result.seconds:.1f} s"
          + (f" (+{result.later} `success`, the reply later)" if result.later else "")
          + f", {result.msg_per_s:.0f} msg/s, p99 {result.p99_ms:.1f} ms, errors "
          f"{result.errors}, {result.cpu_us_per_msg:.0f} µs CPU a push, on {result.loop}",
          flush=True)
    if result.errors:
        print(f"  errors: {result.why()}")
    if result.other_load > 0.05:
        print(f"  warning: other processes used {result.other_load:.0%} of the server's CPU "
              f"during the run; figures are low", file=sys.stderr)
    for sample in result.bad_samples:
        print(f"  bad reply: {sample}")
    return result


@dataclass(frozen=True)
class Stored:
    """What the database holds after a run: pushes, handled ones, replies to go out later
    (answered `success`) and those of them the outbox has not sent."""

    count: int
    handled: int
    later: int
    later_unsent: int


def _count_stored(db: Path, wait_s: float = 0.0) -> Stored:
    """Count the stored pushes once the server's late replies have left (bounded wait)."""
    deadline = time.monotonic() + wait_s
    with sqlite3.connect(db, timeout=10) as conn:
        while True:
            count, handled, later = conn.execute(
                "SELECT count(*), coalesce(sum(state = 'handled'), 0), "
                "coalesce(sum(reply_mode = 'outbox'), 0) FROM inbound_messages").fetchone()
            unsent = conn.execute(
                "SELECT count(*) FROM inbound_messages m WHERE m.reply_mode = 'outbox' AND "
                "NOT EXISTS (SELECT 1 FROM outbox_jobs j WHERE j.inbound_id = m.id "
                "AND j.state = 'sent')").fetchone()[0]
            if (handled == count and not unsent) or time.monotonic() >= deadline:
                return Stored(count, handled, later, unsent)
            time.sleep(0.5)


def _print_table(jingmin: LoadResult, echo: LoadResult, stored: Stored, handled: int,
                 ratio: float, foundation: LoadResult | None = None,
                 connections: int = 64) -> None:
    def row(label: str, r: LoadResult, stored_text: str) -> str:
        return (f"{label:<8}{r.msg_per_s:>9.0f}{r.p50_ms:>9.1f}{r.p95_ms:>9.1f}"
                f"{r.p99_ms:>9.1f}{r.errors:>8}{r.cpu_us_per_msg:>10.0f}{r.loop:>9}  "
                f"{stored_text}")

    print()
    print(f"{'server':<8}{'msg/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
          f"{'CPU µs':>10}{'loop':>9}  stored")
    print(row("jingmin", jingmin, f"{stored.count}/{jingmin.sent} sent ({handled} handled"
                  f", {stored.later - stored.later_unsent}/{stored.later} later replies sent)"))
    if foundation is not None:
        print(row("found.", foundation, "help text for every message"))
    print(row("echo", echo, "-"))
    verdict = "PASS" if ratio >= TARGET_RATIO else "MISS"
    cpu_ratio = echo.cpu_us_per_msg / jingmin.cpu_us_per_msg if jingmin.cpu_us_per_msg else 0
    print(f"ratio jingmin/echo {ratio:.2f}  (target >= {TARGET_RATIO:.2f}: {verdict}; "
          f"by CPU per push {cpu_ratio:.2f}; {same_loop([jingmin, echo])})")
    # Issue 16 withdrew "p99 < 50 ms at 64 connections": more than one core can give.
    print(f"jingmin p99 {jingmin.p99_ms:.1f} ms (no target at {connections} connections)")
    if jingmin.msg_per_s:
        # Little's law: every connection always has one push outstanding.
        print(f"  with {connections} connections always waiting, the mean latency is "
              f"{connections} / msg/s = {connections / jingmin.msg_per_s * 1000:.0f} ms")
    fine = not jingmin.errors and not echo.errors and stored.count == jingmin.sent \
        and not stored.later_unsent
    print(f"errors {jingmin.errors + echo.errors}, stored {stored.count} of {jingmin.sent} "
          f"sent: {'OK' if fine else 'FAIL'}")


if __name__ == "__main__":
    sys.exit(main())
