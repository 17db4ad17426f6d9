"""A message that continues a ticket the resident already has: an answer to the officer's
question, or more about the matter just reported.

Read afresh, such messages were lost: "车牌是聊城A12345，早上七点发现没了", sent after an
officer asked for it, got a one-line "we could not help"; "是东昌路小学门口", added after a
suggestion, got the "which did you mean?" menu, whose 1 would have opened a second ticket.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from handlers import texts
from handlers.conversation import quickmenu
from handlers.conversation.ongoing import emergency_place
from handlers.core.context import Context
from handlers.core.text.reasons import saw_danger
from handlers.core.text.spelling import cjk_count
from handlers.core.types import Reply
from handlers.dialogs.steps import Dialog, Option, Step
from handlers.intents import appointment
from handlers.tickets import notices
from storage.tickets import continued
from storage.tickets import store as ticket_store
from storage.tickets.models import Ticket

Found = tuple[Ticket, continued.LastReply | None, datetime | None]

# An officer's reply is answered within days; the resident's answer may come in several
# messages, each within minutes of the one before.
REPLY_WINDOW = timedelta(hours=72)
BURST = timedelta(minutes=30)
# A ticket just reported is still being told about.
JUST_REPORTED = timedelta(hours=2)
# Words that say a message adds to what was said before ("对了，…", "补充一下：…").
_ADDS = re.compile(r"^[\s，,。]*(?:(?:我)?(?:再)?补充(?:一下|一点|说明)?|对了|还有|另外|忘了说"
                   r"|(?:我)?(?:刚)?想起来|顺便说(?:一下)?|再说一下)")
# Words that correct what was just reported ("我刚才说的地址错了，应该是…", "更正一下：…"):
# never a request of their own, whatever else the message reads like.
_VERB = r"(?:说|写|填|发|打)"
_WHAT = r"(?:地址|地点|位置|时间|电话|号码|手机号|手机|名字|车牌)+"
_CORRECTS = re.compile(rf"^[\s，,。]*(?:更正|纠正|(?:我)?(?:(?:刚才|刚刚|之前|上面|前面){_VERB}?"
                       rf"|{_VERB})的?(?:{_WHAT})?{_VERB}?错了|{_WHAT}{_VERB}?错了)")
# A short question about how the matter just reported will be handled ("多久能修好",
# "能快点吗", "你们会来人看吗"): for its officer, with the promised time told again. One that
# names a business of its own (办身份证要多久) or that the knowledge base answers is its own.
_ABOUT_HANDLING = re.compile(r"多久|多长时间|什么时候|啥时候|几时|几天|快点|快一点|尽快|抓紧|有人管"
                             r"|管不管|会管|会处理|能处理|处理吗|来人|派人|来看|修好|解决|有结果"
                             r"|有回复|有消息")
ABOUT_HANDLING_CHARS = 10
# An officer's reply that asks the resident something.
_ASKS = re.compile(r"[？?]|吗|请问|请(?:您)?(?:提供|告知|告诉|补充|说明|发送|回复|确认)|麻烦您")
# A resident taking back what they reported ("算了，不想投诉了，撤销吧"): only an officer may
# end a ticket (CONTRACT §5), so the wish is put on it, for its officer to confirm and resolve.
_WITHDRAWS = re.compile(r"(?:撤销|撤回)(?:我的|这个|那个)?(?:投诉|举报|工单|报案|反映|吧|掉|了吧)"
                        r"|(?:撤销|撤回)[。.！!]*$|撤诉|不(?:想|要|用)?再?(?:投诉|举报|追究|告)了|不(?:用|需要)再?"
                        r"(?:处理|管|来)了|取消(?:投诉|举报|工单|反映)"
                        # 帮我撤了吧, 给我把投诉撤掉: asked of us, not told of a stall removed
                        r"|(?:帮我|给我|帮忙|麻烦(?:你们)?)(?:把[^，。,.!！？?]{0,6})?撤(?:了|掉|销|回)")
WITHDRAW_WINDOW = timedelta(days=7)
# An officer's reply acknowledged with more words ("好的，谢谢，那天家里有人"): the words are
# for that officer even when the reply asked nothing.
_ACKNOWLEDGES = re.compile(r"^(?:(?:好的?|嗯+|行|可以|收到|知道了|明白了?|了解|好嘞|中"
                           r"|谢谢(?:你们|您|民警)?|ok|OK)[\s，,。.！!～~]*)+")
_KINDS_TOLD_ABOUT = ("complaint", "feedback", "consult")
NAME = "supplement_or_new"


def withdraws(text: str) -> bool:
    """Whether `text` asks to take back what the resident reported."""
    return _WITHDRAWS.search(text) is not None


def adds(text: str) -> bool:
    """Whether `text` opens as an addition to what was said before."""
    return _ADDS.match(text) is not None


def corrects(text: str) -> bool:
    """Whether `text` opens by correcting what was said before."""
    return _CORRECTS.match(text) is not None


def asks_about_handling(ctx: Context, text: str) -> bool:
    """Whether `text` is a short question about how a matter will be handled that names no
    business of its own."""
    return (cjk_count(text) <= ABOUT_HANDLING_CHARS and _ABOUT_HANDLING.search(text) is not None
            and appointment.service_in(text) is None and not _answered(ctx, text))


def _answered(ctx: Context, text: str) -> bool:
    match = ctx.services.faq.match(text)
    return match is not None and match.confident


def answering_officer(found: Found, now: datetime) -> bool | None:
    """Whether the message answers the officer who last wrote on the ticket (None: it does
    not; True when it is not the answer's first message): the officer's reply asked
    something within REPLY_WINDOW and the resident has not written to the ticket since, or
    only in the last BURST. A reply that only informed catches nothing: the next message
    may be a new matter."""
    _, replied, wrote = found
    if replied is None or replied.at < now - REPLY_WINDOW or not _ASKS.search(replied.text):
        return None
    again = wrote is not None and wrote > replied.at
    if again and wrote < now - BURST:
        return None
    return again


def acknowledges_reply(found: Found, now: datetime, text: str) -> bool:
    """Whether `text` is the resident's first message after an officer's reply (within
    REPLY_WINDOW), opening with an acknowledgement and saying more ("好的，那天家里有人")."""
    _, replied, wrote = found
    if replied is None or replied.at < now - REPLY_WINDOW:
        return False
    if wrote is not None and wrote > replied.at:
        return False
    opened = _ACKNOWLEDGES.match(text)
    return opened is not None and cjk_count(text[opened.end():]) >= 2


def reported_just_now(found: Found, now: datetime) -> bool:
    """Whether the ticket is a complaint, suggestion or question opened within
    JUST_REPORTED that no officer has replied on yet."""
    ticket, replied, _ = found
    return (replied is None and ticket.kind in _KINDS_TOLD_ABOUT
            and ticket.created_at >= now - JUST_REPORTED)


class Seen:
    """What one message may continue, looked up at most once for it: `continuing` and then
    `just_reported` (the quick menu's "is this more about it?") share it."""

    def __init__(self) -> None:
        self.looked = False                   # recent_open asked (since WITHDRAW_WINDOW)
        self.found: Found | None = None
        self.nothing = False                  # the probe: nothing any of it could continue


async def just_reported(ctx: Context, seen: Seen | None = None) -> Ticket | None:
    """The ticket `reported_just_now`, if it is the resident's most recently touched."""
    since = ctx.now - JUST_REPORTED
    if seen is not None and seen.nothing:
        return None
    if seen is not None and seen.looked:
        # The ticket touched most recently in the week is the one of the last 2 h, if any.
        found = seen.found if seen.found and seen.found[0].updated_at >= since else None
    else:
        found = await continued.recent_open(ctx.session, ctx.message.openid, since)
    return found[0] if found is not None and reported_just_now(found, ctx.now) else None


async def add(ctx: Context, ticket: Ticket, text: str, key: str = "supplement_added",
              alert: str = "resident_added_alert", **values: str) -> Reply:
    """Put `text` on the ticket's timeline as the resident's, tell its officers, and say so
    (the text `key` with the ticket's number and `values`)."""
    await notices.resident_said(ctx.session, ctx.services.alerting, ticket, text, at=ctx.now,
                                inbound_id=ctx.message.inbound_id, alert=alert)
    return Reply(texts.text(key, number=ticket.number, **values))


async def add_by_number(ctx: Context, number: str, text: str, key: str,
                        alert: str = "resident_added_alert") -> Reply | None:
    """`add` to the ticket numbered `number` (a dialog's own), None if there is none."""
    ticket = await ticket_store.get_by_number(ctx.session, number)
    return None if ticket is None else await add(ctx, ticket, text, key, alert)


async def ask(ctx: Context, ticket: Ticket, text: str, predicted: str,
              reasons: tuple[str, ...]) -> Reply:
    """Whether an unclear message adds to the ticket just reported or is something else."""
    return await ctx.services.dialogs.start(
        ctx, NAME, {"_text": text, "_number": ticket.number, "_predicted": predicted,
                    "_reasons": list(reasons)},
        intro=texts.text("supplement_ask", number=ticket.number))


async def _finish(ctx: Context, data: dict[str, Any]) -> Reply:
    if data.get("choice") == "yes":
        added = await add_by_number(ctx, data["_number"], data["_text"], "supplement_added")
        if added is not None:
            return added
    # Something else: the quick menu, as the message would have had.
    return await quickmenu.ask(ctx, data["_text"], data["_predicted"],
                               tuple(data.get("_reasons", ())))


DIALOG = Dialog(
    name=NAME,
    steps=(Step("choice", "supplement_choice", lenient=True, controls=False, options=(
        Option("yes", texts.text("supplement_yes"), ("是", "是的", "对", "对的", "补充")),
        Option("no", texts.text("supplement_no"), ("不是", "不是的", "另一件事", "新的", "否")),
    )),),
    finish=_finish,
)


async def continuing(ctx: Context, text: str, intent: str, confident: bool,
                     reasons: tuple[str, ...], seen: Seen | None = None) -> Reply | None:
    """The reply when `text` (outside any dialog) continues the resident's open ticket: a
    wish to withdraw it, a place or more words for the emergency just raised, an answer to
    the officer who asked something, or words that say they add to the matter just
    reported; None when it is read on its own. A request said in so many words (but a
    withdrawal) is always its own. What was looked up is kept in `seen`."""
    seen = seen if seen is not None else Seen()
    # A status question the classifier is sure of lists the tickets instead (its numbers
    # open them).
    asked = not (confident and intent == "status") and asks_about_handling(ctx, text)
    said = withdraws(text) or adds(text) or corrects(text) or asked
    if not said and ((reasons and reasons[0].startswith("rule:")) or (
            confident and intent in ("appointment", "status"))):
        return None
    # Most messages continue nothing: one keyed query says so before the full look-up. An
    # unclear message may go on to the quick menu, which asks about a matter just reported:
    # the same query answers for it (a date never reached leaves that part out).
    now = ctx.now
    if not said and not await continued.continuable(
            ctx.session, ctx.message.openid, raised_since=now - emergency_place.WINDOW,
            replied_since=now - REPLY_WINDOW,
            reported_since=now - JUST_REPORTED if not confident else now + REPLY_WINDOW):
        seen.nothing = not confident
        return None
    found = await continued.recent_open(ctx.session, ctx.message.openid, now - WITHDRAW_WINDOW)
    seen.looked, seen.found = True, found
    if found is None:
        return None
    ticket = found[0]
    # A booking is the resident's own to cancel (bookings.cancel), not a request.
    if withdraws(text) and ticket.kind != "appointment":
        return await add(ctx, ticket, text, "withdraw_recorded", "resident_withdraws_alert")
    if saw_danger(reasons) and not corrects(text):
        # Words anything in the classifier saw danger in ("求你们快点来") join the emergency
        # just raised, never a report or an answer to an officer.
        return (await emergency_place.receive(ctx, ticket, text)
                if emergency_place.follows(ticket, ctx.now) else None)
    if corrects(text) and reported_just_now(found, ctx.now):
        return await add(ctx, ticket, text)
    if asked and reported_just_now(found, ctx.now):
        return await add(ctx, ticket, text, "asked_about_report",
                         due=ctx.services.local_time(ticket.first_response_due))
    if (reasons and reasons[0].startswith("rule:")) or (
            confident and intent in ("appointment", "status")):
        return None
    # Within minutes of an emergency, a place or words about it join it; a question or a
    # request the classifier is sure of (身份证怎么补办) is its own.
    if emergency_place.follows(ticket, ctx.now) and (
            emergency_place.places(ticket, text) or not confident
            or intent in ("other", "complaint")):
        return await emergency_place.receive(ctx, ticket, text)
    again = answering_officer(found, ctx.now)
    if again is not None:
        return await add(ctx, ticket, text, "officer_answered_again" if again
                         else "officer_answered")
    # Words after "好的/收到" are for the officer, whatever the model reads in them (收到，我到
    # 时候在小区门口等 is no complaint); a request said in so many words was let go above.
    if intent != "emergency" and acknowledges_reply(found, ctx.now, text):
        return await add(ctx, ticket, text, "officer_answered")
    if adds(text) and reported_just_now(found, ctx.now):
        return await add(ctx, ticket, text)
    return None
