"""The alarm's second opinion on the emergency gate's verdict (`classifier` asks it).

The gate's cues are exact about words and blind to context; the alarm has read every
labelled emergency and hard negative. Thresholds: `alarm` (5-fold CV on the development
parts).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from handlers.classifier import alarm as intents_alarm
from handlers.classifier.cues.aftermath import HARM, OUTCOME, REACHED, RETURNED, sighting
from handlers.classifier.cues.foreign import PINYIN_OVER, homophones_alone
from handlers.classifier.cues.markers import HABIT, HABIT_FOREIGN, JUST_DONE, MARKERS, NUISANCE
from handlers.classifier.cues.settled import SEEN_THROUGH, SPARED, answered, remembered
from handlers.classifier.cues.situations.witnessed import SEEN_NOW
from handlers.classifier.decide import scene
from handlers.classifier.decide.corroborated import corroborated
from handlers.classifier.decide.perceived import perceived_now
from handlers.classifier.frames import NOW, superseded
from handlers.classifier.gate import (
    EMERGENCY,
    MENTION,
    NOTHING,
    PAST_EVENT,
    THREATS,
    Assessment,
    Finding,
    Marker,
)
from handlers.classifier.lexicon import (
    ANIMALS,
    KIND_HINTS,
    PERSON,
    SCAM,
    VULNERABLE,
)
from handlers.classifier.reading import appeal, safe_now, told_apart
from handlers.classifier.text import cjk_count
from handlers.core.labels import JUST_HAPPENED
from handlers.core.text.clauses import clauses

# The kinds an emergency of some findings in a message is told (`EmergencyGate.told_kinds`).
ToldKinds = Callable[[Sequence[Finding], str], tuple[str, ...]]
# The alarm weighs only messages with this many Chinese characters, a third of the text at
# least: a bare cry (想死, 救命) is taken at its word.
ALARM_MIN_CJK = 8
# English or pinyin: this many words at least (the alarm has read the emergency set's).
ALARM_MIN_WORDS = 5
_LATIN_WORD = re.compile(r"[a-z]+")
_OUTCOME = OUTCOME
_AFTERMATH = re.compile(MARKERS["aftermath"])
# Words that make an outcome someone's claim or demand, or a step still to come (还差一笔
# 没转; he said he's fine), not the writer's news that the danger is over.
_CLAIMED = re.compile(r"说|要|让|得|叫|会|还|\bsaid\b|\bsays\b|\bclaim(s|ed)?\b")
# An offender who fled (肇事者跑了) ends nothing for the one hurt (腿在流血).
_FLED = re.compile(r"跑了")
# An animal in trouble (我家猫从六楼掉下去了, 牛跑了) with no person but the writer named, and
# no word of the writer's own danger: a vet's or a neighbour's matter, not the police's.
_ANIMAL = re.compile(ANIMALS)
_SOMEONE = re.compile(PERSON.replace("|我|俺|", "|") + "|" + VULNERABLE
                      + r"|阿姨|邻居|骑手|乘客|顾客|老师|保安|大家|任何人")
# Trapped is a danger of a person's only (鸽子被困 is an animal's trouble).
_OWN_DANGER = re.compile(KIND_HINTS["self_harm"] + r"|托付|最后|以后|再见|不想|救命|迷路"
                         r"|(?:" + PERSON + r")[^,;:。!?\n]{0,4}(被困|困在)"
                         # an animal that is the danger (a bull goring, sheep on a highway),
                         # not one hurt by it (狗被车撞了)
                         r"|(?<!被)(?<!被.)(?<!被..)(顶|咬|追|扑|冲|撞)|乱跑|乱窜|高速|公路|车道"
                         r"|铁轨")


def judged(norm: str, cjk: int) -> bool:
    """The alarm has read enough of this kind of text to weigh the message."""
    if cjk >= ALARM_MIN_CJK and cjk >= 0.3 * len(norm.replace(" ", "")):
        return True
    return cjk == 0 and len(_LATIN_WORD.findall(norm)) >= ALARM_MIN_WORDS


def weighed(norm: str, cjk: int, assessment: Assessment,
            probability: Callable[[str], float]) -> float | None:
    """The alarm's probability for a message the gate raised or put in the past, or None when
    the alarm is not to weigh it. An emergency told now after a habit, an "if" or hearsay
    (天天吵架，现在他拿着刀) is weighed by its part from then on, which the words before do
    not reach; a part too short to weigh is taken at its word, as a bare cry is."""
    if assessment.verdict not in (EMERGENCY, PAST_EVENT) or not judged(norm, cjk):
        return None
    p_alarm = probability(norm)
    if assessment.verdict == EMERGENCY and assessment.told_from > 0:
        part = norm[assessment.told_from:]
        if not judged(part, cjk_count(part)):
            return None
        p_alarm = max(p_alarm, probability(part))
    return p_alarm


def second_opinion(assessment: Assessment, p_alarm: float, letter: bool,
                   told_kinds: ToldKinds, norm: str = "") -> tuple[Assessment, tuple[str, ...]]:
    """The gate's verdict weighed by the alarm: a cue read as an emergency is overruled when
    the message reads very unlike one (how unlike depends on how plainly its clause says
    "now"); a cue told in the past is an emergency after all when the alarm is sure, told the
    kinds `told_kinds` (the gate's) gives its findings, as the gate's own emergencies are."""
    if assessment.verdict == PAST_EVENT:
        # …unless what it left in memory is told (现在说起来还难过): a harm lived through.
        if (p_alarm >= intents_alarm.SURE and not letter and not _told_over(assessment)
                and not safe_now.ends_safe(assessment.norm, well=True)
                and not remembered(assessment.norm)):
            kinds = told_kinds(assessment.findings, assessment.norm)
            return Assessment(EMERGENCY, kinds, assessment.findings), ()
        return assessment, ()
    if letter or any(finding.going_on or finding.cue.name in SEEN_NOW
                     for finding in assessment.findings) or perceived_now(
            norm) or RETURNED.search(norm) or corroborated(assessment.findings, norm):
        # A letter: the gate asked for "now" in the cue's own clause. A habit carried on into
        # this moment (老跟踪我，现在就在楼下): the alarm learned habits as no emergency. A
        # cry heard this moment (刚才听见有人喊救命): the alarm learned sightings and hearsay as
        # none, yet this one is happening. A threat back again (闹事的又回来了，带着砍刀): the
        # alarm learned 回来了 as an outcome. A state seen now with its second sign (`SEEN_NOW`),
        # or two different cues that agree (`corroborated`).
        return assessment, ()
    if any(finding.cue.name in THREATS for finding in assessment.findings):
        veto = intents_alarm.VETO_THREAT
    elif assessment.overrulable:
        veto = intents_alarm.VETO
    elif any(finding.frame == NOW for finding in assessment.findings):
        veto = intents_alarm.VETO_NOW
    else:
        veto = intents_alarm.VETO_PLAIN
    if p_alarm >= veto:
        return assessment, ()
    overruled = (*assessment.reasons(), f"alarm:overruled p={p_alarm:.2f}")
    if any(finding.frame == NOW and _JUST_DONE.fullmatch(finding.marker)
           for finding in assessment.findings):
        # Told "just now" and read by the alarm as over (刚才有人抢了我的包): a report of what
        # happened minutes ago, as one told in the past is, never a "which did you mean?".
        return (Assessment(PAST_EVENT, (), assessment.findings, assessment.norm),
                (*overruled, JUST_HAPPENED))
    return Assessment(MENTION, (), assessment.findings), overruled


_JUST_DONE = re.compile(JUST_DONE)


# An everyday service asked about or done (a floor, a counter, opening hours, a pharmacy,
# raising a limit, a booking): the writer is sorting out a matter, not calling for help.
_SERVICE = re.compile(r"(?<![十一二三四五六七八九])几楼|哪个窗口|窗口在|开门(吗|不|没|了吗)"
                      r"|几点(开|关|上班|下班)|营业时间|收不收|能不能办|怎么(清|提高|补办|办理|开通"
                      r"|注销)|要去柜台|(哪个|哪家|附近)(的)?(药店|诊所|卫生院)"
                      # paperwork: a booking, or the message ending on going to do it ("那我现在
                      # 就去办吧"; not 怎么办, a cry, nor 办理 of a transfer at a bank counter)
                      r"|预约|(?<![怎咋出])(去|来|过来|过去)办(吧|了|啊)?(?=[。.！!～~\s]*$)"
                      # the writer at the station's door or counter, or arrived and waiting
                      # (not "他已经到了，在门口等着": someone else waiting is another matter)
                      r"|(在|到)了?[^,;:。!?\s]{0,6}(派出所|分局|户籍室|服务中心"
                      r"|(你们|办事|户籍|服务)的?(大厅|窗口))"
                      r"|^(我|俺)(已经)?到了[,，\s]*(在)?(门口|楼下|外面)?等")

# A thing of one's own lost or gone (AirPods 不见了, 晒的被子不见了, 手机唔见咗) with no person
# named, no scam word and no word of the writer's danger: a lost-property matter.
_LOST_THING = re.compile(r"(手机|耳机|airpods|钱包|钥匙|被子|衣服|包|身份证|证件|银行卡|电动车"
                         r"|自行车|车|快递|行李|箱)[^,;:。!?\n]{0,6}(不见了|丢了|唔见咗|找不到"
                         r"|找不着|没了|掉了)")
_SCAM = re.compile(SCAM)
# Danger words a device, a game, a ticket rush or a market wears (手机死机了, 抢春运的火车票,
# nothing harmful is left once they are taken out, the alarm's own raise read only them.
_LOOK_ALIKES = re.compile(r"死机|卡死|血虐|虐菜|秒杀|抢购|抢红包|抢车位|抢座|抢[^,;。!?\n]{0,6}票"
                          r"|(笑|热|冷|困|累|饿|烦)死"
                          # a market, a price or a score falling (股价还在往下掉, 基金跌穿了)
                          r"|(股价|股票|股市|基金|大盘|指数|房价|币价|金价|油价|汇率|成绩|分数|排名"
                          r"|电量|stocks?|shares?|market)[^,;:。!?\n]{0,8}(跌|掉|降|崩|亏|绿|落"
                          r"|falling|dropping|crash(ing)?|down)[^,;:。!?\n]*")
# A shop's ordinary after-sale talk (正在跟客服聊退货) while no money, code or screen is asked for.
_SHOPPING = re.compile(r"退货|换货|尺码|发货")
_PAYING = re.compile(r"转|汇|贷|付|扣|屏幕|共享|验证码|密码|账户|帐户|下载|链接|app|卡号|冻结|理赔")


# Wording that keeps an alarm's own raise out of "now": a harm told as a habit (天天, every
# evening, keeps leaving, tian tian), or a thing or money taken or damaged and told done (车门
# 都划了, took my money, che bei ren hua le): left to the intent model (a complaint, mostly)
# unless a word says it happens now or someone is at risk.
_HABIT = re.compile(HABIT["repeated"] + "|" + HABIT_FOREIGN)
_THING = (r"车|车门|电瓶|快递|电线|钱包|手机|包裹|东西|外卖|玻璃|锁|门|钱|押金|年卡"
          r"|car|bike|scooter|package|phone|wallet|money|deposit|\bche\b|qian")
_DONE = (r"(?<!刀)(划|刮|剐|偷|拿|顺|冒领|撬|卷)(了|走)|scratched|stole|took my|"
         r"\b(hua|tou|na zou) le\b")
_CLAUSE_GAP = r"[^,;:。!?\n]{0,12}"
_TAKEN = re.compile(f"({_THING}){_CLAUSE_GAP}({_DONE})|({_DONE}){_CLAUSE_GAP}({_THING})")
# Money paid and its taker gone (收完押金就不见了, 收了年卡就关门了): a fraud to report, over.
_MONEY = re.compile(r"钱|押金|年卡|会费|deposit|money|qian|yuan")
_GONE = re.compile(r"联系不上|不见了|关门了|跑路|拉黑|blocked|lian xi bu shang|bu jian le")
# A nuisance harming nobody in words that may be a danger when told as now (烟味, 垃圾).
_NUISANCE = re.compile(NUISANCE["unless_now"])
_AT_RISK = re.compile(VULNERABLE)
_NOW_WORDS = re.compile(MARKERS["now"] + "|" + MARKERS["progressive"]
                        + r"|\bnow\b|right now|\b(is|are|am) [a-z]+ing\b|xian ?zai|zheng ?zai")


def reported(norm: str) -> bool:
    """The message reports a harm already done or a habit, not one happening now: a
    complaint the alarm's own raise must not page anyone for. Money paid to a taker now gone
    is over whatever "now" it says (现在联系不上了 is the state it left)."""
    if _OWN_DANGER.search(norm) or _AT_RISK.search(norm):
        return False
    if _MONEY.search(norm) and _GONE.search(norm):
        return True
    # A pattern over days not superseded by a moment (一直在楼下转悠，好几天了), unless
    # someone is held or gone all that time: whatever "now" its wording says (一直在).
    if not scene.HELD.search(norm) and any(not superseded(norm, span.start(), clauses(norm))
                                           for span in scene.SPAN.finditer(norm)):
        return True
    if _NOW_WORDS.search(norm):
        return False
    if _TAKEN.search(norm) or any(not superseded(norm, habit.start(), clauses(norm))
                                  for habit in _HABIT.finditer(norm)):
        return True
    return bool(_NUISANCE.search(norm)) and not HARM.search(norm)


def own_raise(norm: str, not_now: Marker | None, p_alarm: float) -> str:
    """What the alarm's own raise (no cue named it, p_alarm at or above its bar) makes of a
    message: EMERGENCY, PAST_EVENT (told in the past or as a habit: a P2 complaint) or
    NOTHING (left to the intent model)."""
    if (_ANIMAL.search(norm) and not _SOMEONE.search(appeal.unaddressed(norm))  # 有人瞅见没
            and not _OWN_DANGER.search(norm)):
        return NOTHING
    if homophones_alone(norm):      # kuai di yun dao le: a parcel, not a faint
        return NOTHING
    if _SERVICE.search(norm) or (_SHOPPING.search(norm) and not _PAYING.search(norm)):
        return NOTHING
    if scene.blocked_in_or_worried(norm) and not _OWN_DANGER.search(norm):
        return NOTHING
    if (_LOST_THING.search(norm) and not _SOMEONE.search(norm) and not _SCAM.search(norm)
            and not _OWN_DANGER.search(norm)):
        return NOTHING
    if _LOOK_ALIKES.search(norm) and not HARM.search(_LOOK_ALIKES.sub(" ", norm)):
        return NOTHING
    # A passer-by's sighting that responders, staff or family already handle (救护车刚到，他家里人
    # 也来了; 物业已经把门打开了) is not the writer's emergency, however sure the alarm is of it.
    if sighting(norm) is not None:
        return NOTHING
    # Asked, the one seen said nothing is wrong (我问了他，他说就是晒太阳).
    if (said := answered(norm)) is not None and not HARM.search(norm, said.end()):
        return NOTHING
    # Lines quoted from a play, a composition or a pretend game (台词是"快来人啊"), with no
    # danger word of the writer's own outside them.
    if told_apart.quoted_story(norm) is not None and not HARM.search(
            told_apart.outside_stories(norm)):
        return NOTHING
    if safe_now.ends_safe(norm):     # …现在已经回家了，没受伤: the danger's outcome, told last
        return NOTHING
    if not_now is None:
        return NOTHING if reported(norm) else EMERGENCY
    if raise_believed(norm, not_now, p_alarm) and not reported(norm):
        return EMERGENCY
    return PAST_EVENT if not_now.kind in ("past", "habitual") else NOTHING


def raise_believed(norm: str, not_now: Marker, p_alarm: float) -> bool:
    """The alarm's own emergency in a message that `not_now` moves out of "now" stands when the
    alarm is sure, unless the writer tells the danger's outcome (刚打通电话…现在往家走呢, he's
    at their house): a worry already answered is no emergency, however alarming its words."""
    if p_alarm < intents_alarm.SURE:
        return False
    # The message must end on its outcome: danger words after it (一个回来了一个没回来, 他醒了
    # 又晕过去) say the danger goes on.
    return not (not_now.kind == "past" and outcome_told(not_now.words)
                and not claimed(norm, not_now.start) and not HARM.search(norm, not_now.end))


def _told_over(assessment: Assessment) -> bool:
    """Every finding is past because its outcome is told (找到了, 打通了, 已经送到医院):
    however sure the alarm is of the danger words, the message says the danger is over."""
    return all(outcome_told(finding.marker) or _outcome_of_own(assessment.norm, finding)
               for finding in assessment.findings)


def _outcome_of_own(norm: str, finding: Finding) -> bool:
    """The finding's marker is an outcome (已经送到医院, 没事了) the writer tells, not one
    someone demands or promises in its clause (说打伤了人要赔钱, 说查清了就退: a scam's
    script names outcomes while the danger goes on) or still awaits (还差一笔没转); nor an
    offender's flight."""
    if (finding.marker_at < 0 or not _AFTERMATH.fullmatch(finding.marker)
            or _FLED.search(finding.marker)):
        return False
    return not claimed(norm, finding.marker_at)


def claimed(norm: str, at: int) -> bool:
    """The words at `at` are someone's claim, a demand or a step still to come: their clause
    before them says so (说, 要, 还…)."""
    start = max(norm.rfind(mark, 0, at) for mark in ",;:。!?\n")
    return _CLAIMED.search(norm, start + 1, at) is not None


def outcome_told(words: str) -> bool:
    """The words tell the danger's outcome (找到了, 打通了, he's fine), not only its time."""
    return bool(_OUTCOME.fullmatch(words) or REACHED.fullmatch(words)
                or PINYIN_OVER.fullmatch(words) or SPARED.fullmatch(words)
                or SEEN_THROUGH.fullmatch(words))
