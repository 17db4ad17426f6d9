"""A question with more than one part ("身份证补办要多少钱，多久能拿到"): its parts, each as the
resident would have asked it alone, so the knowledge base answers each from its own entry.

A part is a clause that asks something (a question word, a question particle at its end, or a
question mark after it). Clauses that ask nothing ("身份证丢了") tell the matter and lead into
the part after them. A part that names no service ("多久能拿到") asks about the one the
message spoke of last, and is read with that service's name before it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from handlers.core.text.clauses import clauses
from handlers.core.text.spelling import simplified
from handlers.intents.faq.index import FaqEntry
from handlers.intents.faq.words import normalize, objects

# Places: a part naming one asks about it, not about the service before it.
PLACES = ("派出所", "分局", "窗口", "大厅")
# The services and documents residents ask about, each a subject a part may lack; longer
# spellings first, so that 临时身份证 is not read as 身份证.
SUBJECTS: tuple[str, ...] = (
    "无犯罪记录证明", "无犯罪证明", "亲属关系证明", "户籍证明", "居住证明", "出生医学证明",
    "出生证明", "出生证", "临时身份证", "电子身份证", "身份证", "户口本", "户口", "居住证",
    "居住登记", "暂住登记", "港澳通行证", "台湾通行证", "通行证",
    "护照", "签注", "驾驶证", "驾照", "狗证", "养狗", "反诈中心", "96110",
    *PLACES,
)
_SUBJECT = re.compile("|".join(map(re.escape, SUBJECTS)))
# A document to bring is asked about as a material, not as the service ("亲属关系证明在哪开，
# 要带户口本吗" asks what the certificate needs, not how to replace a 户口本).
_BROUGHT = re.compile(r"(?:带|拿|准备|提供|出示)(?:上|着|好)?(?:" + _SUBJECT.pattern + ")"
                      # whose 户口 it is tells who asks, not what about ("外地户口能办护照吗")
                      r"|(?:外地|本地|外省|农村|城镇|集体)户口")

# Words that ask: what a clause needs to be a question of its own.
_ASKS = re.compile(
    r"多少|多久|多长|几天|几个|几岁|几点|几号|怎么|怎样|如何|什么|哪|咋|啥|是否|能否|可否"
    r"|要不要|能不能|可不可以|有没有|行不行|是不是|用不用|需不需要|得不得|干嘛|为啥")
# A question particle ending a clause: 吗, 么, or an A-not-A tail (能代办不, 收费不).
_ENDS_ASKING = re.compile(r"(?:吗|么|嘛|不|没)[啊呀呢吧哈]?$")
# Questions that ask nothing of their own: they close the part before them ("身份证丢了，
# 怎么办"), they are not a further part.
_GENERIC = re.compile(r"^(?:那|那么|请问|问下|问一下)?(?:该|应该|要)?"
                      r"(?:怎么办|怎么弄|怎么整|咋办|咋整|咋弄|可以吗|行吗|能行吗|对吗|是吗|是不是|好吗|怎么回事|咋回事)[啊呀呢吧哈]?$")
_QUESTION_MARKS = frozenset("?？")
# "亲属关系证明呢" after a question: the same question about another service.
_FOLLOW = re.compile(r"^(?:那|那么|还有|另外)?(.{2,12}?)呢$")
# Two services joined and then taken each ("身份证和户口本都丢了"): the question is asked of
# each. Without 都/分别/各 they may be compared ("出生证明和户口本上的名字不一样"), one question.
_JOINED = re.compile(f"({_SUBJECT.pattern})(?:和|跟|与|及|以及|还有|、)({_SUBJECT.pattern})"
                     r"(?=.*(?:都|分别|各))")
_BRING_BEFORE = re.compile(r"(?:带|拿|准备|提供|出示)(?:上|着|好)?$")


# What a part asks about a service, read after `normalize` (多长时间 → 多久, 收费 → 多少钱, 啥
# → 什么). An entry asks what its phrasings ask; a part that asks one of these is answered
# by an entry that asks it too, or by an officer.
ASPECTS: dict[str, re.Pattern[str]] = {
    "fee": re.compile(r"多少钱|交钱|花钱|要钱|免费|费(?:是|要)?多少|什么费"),
    # How long it takes; "要住多久" is how long one must have lived somewhere (a condition).
    "time": re.compile(r"(?<![住满])多久|几天|工作日|多少天|加急|多快|什么时候能"),
    "materials": re.compile(r"带什么|材料|要什么(?!条件)|准备什么|东西|带.{0,8}(?:吗|么|不)"),
    "proxy": re.compile(r"代办|代领|代开|代取|代为|别人|家属|家人|家里人|委托|本人"),
    "online": re.compile(r"网上|线上|手机上|小程序|app|邮寄|寄到"),
    "booking": re.compile(r"预约"),
    "age": re.compile(r"几岁|多大|年龄|未满十六周岁"),
    "conditions": re.compile(r"条件|要求"),
    "photo": re.compile(r"照片|拍照|相片"),
    "use": re.compile(r"什么用|用处|作用"),
}
# A part asking only how or where is answered by the service's own entry.


def aspects(text: str) -> frozenset[str]:
    """The aspects a text asks, read after `normalize`."""
    said = normalize(text)
    return frozenset(name for name, cue in ASPECTS.items() if cue.search(said))


# Characters a part may keep, less what it asks, and still say nothing of its matter.
ELLIPTIC = 3


@dataclass(frozen=True)
class Part:
    """One question of a message: what the resident wrote, and how it is asked alone."""

    said: str
    query: str
    # Whether the part named its service itself (else it took the message's).
    own: bool = True
    # For a part without its own service: read with all the part before it is about.
    matter: str = ""


def _matter(query: str) -> str:
    """What a part is about, less what it asks ("老人去世了户口咋注销啊" → "老人去世了户口注销"):
    the service a following part without its own takes."""
    said = _ASKS.sub("", normalize(query))
    for cue in ASPECTS.values():
        said = cue.sub("", said)
    return _ENDS_ASKING.sub("", said)


def _asks(clause: str, marked: bool) -> bool:
    return not _GENERIC.match(clause) and (
        marked or _ASKS.search(clause) is not None or _ENDS_ASKING.search(clause) is not None)


def parts(message: str) -> list[Part]:
    """The question parts of a message in the order asked; one part (the whole message) when
    it asks one thing."""
    text = simplified(unicodedata.normalize("NFKC", message))
    pieces: list[tuple[str, bool]] = []
    for clause in clauses(text):
        said = text[clause.start:clause.end].strip()
        if said:
            pieces.append((said, text[clause.end:clause.end + 1] in _QUESTION_MARKS))
    found: list[Part] = []
    lead: list[str] = []        # clauses telling the matter, read with the next part
    subject = ""
    for said, marked in pieces:
        follow = _FOLLOW.match(said)
        other = _SUBJECT.findall(normalize(follow.group(1))) if follow and found else []
        if other and not _ASKS.search(said):
            before = found[-1].query
            query = before.replace(subject, other[-1]) if subject in before \
                else f"{other[-1]}{before}"
            found.append(Part(said=said, query=query))
            subject = other[-1]
            continue
        if not _asks(said, marked):
            lead.append(said)
            continue
        whole = "，".join((*lead, said))
        lead = []
        joined = _JOINED.search(whole)
        if joined and not _BRING_BEFORE.search(whole[:joined.start()]):
            found += [Part(said=whole, query=whole.replace(joined.group(0), one))
                      for one in joined.groups()]
            subject = joined.group(2)
            continue
        named = _SUBJECT.findall(_BROUGHT.sub("", normalize(whole)))
        matter = "" if named or not found else f"{_matter(found[-1].query)}{whole}"
        # With no service named before, a part too short to say what it is about ("在哪登记")
        # is read with the matter before it; a longer one says its own ("被骗了钱能追回来吗").
        query = whole if named or not found else f"{subject}{whole}" if subject \
            else matter if len(_matter(whole)) <= ELLIPTIC else whole
        subject = named[-1] if named else subject
        found.append(Part(said=whole, query=query, own=bool(named), matter=matter))
    if lead and found:     # a closing remark belongs to the last part
        last = found[-1]
        found[-1] = Part(said="，".join((last.said, *lead)),
                         query="，".join((last.query, *lead)), own=last.own)
    if len(found) < 2:
        return [Part(said=message, query=message)]
    return found


@functools.lru_cache(maxsize=4)
def _entry_aspects(faq) -> dict[str, frozenset[str]]:
    """What each entry's phrasings ask (one knowledge base per process)."""
    return {entry.id: frozenset().union(*(aspects(s) for s in (entry.question, *entry.variants)))
            for entry in faq.entries}


@functools.lru_cache(maxsize=4)
def _entry_subjects(faq) -> dict[str, str]:
    """Each entry's words (phrasings and answer), to tell which services it speaks of."""
    return {entry.id: normalize(" ".join((entry.question, *entry.variants, entry.answer)))
            for entry in faq.entries}


def _about(faq, query: str, entry: FaqEntry, message: str) -> bool:
    """Whether `entry` speaks of every service and thing the query names; a query naming no
    thing (OBJECTS) and no service but a place is read with the things the whole message
    names ("电动车丢了，保险怎么理赔，需要派出所开证明吗" asks about a theft's papers, not any
    certificate)."""
    words = _entry_subjects(faq)[entry.id]
    subjects = _SUBJECT.findall(_BROUGHT.sub("", normalize(query)))
    alone = objects(normalize(query)) or any(subject not in PLACES for subject in subjects)
    return faq.speaks_of(query if alone else message, entry) \
        and all(subject in words for subject in subjects)


def _entry_for(faq, query: str, own: bool, before: FaqEntry | None,
               message: str) -> tuple[float, FaqEntry] | None:
    """The entry that confidently answers a part read as `query`, and how near it is: among
    those asking what the part asks, the best by a margin; the plainly best match when the
    part asks only how or where, or that entry asks what the part asks. A part that took
    the message's service is answered by the entry answering the part before it, when that
    entry asks it too and is as near."""
    asked = aspects(query)
    fits = _entry_aspects(faq)
    found = faq.match(query)
    plain = (found.score, found.entry) if found is not None and found.confident \
        and _about(faq, query, found.entry, message) else None
    if not asked:
        return plain
    # Entries asking more of what the part asks first, then by similarity.
    fitting = sorted(((len(fits[entry.id] & asked), score, entry)
                      for score, entry in faq.scores(query)
                      if fits[entry.id] & asked and _about(faq, query, entry, message)),
                     key=lambda fit: (-fit[0], -fit[1]))
    if plain is not None and (not fitting or fitting[0][2].id == plain[1].id):
        return plain if fits[plain[1].id] & asked else None
    if not fitting:
        return None
    overlap, score, entry = fitting[0]
    for shared, close, other in fitting:
        if not own and before is not None and other.id == before.id and shared == overlap \
                and close >= score - faq.margin:
            return close, before    # as near as the best: the service asked just before
    runner_up = next((other for shared, other, _ in fitting[1:] if shared == overlap), 0.0)
    if score >= faq.threshold and score - runner_up >= faq.margin \
            and faq.evidence(query, entry):
        return score, entry
    return None


def _read(faq, part: Part, before: FaqEntry | None, message: str) -> FaqEntry | None:
    """A part's entry: read with the message's service, or (for a part without its own)
    with all the part before it is about ("老人去世了户口咋注销啊，得带啥东西"), the nearer
    confident reading."""
    readings = [_entry_for(faq, part.query, part.own, before, message)]
    if part.matter and aspects(part.said):     # what it asks, not only what it is about
        readings.append(_entry_for(faq, part.matter, part.own, before, message))
    found = [reading for reading in readings if reading is not None]
    return max(found, key=lambda reading: reading[0])[1] if found else None


def answers(faq, message: str) -> tuple[list[tuple[Part, FaqEntry]], list[Part]]:
    """For a message of several parts: the entry that confidently answers each part that one
    answers (each entry once, in the order asked), and the parts nothing answers. Nothing
    for a message that asks one thing: the whole message is matched as before."""
    asked = parts(message)
    if len(asked) < 2:
        return [], []
    answered: list[tuple[Part, FaqEntry]] = []
    left: list[Part] = []
    before = None
    for part in asked:
        entry = _read(faq, part, before, message)
        if entry is None:
            left.append(part)
        elif all(entry.id != known.id for _, known in answered):
            answered.append((part, entry))
        before = entry
    return answered, left


# An answer that tells a fee: a sum, a waiver, or that one is charged.
_TELLS_FEE = re.compile(r"\d+(?:\.\d+)?元|免收|免费|工本费|收费")
# Charging that is the trouble, not a fee asked about ("怕碰上乱收费的").
_OVERCHARGED = re.compile(r"(?:乱|多|高|违规|私自|重复|变相)收(?:费|钱)")
# A fee the question names ("加急费", "签注费"): an answer must name it too; 工本费 is the fee.
_NAMED_FEE = re.compile(r"([\u4e00-\u9fff]{2})费")


def _tells_fee(entry: FaqEntry, question: str) -> bool:
    named = {fee for fee in _NAMED_FEE.findall(normalize(question)) if fee != "工本"}
    return _TELLS_FEE.search(entry.answer) is not None \
        and all(f"{fee}费" in entry.answer for fee in named)


def fee_answers(faq, question: str) -> list[FaqEntry] | None:
    """For a question asking what something costs ("护照多少钱", "居住证收费吗"): the entries
    about what it names that tell a fee, the nearest first (two when as near); [] when none
    does (the fee is not known here: an officer answers, never an entry about something
    else); None for a question that asks no fee."""
    if "fee" not in aspects(question) or _OVERCHARGED.search(question):
        return None
    found = [(score, entry) for score, entry in faq.scores(question)
             if score >= faq.threshold and _tells_fee(entry, question)
             and _about(faq, question, entry, question)]
    if not found:
        return []
    best = found[0][0]
    return [entry for score, entry in found[:2] if score >= best - faq.margin]
