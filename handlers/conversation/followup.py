"""A short follow-up question ("在哪办", "要多久", "周六能办吗") right after a knowledge-base
answer is read as a question about that answer's topic. The topic is read back from the
reply the resident was just given (the inbound table keeps it), so no state of its own is
stored, and a follow-up after FOLLOW_WINDOW is a new question."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta

from handlers import texts
from handlers.conversation.closing import Previous
from handlers.core.context import Context
from handlers.core.settings import TicketSettings
from handlers.core.types import Reply
from handlers.intents import branchinfo, consult
from handlers.intents.faq import Faq, FaqEntry

FOLLOW_WINDOW = timedelta(minutes=10)
# Longer messages say what they are about; a follow-up leans on the answer before it.
MAX_CHARS = 10
# How a follow-up asks: a question word, or a question particle at its end.
_ASKS = ("哪", "多久", "多长时间", "几天", "多少", "几点", "什么时候", "啥时候", "怎么", "什么",
         "啥", "能不能", "可不可以", "要不要", "需不需要", "是不是", "行不行", "电话")
_ENDS = ("吗", "么", "呢", "不")
# All a follow-up may hold: how one asks, and the words of going somewhere to get something
# done (where, when, how long, who, what it costs). Anything else ("楼上很吵怎么办", "着火了
# 在哪跑", "护照呢") gives the message a matter of its own, read as it stands, as before.
FOLLOW_WORDS = (
    "在哪里", "在哪儿", "在哪", "去哪里", "去哪儿", "去哪", "哪里", "哪儿", "哪个", "哪", "多久",
    "多长时间", "多少钱", "多少", "几天", "几点", "什么时候", "啥时候", "怎么", "咋", "什么",
    "啥", "能不能", "可不可以", "要不要", "需不需要", "是不是", "行不行", "可以", "能", "需要",
    "要", "得", "用", "吗", "么", "呢", "吧", "啊", "呀", "不", "了", "的", "还", "也", "那",
    "就", "是", "有", "在", "去", "到", "请问", "我", "俺", "办理", "办", "开", "拿", "领",
    "取", "交", "带", "材料", "本人", "亲自", "自己", "代办", "代领", "代", "别人", "家属",
    "收费", "收钱", "要钱", "免费", "花钱", "钱", "费", "准备", "证件", "时间", "电话", "号码",
    "地址", "地方", "上班", "下班", "开门", "今天", "明天", "后天", "周末", "网上", "线上",
    "手机", "预约", "当天", "加急", "可")
_DAYS = r"(?:周|星期|礼拜)[一二三四五六日天末]"
_FOLLOW = re.compile("|".join([_DAYS, *map(re.escape, sorted(FOLLOW_WORDS, key=len,
                                                                  reverse=True))]))
# Topics handled at the police stations' windows: only their follow-ups get the stations'
# address, phone, hours and open days (a passport is issued at the 出入境 hall, a driving
# licence by the vehicle office: a station's phone would send the resident astray).
STATION_TOPICS = ("户籍", "身份证", "居住证", "证明", "办公时间", "地址")
# The things a knowledge-base question is about: the clause naming one is its subject, and
# another entry answers a follow-up only if it names the same thing ("要多久" after 亲属关系
# 证明 must not get the 无犯罪记录证明's days).
SUBJECTS = ("身份证", "户口", "居住证", "居住证明", "居住登记", "护照", "港澳通行证", "通行证",
            "签注", "无犯罪记录证明", "亲属关系证明", "户籍证明", "驾驶证", "狗")
# Where a question's subject ends: "无犯罪记录证明|在哪开", "居住证|怎么办理".
_SUBJECT_END = re.compile(r"怎么|如何|需要|要|在哪|去哪|多久|多少|什么|可以|能|吗|有")
_PUNCT = re.compile(r"[\s\W_]+")
# What a follow-up may ask that the answer just given may already say: how the follow-up
# asks it, and the words of a sentence of the answer that says it. When no other entry
# answers, those sentences are the answer ("要带什么" after 户口本丢了: 携带本人居民身份证…);
# an answer silent on it still goes to an officer.
OWN_ASPECTS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("带什么", "带啥", "带哪些", "材料", "证件", "要什么", "要啥", "准备什么", "准备啥"),
     ("携带", "带", "材料")),
    (("多少钱", "收费", "收钱", "要钱", "花钱", "免费", "费"), ("元", "收费", "免费", "工本费")),
    (("多久", "多长时间", "几天", "几个工作日", "当天"), ("日内", "工作日", "当场", "当天")),
)
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")


def asks_on(text: str) -> bool:
    """A short question with no topic of its own: what it asks needs the answer before."""
    if len(text) > 4 * MAX_CHARS:     # most messages: not normalised for nothing
        return False
    plain = _PUNCT.sub("", unicodedata.normalize("NFKC", text))
    if not plain or len(plain) > MAX_CHARS or _FOLLOW.sub("", plain):
        return False
    return plain.endswith(_ENDS) or any(word in plain for word in _ASKS) \
        or text.rstrip().endswith(("?", "？"))


def topic_of(faq: Faq, previous: Previous | None, now: datetime) -> FaqEntry | None:
    """The knowledge-base entry the previous reply answered (or followed up on), when it
    came within FOLLOW_WINDOW."""
    if previous is None or not previous.reply or now - previous.received_at > FOLLOW_WINDOW:
        return None
    reply = previous.reply
    for entry in faq.entries:
        if texts.text("followup_topic", topic=entry.question) in reply:
            return entry     # a follow-up's answer: the topic it followed
    for entry in faq.entries:
        if entry.answer in reply:
            return entry
    return None


def subject(entry: FaqEntry) -> str:
    """What the entry's question is about: "居住证怎么办理，需要带什么？" → "居住证"."""
    clauses = [c for c in re.split(r"[，,？?。]", entry.question) if c]
    named = [c for c in clauses if any(word in c for word in SUBJECTS)]
    clause = (named or clauses or [entry.question])[0]
    cut = _SUBJECT_END.search(clause)
    return clause[:cut.start()] if cut and cut.start() > 0 else clause


def answer(ctx: Context, entry: FaqEntry, text: str) -> str | None:
    """The follow-up answered on the entry's topic: for station business the branch's own
    facts, and another knowledge-base entry found for the topic with the new words."""
    services = ctx.services
    units = day = None
    if entry.topic in STATION_TOPICS:
        units = _stations(services.settings, text)
        day = branchinfo.day_answer(services.settings, services.calendar, text, ctx.now)
    # As for a question of its own: generic hours and addresses give way to the configured.
    replaced = (branchinfo.REPLACED_BY_UNITS if units else ()) \
        + (branchinfo.REPLACED_BY_DAY if day else ())
    parts = []
    # The question's own subject first ("第一次办身份证"), then its topic ("身份证"): the
    # subject can pull back the very entry just answered, which tells nothing new.
    for about in dict.fromkeys((subject(entry), entry.topic)):
        match = services.faq.match(f"{about}{text}")
        if match is not None and match.confident and _answers(services.faq, entry, text,
                                                              match.entry):
            if not match.entry.id.startswith(replaced):
                parts.append(branchinfo.entry_answer(services.settings, match.entry))
            break
    if not parts:
        parts.append(own_sentences(entry, text))
    parts += [part for part in (units, day) if part]
    return "\n".join(part for part in parts if part) or None


def own_sentences(entry: FaqEntry, text: str) -> str:
    """The sentences of the entry's own answer that say what the follow-up asks ("" when
    the follow-up asks nothing of OWN_ASPECTS or the answer is silent on it)."""
    said: list[str] = []
    for asks, says in OWN_ASPECTS:
        if any(word in text for word in asks):
            said += [sentence for sentence in _SENTENCE.findall(entry.answer)
                     if any(word in sentence for word in says) and sentence not in said]
    return "".join(said)


def _answers(faq: Faq, entry: FaqEntry, text: str, found: FaqEntry) -> bool:
    """Whether `found` answers a follow-up on `entry`: not the entry itself (nothing new), of
    its topic, about the same thing, and sharing a word with what the follow-up asks
    ("代办" with the entry on proxies), not only with the topic the question brought in."""
    if found.id == entry.id or found.topic != entry.topic or not faq.evidence(text, found):
        return False
    named = [word for word in SUBJECTS if word in entry.question]
    thing = max(named, key=len) if named else None
    return thing is None or thing in "".join((found.question, *found.variants, found.answer))


def _stations(settings: TicketSettings, text: str) -> str | None:
    """The stations' cards when the follow-up asks where, when or which phone: the named
    ones, else every 派出所 (station business is done at the resident's own)."""
    if not any(cue in text for cue in (*branchinfo.ADDRESS_CUES, *branchinfo.HOURS_CUES,
                                       *branchinfo.PHONE_CUES)):
        return None
    stations = branchinfo.named_units(settings, text) or [
        unit for unit in settings.units if unit.name.endswith("派出所")]
    if not stations:
        return None
    return "\n".join([texts.text("followup_units"),
                      *(branchinfo.unit_card(settings, unit) for unit in stations)])


async def handle(ctx: Context, entry: FaqEntry, text: str, reasons: tuple[str, ...]) -> Reply:
    """Answer the follow-up on its topic, or hand it to an officer with the topic in front."""
    lead = texts.text("followup_topic", topic=entry.question)
    found = answer(ctx, entry, text)
    if found:
        return Reply(texts.text("consult_answer", answer=f"{lead}\n{found}"))
    return await consult.to_officer(ctx, f"{lead}{text}", (*reasons, f"followup:{entry.id}"))
