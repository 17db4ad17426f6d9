"""The resident's verdict (评判权交给群众): asked on resolution, answered in a 72-hour dialog.

问题解决了吗？ 1 是 closes the ticket, 2 否 reopens it and tells the assignee; then 满意度 1–5
(stored on the ticket at once), optional ratings of 服务态度、办理速度、处理结果, and a comment.
No answer in 24 hours: asked once more if WeChat's window allows; 7 days: closed (not before
the late-rating window ends). A resident may rate late, within 5 working days of the
resolution, by writing 评价 (`late_rating`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import texts
from handlers.core.context import Context
from handlers.core.durations import parse_duration
from handlers.core.text import spelling
from handlers.core.types import Inbound, Reply
from handlers.dialogs import english_words, scores
from handlers.dialogs.steps import ENGLISH, Dialog, Invalid, Option
from handlers.dialogs.steps import Step as DialogStep
from handlers.tickets.lifecycle import HookSet, Step
from storage.delivery import outbox
from storage.intake import window
from storage.tickets import console as ticket_console
from storage.tickets import store as ticket_store
from storage.tickets import verdicts as verdict_store
from storage.tickets.models import Ticket

DIALOG_NAME = "verdict"
ANSWER_WINDOW = timedelta(hours=72)
REMIND_AFTER = timedelta(hours=24)
CLOSE_AFTER = timedelta(days=7)
RATE_LATE_WITHIN = parse_duration("5wd")

SOLVED = (Option("yes", "是", ("解决了", "是的", "已解决", "好了")),
          Option("no", "否", ("没有", "没解决", "未解决", "不是")))
SCORES = tuple(Option(str(n), label) for n, label in
               enumerate(("非常不满意", "不满意", "一般", "满意", "非常满意"), start=1))
# Free words at 问题解决了吗: an objection ("还没…", "怎么就办结了") is a no with its reason.
_OBJECTION = ("没", "不", "未", "还", "怎么就", "为什么", "凭什么", "咋就", "哪里解决", "根本",
              "依然", "仍然", "照样", "又", "投诉")
_SATISFIED = ("解决了", "已解决", "好了", "可以了", "满意", "处理好了", "没问题了", "搞定", "妥",
              "完事了", "行了")
# "没事了": the trouble is over, though it says 没. Read before the objections.
_OVER = ("没问题了", "没有问题了", "没事了", "没事儿了", "没啥事了", "没什么事了")
# "解决个啥", "好什么呀": a rhetorical question, an objection with no negation in it.
_RHETORICAL = re.compile(r"(?:解决|好|处理|弄|办)了?个(?:啥|什么|屁)")
# Sentence-final particles spoken where 了 is written (解决啦, 解决咧, 好咯, 解决喽).
_PARTICLE = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z])(?:啦|咧|嘞|喽|咯|唠|哩|了呗|了哈)")


def _solved_in_words(answer: str) -> str:
    """是 or 否 said in a sentence; an objection wins over a polite word beside it. An
    appraisal alone ("还行吧", "中", "得劲", "👍"; "不咋地") says it as well."""
    answer = _PARTICLE.sub("了", answer)
    if _RHETORICAL.search(answer):
        return "no"
    appraised = scores.alone(answer)
    if appraised is not None:
        return "yes" if appraised >= 3 else "no"
    if any(word in answer for word in _OVER):
        return "yes"
    if any(word in answer for word in _OBJECTION):
        return "no"
    if any(word in answer for word in _SATISFIED):
        return "yes"
    said = english_words.yes_or_no(answer)
    if said is None:
        raise Invalid("verdict_solved_unclear")
    return said



async def _record(ctx: Context, name: str, value: str, data: dict[str, Any], *,
                  amending: bool = False) -> None:
    ticket = await ticket_store.get_by_number(ctx.session, data["_ticket"])
    if ticket is None:
        return
    verdict = await verdict_store.get(ctx.session, ticket)
    if verdict is None:
        verdict = await verdict_store.asked(ctx.session, ticket, ctx.now)
    verdict.answered_at = ctx.now
    reason = _reason(ctx, name, value)
    late = {"late": True} if data.get("_late") else {}
    if name == "solved":
        verdict.solved = value == "yes"
        if reason and not verdict.comment:
            verdict.comment = reason[:1000]
        await _settle(ctx, ticket, verdict.solved, reason)
    elif name == "satisfaction" and value:
        verdict.satisfaction = int(value)
    elif name == "satisfaction":    # words twice with no score in them: kept, not asked again
        said = [data.get("_refused_satisfaction") or "", (ctx.message.content or "").strip()]
        reason = "；".join(dict.fromkeys(w for w in said if scores.worded(w)))
        verdict.comment = _added(verdict.comment, reason) if reason else verdict.comment
    elif name == "details" and value:
        verdict.attitude, verdict.speed, verdict.result = (
            int(c) if c.isdigit() else None for c in value)
        said = (ctx.message.content or "").strip()
        # "态度很好，就是来得慢了点": the words kept for the officer and the supervisor.
        if scores.worded(scores.digits(said)):
            verdict.comment = _added(verdict.comment, said)
    elif name == "comment" and value:
        verdict.comment = _added(verdict.comment, value)
    # Through the lifecycle: a 差评 opens its follow-up there (handlers.tickets.ratings).
    text = _event_text(name, value, reason) + (texts.text("verdict_event_late") if late else "")
    await ctx.services.lifecycle.record(ctx.session, ticket, "verdict", actor="resident",
                                        at=ctx.now, text=text, field=name, value=value, **late)


def _added(comment: str | None, said: str) -> str:
    """The resident's words after those kept before (a reason, worded sub-scores)."""
    if not comment or said in comment:
        return (comment or said)[:1000]
    return f"{comment}；{said}"[:1000]


def _reason(ctx: Context, name: str, value: str) -> str:
    """The resident's own words when 否 came as a sentence, kept for the officer."""
    said = (ctx.message.content or "").strip()
    if name != "solved" or value != "no" or not said:
        return ""
    plain = {option.label for option in SOLVED} | {a for o in SOLVED for a in o.aliases}
    return "" if said in plain or said.isdigit() or english_words.bare(said) else said


def _event_text(name: str, value: str, reason: str = "") -> str:
    if name == "solved" and reason:
        return texts.text("verdict_event_unsolved_reason", reason=reason)
    if name == "solved":
        return texts.text("verdict_event_solved" if value == "yes" else "verdict_event_unsolved")
    if name == "satisfaction" and value:
        return texts.text("verdict_event_satisfaction", score=value)
    if name == "satisfaction":
        return texts.text("verdict_event_comment", comment=reason or "—")
    if name == "details":
        return texts.text("verdict_event_details", scores=" ".join(value) if value else "—")
    return texts.text("verdict_event_comment", comment=value or "—")


async def _settle(ctx: Context, ticket: Ticket, solved: bool, reason: str = "") -> None:
    if ticket.status != "resolved":
        return
    # 否 reopens, the resident's words kept (the lifecycle's notices tell the assignee,
    # with them); 是 closes.
    target = "closed" if solved else "reopened"
    await ctx.services.lifecycle.move(ctx.session, ticket, target, by="resident",
                                      actor="resident", at=ctx.now,
                                      text=texts.STATUS_LABELS[target],
                                      **({"reason": reason[:500]} if reason and not solved
                                         else {}))


def rating_ends(ticket: Ticket, calendar: Any) -> datetime | None:
    """Until when the resident may still rate `ticket`: 5 working days after its resolution
    (None when it is not resolved)."""
    if ticket.resolved_at is None:
        return None
    return RATE_LATE_WITHIN.after(ticket.resolved_at, calendar)


def _late_hint(services: Any, ticket: Ticket, now: datetime) -> str:
    """Tell the resident they may still rate later, while that is true."""
    ends = rating_ends(ticket, services.calendar)
    if ends is None or ends <= now:
        return ""
    return texts.text("verdict_late_hint", ends=services.local_time(ends))


async def _cancelled(ctx: Context, data: dict[str, Any]) -> Reply:
    ticket = await ticket_store.get_by_number(ctx.session, data["_ticket"])
    ends = rating_ends(ticket, ctx.services.calendar) if ticket is not None else None
    if ends is None or ends <= ctx.now:
        return Reply(texts.text("verdict_cancelled"))
    return Reply(texts.text("verdict_cancelled_late", ends=ctx.services.local_time(ends)))


async def _thanks(ctx: Context, data: dict[str, Any]) -> Reply:
    return Reply(texts.text("verdict_thanks_solved" if data.get("solved") == "yes"
                            else "verdict_thanks_unsolved", number=data["_ticket"]))


async def _asked_of(session: AsyncSession, ticket: Ticket) -> dict[str, Any]:
    """What the verdict dialog knows of the ticket it asks about; a resident who wrote it in
    English is asked in English too, read from their own words filed with it (a booking's
    summary is ours, in Chinese)."""
    asked: dict[str, Any] = {"_ticket": ticket.number, "_kind": ticket.kind}
    said = " ".join(m.content for m in await ticket_console.inbound_for_ticket(session, ticket)
                    if m.content and scores.worded(m.content))
    if spelling.writes_english(ticket.summary or "") or spelling.writes_english(said):
        asked[ENGLISH] = True
    return asked


def _solved_asked(data: dict[str, Any]) -> str | None:
    """问题解决了吗 of a booking or a question, in their own words."""
    kind = data.get("_kind")
    return f"verdict_ask_solved_{kind}" if kind in ("appointment", "consult") else None


DIALOG = Dialog(
    name=DIALOG_NAME,
    steps=(
        # Known when a late rating follows an earlier answer to it: not asked again.
        DialogStep("solved", "verdict_ask_solved", options=SOLVED,
                   validate=_solved_in_words, skip_when_known=True, reword=_solved_asked),
        DialogStep("satisfaction", "verdict_ask_satisfaction", options=SCORES,
                   validate=scores.satisfaction, refused=lambda _words: ""),
        DialogStep("details", "verdict_ask_details", optional=True, validate=scores.details),
        DialogStep("comment", "verdict_ask_comment", optional=True),
    ),
    on_answer=_record,
    finish=_thanks,
    timeout=ANSWER_WINDOW,
    cancelled="verdict_cancelled",
    on_cancel=_cancelled,
)


@dataclass(frozen=True)
class Asked:
    """What was queued for the resident: the note and the first question."""

    text: str
    queued: bool


async def ask(session: AsyncSession, services: Any, ticket: Ticket, note: str,
              now: datetime) -> Asked:
    """On resolution: send the resolution note and open the verdict dialog (same
    transaction as the status change). Tickets without a WeChat resident are not asked."""
    if not ticket.openid:
        return Asked("", False)
    await verdict_store.asked(session, ticket, now)
    ctx = _resident_context(session, ticket.openid, now, services)
    question = await services.dialogs.start(ctx, DIALOG_NAME, await _asked_of(session, ticket))
    hint = _late_hint(services, ticket, now)
    done = texts.text("verdict_resolution", number=ticket.number, note=note,
                      matter=texts.matter(ticket.kind))
    body = texts.with_110(f"{done}\n{question.text}" + (f"\n{hint}" if hint else ""))
    # After officers' replies, before reminders: WeChat's 5 messages go in that order.
    outbox.enqueue(session, "wechat_text", ticket.openid,
                   {"text": body, "ticket": ticket.number}, priority=outbox.PRIORITY_VERDICT)
    return Asked(body, True)


async def sweep(session: AsyncSession, services: Any, now: datetime) -> tuple[int, int]:
    """Remind once after 24 h (only inside WeChat's window), close after 7 days; returns
    (reminded, closed)."""
    reminded = closed = 0
    for ticket, verdict in await verdict_store.unanswered(session, now - REMIND_AFTER,
                                                          close_before=now - CLOSE_AFTER):
        ends = rating_ends(ticket, services.calendar)
        if verdict.asked_at <= now - CLOSE_AFTER and (ends is None or ends <= now):
            # Never while the resident may still rate late: a late 否 must still reopen.
            await services.lifecycle.move(session, ticket, "closed", by="system",
                                          actor="system", at=now,
                                          text=texts.STATUS_LABELS["closed"])
            ticket_store.add_event(session, ticket, "system", "verdict",
                                   texts.text("verdict_event_timeout"), at=now)
            closed += 1
            continue
        if verdict.reminded_at is not None or not ticket.openid:
            continue
        verdict.reminded_at = now
        last, _ = await window.customer_service_window(session, ticket.openid)
        if last is None or now - last > window.CUSTOMER_SERVICE_WINDOW:
            continue  # the window has closed: a reminder would be held, not read
        ctx = _resident_context(session, ticket.openid, now, services)
        question = await services.dialogs.start(ctx, DIALOG_NAME, await _asked_of(session, ticket))
        hint = _late_hint(services, ticket, now)
        reminder = texts.text("verdict_reminder", number=ticket.number,
                              matter=texts.matter(ticket.kind))
        body = texts.with_110(f"{reminder}\n{question.text}"
                              + (f"\n{hint}" if hint else ""))
        outbox.enqueue(session, "wechat_text", ticket.openid, {"text": body},
                       priority=outbox.PRIORITY_ROUTINE)
        reminded += 1
    return reminded, closed


def hooks(services: Any) -> HookSet:
    """The verdict's part in the lifecycle: a resolution asks the resident (on WeChat)."""
    async def resolved(step: Step) -> None:
        await ask(step.session, services, step.ticket, step.text, step.at)

    return {"resolved": resolved}


def _resident_context(session: AsyncSession, openid: str, now: datetime,
                      services: Any) -> Context:
    # A dialog the system opens for a resident: no message of theirs is being handled.
    message = Inbound(channel="wechat", dedupe_key="", openid=openid, msg_type="system")
    return Context(session, message, now, services)
