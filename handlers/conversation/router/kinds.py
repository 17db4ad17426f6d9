"""Which kind of message it is: events (subscribe, menu clicks), media, shared locations,
and text (recognised voice too), which goes through `order`. A new message or event type's
handling goes here."""

from __future__ import annotations

from handlers import texts
from handlers.conversation import closing, locations, menu
from handlers.conversation.router import order
from handlers.core.context import Context
from handlers.core.types import NO_REPLY, Reply
from handlers.intents import complaint, emergency
from storage.intake.dialogs import Saved
from storage.tickets import store as ticket_store

SILENT_EVENTS = frozenset({"unsubscribe", "view", "location", "templatesendjobfinish",
                           "view_miniprogram"})
MEDIA_TYPES = frozenset({"image", "video", "shortvideo", "voice"})


async def route(ctx: Context, history: closing.History) -> Reply:
    """The reply to the message of `ctx`, by its kind."""
    message = ctx.message
    if message.msg_type == "event":
        return await event(ctx)
    text = message.content if message.msg_type == "text" else message.recognition
    if message.msg_type in MEDIA_TYPES and not text:
        return await media(ctx)
    if message.msg_type == "location":
        return await location(ctx)
    if not text.strip():
        return Reply(texts.text("help"))
    return await order.text(ctx, text, history)


async def event(ctx: Context) -> Reply:
    """Following the account, a menu button clicked, a place picked from the menu."""
    event = ctx.message.event
    if event in ("subscribe", "subscribe_scan"):
        return Reply(texts.text("welcome"))
    if event in SILENT_EVENTS:
        return NO_REPLY
    clicked = menu.action(ctx.message.event_key) if event == "click" else None
    if clicked is not None:
        return await clicked(ctx)
    if event == "location_select":   # the menu's 发送位置: the place comes with the event
        return await location(ctx) if ctx.message.location else NO_REPLY
    return Reply(texts.text("help"))


async def media(ctx: Context) -> Reply:
    """A photo, video or unrecognised voice: kept with the complaint being detailed."""
    saved = await ctx.services.dialogs.current(ctx)
    number = _detailing(saved)
    if number:
        description = {"voice": "语音", "image": "照片"}.get(ctx.message.msg_type, "视频")
        attached = await complaint.attach(ctx, number, f"[{description}]")
        if attached is not None:
            if ctx.message.msg_type == "voice":
                return Reply(texts.text("voice_unrecognized"))
            return attached
    if ctx.message.msg_type == "voice":
        return Reply(texts.text("voice_unrecognized"))
    return Reply(texts.text("media_received"))


async def location(ctx: Context) -> Reply:
    """A shared place: for an emergency just raised, else the complaint being detailed."""
    if ctx.message.location is None:
        return Reply(texts.text("location_received"))
    recent = await ticket_store.latest_open(ctx.session, ctx.message.openid, "emergency",
                                            ctx.now - emergency.JOIN_WINDOW)
    reply = await locations.receive(ctx, recent)
    if reply is not None:
        return reply
    number = _detailing(await ctx.services.dialogs.current(ctx))
    ticket = await ticket_store.get_by_number(ctx.session, number) if number else None
    if ticket is not None:
        return await locations.attach(ctx, ticket)
    return Reply(texts.text("location_received"))


def _detailing(saved: Saved | None) -> str | None:
    """The ticket whose details the resident is giving, if any."""
    if saved is not None and saved.dialog == complaint.DETAILS.name:
        return saved.data.get("_ticket")
    return None
