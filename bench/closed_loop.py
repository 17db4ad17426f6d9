"""A closed-loop load generator for conversations: `connections` workers, each taking the
next resident and sending that resident's messages one after the other, each only once the
previous one was answered (as a person waits for the reply before typing the next line).

    python -m bench.closed_loop --plan plan.json --url http://127.0.0.1:8080 \
        --connections 16 --report out.json

It reports each push's latency and how it was answered (a passive reply carrying our nonce,
or `success`: the reply goes out later by the outbox), and its own CPU time, so the bench can
show the generator was not the bottleneck.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import time
from collections import Counter
from pathlib import Path

import aiohttp

TIMEOUT_S = 5.0     # WeChat's wait: a slower answer is an error
HEADERS = {"Content-Type": "text/xml"}


async def run(plan: dict[str, list[list[str]]], url: str, connections: int) -> dict:
    """Send the whole plan; returns the figures."""
    queue = list(reversed(plan))
    latencies: list[float] = []
    outcomes: Counter[str] = Counter()
    samples: list[str] = []
    timeout = aiohttp.ClientTimeout(total=TIMEOUT_S)
    connector = aiohttp.TCPConnector(limit=connections)

    async def worker(http: aiohttp.ClientSession) -> None:
        while queue:
            for nonce, target, body in plan[queue.pop()]:
                started = time.perf_counter()
                try:
                    async with http.post(url + target, data=body.encode(), headers=HEADERS,
                                         timeout=timeout) as response:
                        status, text = response.status, await response.text()
                except TimeoutError:
                    status, text = "timeout", ""
                except aiohttp.ClientError as exc:
                    status, text = type(exc).__name__, ""
                latencies.append(time.perf_counter() - started)
                if status == 200 and text == "success":
                    outcomes["later"] += 1
                elif status == 200 and f"<Nonce><![CDATA[{nonce}]]>" in text:
                    outcomes["passive"] += 1
                else:
                    outcomes["error"] += 1
                    if len(samples) < 5:
                        samples.append(f"{status} {text[:160]}")

    cpu_before = _cpu_s()
    started_at = time.time()
    started = time.perf_counter()
    async with aiohttp.ClientSession(connector=connector) as http:
        await asyncio.gather(*(worker(http) for _ in range(connections)))
    wall = time.perf_counter() - started
    cpu = _cpu_s() - cpu_before
    latencies.sort()
    answered = outcomes["passive"] + outcomes["later"]
    return {
        "connections": connections, "pushes": len(latencies), "seconds": wall,
        "msg_per_s": answered / wall if wall else 0.0,
        "p50_ms": _pct(latencies, 50), "p95_ms": _pct(latencies, 95),
        "p99_ms": _pct(latencies, 99), "max_ms": latencies[-1] * 1000 if latencies else 0.0,
        "passive": outcomes["passive"], "later": outcomes["later"],
        "errors": outcomes["error"], "bad_samples": samples,
        "generator_cpu_s": cpu, "generator_cpu_share": cpu / wall if wall else 0.0,
        "started": started_at, "latencies_ms": [round(v * 1000, 3) for v in latencies],
    }


def _pct(ordered: list[float], p: float) -> float:
    if not ordered:
        return 0.0
    rank = max(1, min(len(ordered), -(-len(ordered) * p // 100)))
    return ordered[int(rank) - 1] * 1000


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    """Run one load and write its figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", required=True, type=Path)
    parser.add_argument("--url", required=True)
    parser.add_argument("--connections", type=int, required=True)
    parser.add_argument("--report", required=True, type=Path)
    args = parser.parse_args()
    plan = json.loads(args.plan.read_text(encoding="utf-8"))
    figures = asyncio.run(run(plan, args.url, args.connections))
    args.report.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
