"""`make bench`: the weekly export of 100,000 unresolved tickets, time and peak memory.

Seeds a fresh SQLite database (not timed), then exports the current week as of now in a
child process, so its peak RSS is the export's alone. Targets: under 60 s and 300 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 60.0
TARGET_MB = 300.0
UNITS = ("古楼派出所", "柳园派出所", "新区派出所", "湖西派出所", "凤凰派出所", "东关派出所")


def _config(work: Path) -> Path:
    units = "".join(f'[[units]]\nname = "{name}"\n' for name in UNITS)
    path = work / "config.toml"
    path.write_text(f'[database]\nurl = "sqlite+aiosqlite:///{work}/bench.db"\n'
                    f'[export]\ndir = "{work}/exports"\n{units}', encoding="utf-8")
    return path


async def _seed(config_path: Path, tickets: int) -> None:
    from zoneinfo import ZoneInfo

    from bot.config import load_config
    from handlers.tools.seed import seed
    from storage.base import utcnow
    from storage.db import create_engine, session_factory
    from storage.migrate import upgrade

    config = load_config(config_path, environ={})
    await upgrade(config.database.url)
    engine = create_engine(config.database.url)
    try:
        await seed(session_factory(engine), tickets, now=utcnow(),
                   tz=ZoneInfo(config.tickets.timezone), prefix="DCF", units=UNITS,
                   weeks=8, open_share=1.0, batch_size=5000)
    finally:
        await engine.dispose()


def _export_child(config_path: Path, fmt: str) -> None:
    """Runs in the child: one export of the current week, then time and peak RSS."""
    from bot.cli import main

    started = time.perf_counter()
    week = _current_week()
    code = main(["export", "unresolved", "--week", week, "--format", fmt,
                 "--config", str(config_path)])
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"RESULT {code} {elapsed:.2f} {peak_mb:.1f}", flush=True)


def _current_week() -> str:
    from zoneinfo import ZoneInfo

    from handlers.reports.weeks import IsoWeek
    from storage.base import utcnow

    return str(IsoWeek.containing(utcnow(), ZoneInfo("Asia/Shanghai")))


def main(argv: list[str] | None = None) -> int:
    """Seed, export as xlsx and csv, print the table; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(prog="python -m bench.export", description=__doc__)
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--child", nargs=2, metavar=("CONFIG", "FORMAT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _export_child(Path(args.child[0]), args.child[1])
        return 0
    with tempfile.TemporaryDirectory(prefix="jingmin-bench-export-") as folder:
        work = Path(folder)
        config = _config(work)
        started = time.perf_counter()
        asyncio.run(_seed(config, args.tickets))
        print(f"seeded {args.tickets} unresolved tickets in "
              f"{time.perf_counter() - started:.1f} s")
        failed = False
        for fmt in ("xlsx", "csv"):
            child = subprocess.run(
                [sys.executable, "-m", "bench.export", "--child", str(config), fmt],
                capture_output=True, text=True, check=False)
            line = next((x for x in child.stdout.splitlines() if x.startswith("RESULT")), "")
            if not line:
                print(f"export {fmt} failed:\n{child.stderr}", file=sys.stderr)
                return 1
            _, code, seconds, peak = line.split()
            size = sum(p.stat().st_size for p in (work / "exports").glob(f"*.{fmt}"))
            ok = code == "0" and float(seconds) < TARGET_S and float(peak) < TARGET_MB
            failed |= not ok
            print(f"export {fmt}: {args.tickets} rows in {float(seconds):.1f} s "
                  f"(target < {TARGET_S:.0f}), peak RSS {float(peak):.0f} MB "
                  f"(target < {TARGET_MB:.0f}), file {size / 1e6:.1f} MB "
                  f"{'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
