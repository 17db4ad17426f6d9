"""The classifier's high-precision rule tables (CONTRACT §4); emergencies are `intents_gate`'s."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.classifier.cues.foreign import pinyin_run
from handlers.classifier.reading import english_conduct
from handlers.classifier.text import normalize
from handlers.core.text import spelling

__all__ = ["MENU_INTENTS", "Hit", "Rules", "normalize"]

# A resident following up or thanking: an old incident is not reopened as a new complaint.
PRAISE_CUES = (r"表扬|锦旗|点赞|好评|多亏|感谢.{0,6}(民警|警察|警官|你们|派出所)"
               r"|感谢[^。!?]{0,20}(交警|辅警|消防员|那位警)"
               r"|谢谢.{0,6}(民警|警察|警官|你们)")

STATUS_CUES = (r"进度|进展|办到哪|到哪一步|到哪了|处理到|怎么样了|咋样了|有结果|有消息|有信儿"
               r"|有回音|有动静了|有没有回复|回复了吗|受理了[吗没]|处理了没|处理没有|管了没|办好了"
               r"|办好没|好了没|批下来|审核|查询工单|我的工单|工单状态|待受理|办理中|已办结|抓到没"
               r"|抓没抓|抓了没|什么时候能拿|能取了|能拿了|寄出来|确认了|通过了吗|还要等多久"
               r"|立案了吗|收到了吗|有人看了吗|有人管了吗|有人处理吗|接单|(查|比对)(到|出来)(人)?(了)?(吗|没)")

BOOKING_CUES = (r"我要预约|我想预约|想预约|帮我预约|帮忙预约|给我预约|给俺预约|帮俺预约|预约一下"
                r"|预约办|预约开|预约身份证|预约户|预约居住|预约护照|约个时间|约个号|约一下|想约"
                r"|我约|能约|可以约|要约|报名参加|我报名|想报名|留个位置|安排个时间|安排一个"
                r"|登记一个"
                # A procedure the resident means to do (我要注销我父亲的户口, 俺想给孩子上户口,
                # 我要补办身份证): a time at the window is what it needs.
                r"|(我|俺|咱)(要|想|想要|得|准备|打算)(给[^,;。!?]{1,8})?(办理?|补办|换领?|注销|销|迁|上|开(?!车|会|门|店))"
                r"[^,;。!?]{0,6}?(户口|户籍|身份证|居住证|无犯罪)"
                # A wish to meet the community officer (我想见见我们社区的民警, 想找片儿警唠唠):
                # a visit or a talk with them is booked (§4's community officer's visit).
                r"|(想|要|希望|能不能)(见见|见一见|见一下|约见|面见)[^,;。!?]{0,8}"
                r"(民警|警察|片警|片儿警|社区警|警官|警长)(?![^,;。!?]{0,3}(电话|在哪))"
                r"|(想|要|希望|能不能)找[^,;。!?]{0,8}(民警|警察|片警|片儿警|社区警|警官|警长)"
                r"(唠唠|聊聊|谈谈|当面)"
                r"|(民警|警察|片警|片儿警|社区警|警官|警长)[^,;。!?]{0,4}见(个|一)?面")
# A status word for a finished procedure opening what comes after it (办好了会通知吗, 批下来以后
#要去哪拿, 办好了是不是得本人来取) asks about the procedure, not how far it got. Training
# corpus: no status line reads so; the split's one and stop 33's three probes are questions.
DONE_CUE = r"办好了|批下来|能取了|能拿了|寄出来|确认了"
AFTER_DONE = r"(以后|之后|后|会|要|得|是不是|能不能|能|可以|怎么|需要|的话|去哪|在哪|就)"
# A booking word inside a question about the procedure or an opinion is not a booking.
BOOKING_VETO = (r"需要什么|带什么|带啥|要啥|材料|多少钱|几点|在哪|提前几天|怎么操作|要多久|建议"
                r"|意见|页面|点赞|表扬|怎么预约|如何预约|(约|报名)的(是|那个|居住证|身份证)"
                r"|改到|确定了")

# Complaints about how officers behaved go at P2 (CONTRACT §5).
OFFICER_CONDUCT_CUES = (r"态度(差|恶劣|不好|太差|很差|蛮横)|(什么|啥)态度|不耐烦|吼我"
                        r"|说话(难听|很冲|挺冲|太冲|冲)|推诿|推来推去|不作为|敷衍|出警(太)?慢|才来人|玩手机|偏向|不公平"
                        r"|执法不规范|挂我电话|不搭理|没人搭理|脸难看|门难进|拖拉(?!机)"
                        r"|态度(可|真|太|很|特别)?(冲|横|凶)|爱答不理|爱理不理|不理不睬|偏袒"
                        r"|效率(也)?(太|很|真|特别)?低|跑了(好|十)?[几两三四五六七八九]趟"
                        r"|提前[^,;。!?]{0,6}(走|下班|关门)")
# The conduct is the police's when the message names them (你们: the bot is the police) or
# names no one else; an estate office's 不作为 in a question about an earlier report leaves
# the question a question.
POLICE = r"民警|警察|警官|派出所|所里|辅警|交警|窗口|值班|出警|接警|报案|报警|立案|你们"
OTHER_PARTY = (r"物业|城管|住建|街道|社区|居委|村委|商家|店家|公司|老板|房东|中介|快递|医院|学校"
               r"|银行|客服|司机|12345")
# The same complaints written in pinyin (the message's syllables run together).
PINYIN_CONDUCT = (r"(minjing|jingcha|paichusuo|jingguan|nimen)[a-z]{0,24}"
                  r"(taidu(hen|tai|te|zhen)?(cha|huai|buhao|elie)|tuiwei|buzuowei|fuyan"
                  r"|bulaiwo|buliwo|bunaifan)")
# Praise that mentions an old grievance is still praise.
CONDUCT_VETO = r"改观|满意|点赞|表扬|感谢|谢谢"

# A bare request to report to the police naming no matter yet ("我要报警", "怎么报警啊"): the
# whole message, greetings and particles aside, is the request.
REPORT_REQUEST = (r"(你好|您好|喂|请问|警察同志|警官|同志|民警同志)*(我|俺|咱)?(现在|这边)?"
                  r"(要|想|想要|需要|得|必须|要求|准备|申请)?(立即|马上|立刻)?"
                  r"(报警|报案|报个警|报个案|报110|打110|找警察|报警求助)"
                  r"|(我|俺)?(要|想)?(怎么|如何|咋|在哪|哪里|去哪)(能|可以)?(报警|报案)"
                  r"|(我|俺)?(要|想)?(报警|报案)(怎么|咋|如何)(弄|办|报|操作)")
_REPORT_FILLER = re.compile(r"[\s,.!?。、~…啊呀吧了啦哦呢吗嘛哈]+")

# Menu click keys (CONTRACT §4), also accepted typed as text.
MENU_INTENTS: dict[str, str] = {
    "COMPLAINT": "complaint",
    "FEEDBACK": "feedback",
    "EMERGENCY_INFO": "emergency",
    "APPOINTMENT": "appointment",
    "GUIDE": "consult",
    "MY_TICKETS": "status",
}

_TICKET = (r"(?<![A-Z0-9])({prefix})(20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[-—_ ]?"
           r"(\d{{4,}})(?!\d)")
_MENU = re.compile(r"^(" + "|".join(sorted(MENU_INTENTS, key=len, reverse=True)) + r")\b")
_MEANINGFUL = re.compile(r"[\w\u4e00-\u9fff]")


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    """A rule that matched: its table, its entry and the words it saw."""

    table: str
    entry: str
    words: str

    def reason(self) -> str:
        """The reason string a prediction carries."""
        return f"rule:{self.table}:{self.entry}:{self.words}"


class Rules:
    """Every table above, compiled once."""

    def __init__(self, prefix: str = "DCF") -> None:
        self._report = _compile(REPORT_REQUEST)
        self._praise = _compile(PRAISE_CUES)
        self._status = _compile(STATUS_CUES)
        self._done = _compile(DONE_CUE)
        self._after_done = _compile(AFTER_DONE)
        self._booking = _compile(BOOKING_CUES)
        self._booking_veto = _compile(BOOKING_VETO)
        self._conduct = _compile(OFFICER_CONDUCT_CUES)
        self._conduct_veto = _compile(CONDUCT_VETO)
        self._police = _compile(POLICE)
        self._other_party = _compile(OTHER_PARTY)
        self._pinyin_conduct = _compile(PINYIN_CONDUCT)
        self._ticket = _compile(_TICKET.format(prefix=re.escape(prefix.upper())))
        self._prefix = prefix.upper()

    def _one(self, table: str, pattern: re.Pattern[str], text: str) -> Hit | None:
        found = pattern.search(text)
        return Hit(table, table, found.group(0)) if found else None

    def report_request(self, text: str) -> Hit | None:
        """The whole message asks to report to the police, naming no matter yet."""
        bare = _REPORT_FILLER.sub("", text)
        found = self._report.fullmatch(bare)
        return Hit("report_request", "report_request", bare) if found else None

    def praise(self, text: str) -> Hit | None:
        """Thanks or praise for the police."""
        return self._one("praise", self._praise, text)

    def status(self, text: str) -> Hit | None:
        """A question about an earlier ticket, report or booking (not about what follows
        once it is done)."""
        for found in self._status.finditer(text):     # 办好了能取了吗: the second asks
            if not (self._done.fullmatch(found.group(0))
                    and self._after_done.match(text, found.end())):
                return Hit("status", "status", found.group(0))
        return None

    def booking(self, text: str) -> Hit | None:
        """A wish to book a time, unless it is a question about the procedure."""
        if self._booking_veto.search(text):
            return None
        return self._one("booking", self._booking, text)

    def officer_conduct(self, text: str) -> Hit | None:
        """A complaint about an officer's behaviour or a slow response."""
        if self._conduct_veto.search(text):
            return None
        found = self._one("officer_conduct", self._conduct, text)
        joined = None if found else pinyin_run(text)
        found = found or (None if joined is None else
                          self._one("officer_conduct", self._pinyin_conduct, joined))
        if found is None and spelling.writes_english(text):
            words = english_conduct.blamed(text)
            return None if words is None else Hit("officer_conduct", "english", words)
        return found

    def blames_police(self, text: str) -> Hit | None:
        """A complaint about an officer's conduct: the police named, or no one else."""
        found = self.officer_conduct(text)
        if found is None or found.words.isascii() or self._police.search(text):
            return found
        return None if self._other_party.search(text) else found

    def ticket_number(self, text: str) -> str | None:
        """The first ticket number in `text`, spelled the canonical way."""
        found = self._ticket.search(text.upper())
        if not found:
            return None
        _, year, month, day, seq = found.groups()
        return f"{self._prefix}{year}{month}{day}-{seq}"

    @staticmethod
    def menu_key(text: str) -> str | None:
        """A menu click key the text starts with."""
        found = _MENU.match(text.strip().upper())
        return found.group(1) if found else None

    @staticmethod
    def meaningless(text: str) -> bool:
        """True for empty text or text with no letters, digits or Chinese characters."""
        return not _MEANINGFUL.search(text)
