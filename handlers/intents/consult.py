"""Consultations: a confident knowledge-base match answers at once, else a consult ticket."""

from __future__ import annotations

import re
from typing import Any

from handlers import texts
from handlers.core.context import Context
from handlers.core.text import spelling
from handlers.core.types import Reply
from handlers.dialogs.steps import Dialog, Option, Step
from handlers.intents import appointment, branchinfo, complaint, nuisance
from handlers.intents.complaints import where_to
from handlers.intents.faq import parts as faq_parts
from handlers.intents.registry import Intent, MenuButton, QuickChoice
from handlers.tickets.opening import open_ticket
from storage.tickets import store as ticket_store

# "我想问一下", "咨询个事", "有个问题想请教": the question is still to come; a ticket holding
# only this would give an officer nothing to answer.
_BARE_ASK = re.compile(
    r"^[\s，,。.！!？?~～…]*(?:你好|您好|在吗|在不在)?[\s，,。.！!？?]*(?:我)?(?:想|要|想要)?"
    r"(?:(?:有)?(?:个|一个|点|件)(?:问题|事|事情)(?:想|要)?)?"
    r"(?:问|咨询|请教|打听|请问)?(?:一下|下|个|点|件)?(?:问题|事|事情|情况)?(?:呗|啊|呀|哈)?"
    r"[\s，,。.！!？?~～…]*$")


def bare_ask(text: str) -> bool:
    """Whether a message only announces a question ("我想问一下")."""
    said = text.strip()
    return bool(said) and any(word in said for word in ("问", "咨询", "请教", "打听")) \
        and _BARE_ASK.match(said) is not None


async def handle(ctx: Context, text: str, reasons: tuple[str, ...]) -> Reply:
    """Answer from the FAQ when sure; otherwise an officer answers through a ticket. A
    message that only announces a question is asked for it; a noise nuisance asked about is
    told what the police can do and offered a complaint instead."""
    if bare_ask(text):
        return Reply(texts.text("menu_consult_chosen"))
    if nuisance.asked_about(text, reasons):
        return await nuisance.offer(ctx, text, reasons)
    if nuisance.reportable_asked(text, reasons):
        return await nuisance.offer(ctx, text, reasons, "reportable_answer")
    if where_to.reports_here(text):
        # "有人在微信上卖枪，向谁举报": the matter told is reported here, and the resident told so.
        reported = await complaint.handle(ctx, text, (*reasons, "asked_where_to_report"))
        return Reply(f"{texts.text('reported_here')}\n{reported.text}")
    found, left = answers(ctx, text)
    if found and left:
        return await to_officer(ctx, text, reasons, answered=found, left=left)
    if found:
        return Reply(texts.text("consult_answer", answer=found))
    return await to_officer(ctx, text, reasons)


# Readings of the model alone (no rule, no ticket number) that a question the knowledge base
# answers overrides: "孩子出生一个月了还没上户口，晚了吗" sounds like a question about an
# earlier matter (还没…, …了吗), but a status question names its matter in words the rules
# know (进度, 办好了吗, 工单); a resident with no ticket here asking about their own affairs,
# which an entry answers confidently, is consulting. One with tickets sees them, as before.
# The model, trained on Chinese, also reads many English questions as chatter ("my son was
# born last month, how do I register his hukou"): there its `other` gives way too.
_OVERRIDDEN = frozenset({"status"})
_OVERRIDDEN_ENGLISH = frozenset({"status", "other"})


async def known(ctx: Context, text: str, prediction) -> str | None:
    """The id of the entry that answers `text` in place of the classifier's reading: when the
    reading is unsure, or the model's alone of a kind a confident answer overrides."""
    from_model = prediction.reasons[:1] and prediction.reasons[0].startswith("model:")
    overridden = _OVERRIDDEN_ENGLISH if spelling.english(text) else _OVERRIDDEN
    if prediction.confident and not (prediction.intent in overridden and from_model
                                     and prediction.ticket_number is None):
        return None
    match = ctx.services.faq.match(text)
    if match is None or not match.confident:
        return None
    if prediction.confident and prediction.intent == "status" and \
            await ticket_store.list_for_openid(ctx.session, ctx.message.openid, 1):
        return None
    return match.entry.id


async def to_officer(ctx: Context, text: str, reasons: tuple[str, ...], answered: str = "",
                     left: tuple[str, ...] = ()) -> Reply:
    """A consult ticket holding `text`, and the resident told its number and due time; with
    `answered`, what was answered at once first, then the parts (`left`) the officer
    answers."""
    services = ctx.services
    ticket = await open_ticket(
        ctx.session, services.settings, services.calendar, kind="consult", text=text,
        channel=ctx.message.channel, now=ctx.now, openid=ctx.message.openid,
        reasons=reasons, inbound_id=ctx.message.inbound_id, plain=True)   # only read after
    due = services.local_time(ticket.first_response_due)
    reply = texts.text("consult_opened", number=ticket.number, due=due) if not answered \
        else "\n".join((answered, texts.text("consult_parts_left", parts="”“".join(left),
                                                number=ticket.number, due=due)))
    ticket_store.add_event(ctx.session, ticket, "system", "auto_reply", reply, at=ctx.now)
    return Reply(reply)


# A WeChat text reply holds 2048 bytes: answers past this many are left to the officer, so
# that the footer, the line naming the parts left and the 110 line still fit.
ANSWER_BYTES = 1400


def answer(ctx: Context, text: str) -> str | None:
    """What the branch can say at once (see `answers`), the parts it cannot left aside."""
    return answers(ctx, text)[0]


def answers(ctx: Context, text: str) -> tuple[str | None, tuple[str, ...]]:
    """What the branch can say at once: its units' facts, whether a day is worked, and a
    confident knowledge-base answer (a generic one gives way to the configured facts) for
    each part of a question of several; and the parts, as written, that nothing answers."""
    services = ctx.services
    units = branchinfo.unit_answer(services.settings, text)
    day = branchinfo.day_answer(services.settings, services.calendar, text, ctx.now)
    replaced = (branchinfo.REPLACED_BY_UNITS if units else ()) \
        + (branchinfo.REPLACED_BY_DAY if day else ())
    asked = branchinfo.without_day_question(text) if day else text
    told, left = faq_parts.answers(services.faq, asked)
    told = [(part, entry) for part, entry in told if not entry.id.startswith(replaced)]
    spent = 0
    for at, (_, entry) in enumerate(told):
        spent += len(entry.answer.encode()) + len(entry.question.encode())
        if at and spent > ANSWER_BYTES:     # the rest is the officer's, with the message
            left = [*left, *(later for later, _ in told[at:])]
            told = told[:at]
            break
    # A part about a unit's address, hours or phone is answered by the unit's card.
    left = [part for part in left if not (units and branchinfo.asks_units(part.said))]
    # Each answer under the question it answers, when there is more than one thing to tell.
    headed = len(told) > 1 or bool(left)
    parts = [texts.text("consult_part", question=entry.question, answer=found) if headed
             else found for found, entry in
             ((branchinfo.entry_answer(services.settings, entry), entry) for _, entry in told)]
    confident = bool(parts)
    fees = faq_parts.fee_answers(services.faq, asked) if not told else None
    if fees is not None:    # "护照多少钱": an entry telling that fee, or an officer
        left, confident = [], bool(fees)
        parts += [texts.text("consult_part", question=entry.question,
                             answer=branchinfo.entry_answer(services.settings, entry))
                  if len(fees) > 1 else branchinfo.entry_answer(services.settings, entry)
                  for entry in fees]
    elif not told:      # one question, or several none of which is known on its own
        left = []
        match = services.faq.match(asked)
        confident = match is not None and match.confident
        if confident and not match.entry.id.startswith(replaced):
            parts.append(branchinfo.entry_answer(services.settings, match.entry))
    if not units:
        units = going_answer(ctx, text, questions=not confident)
    parts += [part for part in (units, day) if part]
    return "\n".join(parts) or None, tuple(dict.fromkeys(part.said for part in left))


# "去古楼所办身份证": a plan to go to a station for its business. The resident needs that
# station's address, phone and hours, and what to bring, which depends on the case (first,
# renewal, lost) the plan does not say: the service's questions to pick from. Booking is
# not needed for window business, and stays one menu press away.
_GOING = re.compile(r"(?:去|到|上|来)[^，。,.!！？?]{0,10}?(?:所|局|大厅|窗口)[^，。,.!！？?]{0,4}?"
                    r"(?:办|开|换|补|领|拍|交|迁|落)")
STATION_SERVICES = {"id_card": "身份证", "hukou": "户籍", "residence_permit": "居住证",
                    "certificate": "证明"}
# A plan is told in a clause or two; a longer message says more (what went wrong there),
# and an officer reads it.
PLAN_CHARS = 24


def going_answer(ctx: Context, text: str, questions: bool) -> str | None:
    """For a plan to do a station's business at a named station: its card, and with
    `questions` the service's questions (when no one entry answers); None for anything
    else."""
    settings, faq = ctx.services.settings, ctx.services.faq
    topic = STATION_SERVICES.get(appointment.service_in(text) or "")
    stations = branchinfo.named_units(settings, text)
    if len(text) > PLAN_CHARS or topic is None or not stations or not _GOING.search(text) \
            or not faq.topic_entries(topic):
        return None
    lines = [branchinfo.unit_card(settings, unit) for unit in stations]
    if questions:
        lines.append(texts.text("faq_topic_header", topic=topic))
        lines += [f"· {entry.question}" for entry in faq.topic_entries(topic)]
        lines.append(texts.text("faq_topic_footer"))
    return "\n".join(lines)


GUIDE = "guide"


def guide_dialog(faq) -> Dialog:
    """办事指南: the knowledge base's topics by number; anything else is a new message."""
    options = tuple(Option(topic, f"{topic}：{faq.guide[topic]}" if faq.guide.get(topic)
                           else topic) for topic in faq.topics())

    async def chosen(ctx: Context, data: dict[str, Any]) -> Reply:
        return await ctx.services.dialogs.start(ctx, f"{GUIDE}:{data['topic']}")

    return Dialog(name=GUIDE, steps=(Step("topic", "faq_guide_header", options=options,
                                          footer="faq_guide_footer", lenient=True),),
                  finish=chosen)


def topic_dialog(faq, topic: str) -> Dialog:
    """One topic of the guide: its questions by number, each answered when picked (a typed
    question leaves the list and is read as any message)."""
    entries = {entry.id: entry for entry in faq.topic_entries(topic)}

    async def picked(ctx: Context, data: dict[str, Any]) -> Reply:
        found = branchinfo.entry_answer(ctx.services.settings, entries[data["entry"]])
        return Reply(texts.text("consult_answer", answer=found))

    return Dialog(name=f"{GUIDE}:{topic}", steps=(Step(
        "entry", "faq_topic_header", describe=lambda data: {"topic": topic}, lenient=True,
        options=tuple(Option(entry.id, entry.question) for entry in entries.values()),
        footer="faq_topic_pick"),), finish=picked)


async def guide(ctx: Context) -> Reply:
    """The 办事指南 menu: the knowledge base's topics, answerable by number."""
    return await ctx.services.dialogs.start(ctx, GUIDE)


INTENT = Intent(
    label="consult", name="咨询", kind="consult", priority="P4", handle=handle,
    dialogs=(nuisance.OFFER,),
    menu=(MenuButton("GUIDE", "办事指南", guide, under="预约办事", order=20),),
    quick=QuickChoice("咨询", ("咨询",), position=3),
    faq_dialogs=lambda faq: (guide_dialog(faq), *(topic_dialog(faq, topic)
                                                   for topic in faq.topics())),
    answers_faq=True)
