"""Is an emergency cue happening now? Tense, aspect and modality, clause by clause.

A cue word is an event only in a clause that reports it as real and current. Markers are
read by where they reach (their scope):

- modal (hypothetical 如果, hearsay and fiction 听说/新闻/梦见, a talk or leaflet 讲座/宣传,
  a negation 没有着火, a nominalised event 打架斗殴现象): the whole sentence; nothing happens.
- habitual (天天, 经常): its clause; a standing problem, not an event now.
- past (昨天, 当时, 三天前) and deictic now (现在, 刚才, 还在, 快来): the nearest one before
  the cue in its clause decides; otherwise the last one before the clause carries over,
  across sentences, as a story told in the past stays in the past until "现在".
- progressive (正在): now, unless its own clause is set in the past (当时正在…).
- soft modal (a how-to question 遇到…怎么办, a hazard 隐患/可能会): the sentence, unless the
  clause itself says now ("有人跟踪我，现在该怎么办").
- aftermath (火已经灭了, 人跑了, 找到了): every cue before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.classifier.prefilter import branches, required_chars
from handlers.classifier.text import Clause

NOW, NEUTRAL, PAST, HABITUAL, MODAL = "now", "neutral", "past", "habitual", "modal"

_NUM = r"[0-9一二三四五六七八九十两几半多]+"
MARKERS: dict[str, str] = {
    "hypothetical": r"测试|试试(看)?|试一下|忽略就行|开个玩笑|just (testing|checking)"
                    r"|not an emergency|just kidding|\b(i'?m )?(just )?(kidding|joking)\b"
                    r"|\btest(ing)?\b|如果|假如|假设|假使|要是|若是|倘若|万一|一旦|(?<!说|讲"
                    r"|骂)的话|设想|比方说|比如说",
    "hearsay": r"王者荣耀|模拟人生|密室逃脱|恐怖片|纪录片|网文|扮演|道具|剧团|一出戏|排戏"
               r"|你们(发|拍|推送)的|公众号(上|里)|那篇|朋友圈(里)?(疯传|转发|有人说)|头条上"
               r"|刷到|评论(里|区)|视频(上|里)?说|听说|听讲|系唔系真|听人说|听(?!我)[^,;:。!?\n]{1,8}说(?!话)|据说"
               r"|据报道|新闻|报道|通报|公告|通告|网传|网上(说|传|看到|都在说)|传言|谣言|辟谣"
               r"|是真的吗|真的假的|是不是真的|有没有这回事|看到(新闻|视频|消息|报道)"
               r"|我看没有|没看到有|是假的|不是真的|电视(上|里)|电影|电视剧|剧里|小说|故事里"
               r"|游戏里(?!认识|加的|的朋友|的网友)"
               r"|梦(见|到|里)|做梦|拍戏|拍电影|剧本|演习|演练|模拟|彩排|小品|视频里(那个|的)"
               r"|(悬疑|恐怖|警匪|犯罪|刑侦|谍战|古装|短)剧|看(一)?(个|部|集)[^,;:。!?\n]{0,4}(剧|片)",
    "topic": r"讲座|宣传|安全培训|消防培训|培训会|知识|普法|安全课|法治课|安全教育|法制教育"
             r"|教育活动"
             r"|宣讲|科普|主题|海报|手册|标语|课件|防范|预防|防溺水|防拐|自救|逃生演练|安全提示"
             r"|温馨提示|提醒大家|注意安全|防(走失|走丢|拐|溺水|骗|诈|盗(?!门|窗|网|锁)|火(?!门|墙|通道"
             r"|卷帘))",
    "habitual": r"天天|每天|每晚|每次|每回|经常|时常|常常|老是|总是|屡次|频繁|常年|长期|隔三差五"
                r"|三天两头|(?<!一)动不动|成天|整天|一到.{1,6}就|一到(晚上|夜里|周末|下雨|冬天"
                r"|夏天)|每逢|最近|近期|近来|这段时间|这些年|多年"
                r"|以来|近年|一年到头|时不时|有时候|偶尔|总有|老有|一直被|一直受|好几回|好几次"
                r"|几回了|几次了",
    "past": r"上个?月|上周|上个?礼拜|上个?星期|上回|上次|昨天|昨晚|昨日|昨儿|夜来|前天|前晚|前儿"
            r"|去年|年时|前年|那年|前(几|两|些|一|三)(天|年|个月|周|日子)|前阵子|前段时间|那天"
            r"|那次|那回|那晚|那时|当时|之前(?!的)|以前(?!的)|曾经|从前|小时候|早些年|(?<![^\s,;:。!?])后来"
            r"|事后|过后"
            r"|上学期|(?<!今年)(夏天|冬天|春天|秋天|暑假|寒假)(的时候|里|那会)?"
            r"|上半年|年初|我报的|报的那个|之前报|(报警|报案|出警)的时候|等(警察|民警|你们)来"
            r"|出警(太|很)?慢|" + _NUM + r"(天|周|个?星期|个?礼拜|个?月|年)(前|以前|之前)"
            r"|\d{4}年|\d{1,2}月\d{1,2}(日|号)|(发生|出现|遇到|碰到|遭遇|经历|有|闹|出|遭)过"
            r"|差(一)?点|险些|幸好|幸亏|好在|多亏|已经有" + _NUM + r"(个)?(人|家|户|起)",
    "aftermath": r"(已经|都)(关好|修好|拉上来|救上来|控制住|拦住|劝住|在那|到了)|原来是"
                 r"|结果(他|她|是|在)|没(受|大)伤|没撞着|应该没(啥|什么)?(大)?事|没什么大碍"
                 r"|好多了|现在安静了|自己(爬起来|散了|走了)|(被|让).{0,6}(拦住|劝住)了"
                 r"|我没(理|给|转|交|信|念|告诉|发|点|扫|按)|直接挂了|(他|她|对方)(就)?挂了|没(有)?下文|一听就(知道|是)|钱没转|"
                 r"已经(被)?(抓|控制|带走|送医|送到医院|送去医院|扑灭|灭了|找到|找回|处理|解决|调解"
                 r"|立案|出警|离开)|早(就)?跑了"
                 r"|火(已经)?(被)?(灭|扑灭)了|(扑灭|浇灭|拉开|劝开|制止)了|找到了|找回来了|平安(回"
                 r"|到)"
                 r"|(嫌疑人|凶手|小偷|骗子|坏人)(已经)?(被)?(抓到|抓住|逮到|落网)|(对方|肇事者|那人"
                 r"|他)(已经)?"
                 r"(开车)?跑了|(被)?(救|捞)(上来|起来)了|抢救过来|脱离(了)?危险|(案子"
                 r"|案)(已经)?破(了|案)"
                 r"|找回(了|来)|帮(我|俺)?(们)?找到|已(经)?找到|平安(回家|回来)|送回(家|来)了"
                 r"|没事了|虚惊一场|报过警|报警后|出警后|警察来了|民警来了|赔(了|偿|钱)|调解|验伤"
                 r"|鉴定|判(了|决)|拘留了|没破案|没抓到|至今(未|没)(?!(有)?(找|回|归|联系|到|醒|见))|一直没(处理|结果|人管|抓到|破)"
                 r"|(?<!可能)(?<!怕)(?<!是不是)被骗了|发现(是)?(骗|假)|上当(了|受骗)|才知道(是)?(被)?骗|抓到(没|了吗)|抓住(没"
                 r"|了吗)|查清"
                 r"|责任认定|处理结果|结果(出来|怎么样)|有(结果|进展|消息)(了)?吗|挂了电话"
                 r"|(?<!还)没(有)?(转|上当|给他|理他|理会)|拉黑|识破|被.{0,4}(抓|逮)(住|到)了",
    "now": r"刚(又|才)?(?=付|转|充|交|打|吞|吃|喝|被|摔|撞|跑|走|出|掉|发|说)|现在|此刻|此时|这会儿"
           r"|而家|宜家|依家|头先|啱啱"
           r"|这会|眼下|刚才|刚刚|就在刚才|方才|将才|才刚|马上|立刻|赶紧|赶快"
           r"|快点|快来|快过来|速来|快派|急急急|在线等|还在|仍在|依然在|仍然在"
           r"|还没(找到|找着|回来|回家|到家|灭|醒|出来|停|走|接)|到现在(还|都)?(没|不)"
           r"|至今(还|都)?(未|没)(有)?(找到|找着|回|归|联系上|到家|醒|见)"
           r"|一直(没|不)(回|醒|接|找到|出来|应)|越来越(大|多|近|浓|重)|没人(应|开门|接|答应|回应)"
           r"|人还在|还(躺|趴|倒|卡|压|困)(着|在)|要不要(继续|付|转|给|交|点|输|借)|到底听谁的"
           r"|right now|\bnow\b|hurry|please come",
    "progressive": r"正在|正(?=[打砸烧冒漏追跟拿往撬抢转捅砍闹])|在(?=(打|砸|烧|冒|撬|抢|捅|砍|追"
                   r"|跟踪|转账|冒烟))",
    "question": r"应该先|先做什么|要不要(?!命)|正规.{0,6}吗|能信吗|有用吗|谁负责|怎么(操作|举报"
                r"|止血|护住)|该叫|第一时间找谁|(?<!什么)(情况|时候)(应该|该)"
                r"|(遇到|碰到|遇上|发生|看到|发现)[^。!?]{0,15}(怎么办|咋办|怎么处理|该怎么|应该"
                r"|如何|怎么做"
                r"|该(往|去|怎么|咋|如何)|往哪(跑|躲))|算不算|什么情况(下)?|哪些情况"
            r"|应该(先)?(怎么|如何|打什么|找谁|打哪个)|怎么(防|预防|防范|避免|应对|自救|逃生|识别"
            r"|判断)"
            r"|如何(防|预防|防范|避免|应对|自救|逃生|识别|判断)|(的时候|时)(应该|该|要)(怎么|先)"
            r"|需要注意(什么|哪些)|有什么(办法|技巧|注意)|能(不能)?报警吗|可以报警吗|算(不算)?(犯罪"
            r"|违法|诈骗)"
            r"|犯法吗|违法吗|判(几年|多久)|怎么判|负(什么)?(法律)?责任|正当防卫|是什么(意思|罪)"
            r"|属于什么"
            r"|怎么[^,;:。!?\n]{0,8}(登记|办理|申请|报备|备案|预约|补办)|(怎么|如何)(给"
            r"|帮)[^,;:。!?\n]{0,6}办"
            r"|怎么(登记|办理|申请|报备|备案|查询|预约|补办|挂失|起诉|索赔|维权|离婚)|需要(什么"
            r"|哪些)"
            r"|去哪(里|儿)?(登记|办理|报)|在哪(里|儿)?(登记|办理)|(什么|哪些)(流程|手续)|可以(申请"
            r"|办理|起诉|索赔)"
            r"|能(不能)?(申请|起诉|索赔|办理)|保护令|取证|证据|怎么留"
            r"|\bif\b|what should|how (do|can|should|to)|in case|what to do|\bcan i\b|\bmay i\b"
            r"|do (we|i) need|is it (legal|allowed|ok)|(要|需要|该|用|得)(不要)?报警吗|要不要报警"
            r"|该不该报警"
            r"|私了|还是报(案|警)|咨询|询问|如何申诉|怎么申诉|承担(什么)?(法律)?责任"
            r"|(谁|哪个)(来)?(负责|出钱)|能当[^,;:。!?\n]{0,8}吗|还能(上|办|补|用|领|开|报)|就能走吗"
            r"|开(个|张|一个)?证明|what number|which number|who pays",
    "hazard": r"隐患|风险|容易|可能(会|发生|引发|导致|造成)|有可能|随时(可能|会)|防止|避免|以免"
            r"|担心|害怕会|怕会|(害怕|生怕|就怕|怕)(?=[^,;:。!?\n]{0,4}(着火|起火|出事|爆炸))"
            r"|恐怕|迟早|早晚|总有一天|会不会|再不.{0,10}就|否则|不然|存在",
}
ENGLISH_PAST = (r"yesterday|last (night|week|month|year)|(days?|weeks?|months?|years?) ago|used to"
                r"|\bhad an? (fight|argument|row)\b"
                r"|\bwas (robbed|stolen|attacked|hit)\b")
ENGLISH_HEARSAY = (r"\bnews\b|\bheard\b|\bmovie\b|\bfilm\b|\bgame\b|\bdream|\bplay\b|\bdrama\b"
                   r"|\bscene\b|rehearsal|\bdrill\b|\bnovel\b|\bstory\b")
# Words right before a cue that deny it (没有着火) or right after it that make it a category
# rather than an event (打架斗殴现象, 入室盗窃案件).
NEGATION = re.compile(r"(没有?|不是|并非|并没有?|未|无|不会|别|不要|不能|禁止|严禁|防止|谨防)"
                      r"(人|有人)?$")
# A cue as the degree of something everyday (闷得喘不过气, 写得我想跳楼, 排队排到腿都断了).
DEGREE = re.compile(r"((?<![打砸捅砍撞烧摔伤踢揍咬烫压勒掐])得"
                    r"|(?<=[累笑哭气急忙饿困热冷吵烦疼痛卷熬写学玩排"
                    r"等站坐堵挤晒冻喝吃a-z])到|简直|恨不得)(我|人|他|她|俺|都)?(都|快|要|想)?$")
# A cue as a comparison (全是烟，跟着火了一样).
SIMILE = re.compile(r"[^,;:。!?\n]{0,3}(一样|似的|一般)")
NOMINAL = re.compile(r"(的)?(盗窃|抢劫|伤人|杀人|诈骗)?(案|现象|问题|行为|案件|事件|案子|事(?!了)"
                     r"|事情|那个事|这个事|一方|多发|频发|高发|隐患|风险|事故(?!了)"
                     r"|类|方面|常识|知识|宣传|预案|通道|设施|器材|报警器)")
_TENSE = ("past", "aftermath", "now")
# Scare quotes around a cue word alone: a word in another sense (被作业“绑架”了).
_OPEN, _CLOSE = "“「『‘\"'", "”」』’\"'"
_STILL_THEN = frozenset({"还在", "仍在", "人还在"})
WORRY = re.compile(r"担心|害怕会|怕会|恐怕|再不|可能会|会不会")
ONGOING = re.compile(r"还没|到现在|至今|一直(没|不)|还在|仍在|依然在|仍然在|越来越|没人|人还在")


@dataclass(frozen=True)
class Marker:
    """A tense, aspect or modality word found in a message."""

    kind: str
    start: int
    end: int
    words: str


class MarkerScanner:
    """Every marker table, split into alternatives indexed by the characters they need.

    Finds what one alternation of all the tables would (leftmost first, earlier tables and
    alternatives first at the same place), running only the alternatives a message can match.
    """

    def __init__(self) -> None:
        table = dict(MARKERS)
        table["past"] += "|" + ENGLISH_PAST
        table["hearsay"] += "|" + ENGLISH_HEARSAY
        self._branches: list[tuple[str, re.Pattern[str]]] = []
        self._always: list[int] = []
        self._by_char: dict[str, list[int]] = {}
        for kind, pattern in table.items():
            for branch in branches(pattern):
                required = required_chars(branch)
                for char in required or ():
                    self._by_char.setdefault(char, []).append(len(self._branches))
                if required is None:
                    self._always.append(len(self._branches))
                self._branches.append((kind, re.compile(branch)))

    def find(self, norm: str) -> list[Marker]:
        """Every marker in `norm`, in order, none overlapping."""
        candidates = set(self._always)
        for char in set(norm):
            candidates.update(self._by_char.get(char, ()))
        hits = sorted((match.start(), i, match.end(), match.group(0))
                      for i in candidates for match in self._branches[i][1].finditer(norm))
        found, reached = [], 0
        for start, i, end, words in hits:
            if start >= reached and end > start:
                found.append(Marker(self._branches[i][0], start, end, words))
                reached = end
        return found


def frame_of(norm: str, start: int, end: int, clause: Clause, clauses: tuple[Clause, ...],
             markers: list[Marker], threat: str = "") -> tuple[str, Marker | None]:
    """(frame, the marker that decided it) for a cue at norm[start:end] in `clause`.

    A `threat` (its kind: "self_harm" or "crime") is read past some markers that would
    defuse any other cue (`_defused_for_threat`).
    """
    if NEGATION.search(norm[max(clause.start, start - 4):start]):
        return MODAL, Marker("negated", start, start, norm[max(clause.start, start - 4):start])
    if (degree := DEGREE.search(norm, max(clause.start, start - 5), start)) is not None:
        return MODAL, Marker("degree", degree.start(), start, degree.group(0))
    if (simile := SIMILE.match(norm, end, end + 6)) is not None:
        return MODAL, Marker("simile", end, simile.end(), simile.group(0))
    if (nominal := NOMINAL.match(norm, end, end + 4)) is not None:
        return MODAL, Marker("nominal", end, nominal.end(), nominal.group(0))
    if not threat and _quoted(norm, start, end):
        return MODAL, Marker("quoted", start - 1, end + 1, norm[start - 1:end + 1])  # “绑架”
    # The cue's own words do not frame it (救命 is no "now" for itself), except a state
    # it spells out (孩子到现在还没回来).
    markers = [m for m in markers
               if not (start <= m.start and m.end <= end and not ONGOING.match(m.words))]
    if threat:
        markers = [m for m in markers if not _defused_for_threat(norm, m, start, threat)]
    sentence = [m for m in markers if _in_sentence(m, clause.sentence, clauses)]
    inside = [m for m in sentence if clause.start <= m.start < clause.end]
    for marker in sentence:
        if marker.kind in ("hypothetical", "hearsay", "topic"):
            return MODAL, marker
    for marker in inside:
        if marker.kind == "habitual":
            return HABITUAL, marker
    tense = [m for m in inside if m.kind in _TENSE]
    before = [m for m in tense if m.start < end]
    decisive = before[-1] if before else (tense[0] if tense else None)
    if (decisive is not None and decisive.words in _STILL_THEN and len(before) > 1
            and before[-2].kind == "past"):
        decisive = before[-2]       # 报警的时候小偷还在: still there then, not now
    if decisive is not None:
        return (NOW if decisive.kind == "now" else PAST), decisive
    progressive = next((m for m in inside if m.kind == "progressive"), None)
    if progressive is not None:
        return NOW, progressive
    for marker in sentence:
        if marker.kind == "question" or (marker.kind == "hazard" and marker in inside):
            return MODAL, marker
        if marker.kind == "habitual":
            return HABITUAL, marker
    carried = [m for m in markers if m.end <= clause.start and m.kind in ("past", "now")]
    if carried:
        return (NOW if carried[-1].kind == "now" else PAST), carried[-1]
    ongoing = next((m for m in sentence if m.kind == "now"), None)
    if ongoing is not None:
        return NOW, ongoing
    after = next((m for m in markers if m.start >= end and m.kind == "aftermath"), None)
    if after is not None:
        return PAST, after
    # A standing problem told in another sentence ("…。天天这样") frames a plain report too.
    habit = next((m for m in markers if m.kind == "habitual"), None)
    if habit is not None:
        return HABITUAL, habit
    return NEUTRAL, None


def strong_now(norm: str, end: int, marker: Marker | None, clause: Clause) -> bool:
    """A marker in the cue's own clause that a formal letter uses only for an event now."""
    return (marker is not None and clause.start <= marker.start < clause.end
            and not norm.startswith("的", end)       # 正在遭受家暴的妇女: a kind of person
            and marker.kind in ("now", "progressive") and bool(_STRONG.search(marker.words)))


_STRONG = re.compile(r"正在|正|此刻|此时|这会|刚才|刚刚|快来|速来|right now")


def _defused_for_threat(norm: str, marker: Marker, start: int, threat: str) -> bool:
    """A marker that leaves a threat as real as it was.

    A worry about it (担心她想不开), a condition whose consequence it is (不管我就跳下去), a
    question about what to do (发现他写了遗书该怎么办); for self-harm also a habit (她最近
    老说不想活了): each of these is how people report a threat, not a denial of it.
    """
    if marker.kind == "hazard" and WORRY.match(marker.words):
        return True
    if marker.kind == "question" or (marker.kind == "habitual" and threat == "self_harm"):
        return True
    if marker.kind == "aftermath" and threat == "self_harm":
        return True     # self-harm is never over because something else is (生意赔了)
    if marker.kind == "habitual" and threat == "missing" and marker.start > start:
        return True     # a trait told after the disappearance (她最近情绪不好), no habit of it
    return (marker.kind in ("hypothetical", "hazard") and marker.end <= start
            and "就" in norm[marker.end:start])


def _quoted(norm: str, start: int, end: int) -> bool:
    return 0 < start and end < len(norm) and norm[start - 1] in _OPEN and norm[end] in _CLOSE


def _in_sentence(marker: Marker, sentence: int, clauses: tuple[Clause, ...]) -> bool:
    return any(c.sentence == sentence and c.start <= marker.start < c.end for c in clauses)
