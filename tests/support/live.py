"""The real app served on a loopback port from a thread of its own, for tools that call it
synchronously (schemathesis, the hypothesis fuzzers): the same database, officers,
tickets and doors as the other tests, reached over real HTTP."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

from bot.app import create_app
from bot.config import DEV_AES_KEY, DEV_TOKEN, Config, load_config
from handlers.officers import accounts as officers
from storage.base import utcnow
from storage.db import create_engine, session_factory
from storage.migrate import upgrade
from tests.doors import with_doors
from tests.helpers import scripted_dispatch
from tests.workbench import UNIT_B, staff, ticket

APP_ID = "wxjingminlive0001"
# Officers of every role (tests/workbench.staff) whose tokens the tools use.
ROLES = {"officer": "a1", "supervisor": "sup", "admin": "adm"}
USERNAMES = ["a1", "a2", "b1", "sup", "adm"]
# The seeded tickets (numbered on workbench.NOW's day): a complaint with a phone, an
# emergency, an anonymous consultation (unit A), a complaint of unit B.
TICKETS = [f"DCF20261125-{n:04d}" for n in range(1, 5)]


@dataclass
class Live:
    """A running server: its base URL, one token per role, the config, seeded tickets."""

    url: str
    config: Config
    tokens: dict[str, str] = field(default_factory=dict)
    tickets: list[str] = field(default_factory=list)


def live_config(folder: Path) -> Config:
    """The example configuration on a fresh SQLite file in `folder`, doors open."""
    base = load_config(Path(__file__).parents[2] / "config.example.toml", environ={})
    return with_doors(dataclasses.replace(
        base,
        server=dataclasses.replace(base.server, data_dir=str(folder / "data")),
        database=dataclasses.replace(base.database,
                                     url=f"sqlite+aiosqlite:///{folder}/live.db"),
        wechat=dataclasses.replace(base.wechat, app_id=APP_ID, token=DEV_TOKEN,
                                   encoding_aes_key=DEV_AES_KEY, api_base_url="local",
                                   reply_budget_s=1.0),
        export=dataclasses.replace(base.export, dir=str(folder / "exports")),
    ))


async def _seed(config: Config, live: Live) -> None:
    await upgrade(config.database.url)
    engine = create_engine(config.database.url)
    sessions = session_factory(engine)
    try:
        await staff(sessions)
        for kind, unit, phone, anonymous in (
                ("complaint", "古楼派出所", "13900001111", False),
                ("emergency", "古楼派出所", None, False),
                ("consult", "古楼派出所", "13900002222", True),
                ("complaint", UNIT_B, None, False)):
            made = await ticket(sessions, config, kind=kind, unit=unit, phone=phone,
                                anonymous=anonymous, openid=None if phone else "o-live")
            live.tickets.append(made.number)
        if live.tickets != TICKETS:
            raise RuntimeError(f"seeded {live.tickets}, expected {TICKETS}")
        async with sessions() as session, session.begin():
            for role, username in ROLES.items():
                live.tokens[role] = await officers.issue_token(session, username, utcnow())
    finally:
        await engine.dispose()


@contextmanager
def serving(folder: Path, *, real_router: bool = False) -> Iterator[Live]:
    """Serve the app on 127.0.0.1 until the block ends (workers off: nothing runs behind the
    requests' backs); `real_router` answers residents with the intent router."""
    config = live_config(folder)
    ready = threading.Event()
    live = Live("", config)
    failure: list[BaseException] = []
    running: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []

    async def run() -> None:
        stop = asyncio.Event()
        running.append((asyncio.get_running_loop(), stop))
        await _seed(config, live)
        app = create_app(config, run_workers=False,
                         dispatch=None if real_router else scripted_dispatch)
        runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        live.url = f"http://127.0.0.1:{runner.addresses[0][1]}"
        ready.set()
        try:
            await stop.wait()
        finally:
            await runner.cleanup()

    def main() -> None:
        try:
            asyncio.run(run())
        except BaseException as exc:   # reported to the test below
            failure.append(exc)
            ready.set()

    thread = threading.Thread(target=main, name="live-server", daemon=True)
    thread.start()
    ready.wait(60)
    if failure or not live.url:
        raise RuntimeError("the live server did not start") from (failure or [None])[0]
    [(loop, stop)] = running
    try:
        yield live
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(30)
