"""The start-up's phases: measured from the process's own start, CPU beside wall time."""

from __future__ import annotations

import re
import subprocess
import sys
import time

from bot.startup import StartupClock, _running_s


def test_the_clock_counts_from_the_process_start_and_names_each_phase():
    running = _running_s()
    clock = StartupClock()
    time.sleep(0.05)
    clock.mark("imports")
    clock.mark("migrations")
    line = clock.summary()
    found = re.fullmatch(r"serving (\d+\.\d\d) s after launch \(CPU (\d+\.\d\d) s\): "
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
