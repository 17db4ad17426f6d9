"""`make bench-cluster`: the mixed load on 1 and then 2 instances of `jingmin serve` sharing
one PostgreSQL, with the scaling and where the time goes. Report only: on two cores the
instances, PostgreSQL and the load generators cannot be kept apart, so the figures show how
the work divides, not what two machines would do.

    python -m bench.cluster [--messages 3000] [--connections 64]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import asyncpg

from bench import profile, workload
from bench.load import BenchError
from bench.mixed import DRAIN_S, JINGMIN, REPO, WARM_MIN, WARM_SEED, WARM_SHARE, generate
from bench.profile import spy_seconds
from bench.servers import cpu_ticks, free_port, start, stop, wait_healthy, wait_warm, write_config
from bot.config import DEV_AES_KEY, DEV_TOKEN, Config, load_config
from tests.support.pgserver import PostgresServer

OUT_DIR = REPO / "bench" / "out"
# Counts every statement the instances send, to show what a push costs the database.
STATEMENTS = "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top"
NOTE = ("report only: on 2 cores the instances, PostgreSQL and the load generators share the "
        "same CPUs, so 2 instances cannot run twice as fast here")


def main(argv: list[str] | None = None) -> int:
    """Run 1 then 2 instances; print and write bench/out/cluster-*.json."""
    parser = argparse.ArgumentParser(prog="python -m bench.cluster", description=__doc__)
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args(argv)
    pg = PostgresServer(durable=True, options=STATEMENTS)
    if not pg.available:
        print("bench-cluster: PostgreSQL (initdb, pg_ctl) is missing", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="jingmin-cluster-"))
    pg.start()
    try:
        runs = [_run(pg, work, n, args.messages, args.connections) for n in (1, 2)]
    except BenchError as exc:
        print(f"bench-cluster: {exc}", file=sys.stderr)
        return 2
    finally:
        pg.stop()
        shutil.rmtree(work, ignore_errors=True)
    _print(runs)
    OUT_DIR.mkdir(exist_ok=True)
    text = json.dumps({"when": datetime.now(UTC).isoformat(timespec="seconds"), "note": NOTE,
                       "runs": runs}, indent=2, ensure_ascii=False)
    (OUT_DIR / "cluster-latest.json").write_text(text + "\n")
    failed = any(r["errors"] or r["lost"] for r in runs)
    print(f"errors {sum(r['errors'] for r in runs)}, lost {sum(r['lost'] for r in runs)}: "
          f"{'FAIL' if failed else 'OK'}")
    return 1 if failed else 0


def _run(pg: PostgresServer, work: Path, instances: int, messages: int,
         connections: int) -> dict:
    database = f"cluster{instances}"
    asyncio.run(_sql(pg.dsn("postgres"), f"CREATE DATABASE {database}"))
    asyncio.run(_sql(pg.dsn(database), "CREATE EXTENSION pg_stat_statements"))
    url = pg.url(database)
    folders, servers, ports = [], [], []
    try:
        for i in range(instances):
            folder = work / f"n{instances}-{i}"
            folder.mkdir()
            port = free_port()
            config = write_config(folder, port, db_url=url, units=True)
            folders.append(folder)
            ports.append(port)
            servers.append(start([*JINGMIN, "serve", "--config", str(config)], folder, None,
                                 cwd=REPO))
            wait_healthy(port, servers[-1], folder / "server.log", timeout_s=120)
        # Nothing is measured on a cold server (as bench.mixed): each instance's late
        # warm-up (jionlp's parser) done, then an unmeasured round of other residents.
        warm = [wait_warm(s, f / "server.log") for s, f in zip(servers, folders, strict=True)]
        per = max(1, connections // instances)
        warm_up = _warm_up(folders, ports, per, max(WARM_MIN, int(messages * WARM_SHARE)),
                           load_config(config))
        plan = workload.plan(messages, DEV_TOKEN, DEV_AES_KEY, tag=f"c{instances}x",
                             config=load_config(config))
        print(f"cluster, {instances} instance(s): warm {max(w[0] for w in warm):.1f} s after "
              f"listening, then {warm_up['pushes']} messages of other residents in "
              f"{warm_up['seconds']:.1f} s (errors {warm_up['errors']}), neither measured; "
              f"measured: {workload.describe(plan)}; sending...", flush=True)
        # Residents split between the instances (a load balancer keeping a resident on one
        # instance); the connections too.
        shares = [dict(list(plan.residents.items())[i::instances]) for i in range(instances)]
        plans = []
        for folder, share in zip(folders, shares, strict=True):
            plans.append(folder / "plan.json")
            plans[-1].write_text(json.dumps(share), encoding="utf-8")
        asyncio.run(_sql(pg.dsn(database), "SELECT pg_stat_statements_reset()"))
        spy = profile.start(servers[0].pid, folders[0] / "profile.txt", None)
        postmaster = _postmaster(pg)
        before = [cpu_ticks(s.pid) for s in servers], _pg_ticks(postmaster), time.monotonic()
        with ThreadPoolExecutor(instances) as pool:
            figures = list(pool.map(
                lambda i: generate(plans[i], f"http://127.0.0.1:{ports[i]}", per, folders[i],
                                   None), range(instances)))
        after = [cpu_ticks(s.pid) for s in servers], _pg_ticks(postmaster), time.monotonic()
        profile.stop(spy)
        statements = asyncio.run(_statements(pg.dsn(database)))
        stored, later, sent = asyncio.run(_stored(pg.dsn(database)))
    finally:
        for server in servers:
            stop(server)
    result = _figures(instances, figures, before, after, stored, later, sent,
                      profile.summarise(folders[0] / "profile.txt", spy_seconds(spy)),
                      warm_up)
    result["statements"] = statements
    return result


def _warm_up(folders: list[Path], ports: list[int], connections: int, messages: int,
             config: Config) -> dict:
    """The unmeasured round on every instance at once: `messages` in all, from residents
    neither the measured run nor another instance has, `connections` an instance; the
    generators' figures summed (pushes, errors, seconds of the slowest)."""
    plans = []
    for i, folder in enumerate(folders):
        plan = workload.plan(max(1, messages // len(folders)), DEV_TOKEN, DEV_AES_KEY,
                             tag=f"w{len(folders)}i{i}x", config=config, seed=WARM_SEED + i)
        plans.append(folder / "warm-plan.json")
        plans[-1].write_text(json.dumps(plan.residents), encoding="utf-8")
    with ThreadPoolExecutor(len(folders)) as pool:
        figures = list(pool.map(
            lambda i: generate(plans[i], f"http://127.0.0.1:{ports[i]}", connections,
                               folders[i], None, name="warm"), range(len(folders))))
    return {"pushes": sum(f["pushes"] for f in figures),
            "errors": sum(f["errors"] for f in figures),
            "seconds": max(f["seconds"] for f in figures)}


def _figures(instances: int, figures: list[dict], before, after, stored: int, later: int,
             sent: int, summary: dict, warm_up: dict) -> dict:
    """The measured run's figures; errors and lost rows count the warm-up round's too (its
    pushes are stored beside the measured ones)."""
    ticks = os.sysconf("SC_CLK_TCK")
    pushes = sum(f["pushes"] for f in figures)
    latencies = sorted(v for f in figures for v in f["latencies_ms"])
    wall = max(f["seconds"] for f in figures)
    answered = sum(f["passive"] + f["later"] for f in figures)
    server_s = sum(a - b for a, b in zip(after[0], before[0], strict=True)) / ticks
    pg_s = (after[1] - before[1]) / ticks

    def pct(p: float) -> float:
        return latencies[max(0, math.ceil(p / 100 * len(latencies)) - 1)] if latencies else 0.0

    return {"instances": instances, "pushes": pushes, "msg_per_s": answered / wall,
            "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99),
            "errors": sum(f["errors"] for f in figures) + warm_up["errors"],
            "passive": sum(f["passive"] for f in figures),
            "later": sum(f["later"] for f in figures),
            "server_cpu_us_per_msg": server_s / max(pushes, 1) * 1e6,
            "postgres_cpu_us_per_msg": pg_s / max(pushes, 1) * 1e6,
            "generator_cpu_share": max(f["generator_cpu_share"] for f in figures),
            "stored": stored, "lost": (pushes + warm_up["pushes"] - stored) + (later - sent),
            "warm_up": warm_up, "profile": summary}


def _print(runs: list[dict]) -> None:
    print()
    print(f"cluster on one PostgreSQL ({NOTE})")
    print(f"{'instances':<11}{'msg/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
          f"{'server µs':>11}{'pg µs':>8}{'passive':>9}{'stored':>9}")
    for r in runs:
        print(f"{r['instances']:<11}{r['msg_per_s']:>8.0f}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}"
              f"{r['p99_ms']:>9.1f}{r['errors']:>8}{r['server_cpu_us_per_msg']:>11.0f}"
              f"{r['postgres_cpu_us_per_msg']:>8.0f}"
              f"{r['passive'] / max(r['pushes'], 1):>9.1%}{r['stored']:>6}/"
              f"{r['pushes'] + r['warm_up']['pushes']}")
    if len(runs) == 2 and runs[0]["msg_per_s"]:
        print(f"scaling 2 instances / 1: {runs[1]['msg_per_s'] / runs[0]['msg_per_s']:.2f} x "
              f"(CPU per push, server + PostgreSQL: "
              f"{runs[0]['server_cpu_us_per_msg'] + runs[0]['postgres_cpu_us_per_msg']:.0f} -> "
              f"{runs[1]['server_cpu_us_per_msg'] + runs[1]['postgres_cpu_us_per_msg']:.0f} µs)")
    for r in runs:
        print(profile.render(r["profile"], f"where the time goes, instance 1 of "
                                           f"{r['instances']}"))
        st, pushes = r["statements"], max(r["pushes"], 1)
        print(f"  PostgreSQL: {st['calls'] / pushes:.1f} statements a push, "
              f"{st['ms'] / pushes:.2f} ms of execution a push; the heaviest "
              f"(calls a push, ms in all, statement):")
        for query, calls, ms in st["top"]:
            print(f"    {calls / pushes:6.2f} {ms:9.0f}  {query}")


async def _sql(dsn: str, statement: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


async def _statements(dsn: str, top: int = 12) -> dict:
    """What the run asked of PostgreSQL: statements and their time, the heaviest first."""
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT s.query, s.calls, s.total_exec_time FROM pg_stat_statements s "
            "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database() "
            "AND s.query NOT LIKE '%pg_stat_statements%' ORDER BY s.total_exec_time DESC")
    finally:
        await conn.close()
    return {"calls": sum(r["calls"] for r in rows),
            "ms": sum(r["total_exec_time"] for r in rows),
            "top": [(" ".join(r["query"].split())[:110], r["calls"], r["total_exec_time"])
                    for r in rows[:top]]}


async def _stored(dsn: str) -> tuple[int, int, int]:
    """Wait (bounded) for late replies to leave; (pushes stored, late replies, sent)."""
    conn = await asyncpg.connect(dsn)
    try:
        deadline = time.monotonic() + DRAIN_S
        while time.monotonic() < deadline:
            if not await conn.fetchval(
                    "SELECT (SELECT count(*) FROM outbox_jobs WHERE inbound_id IS NOT NULL "
                    "AND state IN ('pending', 'sending')) + (SELECT count(*) FROM "
                    "inbound_messages WHERE state <> 'handled')"):
                break
            await asyncio.sleep(0.5)
        stored = await conn.fetchval("SELECT count(*) FROM inbound_messages")
        later = await conn.fetchval(
            "SELECT count(*) FROM inbound_messages WHERE reply_mode = 'outbox'")
        sent = await conn.fetchval(
            "SELECT count(DISTINCT m.id) FROM inbound_messages m JOIN outbox_jobs j "
            "ON j.inbound_id = m.id WHERE m.reply_mode = 'outbox' AND j.state = 'sent'")
        return stored, later, sent
    finally:
        await conn.close()


def _postmaster(pg: PostgresServer) -> int:
    return int((pg.folder / "data" / "postmaster.pid").read_text().split()[0])


def _pg_ticks(postmaster: int) -> int:
    """CPU ticks of the postmaster and its children (the sessions, the writers)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        if pid == postmaster or int(fields[1]) == postmaster:
            total += int(fields[11]) + int(fields[12])
    return total


if __name__ == "__main__":
    sys.exit(main())
