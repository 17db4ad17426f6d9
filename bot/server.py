"""`jingmin serve`: migrate, listen, run the workers, stop cleanly on SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import logging
import signal
from pathlib import Path

from aiohttp import web

from bot.app import create_app
from bot.config import DEV_TOKEN, Config, ConfigError, is_loopback
from storage.migrate import upgrade

log = logging.getLogger(__name__)


def check_serveable(config: Config) -> None:
    """Refuse the shipped development secrets anywhere but on loopback."""
    hosts = [config.server.host]
    if config.server.admin_port:
        hosts.append(config.server.admin_host)
    if config.uses_dev_secrets() and not all(is_loopback(h) for h in hosts):
        key = "wechat.token" if config.wechat.token == DEV_TOKEN else "wechat.encoding_aes_key"
        raise ConfigError(key, "the development value is only allowed when listening on "
                               "loopback; set your own")


def prepare(config: Config) -> None:
    """Check the configuration can be served and create the folders it names."""
    check_serveable(config)
    for folder in (config.server.data_dir, config.export.dir):
        Path(folder).mkdir(parents=True, exist_ok=True)


async def serve(config: Config) -> None:
    """Run until a stop signal, then drain tasks and close the database."""
    await upgrade(config.database.url)
    if not config.wechat.token:
        log.warning("wechat.token is empty: every /wechat request will be refused")
    app = create_app(config)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, config.server.host, config.server.port)
    await site.start()
    log.info("listening on http://%s:%d (webhook /wechat)", config.server.host,
             config.server.port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    log.info("stopping: finishing messages in hand")
    await runner.cleanup()
