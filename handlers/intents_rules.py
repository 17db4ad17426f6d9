"""The classifier's rule tables (CONTRACT §4): the emergency gate and high-precision rules."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Emergency cues by kind. High recall on purpose: wording decides below whether it is now.
EMERGENCY_CUES: dict[str, str] = {
    "help": r"救命|救救|快来人|来人啊|求救|\bsos\b|110打不通|出人命",
    "weapon": r"持刀|拿刀|拿着刀|动刀|刀子|菜刀|砍刀|斧头|匕首|剪子|砍人|砍伤|砍我|追砍|捅人|捅死"
              r"|捅伤|被捅|持枪|拿枪|有枪|开枪|钢管|棍子|铁锹|锄头|砖头|啤酒瓶|拿刀顶",
    "fight": r"打人|打架|打群架|斗殴|群殴|围殴|打起来|打成一团|扭打|动手|砸人|砸门|砸车|砸窗"
             r"|砸玻璃|乱砸|砸东西|砸伤|踹门|砸了.{0,4}(车窗|窗户|玻璃|门)"
             r"|被[^,，。]{0,4}打(?!扰|电话|针|卡|折|印|分|款)|打我(?!电话|手机|的电话)"
             r"|打[她他](?!电话|手机|的电话)|追着.{0,4}打|围着.{0,4}打|掐我|打司机|打学生",
    "fire": r"着火|起火|失火|火灾|冒烟|冒黑烟|浓烟|烧起来|烧着|爆燃|爆炸|点火|放火|纵火|火苗"
            r"|大火|救火|烧房子|燃烧瓶|烧炭|着过.{0,3}火|被人点了",
    "suicide": r"跳楼|跳河|跳湖|跳桥|跳下去|往下跳|要跳(?!舞)|轻生|自杀|寻死|不想活|活不下去"
               r"|撑不下去|割腕|割手腕|喝药|农药|安眠药|上吊|去死|寻短见|想不开|同归于尽",
    "intrusion": r"入室|撬|进贼|有贼|小偷.{0,4}(在|还)"
                 r"|进了我家|家里进人|家里进了人|进我家|闯进|扒窗|翻墙|拧门把手|敲我家门"
                 r"|进过(贼|小偷)|进了小偷|一直敲门|使劲敲门",
    "domestic": r"家暴|打老婆|打媳妇|打孩子|打我妈|打我爸|老公打|丈夫打|男人打|爸打|抽孩子|虐待",
    "missing": r"走失|走丢|人贩子|抢孩子|偷孩子|拐卖|拐骗|拐孩子|抱走|带走|拽上车|拉进车"
               r"|(孩子|小孩|闺女|女儿|儿子|孙子|孙女|老人|爹|娘|爷爷|奶奶|姥姥|姥爷|老伴|我妈"
               r"|我爸|母亲|父亲)[^证卡本机包钱]{0,16}(不见了|丢了|没了|没回来|没回家|找不到"
               r"|联系不上)",
    "stalking": r"跟踪|尾随|跟着我|跟在我后面|跟了我|一直跟|盯梢",
    "robbery": r"抢劫|打劫|抢钱|抢包|抢手机|抢东西|抢走|(?<!位)被[人他她]?抢|抢了.{0,6}(包|钱|手机)"
               r"|劫持|绑架|绑走|被绑|绑了|勒索|要钱.{0,8}(打|动手)",
    "gas": r"煤气味|煤气泄|燃气泄|漏气|漏过.{0,3}气|天然气味|液化气味|液化气罐|燃气味|煤气中毒"
           r"|一氧化碳|燃气爆",
    "injury": r"车祸|相撞|撞人|撞倒|撞了人|撞伤|被撞|被车撞|侧翻|翻车|翻到沟|追尾|碾压|压在"
              r"|撞飞|冲进人群|流血|出血|(好多|很多|一地|满地|满身|满脸|全身|全是|都是)血|见血"
              r"|昏迷|晕倒|不省人事|叫不醒|叫不应|没呼吸|没气了|落水|溺水|掉水里|掉进(河|湖|水|井)|掉井|掉下来|被困|困在|卡在车",
    "threat": r"要杀|杀了我|杀人|弄死|捅死|打死|关在|锁在屋|不让我(走|出|下)|不让出门|猥亵|非礼"
              r"|强奸|性侵|耍流氓|露下体|摸(女|我|她|小)|逼我|堵我|围住|拖进|收了我手机",
}

# Wording that says the danger is happening now; it outweighs past or hypothetical wording.
NOW_CUES = (r"正在|正打|还在(打|砸|追|踹|敲|撬|里|屋|家|我家|门口|外|楼|车|跟|喊|烧|闹|砍|冒|漏|往)"
            r"|快来|快快|快派|快点|赶紧|赶快|马上|立刻|现在就|此刻|这会儿"
            r"|一直在(打|砸|敲|跟|喊|追)|没回来|没回家|还没找到|联系不上")

# Wording that moves the cue out of "now": past, habitual, hypothetical, hearsay, aftermath.
NOT_NOW_CUES: dict[str, str] = {
    "past": r"上个?月|上周|上个?礼拜|上个?星期|上回|上次|昨天|昨晚|昨儿|夜来|前天|前儿|去年|年时"
            r"|前年|年前|前几天|前些天|前两天|前阵子|前段时间|那天|那次|那回|那段时间|之前|以前"
            r"|曾经|当时|后来|几年前|个月前|天前|小时候|腊月|上学期|上月|我报的|报过|报了案|报案"
            r"|报警后|没破案|没抓到|一直没|到现在也没|赔|验伤|鉴定|立案|判了|调解|找回来|找到了"
            r"|有监控|监控拍|出警|报警的时候|报警说|才来人|早跑了|人跑了"
            r"|(着|打|抢|偷|撬|进|跟踪|跟|砍|伤|漏|走失|走丢|骗|威胁|闹|拐|撞|砸|烧)过",
    "habitual": r"天天|每天|经常|老是|总是|每次|好几回|几次|老被|一直被|总觉得|老觉得|怀疑",
    "hypothetical": r"如果|假如|假设|万一|要是|若是|(遇到|碰到|遇上).{0,12}(怎么办|咋办|该)"
                    r"|可以报警吗|能报警吗|能不能报警|才能报警|算不算|正当防卫|犯法|违法吗"
                    r"|保护令|判几年|怎么判|取证|证据|先跑还是|要负责吗|可以录|怎么劝|该不该",
    "hearsay": r"听说|听人说|新闻|报道|网上说|网上传|网上看到|朋友圈|抖音|快手|视频里|电视上"
               r"|电视里|传言|谣言|辟谣|群里说|据说|看到说|是真的吗|真的假的|有人打电话说|来电话说|陌生电话|短信说"
               r"|冒充",
}

# Topics where a cue word names a subject (a talk, a leaflet), not an incident.
TOPIC_CUES = r"讲座|宣传|演练|培训|知识|防范|预防|防溺水|防拐|法治课|安全课|教育|宣讲|普法|短视频"

# A resident following up or thanking: an old incident is not reopened as a new complaint.
PRAISE_CUES = (r"表扬|锦旗|点赞|好评|多亏|感谢.{0,6}(民警|警察|警官|你们|派出所)"
               r"|谢谢.{0,6}(民警|警察|警官|你们)")

STATUS_CUES = (r"进度|进展|办到哪|到哪一步|到哪了|处理到|怎么样了|咋样了|有结果|有消息|有信儿"
               r"|有回音|有动静了|有没有回复|回复了吗|受理了[吗没]|处理了没|处理没有|管了没|办好了"
               r"|办好没|好了没|批下来|审核|查询工单|我的工单|工单状态|待受理|办理中|已办结|抓到没"
               r"|抓没抓|抓了没|什么时候能拿|能取了|能拿了|寄出来|确认了|通过了吗|还要等多久"
               r"|立案了吗|收到了吗|有人看了吗|有人管了吗|有人处理吗|接单")

BOOKING_CUES = (r"我要预约|我想预约|想预约|帮我预约|帮忙预约|给我预约|给俺预约|帮俺预约|预约一下"
                r"|预约办|预约开|预约身份证|预约户|预约居住|预约护照|约个时间|约个号|约一下|想约"
                r"|我约|能约|可以约|要约|报名参加|我报名|想报名|留个位置|安排个时间|安排一个"
                r"|登记一个")
# A booking word inside a question about the procedure or an opinion is not a booking.
BOOKING_VETO = (r"需要什么|带什么|带啥|要啥|材料|多少钱|几点|在哪|提前几天|怎么操作|要多久|建议"
                r"|意见|页面|点赞|表扬")

# Complaints about how officers behaved go at P2 (CONTRACT §5).
OFFICER_CONDUCT_CUES = (r"态度(差|恶劣|不好|太差|很差|蛮横)|不耐烦|吼我"
                        r"|说话(难听|很冲|挺冲|太冲|冲)|推诿|推来推去|不作为|敷衍|出警(太)?慢|才来人|玩手机|偏向|不公平"
                        r"|执法不规范|挂我电话|不搭理|没人搭理|脸难看|门难进|拖拉")
# Praise that mentions an old grievance is still praise.
CONDUCT_VETO = r"改观|满意|点赞|表扬|感谢|谢谢"

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
_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10))
_MEANINGFUL = re.compile(r"[\w\u4e00-\u9fff]")


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, no control characters (rules and n-grams)."""
    return unicodedata.normalize("NFKC", text).translate(_CONTROL).lower().strip()


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _compile_table(table: dict[str, str]) -> re.Pattern[str]:
    """One pattern for a whole table (one scan per message); the group names the entry."""
    return _compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in table.items()))


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
        self._emergency = _compile_table(EMERGENCY_CUES)
        self._not_now = _compile_table(NOT_NOW_CUES)
        self._now = _compile(NOW_CUES)
        self._topic = _compile(TOPIC_CUES)
        self._praise = _compile(PRAISE_CUES)
        self._status = _compile(STATUS_CUES)
        self._booking = _compile(BOOKING_CUES)
        self._booking_veto = _compile(BOOKING_VETO)
        self._conduct = _compile(OFFICER_CONDUCT_CUES)
        self._conduct_veto = _compile(CONDUCT_VETO)
        self._ticket = _compile(_TICKET.format(prefix=re.escape(prefix.upper())))
        self._prefix = prefix.upper()

    @staticmethod
    def _first(table: str, pattern: re.Pattern[str], text: str) -> Hit | None:
        found = pattern.search(text)
        if not found:
            return None
        entry = next(name for name, words in found.groupdict().items() if words is not None)
        return Hit(table, entry, found.group(0))

    def emergency(self, text: str) -> Hit | None:
        """The first emergency cue in `text`, if any."""
        return self._first("emergency", self._emergency, text)

    def now(self, text: str) -> Hit | None:
        """A "happening now" cue."""
        found = self._now.search(text)
        return Hit("now", "now", found.group(0)) if found else None

    def not_now(self, text: str) -> Hit | None:
        """A past, habitual, hypothetical or hearsay cue."""
        return self._first("not_now", self._not_now, text)

    def _one(self, table: str, pattern: re.Pattern[str], text: str) -> Hit | None:
        found = pattern.search(text)
        return Hit(table, table, found.group(0)) if found else None

    def topic(self, text: str) -> Hit | None:
        """A talk, leaflet or training subject rather than an incident."""
        return self._one("topic", self._topic, text)

    def praise(self, text: str) -> Hit | None:
        """Thanks or praise for the police."""
        return self._one("praise", self._praise, text)

    def status(self, text: str) -> Hit | None:
        """A question about an earlier ticket, report or booking."""
        return self._one("status", self._status, text)

    def booking(self, text: str) -> Hit | None:
        """A wish to book a time, unless it is a question about the procedure."""
        if self._booking_veto.search(text):
            return None
        return self._one("booking", self._booking, text)

    def officer_conduct(self, text: str) -> Hit | None:
        """A complaint about an officer's behaviour or a slow response."""
        if self._conduct_veto.search(text):
            return None
        return self._one("officer_conduct", self._conduct, text)

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
