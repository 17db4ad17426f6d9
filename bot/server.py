"""`jingmin serve`: migrate, listen, run the workers, stop cleanly on SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import time
from collections.abc import Callable
from pathlib import Path

from aiohttp import web

from bot import keys
from bot.admin import create_admin_app
from bot.app import create_app
from bot.config import DEV_TOKEN, Config, ConfigError, is_loopback
from bot.metrics import Metrics
from bot.startup import WARM_LINE, WARM_UP_LATEST_S, WARM_UP_QUIET_S, StartupClock
from handlers.channels.intake import Dispatch
from handlers.conversation.warmup import warm_up, warm_up_later
from handlers.core import checkpoints
from storage import private
from storage.migrate import upgrade

log = logging.getLogger(__name__)
# Allocations between two collections of the young generation (Python's default: 700).
YOUNG_GC_THRESHOLD = 10_000


class Collections:
    """Garbage collections while serving, by generation: how many, their total and longest
    time (the benchmarks read the line `stop` logs). Two clock reads a collection."""

    def __init__(self) -> None:
        self.count, self.total_s, self.max_s = [0, 0, 0], [0.0] * 3, [0.0] * 3
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        taken, generation = time.perf_counter() - self._started, info["generation"]
        self.count[generation] += 1
        self.total_s[generation] += taken
        self.max_s[generation] = max(self.max_s[generation], taken)

    def start(self) -> None:
        gc.callbacks.append(self)

    def stop(self) -> None:
        if self in gc.callbacks:
            gc.callbacks.remove(self)
        log.info("gc while serving: %s", ", ".join(
            f"gen{g} {self.count[g]} in {self.total_s[g] * 1e3:.1f} ms "
            f"(max {self.max_s[g] * 1e3:.1f})" for g in range(3)))




async def warm_up_when_quiet(metrics: Metrics, *, quiet_s: float = WARM_UP_QUIET_S,
                             latest_s: float = WARM_UP_LATEST_S,
                             warm: Callable[[], None] = warm_up_later,
                             clock: Callable[[], float] = time.monotonic) -> None:
    """What the server could listen without, loaded in a thread once no request has come
    for `quiet_s` (or `latest_s` after listening); then frozen out of the collector like
    the rest of start-up.

    Not at once: a restart listens while WeChat retries the pushes the dead process held
    and residents' answers are due; jionlp's import (~0.5 s of CPU, seconds on a starved
    machine) then held the GIL against the event loop in its thread, and a resident's
    number could miss the window."""
    started = clock()
    # Listening counts as the last request: the retries of a restart come after it.
    while True:
        waited = clock() - started
        if waited >= latest_s or min(metrics.quiet_for(clock()), waited) >= quiet_s:
            break
        await asyncio.sleep(quiet_s / 4)     # polled: a request must not pay for a wake-up
    loading = clock()
    await asyncio.to_thread(warm)
    gc.freeze()
    # The benchmarks wait for this line before measuring (bench.servers.wait_warm).
    log.info("%s %.2f s after listening (loading %.2f s)", WARM_LINE, clock() - started,
             clock() - loading)


def check_serveable(config: Config) -> None:
    """Refuse the shipped development secrets and the test-only halt anywhere but on
    loopback, and a real deployment with no way to alert officers (CONTRACT §2: alerts
    must have a route)."""
    hosts = [config.server.host]
    if config.server.admin_port:
        hosts.append(config.server.admin_host)
    if config.uses_dev_secrets() and not all(is_loopback(h) for h in hosts):
        key = "wechat.token" if config.wechat.token == DEV_TOKEN else "wechat.encoding_aes_key"
        raise ConfigError(key, "the development value is only allowed when listening on "
                               "loopback; set your own")
    wecom = config.wecom
    if not config.wechat.local and not (wecom.robot_webhook or wecom.app_configured):
        raise ConfigError("wecom.robot_webhook", "emergency alerts need a route: set the "
                          "police group robot's webhook, or the WeCom app (corp_id, agent_id, "
                          "secret)")
    if config.debug.halt_at and not all(is_loopback(h) for h in hosts):
        raise ConfigError("debug.halt_at", "stops the server dead; only for tests on loopback")


def prepare(config: Config) -> None:
    """Check the configuration can be served and create the folders it names."""
    check_serveable(config)
    private.folder(Path(config.server.data_dir), tighten=True)
    private.folder(Path(config.export.dir))


def run_serving(config: Config, dispatch: Dispatch | None = None,
                clock: StartupClock | None = None) -> None:
    """`serve` until stopped, on uvloop's event loop when it is installed (else asyncio's).
    The loop wakes some 40 times a push, mostly for the database driver's thread; uvloop's
    loop, timers and sockets are C (mixed bench, three runs each on a shared machine: 3,650
    -> 3,280 us of CPU a push)."""
    with asyncio.Runner(loop_factory=_loop_factory()) as runner:
        runner.run(serve(config, dispatch, clock))


def _loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    try:
        import uvloop
    except ImportError:
        return None     # asyncio's own loop
    return uvloop.new_event_loop


async def serve(config: Config, dispatch: Dispatch | None = None,
                clock: StartupClock | None = None) -> None:
    """Run until a stop signal, then drain tasks and close the database. `dispatch` decides
    replies instead of the intent router (the benchmarks' foundation-only server); `clock`
    times the start-up (begun by `jingmin serve` before its imports)."""
    clock = clock or StartupClock()
    clock.mark("launch and imports")
    await upgrade(config.database.url)
    clock.mark("migrations")
    if config.debug.halt_at:
        log.warning("debug.halt_at = %s: the first message to reach it stops the server",
                    config.debug.halt_at)
        checkpoints.arm({config.debug.halt_at})
    if not config.wechat.token:
        log.warning("wechat.token is empty: every /wechat request will be refused")
    app = create_app(config, dispatch=dispatch)
    app[keys.STARTUP] = clock
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    if dispatch is None:
        warm_up(app[keys.SERVICES])
    # Everything built so far (the trained classifier, the knowledge base, imported modules:
    # some 200,000 objects) lives as long as the process. Frozen, the collector stops walking
    # it on every full collection, which otherwise paused all requests for ~100 ms.
    clock.settle()
    # Each push allocates thousands of short-lived objects (SQLAlchemy's above all) that
    # reference counting frees; at the default threshold (700) the collector still walked the
    # young generation about every eighth push, 85 us of CPU a push in the mixed bench.
    # Every 10,000 allocations: a few collections a run, the same garbage found.
    # Measured in the mixed bench (20,000 pushes, 64 connections): 5-7 young collections a
    # run, none older, 2-10 ms each; the loop's longest waits (20-35 ms) are not collections.
    gc.set_threshold(YOUNG_GC_THRESHOLD, *gc.get_threshold()[1:])
    clock.mark("warm-up")
    collections = Collections()
    collections.start()
    server = config.server
    await web.TCPSite(runner, server.host, server.port).start()
    clock.log()
    if dispatch is None:
        app[keys.TASKS].spawn(warm_up_when_quiet(app[keys.METRICS]), name="warm-up-later")
    admin_runner: web.AppRunner | None = None
    if server.admin_port:
        log.info("listening on http://%s:%d (webhook /wechat)", server.host, server.port)
        # After the public runner: its startup opens the database the admin app uses.
        admin_runner = web.AppRunner(create_admin_app(config, app), access_log=None,
                                     handle_signals=False)
        await admin_runner.setup()
        await web.TCPSite(admin_runner, server.admin_host, server.admin_port).start()
        log.info("listening on http://%s:%d (officers: /console/ and /api/v1)", server.admin_host,
                 server.admin_port)
    else:
        log.info("listening on http://%s:%d (webhook /wechat, officers: /console/ and /api/v1)",
                 server.host, server.port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    log.info("stopping: finishing messages in hand")
    if admin_runner is not None:
        await admin_runner.cleanup()     # before the database it uses is closed
    await runner.cleanup()
    collections.stop()
