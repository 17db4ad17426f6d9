"""How the rest of a message tells a cue: the frame its own clause gives it (`frames`),
moved by what the message says around it.

A follow-up on an earlier ticket tells plain wording as the matter reported; a missing person
still gone, or someone still in danger after a rescue, keeps the cue now; the writer's own
matter told after a talk or a video is now; a passer-by's sighting is hearsay (and no raise of
the alarm's either); an outcome told after it (`aftermath.over_after`) or the event told as
done and found (`aftermath.done_before`) puts it in the past. Self-harm is left alone.
"""

from __future__ import annotations

import re

from handlers.classifier.cues.aftermath import (
    RETURNED,
    STILL,
    done_before,
    over_after,
    own_now,
    still_missing,
)
from handlers.classifier.cues.later.history import history_only, today_after_history
from handlers.classifier.frames import HABITUAL, MODAL, NEUTRAL, NOW, PAST, Marker, frame_of
from handlers.classifier.lexicon import GAP, PERSON, Cue
from handlers.classifier.text import Clause

# A clause after a habit that tells the same harm going on at this moment (…老跟踪我，现在就在
# 我家楼下; 经常打我，现在又在打了): the one doing it is here, again, or at it now.
_GOES_ON = re.compile(r"又(来|在|跟|找|堵|追|打|砸|踹|闹|拿|拎|提|举|揣|带着|动手|上门|过来"
                      r"|跟来|冲)"
                      r"|(就|正|还|又)(在|搁)(我|俺|门|楼|外|身|窗|家|院|屋|车|单位|学校|校|小区"
                      r"|附近|打|砸|踹|跟|追|闹|敲|撬|骂|吵|拿)|正在|(站|堵|守|蹲|躲|藏|等|坐|趴)在"
                      r"|跟(到|过来|上来|进)|追(过来|上来|到|进)")
GOING_ON = "going_on"     # the kind of a "now" that carries a habit on (no alarm overrules it)
_NOT_GOING_ON = ("aftermath", "question", "hypothetical", "hearsay", "past")
# A plea for help with a danger told as happening (家里着火了怎么办, 他正在打我，我该怎么办):
# the question asks what to do this moment, not how such things are done; the alarm learned
# questions as consultations, so it does not overrule this "now" either.
PLEA = "plea"
_PLEA = re.compile(r"[了啦着呢啊呀]{0,2}[,;:\s]?(我|我们|俺|俺们)?(?<!应)(该|要|可)?"
                   r"(怎么办|咋办|怎么整|咋整|怎么做|往哪(儿|里)?(跑|躲|逃)|在哪(儿|里)?(跑|躲))")
# Told as happening: an aspect or a moment before the question, or the writer the one it
# befalls (有人跟踪我怎么办); 被人跟踪怎么办 asks about such things in general.
_HAPPENING = re.compile(r"了|啦|正在|现在|这会|此刻|还在|一直")
# A body's danger sign is a state, told as happening by naming whom it befalls (孩子发高烧抽搐
# 怎么办, 我爸昏迷怎么办): nobody asks about a named child's fit ahead of it without an "if",
# while 抽搐怎么办 alone may be a question in general.
_BEFALLS = re.compile(PERSON)
# Words of a question about such things in general or ahead of them (应该怎么做, 一般, 遇到时),
# or one the writer announces as a question (请问, 问一下): a consultation.
_GENERIC = re.compile(r"应该|一般|通常|平时|平常|遇到|碰到|遇上|如何|的时候|时候|问一下|问下|请问"
                      r"|想问|问问|咨询")
# Markers anywhere that make the message a story, a standing problem or a question of
# another kind (海姆立克法怎么操作？…噎住了怎么办 asks how first aid is done).
_NOT_PLEA = ("past", "habitual", "aftermath", "question", "hypothetical", "hearsay", "topic",
             "hazard")
# A how-to the plea words start (往哪跑才安全, 怎么逃生 is asked ahead).
_HOW_TO = re.compile(r"逃生|自救|才|比较|最好|安全|知识")


def told(norm: str, cue: Cue, span: tuple[int, int], clause: Clause,
         parts: tuple[Clause, ...], markers: list[Marker], threat: str, follow_up: bool,
         seen: re.Match[str] | None) -> tuple[str, Marker | None, bool]:
    """(frame, the marker that decided it, whether a sighting vetoed it) for the cue at
    norm[span[0]:span[1]]; `seen` is the message's sighting (`aftermath.sighting`)."""
    start, end = span
    frame, marker = frame_of(norm, start, end, clause, parts, markers, threat=threat)
    if frame == PAST and history_only(norm, marker, clause, parts):
        frame = NEUTRAL     # 他以前打过孩子，电话打不通: a reason to fear, not the story's time
    elif frame == PAST and (today := today_after_history(norm, marker, clause, start)):
        frame, marker = NOW, Marker(GOING_ON, today.start, today.end, today.words)
    if frame == HABITUAL and (now := continued_now(norm, clause, parts, markers)):
        frame, marker = NOW, Marker(GOING_ON, now.start, now.end, now.words)
    elif frame == NEUTRAL and (again := again_today(norm, clause, marker, markers)):
        frame, marker = NOW, again
    elif frame in (NEUTRAL, HABITUAL, PAST) and cue.kinds[0] == "crime" and (
            again := repeated_today(norm, clause, parts, markers)) is not None:
        frame, marker = NOW, again
    elif frame == NEUTRAL and cue.name in _HOLDING and (held := held_still(norm, end)):
        frame, marker = NOW, held
    elif frame in (NOW, NEUTRAL) and (plea := plea_now(norm, cue, span, clause,
                                                       markers)) is not None:
        frame, marker = NOW, plea
    if follow_up and frame == NEUTRAL:
        frame = PAST
    elif (frame == PAST and "missing" in cue.kinds and marker is not None
          and still_missing(norm, marker)) or (
            frame == PAST and marker is not None and marker.kind == "aftermath"
            and ((marker.start >= end and STILL.search(norm, marker.end))
                 or RETURNED.search(norm, marker.start))):
        frame = NEUTRAL     # still gone, or still in danger after it (捞上来了没有反应), or
        # the threat back after its outcome (劝走了，结果他又拿着刀回来了)
    if (frame == MODAL and marker is not None and marker.kind in ("hearsay", "topic")
            and not clause.start <= marker.start < clause.end
            and (own := own_now(norm, marker)) is not None):
        frame, marker = NOW, Marker("now", own.start(), own.end(), own.group(0))
    if frame not in (NOW, NEUTRAL) or cue.kinds[0] == "self_harm":
        return frame, marker, False
    if seen is not None:        # a passer-by's sighting, first aid learned ahead
        return MODAL, Marker("hearsay", seen.start(), seen.end(), seen.group(0)), True
    if (over := over_after(norm, end, markers, missing="missing" in cue.kinds)) is not None:
        return PAST, over, False     # told now, but its outcome is already told
    if frame == NEUTRAL and (done := done_before(norm, cue.name, cue.kinds[0],
                                                 (clause.start, clause.end), end,
                                                 markers)) is not None:
        return PAST, done, False     # found done, told afterwards
    return frame, marker, False


def continued_now(norm: str, clause: Clause, parts: tuple[Clause, ...],
                  markers: list[Marker]) -> Marker | None:
    """The "now" of a later clause that carries a habit's harm on into this moment (the
    habit's subject here again, at it now), unless that clause tells it over, asked about or
    imagined; else None."""
    for later in (c for c in parts if c.start >= clause.end):
        own = [m for m in markers if later.start <= m.start < later.end]
        if any(m.kind in _NOT_GOING_ON for m in own):
            continue
        now = next((m for m in own if m.kind in ("now", "progressive", "today")), None)
        if now is not None and _GOES_ON.search(norm, later.start, later.end):
            return now
    return None


def again_today(norm: str, clause: Clause, marker: Marker | None,
                markers: list[Marker]) -> Marker | None:
    """A harm told in the past and, in the cue's own clause, back today (去年他打过我，今天又
    拿着刀来了): the story is the reason to fear, the day's clause the danger, which the alarm
    (reading a story) must not overrule; else None."""
    if marker is None or marker.kind != "today" or not clause.start <= marker.start < clause.end:
        return None
    if not any(m.kind == "past" and m.end <= clause.start for m in markers):
        return None
    if any(m.kind in _NOT_GOING_ON and m.start >= clause.start for m in markers):
        return None
    if not _GOES_ON.search(norm, marker.end, clause.end):
        return None
    return Marker(GOING_ON, marker.start, marker.end, marker.words)


# A blow or a threat dealt again (今天又打了, 又开始砸东西, 又喝醉了在家里打人), not a fight
# among children (又跟同学打架) nor 打 of a game or a call.
_AGAIN_HARM = re.compile(r"(又|再次|再一次|又一次)" + GAP + r"{0,8}?(打(?!架|电话|游戏|麻将|牌|球"
                         r"|卡|车|工|针|扫|算|扰|折|包|印|呼噜|了一?(晚上|天|下午|上午|整天))"
                         r"|揍|踹|掐|扇|砸|动手|动刀|拿(着)?(刀|棍|皮带|鞭)|拎(着)?(刀|棍))")
_MOMENT = ("now", "progressive", "today")


def repeated_today(norm: str, clause: Clause, parts: tuple[Clause, ...],
                   markers: list[Marker]) -> Marker | None:
    """A harm told before (这几天一直打我, 上周打了我一次, 第三次了) and dealt again in a clause
    of today or this moment (今天又打了, 今晚回来又开始砸东西): the repeat is the danger now,
    which the alarm, reading a story or a habit, must not overrule; else None."""
    for part in (c for c in parts if c.end > clause.start):
        own = [m for m in markers if part.start <= m.start < part.end]
        if any(m.kind in _NOT_GOING_ON for m in own if m.kind != "past"):
            continue
        moment = next((m for m in own if m.kind in _MOMENT), None)
        if moment is not None and _AGAIN_HARM.search(norm, part.start, part.end):
            return Marker(GOING_ON, moment.start, moment.end, moment.words)
    return None


# Cues of someone held, and how long they have been held told as lasting till now (被关在
# 家里好几天了, 扣在厂里一个多星期了): a state still holding them, not a story.
_HOLDING = frozenset({"detention", "held"})
_NUM = r"[0-9一二三四五六七八九十两几半多]+"
_HELD_SO_LONG = re.compile(r"((好|这)几|" + _NUM + r")(个)?(多)?(天|星期|周|礼拜|月)(多)?了")


def held_still(norm: str, end: int) -> Marker | None:
    """How long someone held after `end` has been held, told as lasting till now; else None."""
    found = _HELD_SO_LONG.search(norm, end)
    if found is None:
        return None
    return Marker(GOING_ON, found.start(), found.end(), found.group(0))


def plea_now(norm: str, cue: Cue, span: tuple[int, int], clause: Clause,
             markers: list[Marker]) -> Marker | None:
    """The plea (怎么办, 往哪跑) right after a cue told as happening, asked this moment: no
    past or habit anywhere in the message, no word of a question in general; else None."""
    start, end = span
    plea = _PLEA.match(norm, end)
    if plea is None or _HOW_TO.match(norm, plea.end()) or _GENERIC.search(norm, 0, plea.end()):
        return None
    if any(m.kind in _NOT_PLEA for m in markers):
        return None
    told_so = (_HAPPENING.search(norm, clause.start, plea.start(3))
               or norm[start:end].endswith(("我", "俺"))
               or (cue.kinds[0] == "medical" and _BEFALLS.search(norm, clause.start, end)))
    if not told_so:
        return None
    return Marker(PLEA, plea.start(3), plea.end(3), plea.group(3))


def marker_going_on(marker: Marker | None) -> bool:
    """The marker is a "now" no alarm overrules: a habit or a past harm carried on into this
    moment (`continued_now`, `again_today`) or a plea for help with a danger told as
    happening (`plea_now`)."""
    return marker is not None and marker.kind in (GOING_ON, PLEA)


# The writer's feeling cried out before the matter (急死了，… ; 吓死我了，…): a clause the alarm
# learned from everyday complaints (急死了，快递还没到), which says nothing of what follows.
_EXCLAIMED = re.compile(r"(急|吓|愁|慌|怕)死(我|人|俺)?(了|啦)?|要命(了|啦)?|完了(完了)?"
                        r"|天(哪|啊|呐)|我的天|妈呀|怎么办(啊|呀)?")


def exclaimed_before(norm: str, parts: tuple[Clause, ...], cue_at: int) -> int:
    """Where the message starts telling its matter after an opening cry of feeling (急死了，
    |孩子在商场走丢了), if that part holds the cue at `cue_at`: the second clause's start, or 0."""
    if len(parts) < 2 or not _EXCLAIMED.fullmatch(norm, parts[0].start, parts[0].end):
        return 0
    return parts[1].start if parts[1].start <= cue_at else 0

