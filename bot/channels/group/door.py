"""Mounting the group door: the archive reader of `[groups] archive`, its poller, the
wake-up by msgaudit_notify, membership counts and owner changes from change_external_chat
on /wecom, and the sweep that finds message tasks the owner left unconfirmed."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
from aiohttp import web

from bot import keys
from bot.channels.door import Door
from bot.channels.group.archive import ArchiveError
from bot.channels.group.local import LocalArchiveReader, LocalConsent
from bot.channels.group.poller import ArchivePoller
from bot.channels.group.wecom_group import ConsentApi, GroupChatApi
from bot.channels.wechat_codec import Refused, parse_xml
from bot.channels.wecom import EVENT_HOOKS
from bot.delivery.wecom_api import MissingRoute, make_wecom_app
from bot.tasks import cancel_all
from handlers.channels.group.desk import GroupDesk
from handlers.channels.group.types import GROUP, GroupSettings
from handlers.core.types import Inbound
from handlers.officers.group_tasks import RESULT_ASKED_FOR, remind_overdue, sent_in_wecom
from storage.base import utcnow
from storage.groups import messages as group_store
from storage.groups import tasks as task_store
from storage.groups.models import GroupTask

log = logging.getLogger(__name__)
POLLER = web.AppKey("group_poller", ArchivePoller)
CHAT_API = web.AppKey("group_chat_api", GroupChatApi)
PURGE_EVERY_S = 3600.0
TASK_SWEEP_S = 300.0
RESULTS_AT_ONCE = 4     # send results asked of WeCom at the same time, per sweep


def _reader(app: web.Application, http: aiohttp.ClientSession):
    config, sessions = app[keys.CONFIG], app[keys.SESSIONS]
    if config.groups.archive == "local":
        return LocalArchiveReader(sessions), LocalConsent(sessions)
    from bot.channels.group.sdk import SdkArchiveReader  # loads the native library

    groups = config.groups
    reader = SdkArchiveReader(groups.sdk_library, groups.corp_id, groups.secret,
                              groups.private_key_path)
    return reader, ConsentApi(config, http, sessions)


def _chat_api(app: web.Application, http: aiohttp.ClientSession) -> GroupChatApi | None:
    """groupchat/get on the WeCom app; None without one (or in local mode)."""
    config = app[keys.CONFIG]
    if config.wechat.local:
        return None
    wecom = make_wecom_app(config, http, app[keys.SESSIONS])
    if isinstance(wecom, MissingRoute):
        return None
    return GroupChatApi(wecom, http, config.wecom.api_base_url)


async def _lifecycle(app: web.Application) -> AsyncIterator[None]:
    config = app[keys.CONFIG]
    if not config.groups.enabled:
        yield
        return
    sessions = app[keys.SESSIONS]
    http = aiohttp.ClientSession()
    loops: list[asyncio.Task[None]] = []
    poller: ArchivePoller | None = None
    try:
        reader, consent = _reader(app, http)
    except (ArchiveError, OSError) as exc:
        log.error("group door off: the archive cannot be read (%s)", exc)
    else:
        desk = GroupDesk(app[keys.SERVICES], GroupSettings.from_config(config))
        chat_api = _chat_api(app, http)
        if chat_api is not None:
            app[CHAT_API] = chat_api
        # Nicknames from groupchat/get in sdk mode only (local mode stores them with consent).
        names = chat_api.room_names if chat_api and config.groups.archive == "sdk" else None
        poller = ArchivePoller(sessions, reader, consent, desk, poll_s=config.groups.poll_s,
                               names=names)
        app[POLLER] = poller
        hooks = app[EVENT_HOOKS]
        hooks["msgaudit_notify"] = lambda message: poller.wake()
        # Membership events are counted one at a time, in the order they arrived: handled
        # at once, a del_member could be counted before the add_member sent before it (the
        # count then clamped at 0), and a retry counted again after it.
        in_order = asyncio.Lock()
        hooks["change_external_chat"] = lambda message: app[keys.TASKS].spawn(
            _membership(app, message, in_order, chat_api), name="group-membership")
        if app[keys.RUN_WORKERS]:
            loops.append(asyncio.create_task(poller.run(), name="group-archive"))
            loops.append(asyncio.create_task(_purge(app), name="group-purge"))
            loops.append(asyncio.create_task(_sweep_tasks(app), name="group-task-sweep"))
            if chat_api is not None and config.groups.archive == "sdk":
                loops.append(asyncio.create_task(_read_owners(app, chat_api),
                                                 name="group-owners"))
    yield
    await cancel_all(loops)
    if poller is not None:
        await poller.stop()
    await http.close()


async def _membership(app: web.Application, message: Inbound, in_order: asyncio.Lock,
                      chat_api: GroupChatApi | None = None) -> None:
    """change_external_chat: members joined or left one of our groups, or its owner changed.
    Taken under `in_order` first of all: tasks started in arrival order get it in that order."""
    async with in_order:
        await _count_membership(app, message, chat_api)


async def _count_membership(app: web.Application, message: Inbound,
                            chat_api: GroupChatApi | None) -> None:
    try:
        fields = parse_xml(message.raw)
    except Refused:
        return
    room = str(fields.get("ChatId") or "")
    if room not in {chat.room_id for chat in app[keys.CONFIG].groups.chats}:
        return
    change, detail = str(fields.get("ChangeType") or ""), str(fields.get("UpdateDetail") or "")
    if change == "update" and detail == "change_owner":
        await _owner_changed(app, room, chat_api)
        return
    count = str(fields.get("MemChangeCnt") or "1")
    moved = int(count) if count.isdigit() else 1
    joined = moved if change == "update" and detail == "add_member" else 0
    left = moved if change == "update" and detail == "del_member" else 0
    total = str(fields.get("MemCnt") or "")    # sent by newer WeCom versions
    if not (joined or left or total.isdigit()):
        return
    async with app[keys.SESSIONS]() as session, session.begin():
        await group_store.count_members(session, room, message.dedupe_key,
                                        members=int(total) if total.isdigit() else None,
                                        joined=joined, left=left)


async def _owner_changed(app: web.Application, room: str,
                         chat_api: GroupChatApi | None,
                         why: str = "changed owner") -> None:
    """The event does not name the new owner: groupchat/get does. Notices and message tasks
    then go to them; the configured owner stays the default."""
    if chat_api is None:
        log.warning("group %s %s; without the WeCom app it cannot be read, "
                    "so its configured owner stays", room, why)
        return
    try:
        owner = await chat_api.room_owner(room)
    except Exception as exc:     # WeCom down: the next change_owner event tries again
        log.warning("group %s %s; groupchat/get failed: %s", room, why, type(exc).__name__)
        return
    if not owner:
        log.warning("group %s %s; groupchat/get names no owner", room, why)
        return
    async with app[keys.SESSIONS]() as session, session.begin():
        changed = await group_store.set_owner(session, room, owner)
    log.info("group %s %s; WeCom names %s its owner%s", room, why, owner,
             "" if changed else " (as known)")


async def _read_owners(app: web.Application, chat_api: GroupChatApi) -> None:
    """In sdk mode, a group configured without an owner gets the one groupchat/get names,
    read once at start-up (a change_owner event later reads it again)."""
    for chat in app[keys.CONFIG].groups.chats:
        if not chat.owner:
            await _owner_changed(app, chat.room_id, chat_api, "has no configured owner")


async def sweep_tasks(app: web.Application) -> int:
    """Read WeCom's send results of pending message tasks (a task the owner sent is sent,
    whether or not the archive shows the line yet), then remind owners, once, of tasks
    unconfirmed past [groups] task_timeout_h; how many were reminded."""
    if (chat_api := app.get(CHAT_API)) is not None:
        await _read_results(app, chat_api)
    after = timedelta(hours=app[keys.CONFIG].groups.task_timeout_h)
    async with app[keys.SESSIONS]() as session, session.begin():
        return await remind_overdue(session, utcnow(), after)


async def _read_results(app: web.Application, chat_api: GroupChatApi) -> int:
    """Pending tasks WeCom says their owner sent become sent; how many. Only tasks made
    within RESULT_ASKED_FOR are asked about (older ones show as of unknown outcome), at most
    RESULTS_AT_ONCE at a time; once WeCom fails, the rest wait for the next sweep."""
    sessions, sent = app[keys.SESSIONS], 0
    async with sessions() as session:
        waiting = await task_store.awaiting_result(session, utcnow() - RESULT_ASKED_FOR)
    places, failed = asyncio.Semaphore(RESULTS_AT_ONCE), asyncio.Event()

    async def read(task: GroupTask) -> int:
        async with places:
            if failed.is_set():
                return 0
            try:
                at = await chat_api.task_sent(task.wecom_msgid or "", task.owner, task.room_id)
            except Exception as exc:     # WeCom down: the next sweep reads again
                if not failed.is_set():
                    log.warning("send result of group task %d not read: %s", task.id,
                                type(exc).__name__)
                failed.set()
                return 0
        if at is None:
            return 0
        async with sessions() as session, session.begin():
            return int(await sent_in_wecom(session, task.id, at))

    sent = sum(await asyncio.gather(*(read(task) for task in waiting)))
    if sent:
        log.info("%d group message tasks sent, as WeCom's send results say", sent)
    return sent


async def _sweep_tasks(app: web.Application) -> None:
    while True:
        try:
            if reminded := await sweep_tasks(app):
                log.info("reminded group owners of %d overdue message tasks", reminded)
        except Exception:
            log.exception("group task sweep failed")
        await asyncio.sleep(TASK_SWEEP_S)


async def _purge(app: web.Application) -> None:
    """Group chat that opened or answered nothing is kept raw_retention_days."""
    retention = timedelta(days=app[keys.CONFIG].intake.raw_retention_days)
    while True:
        try:
            async with app[keys.SESSIONS]() as session, session.begin():
                purged = await group_store.purge_chat(session, retention, utcnow())
            if purged:
                log.info("purged %d group messages past retention", purged)
        except Exception:
            log.exception("group chat purge failed")
        await asyncio.sleep(PURGE_EVERY_S)


async def _local_notify(request: web.Request) -> web.Response:
    """POST /local/groups/notify (local archive only): what msgaudit_notify does."""
    poller = request.app.get(POLLER)
    if poller is not None:
        poller.wake()
    return web.json_response({"woken": poller is not None})


def mount_group(app: web.Application) -> None:
    """The group door has no route of its own: WeCom's archive is read, not pushed; its
    notify arrives on /wecom (mount after mount_wecom). With the local archive,
    /local/groups/notify stands in for it (`jingmin chat --group`)."""
    app.cleanup_ctx.append(_lifecycle)
    if app[keys.CONFIG].groups.archive == "local":
        app.router.add_post("/local/groups/notify", _local_notify)


DOOR = Door(GROUP, mount_group)
