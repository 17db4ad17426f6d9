"""`jingmin chat --group ROOM_ID --member NAME | --officer USERNAME`: a police WeChat group in
the terminal (local mode). Each line goes into the local archive the server's poller reads,
as WeCom's archive would hold it; what the group's owner would then see in WeCom (new-ticket
notices, message tasks to confirm) is printed. `/confirm` (the owner) sends the oldest task;
`/recall` takes back one's own newest line (撤回), as WeCom's archive records it."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from urllib.parse import urlsplit

import aiohttp

from bot.channels.group import local
from bot.cli import deliveries
from bot.config import Config
from handlers import texts
from storage.db import create_engine, session_factory
from storage.groups import messages as group_store
from storage.groups import tasks as task_store
from storage.officers import store as officer_store

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
# How long to stay, after the last line, for what the poller does with it.
LINGER_S = 3.0
# What the group's owner would see in WeCom, by the local delivery's endpoint.
OWNER_LABELS = ("group_task", "wecom_send")


def _usage(message: str) -> int:
    print(f"jingmin: {message}", file=sys.stderr)
    return EXIT_USAGE


async def run_group_chat(config: Config, room_id: str, member: str, officer: str,
                         consent: bool, url: str | None, wait: float | None) -> int:
    """Read lines from stdin into the group's local archive; exit code."""
    if config.groups.archive != "local":
        return _usage('groups.archive: must be "local" for jingmin chat --group')
    chat = next((c for c in config.groups.chats if c.room_id == room_id), None)
    if chat is None:
        return _usage(f"argument --group: {room_id!r} is not in [[groups.chats]]")
    if bool(member) == bool(officer):
        return _usage("argument --member/--officer: give exactly one of them")
    engine = create_engine(config.database.url)
    sessions = session_factory(engine)
    try:
        if officer:
            async with sessions() as session:
                row = await officer_store.by_username(session, officer)
            if row is None or not row.wecom_user:
                return _usage(f"argument --officer: {officer!r} is no officer with a "
                              "WeCom user id (jingmin officer add … --wecom-user ID)")
            sender, name = row.wecom_user, row.name
        else:
            sender, name = local.member_id(member), member
            await local.consent(sessions, room_id, sender, member, agreed=consent)
        base = url or f"http://{config.server.host}:{config.server.port}"
        base = "{0.scheme}://{0.netloc}".format(urlsplit(base))
        return await _talk(sessions, base, chat, sender, name, wait)
    finally:
        await engine.dispose()


async def _talk(sessions, base: str, chat, sender: str, name: str,
                wait: float | None) -> int:
    interactive = sys.stdin.isatty()
    async with sessions() as session:     # who holds the group now (change_owner moves it)
        owner = await group_store.owner_of(session, chat.room_id, chat.owner)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http:
        cursor = await _poll(http, base, owner, None) if owner else None
        watcher = (asyncio.create_task(_watch(http, base, owner, cursor)) if owner else None)
        if interactive:
            print(texts.text("chat_group_joined", name=name, group=chat.name,
                             help=texts.text("chat_group_help")))
        while True:
            line = await asyncio.to_thread(_read_line, interactive)
            if line is None or line.strip() == "/quit":
                break
            text = line.strip()
            if not text:
                continue
            if text == "/confirm":
                text = await _oldest_task(sessions, chat, sender)
                if text is None:
                    print(texts.text("chat_group_no_task"))
                    continue
                print(texts.text("chat_group_confirmed", text=text))
            elif text == "/recall":
                recalled = await local.recall_last(sessions, chat.room_id, sender)
                print(texts.text("chat_group_recalled" if recalled
                                 else "chat_group_nothing_to_recall"))
                if recalled:
                    await _notify(http, base)
                continue
            elif text.startswith("/"):
                print(texts.text("chat_group_help"))
                continue
            await local.post(sessions, chat.room_id, sender, text)
            await _notify(http, base)
        await asyncio.sleep(wait if wait is not None else LINGER_S)
        if watcher is not None:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
    return EXIT_OK


async def _oldest_task(sessions, chat, sender: str) -> str | None:
    """The oldest task `sender` may send: any of the group's when they hold it now (as the
    server takes the holder's line for a task made for a previous owner), else their own."""
    async with sessions() as session:
        holder = await group_store.owner_of(session, chat.room_id, chat.owner)
        pending = await task_store.pending(session, None if sender == holder else sender)
    pending = [t for t in pending if t.room_id == chat.room_id]
    return pending[0].text if pending else None


async def _notify(http: aiohttp.ClientSession, base: str) -> None:
    # WeCom's msgaudit_notify, local style: the poller reads at once instead of at poll_s.
    try:
        async with http.post(f"{base}/local/groups/notify"):
            pass
    except (aiohttp.ClientError, TimeoutError):
        print(texts.text("chat_group_unreachable", url=base), file=sys.stderr)


def _read_line(interactive: bool) -> str | None:
    try:
        return input(texts.text("chat_group_prompt") if interactive else "")
    except EOFError:
        return None


async def _poll(http: aiohttp.ClientSession, base: str, owner: str,
                after: int | None) -> int | None:
    page = await deliveries.fetch(http, base, owner, after)
    if page is None:
        return after
    for item in page.items:
        endpoint = item.get("endpoint")
        label = texts.text(f"chat_group_owner_{endpoint}" if endpoint in OWNER_LABELS
                           else "chat_group_owner_other")
        print(texts.text("chat_group_owner_line", label=label, text=item["text"]), flush=True)
    return page.last


async def _watch(http: aiohttp.ClientSession, base: str, owner: str,
                 cursor: int | None) -> None:
    while True:
        await asyncio.sleep(0.3)
        cursor = await _poll(http, base, owner, cursor)
