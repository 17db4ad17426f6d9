"""The start-up's phases: measured from the process's own start, CPU beside wall time."""

from __future__ import annotations

import asyncio
import gc
import re
import subprocess
import sys
import time

import aiohttp
import pytest

from bot.server import WARM_UP_QUIET_S
from bot.startup import WARM_LINE, StartupClock, _running_s
from tests.fakes import FakeTencent
from tests.support.kill9 import Server, Wechat, free_port


def test_the_clock_counts_from_the_process_start_and_names_each_phase():
    running = _running_s()
    clock = StartupClock()
    time.sleep(0.05)
    clock.mark("imports")
    clock.mark("migrations")
    line = clock.summary()
    found = re.fullmatch(r"serving (\d+\.\d\d) s after launch \(CPU (\d+\.\d\d) s, "
                         r"\d+ collections\): "
                         r"imports (\d+\.\d\d), migrations (\d+\.\d\d)", line)
    assert found, line
    total, _cpu, imports, migrations = (float(g) for g in found.groups())
    # The first phase began when the process did, long before this test ran.
    # (the kernel records a process's start to the clock tick, 10 ms).
    assert imports >= running + 0.05 - 0.02 and running > 0.1
    assert abs(total - (imports + migrations)) <= 0.02


def test_a_fresh_process_has_run_for_its_interpreter_start_only():
    code = "from bot.startup import _running_s; print(_running_s())"
    started = time.monotonic()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert 0.0 < float(out) <= time.monotonic() - started + 0.02


def test_collection_is_off_while_starting_and_on_once_settled():
    assert gc.isenabled()
    clock = StartupClock.begin()
    try:
        assert not gc.isenabled()
        [object() for _ in range(50_000)]     # would set off young collections
    finally:
        clock.settle()
    assert gc.isenabled() and clock.collected == 0
    assert "0 collections" in clock.summary()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_serve_starts_without_collecting_and_says_what_the_start_cost(tmp_path, db_url):
    async with FakeTencent() as fake:
        server = Server(tmp_path, db_url, fake, free_port())
        await server.start()
        await server.stop()
    line = next(line for line in server.log.splitlines() if "after launch" in line)
    assert re.search(r"serving \d+\.\d\d s after launch \(CPU \d+\.\d\d s, 0 collections\): "
                     r"launch and imports \d+\.\d\d, migrations \d+\.\d\d, services "
                     r"\d+\.\d\d, recovery \d+\.\d\d, warm-up \d+\.\d\d$", line), line


# Loaded by `serve` only after it listens (bookings' time parser) or only to migrate.
NOT_BEFORE_LISTENING = ("alembic", "jionlp")


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_serve_listens_before_importing_what_only_some_messages_or_migrations_need(
        tmp_path, db_url):
    async with FakeTencent() as fake:
        first = Server(tmp_path, db_url, fake, free_port())
        await first.start()       # migrates the new database
        await first.stop()
        # Python writes each import to stderr as it finishes, in order with the log lines.
        restart = Server(tmp_path, db_url, fake, free_port(),
                         python_env={"PYTHONPROFILEIMPORTTIME": "1"})
        await restart.start()
        try:
            for _ in range(600):      # the parser is warmed in the background, not never
                if _imported(restart.log_path.read_text("utf-8"), "jionlp"):
                    break
                await asyncio.sleep(0.05)
        finally:
            await restart.stop()
    log = restart.log_path.read_text("utf-8").split("\nimport time:", 1)[1]
    before, listening, after = log.partition("after launch")
    assert listening, log[-2000:]
    assert [name for name in NOT_BEFORE_LISTENING if _imported(before, name)] == []
    assert _imported(after, "jionlp") and not _imported(after, "alembic")


def _imported(log: str, package: str) -> bool:
    """Whether PYTHONPROFILEIMPORTTIME's lines in `log` show `package` imported."""
    return re.search(rf"^import time:.*\|\s+{package}(\.|$)", log, re.MULTILINE) is not None


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
async def test_the_parser_is_warmed_once_requests_pause_not_while_they_come(tmp_path, db_url):
    """Right after a restart the server answers WeChat's retries of what the dead process
    held: jionlp's import in a thread would take the GIL from those answers meanwhile."""
    async with FakeTencent() as fake:
        server = Server(tmp_path, db_url, fake, free_port(),
                        python_env={"PYTHONPROFILEIMPORTTIME": "1"})
        await server.start()
        try:
            async with aiohttp.ClientSession() as http:
                busy_until = time.monotonic() + 4 * WARM_UP_QUIET_S
                while time.monotonic() < busy_until:       # a request every 0.1 s
                    async with http.get(f"{server.url}/healthz") as answer:
                        assert answer.status == 200
                    await asyncio.sleep(0.1)
            assert not _imported(server.log_path.read_text("utf-8"), "jionlp")
            assert WARM_LINE not in server.log_path.read_text("utf-8")
            for _ in range(600):       # quiet now: warmed soon after, and said so
                if WARM_LINE in server.log_path.read_text("utf-8"):
                    break
                await asyncio.sleep(0.05)
            log = server.log_path.read_text("utf-8")
            assert _imported(log, "jionlp")
            # The line the benchmarks wait for before measuring (bench.servers.wait_warm).
            done = re.search(re.escape(WARM_LINE) + r" ([\d.]+) s after listening", log)
            assert done and float(done[1]) >= 4 * WARM_UP_QUIET_S
        finally:
            await server.stop()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("before", "timed"), [
    ((), "我想预约下周二上午去办身份证"),               # the time in the first message
    (("我想预约办身份证", "1"), "下午三点"),           # the answer to the dialog's question
    ((), "请问这周六派出所能办身份证吗"),               # whether a day is worked
])
async def test_a_booking_time_told_while_the_parser_is_cold_holds_up_no_other_request(
        tmp_path, db_url, before, timed):
    """Under steady requests the parser waits for a pause to be warmed, so a resident may
    tell a booking time before it is loaded: its ~0.3-0.5 s of building must not stop the
    server answering everyone else meanwhile."""
    async with FakeTencent() as fake:
        server = Server(tmp_path, db_url, fake, free_port(),
                        python_env={"PYTHONPROFILEIMPORTTIME": "1"})
        await server.start()
        wechat = Wechat(fake, server.url)
        answered: list[tuple[float, float]] = []      # others' requests: sent, answered
        booked = asyncio.Event()

        async def others(http: aiohttp.ClientSession) -> None:
            while not booked.is_set():
                sent = time.monotonic()
                async with http.get(f"{server.url}/healthz") as answer:
                    assert answer.status == 200
                answered.append((sent, time.monotonic()))
                await asyncio.sleep(0.01)

        try:
            async with aiohttp.ClientSession() as http:
                for msg_id, words in enumerate(before, start=2):
                    assert await wechat.push("o-cold-booking", words, msg_id)
                busy = asyncio.create_task(others(http))
                await asyncio.sleep(0.3)
                assert not _imported(server.log_path.read_text("utf-8"), "jionlp")
                started = time.monotonic()
                assert await wechat.push("o-cold-booking", timed, 1)
                finished = time.monotonic()
                booked.set()
                await busy      # the request in flight meanwhile is answered and counted
            assert _imported(server.log_path.read_text("utf-8"), "jionlp")   # it was cold
        finally:
            await server.stop()
    during = [done - sent for sent, done in answered if done > started and sent < finished]
    assert during, answered
    # Built in the event loop, a request that came meanwhile waited nearly as long as the
    # booking (0.22 of 0.23-0.33 s); built in a thread, some milliseconds (the GIL is handed
    # over every 5 ms).
    assert max(during) < (finished - started) / 2, (max(during), finished - started)
