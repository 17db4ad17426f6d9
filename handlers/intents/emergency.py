"""Emergencies: the numbers to call first (by kind, §4), a P1 ticket, officers alerted,
where-are-you once; repeats join one ticket. The resident hears that officers were alerted
only once an alert has reached them (handlers.escalation)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta

from handlers import texts
from handlers.core import settlement
from handlers.core.context import Context
from handlers.core.types import Location, Reply
from handlers.intents.registry import Intent, MenuButton
from handlers.tickets.alerts import alert_emergency
from handlers.tickets.opening import open_ticket
from storage.tickets import locations as location_store
from storage.tickets import store as ticket_store
from storage.tickets.models import EMERGENCY_KINDS

# The same resident's emergencies within this time are one incident.
JOIN_WINDOW = timedelta(minutes=10)
# A location shared just before an emergency is where the emergency is.
RECENT = timedelta(minutes=10)

# §4: the numbers each kind is told besides 110, which every emergency is told (last).
KIND_NUMBERS: dict[str, tuple[str, ...]] = {
    "self_harm": ("120", "12356"), "fire": ("119",), "traffic": ("122", "120"),
    "crime": (), "medical": ("120",), "fraud": ("96110",), "missing": (), "other": (),
}
# Beyond §4's wording (a departure the README names): words may add numbers, whatever the
# kinds. A rescue (someone trapped in a lift, in water, under a collapse) is kind `other`, told
# 110 only by §4, or an injury told 120; in China 119 does 抢险救援, so rescue words add 119
# (the ticket's kind stays). Simplified, traditional, English and pinyin: read as written.
_RESCUE = re.compile(
    # Trapped or stuck: in a lift, a car, a machine, a ride, on a broken bridge.
    "被困|困(在|住|人|咗)|(电|電)梯(里|裡)?.{0,6}(卡|困|关|關|停|坠|墜|掉|滑|不动|不動|出不)"
    "|(关|關|卡|锁|鎖)在(电|電)梯|(卡|夹|夾)(在|住)|卷(进|進)|(锁|鎖)在(车|車|屋|房)"
    "|出不(来|來|去)(?!气|氣)|拔不出|回不去|过不来|過不來|停在半空|悬空|懸空|陷(进|進|到)|迷路"
    # In water: fallen in, struggling, a flood rising.
    "|落水|落河|溺水|沉底|(呛|嗆)水|扑腾|撲騰|不会游泳|不會游泳|(坠|墜)入|掉下去"
    "|(?<!手机)(?<!手機)掉(进|進|到|下)?(了)?.{0,4}(河|水|湖|井|坑|冰|塘|沟|溝|窖)|大水|洪水|山洪"
    "|被水(围|圍)|决口|決口|开口子|開口子|管涌|积水|積水|(?<![凉涼冷])(水|浪)(漫|淹|冲|沖|灌)"
    "|灌水|冲(走|断)|沖(走|斷)|(涨|漲)(起来|上来|起來|上來)|往上(涨|漲)"
    # Under a collapse: a person, not a note under a teacup or a key under a flower pot.
    "|(被|人|们|們|他|她|我|俺|孩子|腿|脚|腳|身子|工人)(压|壓|埋|砸)在(了)?.{0,6}"
    "(下面|底下|里面|裡面|下边|下邊)|被(埋|压|壓)|(倒|坍|垮)塌|塌(了|方)"
    "|trapped|stuck|fell (in|through)|drowning|(roof|wall|house|building|ceiling|bridge)"
    "[^.]{0,20}collapsed|flood|water is coming|bei kun|kun ren"
    "|diao jin|ka zhu|luo shui")
# Rescue words in another sense: a bone or food stuck in the throat, a bank card or a page
# stuck, a caller stuck somewhere in a swindler's script.
_NOT_RESCUE = re.compile(
    "鱼刺|魚刺|骨头|果冻|噎|(吃|喂|咽)[^,，。!！?？]{0,8}(卡|夹)(住|在)|卡(在|住)(了)?(喉|嗓)"
    "|(银行|我的|张|張)卡在|卡在(这|這|那)?(个|個)?(页面|頁面|界面|往外)"
    "|(says|said|claims) (he|she)'?s stuck")
# (words, words that cancel them, the numbers they add beside the kinds').
ALSO_TOLD: tuple[tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]], ...] = (
    (_RESCUE, _NOT_RESCUE, ("119",)),)
# Kinds with a line of advice (texts emergency_advice_<kind>).
ADVICE = ("fire", "traffic", "medical", "crime", "fraud", "missing")
CARING = "self_harm"


def ordered(kinds: Iterable[str]) -> tuple[str, ...]:
    """The known kinds among `kinds` in §4's order; ("other",) when none."""
    given = set(kinds)
    return tuple(k for k in EMERGENCY_KINDS if k in given) or ("other",)


def numbers(kinds: Iterable[str], without: Iterable[str] = (), text: str = "") -> list[str]:
    """Every number the kinds are told (and words in `text` add), in order, each once, 110
    last."""
    told: list[str] = []
    for kind in ordered(kinds):
        told += [n for n in KIND_NUMBERS[kind] if n not in told]
    for words, unless, more in ALSO_TOLD:
        if text and words.search(text.lower()) and not unless.search(text.lower()):
            told += [n for n in more if n not in told]
    told.append("110")
    skip = set(without)
    return [n for n in told if n not in skip]


def _call(told: list[str]) -> str:
    named = [texts.text("emergency_number", number=n, label=texts.NUMBER_LABELS[n])
             for n in told]
    listed = named[0] if len(named) == 1 else "、".join(named[:-1]) + "和" + named[-1]
    return listed


def words(kinds: Iterable[str], text: str = "") -> str:
    """What the resident is told first: for self-harm a caring answer, else the numbers to
    call (`text`: the message, whose words may add some); then advice for each kind that has
    some."""
    kinds = ordered(kinds)
    lines: list[str] = []
    if CARING in kinds:
        lines.append(texts.text("emergency_caring"))
        rest = numbers(kinds, without=numbers([CARING]))
        if rest:
            lines.append(texts.text("emergency_caring_also", numbers=_call(rest)))
    else:
        told = numbers(kinds, text=text)
        lines.append(texts.text("emergency_call", numbers=_call(told)))
        if "119" in told and "fire" not in kinds:
            lines.append(texts.text("emergency_advice_rescue"))
    lines += [texts.text(f"emergency_advice_{kind}") for kind in kinds if kind in ADVICE]
    return "\n".join(lines)


async def handle(ctx: Context, text: str, reasons: tuple[str, ...],
                 kinds: Iterable[str] = ("other",)) -> Reply:
    """Answer at once with the numbers to call; open or join the P1 ticket and alert."""
    message, services = ctx.message, ctx.services
    kinds = ordered(kinds)
    recent = await ticket_store.latest_open(ctx.session, message.openid, "emergency",
                                            ctx.now - JOIN_WINDOW)
    if recent is not None:
        return await _join(ctx, recent, text, kinds)
    location = message.location
    if location is None:
        shared = await location_store.recent_location(ctx.session, message.openid,
                                                      ctx.now - RECENT,
                                                      channel=message.channel)
        if shared is not None:
            location = Location(shared.latitude, shared.longitude,
                                          shared.location_label or "")
    ticket = await open_ticket(
        ctx.session, services.settings, services.calendar, kind="emergency", text=text,
        channel=message.channel, now=ctx.now, openid=message.openid, priority="P1",
        reasons=reasons, inbound_id=message.inbound_id, emergency_kind=kinds[0],
        lat=location.latitude if location else None,
        lng=location.longitude if location else None,
        location_label=location.label if location else None,
        location_asked_at=None if location else ctx.now)   # where-are-you, asked below
    await alert_emergency(ctx, ticket)
    caring = CARING in kinds
    parts = [words(kinds, text)]
    phone = services.settings.phone_for(ticket.unit)
    if phone:
        parts.append(texts.text("emergency_unit_phone", unit=ticket.unit, phone=phone))
    parts.append(texts.text("emergency_recorded_caring" if caring else "emergency_recorded",
                            number=ticket.number))
    if ticket.latitude is None:
        parts.append(texts.text("emergency_ask_location_caring" if caring
                                else "emergency_ask_location"))
    reply = "\n".join(parts)
    ticket_store.add_event(ctx.session, ticket, "system", "auto_reply", reply, at=ctx.now)
    return Reply(reply)


async def _join(ctx: Context, ticket, text: str, kinds: tuple[str, ...]) -> Reply:
    """A repeat within the join window: more words on the same ticket, no new alert and no
    second where-are-you."""
    ticket_store.add_event(ctx.session, ticket, "resident", "message_in", text, at=ctx.now)
    await settlement.link_ticket(ctx.session, ctx.message.inbound_id, ticket.id)
    first = ordered((*kinds, ticket.emergency_kind or "other"))[0]
    if first != ticket.emergency_kind and first != "other":
        ticket.emergency_kind = first     # the incident turned out graver (§4's order)
    reply = "\n".join((words(kinds, text),
                       texts.text("emergency_joined_more", number=ticket.number)))
    ticket_store.add_event(ctx.session, ticket, "system", "auto_reply", reply, at=ctx.now)
    return Reply(reply)


def info(ctx: Context) -> Reply:
    """What the 紧急求助 menu button says."""
    phone = ctx.services.settings.duty_phone or "110"
    return Reply(texts.text("emergency_info", phone=phone))


async def _menu(ctx: Context) -> Reply:
    return info(ctx)


# No handler by label: the router's emergency gate calls `handle` with the kinds it found,
# ahead of everything else (§4); a label alone never reaches it.
INTENT = Intent(
    label="emergency", name="紧急警情", kind="emergency", priority="P1", handle=None,
    menu=(MenuButton("EMERGENCY_INFO", "紧急求助", _menu, under="我要反映", order=30),))
