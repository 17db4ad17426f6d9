"""The benchmarks wait for the server's late warm-up before measuring (bench.servers), and
the server says when it is done and how long it took (bot.server)."""

import logging
import subprocess
import sys

import pytest

from bench import servers
from bench.load import BenchError
from bot.server import warm_up_when_quiet


class _Quiet:
    """No request under way since the start (Metrics.quiet_for's answer)."""

    def quiet_for(self, now: float) -> float:
        return now


async def test_the_bench_reads_how_long_the_warm_up_took(tmp_path, caplog):
    # listening; not quiet yet; quiet; loading; done
    ticks = iter([0.0, 0.0, 0.0, 3.0, 3.0, 3.0, 3.5, 3.5])
    loaded = []
    with caplog.at_level(logging.INFO, logger="bot.server"):
        await warm_up_when_quiet(_Quiet(), quiet_s=2.0, warm=lambda: loaded.append(1),
                                 clock=lambda: next(ticks))
    assert loaded == [1]
    log = tmp_path / "server.log"
    log.write_text("INFO bot.server: listening\n" + "".join(
        f"INFO bot.server: {r.getMessage()}\n" for r in caplog.records), encoding="utf-8")
    assert _waited(log) == (3.5, 0.5)


def _waited(log):
    """wait_warm on `log` beside a running process."""
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        return servers.wait_warm(running, log, timeout_s=5)
    finally:
        running.kill()
        running.wait()


def test_a_server_that_dies_before_it_is_warm_stops_the_bench(tmp_path):
    log = tmp_path / "server.log"
    log.write_text("INFO bot.server: listening\n", encoding="utf-8")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with pytest.raises(BenchError, match="while warming up"):
        servers.wait_warm(dead, log, timeout_s=5)
