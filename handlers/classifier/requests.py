"""What a resident says they want, in so many words: explicit requests and letter titles
(issue 14).

A message that opens by naming its request (我要投诉…, 我想举报…, 提个建议…, 我要表扬…) is that
request whatever else it mentions; a letter's title says what the whole letter asks (关于…的
投诉, 请问…能否…, …的建议, …进度的询问). Question forms and wishes (建议, 希望) are left to the
model, which weighs them from the corpus: a fixed extra lean towards consult or feedback on
top of it lowered 5-fold CV accuracy on the training corpus (0.923 with none, 0.918 with
+0.5 in log-odds, 0.914 with +1.0). 咨询/问一下 at the start decides nothing either: it opens
status questions as often as consultations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.classifier import pinyin
from handlers.classifier.reading import english_aside, english_asks
from handlers.classifier.rules import AFTER_DONE, DONE_CUE, STATUS_CUES
from handlers.core.labels import BARE_REQUEST
from handlers.core.text import hijack, spelling, wishes

# Greetings and forms of address a request may follow.
_OPENING = (r"^(?:(?:你好|您好|喂|哈喽|hello|hi|警察同志|警官|民警同志|同志|领导|工作人员|那个|就是"
            r"|嗯|额|呃)[\s,.!。!~、]*)*")
_WANT = r"(?:我|俺|咱|本人)?(?:这边)?(?:现在)?(?:要|想|想要|需要|得|来|准备|必须|申请)?"
# How-to and where-to questions about a request are questions, not the request itself.
_HOW = re.compile(r"怎么|如何|咋|怎样|去哪|在哪|哪里|哪个部门|向谁|找谁|能不能|可不可以|可以吗|能吗"
                  r"|行吗|吗[?]?$|么[?]?$|需要.{0,8}吗|流程|方式|渠道|途径|电话是|热线")
# Asked later in the message, how or where to make it (我想投诉一个辅警，应该打哪个电话).
_HOW_TO_MAKE = re.compile(r"哪个电话|什么电话|电话(?:是)?多少|怎么(?:弄|操作|投诉|举报)"
                          r"|如何(?:投诉|举报)"
                          r"|去哪(?:里|儿)?(?:投诉|举报)|向谁|流程|渠道|途径")
# (intent, pattern): the request named in the message's first clause.
_EXPLICIT = (
    ("complaint", r"(?:实名)?(?:投诉|举报|检举|揭发|反映(?:个|一个|一下)?(?:问题|情况))(?![的过])"),
    ("feedback", r"(?:表扬|点赞|夸夸|夸一下|送(?:个|一面)?锦旗"
                 r"|提(?:个|点|几点|一个|一点)?(?:建议|意见)|给(?:你们|派出所|民警|警察)?(?:提|点赞))"),
)
_EXPLICIT_RE = tuple((intent, re.compile(_OPENING + _WANT + pattern)) for intent, pattern
                     in _EXPLICIT)
# The same request as the message's last clause (…到现在也没人联系我，我要投诉): the story
# first, then what the resident wants done with it, said as a wish (投诉了好几次 tells the
# past); a question there names none (…能投诉吗, …我想举报，怎么弄).
_CLOSING_WANT = r"(?:我|俺|咱|本人)?(?:现在)?(?:要|想|想要|必须|坚决要?|申请)"
_CLOSING_RE = tuple((intent, re.compile(r"[,;。!\n]\s*(" + _CLOSING_WANT + pattern
                                        + r")[^,;。!?\n吗么]{0,12}[。!.~]*$"))
                    for intent, pattern in _EXPLICIT)
# A letter's title: what the whole letter asks. Checked in this order (a title asking how an
# earlier complaint is going names the complaint too).
_TITLE = (
    ("status", r"进展|进度|处理结果|有没有结果|是否已(经)?|询问"),
    ("consult", r"咨询|请问|是否|何时|能否|如何|怎么|怎样|哪些|什么|可以吗|吗$|[?]"),
    # A wish for a service the branch lacks (希望…增加在线预约功能) suggests it, books nothing.
    ("feedback", r"建议|意见|表扬|感谢|锦旗|点赞|希望.{0,24}(增加|增设|开通|推出|上线)"),
    ("appointment", r"预约"),
    ("complaint", r"投诉|举报|反映|控告"),
)
_TITLE_RE = tuple((intent, re.compile(pattern)) for intent, pattern in _TITLE)
TITLE_MAX = 40
# A question whether the procedure needs something (需要预约吗, 要本人去吗): asks for
# information, even though it names a booking ("能预约吗" asks for one: not here).
_PROCEDURE = re.compile(r"(需要|要不要|要|用不用|用|得|必须)(提前|先)?(预约|报名|排队|本人|亲自"
                        r"|代办|带)[^,;。!?\n]{0,8}([吗么][?]?$|[吗么]?[?])")
# A question what follows once a procedure is done (办好了会通知吗, 批下来以后去哪拿, 办好了是不是
#得本人来取): the procedure asked about, not how far it got (`rules.Rules.status`).
_AFTER_DONE = re.compile(rf"(?:{DONE_CUE})(?={AFTER_DONE})[^,;。!?\n]{{0,14}}?"
                         r"([吗么][?]?$|[吗么]?[?]|是不是|能不能|可不可以|怎么|去哪|在哪|哪里|多久)")
_STATUS = re.compile(STATUS_CUES)
_SENTENCE_END = ("。", "!", ".")
# A short message that asks how, where or whether (怎么报案, 归谁管, 可以报警吗, 是不是骗子):
# asks for information even when it names a problem.
_ASKS = re.compile(r"怎么(办|处理|报|弄|举报|投诉|查)|如何|咋(办|弄|整)|应该(向|找|去|怎)|哪个部门"
                   r"|归(谁|哪|你们|派出所)|谁管|(?<!到底)管不管|上哪|去哪|在哪|哪里"
                   r"|(可以|能|能不能|可不可以|该不该|需不需要|用不用|要不要)[^,;.!?]{0,10}[吗不么]"
                   r"|算不算|是不是骗|还能[^,;.!?]{0,8}吗|多长时间|多久")
ASKS_MAX = 20
# Whom to turn to and whether it is enough or allowed (我能找谁, 该向谁反映, 打哪个电话, 有规定吗,
# 够不够得上报警, 报警有用吗) ask for information in a longer message too, that tells the
# problem first; 5-fold CV of the classifier (handlers.tools.intent_cv): 9 consultations the
# model read as complaints answered, none of its complaints lost ("我找谁去" and "找谁也没人管"
# are complaints).
_ASKS_WHOM = re.compile(r"找谁(?![去也都])|向谁|跟谁|哪个电话|有(没有)?规定吗|够不够|多严重|有用吗"
                        r"|是不是骗子")
ASKS_WHOM_MAX = 30
# "Can you deal with it?" (能不能管管, 可不可以派人来看看, 能否改进一下) asks for the thing to be
# done, not how or whether it could be: a complaint, a tip or a suggestion, as the words before
# it say. Left to the model.
_ASKS_FOR_ACTION = re.compile(r"(能不能|可不可以|能否|可否)(请|帮忙|帮我们|给)?"
                              r"(管|处理|解决|查处|整治|派人|来人|来个人|过来|来看|改进|优化"
                              r"|改一下|弄简单)")


@dataclass(frozen=True)
class Request:
    """An intent the resident named, and the words that named it."""

    intent: str
    source: str         # "explicit" or "title"
    words: str
    bare: bool = False  # a complaint's words are all the message says (pinyin: see BARE_REQUEST)

    def reason(self) -> str:
        """The reason string a prediction carries."""
        return f"rule:{self.source}:{self.intent}:{self.words}"

    def reasons(self) -> tuple[str, ...]:
        """The reason, and BARE_REQUEST when the request names nothing of the matter yet."""
        return (self.reason(), BARE_REQUEST) if self.bare else (self.reason(),)


def explicit(norm: str) -> Request | None:
    """The request a short message opens with (我要投诉…, 我想咨询…, wo yao tou su…), if it
    names one.

    A question about how to make the request (怎么投诉, 举报电话是多少) names no request."""
    if (taken := hijack.hijacked(norm)) is not None:
        # An account taken over to borrow money in the resident's name: a report, though it
        # asks what to do (怎么办), and whatever it mentions of money.
        return Request("complaint", "hijack", taken)
    if not _CJK.search(norm):
        return _spelled_explicit(norm) or _english(norm)
    head = re.split(r"[,;。!?\n]", norm, maxsplit=1)[0]
    for intent, pattern in _EXPLICIT_RE:
        found = pattern.match(norm)
        if found is None:
            continue
        if intent == "complaint" and (_HOW.search(head) or _HOW_TO_MAKE.search(norm)):
            return None
        return Request(intent, "explicit", found.group(0).strip())
    for intent, pattern in _CLOSING_RE:
        found = pattern.search(norm)
        if found is not None and not (intent == "complaint" and _HOW.search(found.group(0))):
            return Request(intent, "explicit", found.group(1).strip())
    # A visit or a talk asked of the officers without the word 预约 (俺想找片儿警唠唠, 想请民警
    # 来学校讲讲): the one table the booking takes its service from.
    wish = wishes.wished(norm)
    if wish is not None:
        return Request("appointment", "wish", wish[1])
    return _english(norm) if spelling.writes_english(norm) else None


def _english(norm: str) -> Request | None:
    """The request an English message names (`reading.english_asks`)."""
    found = english_asks.asked(norm) if spelling.writes_english(norm) else None
    return None if found is None else Request(found[0], "english", found[1])


# The same requests typed in pinyin ("wo yao tou su", "woxiangjubao", "wo yao biao yang"): the
# words are kept in characters and compared in their fuzzy syllables (`pinyin.fold`), so one
# list reads both scripts. As above, a question how to make the request names none.
_CJK = re.compile(r"[\u3400-\u9fff]")
_SPELLED_GREETING = ("你好", "您好", "喂", "警察同志", "警官", "民警同志", "同志", "领导")
_SPELLED_WANT = (("我", "俺", "咱", "本人"), ("要", "想", "想要", "需要", "来", "准备", "申请"))
_SPELLED_REQUEST = (
    ("complaint", ("投诉", "举报", "检举", "揭发", "实名投诉", "实名举报", "反映问题", "反映情况",
                   "反映个问题", "反映一下问题")),
    ("feedback", ("表扬", "点赞", "提建议", "提个建议", "提点建议", "提意见", "提个意见")),
)
_SPELLED_HOW = ("怎么", "如何", "咋", "怎样", "去哪", "在哪", "哪里", "哪个部门", "向谁", "找谁",
                "能不能", "可不可以", "可以吗", "能吗", "行吗", "流程", "方式", "渠道", "途径",
                "电话", "热线")


def _spelled(words: tuple[str, ...]) -> str:
    """An alternation of the words' fuzzy syllables, each ending where a syllable does."""
    return "|".join(" ".join(pinyin.fold(s) for s in pinyin.syllables(word)[0])
                    for word in sorted(words, key=len, reverse=True))


_GREETINGS_RE = re.compile(rf"(?:(?:{_spelled(_SPELLED_GREETING)})(?: |$))+")
# Unlike characters, a request word must follow the resident or a wish (wo yao, xiang): alone
# at the start, "ju bao jia yan de na ge dian" names a matter (the shop reported), no request.
_SPELLED_RE = tuple((intent, re.compile(
    rf"(?:(?:{_spelled(_SPELLED_GREETING)}) )*(?:(?:{_spelled(_SPELLED_WANT[0])}) (?:"
    rf"{_spelled(_SPELLED_WANT[1])}) |(?:{_spelled(_SPELLED_WANT[0])}|"
    rf"{_spelled(_SPELLED_WANT[1])}) )(?:{_spelled(words)})(?= |$)(?! de(?: |$)| guo(?: |$))"))
    for intent, words in _SPELLED_REQUEST)
_SPELLED_HOW_RE = re.compile(rf"(?:^| )(?:{_spelled(_SPELLED_HOW)})(?= |$)| ma$")


def _spelled_explicit(norm: str) -> Request | None:
    """`explicit` for a message typed in pinyin: the first stretch that is not a greeting."""
    said = [" ".join(pinyin.fold(s) for s in stretch) for stretch in pinyin.syllables(norm)]
    opening = next((at for at, words in enumerate(said)
                    if not _GREETINGS_RE.fullmatch(words)), len(said))
    head = said[opening] if said[opening:] else ""
    for intent, pattern in _SPELLED_RE:
        found = pattern.match(head)
        if found is None:
            continue
        if intent == "complaint" and _SPELLED_HOW_RE.search(head):
            return None
        bare = (intent == "complaint" and found.end() == len(head)
                and opening == len(said) - 1)
        return Request(intent, "explicit", found.group(0), bare=bare)
    return None


# An English report of something that happened to the resident: a theft, a loss, a fight, a
# swindle, harassment, damage, noise (tourists, students, foreign residents). What is happening
# now is the emergency gate's, which reads English first; a question about it (what should I
# do if…, how do I report…) is left to the model and the knowledge base.
_EN_REPORT = re.compile(
    r"\b(stolen|stole|robbed|pickpocket(ed)?|snatched|lost|hit|beat|beaten|punched|kicked"
    r"|attacked|assaulted|fight|fighting|fought|scammed|cheated|defrauded|tricked"
    r"|harass(ed|ing)|stalked|threatened|broke into|broken into|damaged|smashed|scratched"
    r"|vandali[sz]ed|noise|noisy|loud)\b")
_EN_QUESTION = re.compile(
    r"[?]|^(how|what|where|when|which|who|why|can|could|do|does|is|are|should|may|will|would)\b"
    r"|\b(how (do|can|should|to)|what (should|do|can|to)|where (can|do|should|is|to)|is it)\b")


# Thanks for help after it, or a thing found (handed in, not lost): no report.
_EN_NOT_REPORT = re.compile(r"\b(thank|thanks|grateful|appreciate|helped|found|returned)\b")


def english_report(norm: str) -> Request | None:
    """An English message that reports an offence or a loss, asking nothing."""
    if not spelling.english(norm) or _EN_QUESTION.search(norm) or _EN_NOT_REPORT.search(norm):
        return None
    found = _EN_REPORT.search(norm)
    return None if found is None else Request("complaint", "english", found.group(0))


def english_told(norm: str) -> Request | None:
    """An English report of an offence or a loss (`english_report`); else request words used
    for someone else's business, which ask nothing (`reading.english_aside`: other)."""
    if (found := english_report(norm)) is not None or _EN_REPORT.search(norm):
        return found
    words = english_aside.aside(norm) if spelling.english(norm) else None
    return None if words is None else Request("other", "english", words)


def procedure_question(norm: str) -> Request | None:
    """A question whether a procedure needs a booking, the person, a document…, or what
    follows once it is done."""
    found = _PROCEDURE.search(norm)
    if found is None and (done := _AFTER_DONE.search(norm)) is not None:
        # 办好了能取了吗 asks whether it can be picked up yet: a status question.
        found = None if _STATUS.search(norm, done.start() + 1) else done
    return None if found is None else Request("consult", "procedure", found.group(0))


def asks_information(norm: str) -> Request | None:
    """A short question how, where, whom or whether, e.g. about a problem it names."""
    if len(norm) > ASKS_WHOM_MAX or _ASKS_FOR_ACTION.search(norm):
        return None
    found = (_ASKS.search(norm) if len(norm) <= ASKS_MAX else None) or _ASKS_WHOM.search(norm)
    if found is None:
        return None
    return Request("consult", "question", found.group(0))


def title(norm: str) -> Request | None:
    """What a letter's title line asks, when the letter has one."""
    first, sep, rest = norm.partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or len(first) > TITLE_MAX or first.endswith(_SENTENCE_END):
        return None
    for intent, pattern in _TITLE_RE:
        if (found := pattern.search(first)) is not None:
            return Request(intent, "title", found.group(0))
    return None
