"""What opening a ticket costs this process, opener by opener: a micro-benchmark on SQLite.

`python -m bench.micro.opening [--rounds N] [--per-round N]`. Each opening is the unit of work
the router gives it, through the intent's own handler: a consult ticket for a question the
FAQ cannot answer, a confirmed booking, an emergency (its alert, its answer, where-are-you),
a complaint; each by a resident of their own, committed. Reports this process's CPU
(`process_time`) per opening, the median of the rounds and the lowest. Compare two trees by
running this file in each, alternately (`cd <tree> && python -m bench.micro.opening`).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

OPENERS = ("consult", "appointment", "emergency", "complaint")


async def _open(kind: str, ctx) -> None:
    from handlers.intents import appointment, complaint, consult, emergency

    if kind == "consult":
        await consult.to_officer(ctx, "请问无人机飞行需要去哪里报备", ("model:consult",))
    elif kind == "appointment":
        await appointment._finish(ctx, {
            "confirm": "yes", "service": appointment.SERVICES[0].value,
            "time": "11月26日（周四）上午", "name": "张三", "phone": "13812345678"})
    elif kind == "emergency":
        await emergency.handle(ctx, "柳园小区门口正在打架，有人拿刀", ("rule:emergency",))
    else:
        await complaint.handle(ctx, "楼上天天半夜蹦迪，吵死了", ("model:complaint",))


async def _round(sessions, services, kind: str, first: int, n: int) -> float:
    """CPU µs per opening of `n` residents' tickets of `kind`."""
    from handlers.core.context import Context
    from handlers.core.types import Inbound
    from storage.base import utcnow

    cpu = time.process_time()
    for i in range(first, first + n):
        openid = f"o-{kind}-{i}"
        async with sessions() as session, session.begin():
            ctx = Context(session, Inbound(channel="wechat", dedupe_key=openid, openid=openid,
                                           msg_type="text"), utcnow(), services)
            await _open(kind, ctx)
    return (time.process_time() - cpu) / n * 1e6


async def _measure(url: str, rounds: int, per_round: int) -> dict[str, list[float]]:
    from bot.assembly import build_services
    from bot.config import load_config
    from storage.db import create_engine, session_factory
    from storage.migrate import upgrade

    await upgrade(url)
    base = load_config(Path(__file__).parents[2] / "config.example.toml", environ={})
    config = dataclasses.replace(base, database=dataclasses.replace(base.database, url=url))
    engine = create_engine(url)
    sessions = session_factory(engine)
    try:
        services = await build_services(config, sessions)
        times: dict[str, list[float]] = {kind: [] for kind in OPENERS}
        for kind in OPENERS:
            await _round(sessions, services, kind, 0, 50)             # warm-up
        for r in range(rounds):
            for kind in OPENERS:      # interleaved: a disturbance hits every opener alike
                first = 100 + r * per_round
                times[kind].append(await _round(sessions, services, kind, first, per_round))
        return times
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """Print CPU µs per opening, per opener: median and lowest of the rounds."""
    parser = argparse.ArgumentParser(prog="python -m bench.micro.opening", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--per-round", type=int, default=300)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="jingmin-opening-"))
    times = asyncio.run(_measure(f"sqlite+aiosqlite:///{work}/bench.db", args.rounds,
                                 args.per_round))
    print(f"{'per opening':<14}{'median cpu µs':>15}{'lowest':>9}")
    for kind, values in times.items():
        print(f"{kind:<14}{statistics.median(values):>15.0f}{min(values):>9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
