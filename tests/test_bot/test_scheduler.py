"""The weekly export on schedule: slots, exactly once across instances, catch-up."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.scheduler import export_loop, latest_due, next_slot, run_due_export
from handlers.reports.weeks import IsoWeek
from storage.db import create_engine, session_factory
from storage.officers.models import AccessLog
from tests.helpers import outbox_rows
from tests.support.export_data import TZ, local, week_ten

# Wednesday of W11: W10's Monday-08:00 run is due (and was missed if nothing ran).
WEDNESDAY = local(2026, 3, 11, 10)


def test_slots() -> None:
    assert latest_due(WEDNESDAY, "mon 08:00", TZ) == (IsoWeek(2026, 10), local(2026, 3, 9, 8))
    assert latest_due(local(2026, 3, 9, 7, 59), "mon 08:00", TZ) == (
        IsoWeek(2026, 9), local(2026, 3, 2, 8))
    assert latest_due(local(2026, 3, 9, 8), "mon 08:00", TZ)[0] == IsoWeek(2026, 10)
    assert next_slot(WEDNESDAY, "mon 08:00", TZ) == local(2026, 3, 16, 8)
    assert next_slot(local(2026, 3, 9, 7), "sun 20:30", TZ) == local(2026, 3, 15, 20, 30)


async def test_two_instances_run_it_exactly_once(config, sessions) -> None:
    await week_ten(sessions)
    other = create_engine(config.database.url)
    try:
        results = await asyncio.gather(
            run_due_export(config, sessions, WEDNESDAY, "instance-a"),
            run_due_export(config, session_factory(other), WEDNESDAY, "instance-b"))
    finally:
        await other.dispose()
    done = [r for r in results if r is not None]
    assert len(done) == 1
    assert done[0].path == Path(config.export.dir) / "未办结工单-2026-W10.xlsx"
    assert done[0].path.exists() and done[0].rows == 4
    jobs = await outbox_rows(sessions, "robot")
    assert [job.kind for job in jobs] == ["wecom_robot"]
    text = json.loads(jobs[0].payload)["text"]
    assert "2026-W10" in text and "未办结 4 件" in text and "超时 2 件" in text
    assert f"{config.server.public_url}/console/" in text
    assert await run_due_export(config, sessions, WEDNESDAY, "instance-a") is None
    async with sessions() as session:
        logged = list(await session.scalars(select(AccessLog)))
    assert [(row.officer, row.action) for row in logged] == [("system", "export")]


class _Stop(Exception):
    pass


async def test_a_missed_run_is_caught_up_on_start(config, sessions) -> None:
    await week_ten(sessions)
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        raise _Stop

    with pytest.raises(_Stop):
        await export_loop(config, sessions, clock=lambda: WEDNESDAY, sleep=sleep)
    assert (Path(config.export.dir) / "未办结工单-2026-W10.xlsx").exists()
    assert waits == [3600.0]
    assert len(await outbox_rows(sessions, "robot")) == 1
    # Restarted later the same week: nothing to do.
    wakeup = asyncio.Event()
    with pytest.raises(_Stop):
        await export_loop(config, sessions, wakeup, clock=lambda: local(2026, 3, 12, 9),
                          sleep=sleep)
    assert len(await outbox_rows(sessions, "robot")) == 1 and not wakeup.is_set()


async def test_before_the_slot_the_previous_week_is_the_due_one(config, sessions) -> None:
    result = await run_due_export(config, sessions, local(2026, 3, 9, 7), "a")
    assert result is not None and str(result.week) == "2026-W09" and result.rows == 0
