"""Danger already over or in others' hands: a scare told with its outcome, a passer-by's sighting.

Residents tell a scare in order: 刚才孩子找不着了 … 已经找到了，虚惊一场. The clause of the cue says
"now", but a later clause says the danger has passed, so nothing is left for officers to run
to: the message is a past event (a P2 complaint, or thanks) unless a word after the outcome
says the danger goes on (还在, 还没, 救命, 昏迷…). Self-harm is left alone: someone pulled back
from a ledge is still someone at risk.

The outcome words are `frames`' aftermath markers and `OUTCOME`. A passer-by who saw fire
engines or an ambulance go by and wonders what happened (`SIGHTING`), or a resident who
wants to learn first aid ahead of time (`PREPARING`), reports no danger of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from handlers.classifier.cues.later.left_down import LEFT_DOWN
from handlers.classifier.cues.markers import NUISANCE as NUISANCES
from handlers.classifier.cues.settled import SPARED, compact, safe_still, scam_told, seen_through
from handlers.classifier.cues.situations.pending import not_closed
from handlers.classifier.cues.situations.usual import usual_arrival
from handlers.classifier.frames import Marker
from handlers.classifier.lexicon import GAP

# Words after the outcome that say the danger goes on, or that someone is still hurt.
STILL = re.compile(
    r"还在|仍在|仍然|依然|还没|还是没|又(开始|烧|着|来|打|冒|追)|快来|快派|速来|快点|救命|赶紧(来|派|过来)"
    r"|怎么办|咋办|不行了|出不来|没找到|找不到|找不着|联系不上|昏迷|叫不醒|不醒|没(有)?(呼吸|意识|气)"
    r"|流(了)?(很多|好多|不少)?血|越来越|伤(得)?(很|挺|特别)?(重|严重)|骨折|送(去)?(医院)?抢救"
    r"|要不要|还差|(人|就他|就她|他|她)(还)?没(有)?回(来|家)|拿(钱|存折|银行卡)|取钱"
    r"|没(有)?(反应|动静)|说话不清|口齿不清|嘴歪|半边身子|没(有)?力气|(还|又|再|继续)(让|叫|催|逼)|(还|又)要(我|俺|他|她)|(继续|再)(转|交|付|充|汇)"
    # part of it over, the rest not (灭了一半, 里面还有人没出来, 还有一个在水里)
    r"|(?<=了)一半(?![的东])|还有" + GAP + r"{0,6}(没(有)?(出来|逃出来|救出来|跑出来|上来|找到)"
    r"|困(着|在|住)|在(里面|里头|水里|河里|楼上|屋里|火里)|(被)?(压|卡|埋)(在|住|着))"
    r"|still|again|hurry|please come|(hasn't|has not|haven't) (been |come )?(back|found)|"
    + LEFT_DOWN)    # someone left down as the crowd breaks up (人都散了，倒了一个)

# An outcome still pending in its own clause (钱还差一笔没转: part of it is already gone).
_PENDING = re.compile(r"还|只|差")
# Someone back again (他又拿着刀回来了) is a threat returning, not one safely home.
_NOT_AGAIN = "".join(rf"(?<!又{GAP}{{{i}}})" for i in range(9))
# A threat that has come back (又回来了, 又折回来, 又拎着菜刀上楼来了): the danger starts again.
# (又回来上班了 is someone back at work: the clause must end on the return.)
# (又来了 alone is "here we go again".)
RETURNED = re.compile(r"又" + GAP + r"{0,8}(回来|折回来|杀回来|找上门(来)?|上楼来|冲进来)(了)?"
                      r"(?=[,;:。!?\s]|$)")
# Outcomes `frames` does not list: someone stopped it, nobody was hurt.
OUTCOME = re.compile(r"(拦|劝)(住|下)了|(人|孩子|大家|都)(都)?没事|没(有)?人受伤|没伤(着|到)"
                     r"|(就|已经|都)灭了|[抱救拉扶捞弄放抬背拽](下来|上来|出来|起来)了|"
                     + _NOT_AGAIN + r"回来了|在我身边"
                     # a school's or a firm's answer to what happened (老师只是让他们道歉)
                     r"|(老师|学校|校方|班主任|机构)" + GAP + r"{0,6}(道歉|和稀泥|不露面|辞职|处理"
                     r"|调解)|(?<!不)联系上了|打(着|了)石膏|在家(歇|养|休息)|出院了"
                     r"|(人|他|她)(也|已经|都)?醒(了|过来)|火(已经|也)?(小|灭)了|(人|他|她)好像没(事|受伤)"
                     r"|(he|she|they)('s| is| are) (fine|ok|safe|back)"
                     r"|(?<!n't )(?<!not )(?<!yet )found (him|her|them)"
                     r"|all good|turned up|false alarm"
                     r"|turn(ed|s) out (to be|it was|it's|they|he|she|it)"
                     # what it was, seen up close (敲门发现是在熏腊肉, 仔细一看是擦玻璃的工人)
                     r"|(才|一看|敲门|结果)发现(原来)?是|(仔细|走近|近前)(了)?(一)?看(原来)?是"
                     r"|(?<![没不])灭了|没(味|烟)了|(味|烟)(散|没)了|开窗通风"
                     r"|(已|已经)(自行|自己)?回(到)?家|人员安全|撤销(求助|报警)"
                     # someone late, reached or found somewhere safe (打通了，说在同学家玩呢)
                     r"|(电话)?打通了(?!" + GAP + r"{0,3}(没|不|但|可))|接(通|了)电话"
                     r"|原来(是)?(在|搁|去)|(他|她)说(在|搁)" + GAP
                     + r"{0,8}(家|店|站|路上|学校|单位|那)|说(是)?(在路上|留下来|马上回|快到)"
                     r"|(他|她)(说)?(在|搁)"
                     + GAP + r"{0,10}(玩|坐|下棋|聊天|喝茶|睡着|吃饭|歇)|找着了|快到了|往家走"
                     r"|(is|he's|she's) at (a|their|his|her)")
# Someone late who was reached, or whose whereabouts someone gave (打电话他说在河边听人唱戏,
# 刚接电话说在KTV唱歌呢, 邻居说她们在包饺子): an outcome for a missing person's cue only (a
# swindler's call says things too), unless a word after it says they are lost or in danger.
REACHED = re.compile(
    r"(电话|手机|视频|语音|电话手表)(里|那头)?" + GAP + r"{0,3}(他|她|ta)(说|讲)"
    r"|(接|回)(了|通)?(个)?(电话|视频)(说|讲)|打通(了)?(电话|视频)?(说|讲)"
    r"|说(他|她|他们|她们|孩子|人|大巴|车)?(正|都)?(在|搁)(?!哪)"
    r"|说(他|她|他们|她们|孩子|大巴|车)?(堵在|堵车|晚点|在路上)")
_LOST = re.compile(r"迷路|迷了路|哪(里|儿)|哭|害怕|吓(坏|哭|傻|得)|被|救|疼|伤|不舒服|陌生|跟着"
                   r"|不让|想不开|不想活|关机|不见|失联|麻烦你们|对不起|河|湖|江|水|桥|楼顶|天台"
                   r"|lost|scared")
_WHERE = re.compile(r"[在搁说讲]|(is|he's|she's) at")
# Responders seen going by, by someone who does not know what happened (no plea, no "my").
_RESPONDERS = (r"(消防车|救护车|警车|120|119|ambulance|fire (truck|engine)|police car)")
SIGHTING = re.compile(
    r"(看(到|见)|路过|经过|听(到|见)|saw|passed)[^。!?\n]{0,12}" + _RESPONDERS
    + r"[^。!?\n]{0,20}(开(过去|过|走|着)|经过|往[^,;:。!?\n]{0,6}(去|开)|鸣笛|停在|不知道"
    # the passer-by's guess of what they are doing (好像是查酒驾的吧)
    r"|(好像|应该|估计|可能|大概)是[^。!?\n]{0,10}(吧|吗|呢)"
    r"|looks like|under control|went by|drove past|heading)")
_OWN = re.compile(r"救命|快来|帮帮|(我|俺)(家|们家|的)|help|my ")
PREPARING = re.compile(r"提前(学|了解|准备)|(学|了解)一下[^,;:。!?\n]{0,4}(以防|万一|备用)"
                       r"|想(学|了解)一下|以防万一|以备不时之需|just in case")


# Responders already handling it (交警已经在处理了, 救护车刚把他拉走, 司机已经叫了救护车,
# 保安把他劝走了): whoever writes is a bystander of a matter in hands that can act, unless a
# word after it says the danger goes on (`STILL`) or the writer pleads or is in danger.
_HANDLERS = (r"(交警|警察|民警|巡警|特警|辅警|消防员|消防车|消防队|消防|救护车|急救车|救援车"
             r"|医生|护士|医护人员|医护|保安|物业|工作人员|管理员|护林员|维保(的人|师傅)?|电工"
             r"|村干部|环保(局)?的人|店员|司机|路人|家里人|家人|大人"
             r"|(他|她)(爸|妈|爸爸|妈妈|家里人)"
             r"|firefighters?|police( officers?)?|paramedics|fire (engines?|trucks?)|ambulance)")
ON_SCENE = re.compile(
    _HANDLERS + r"(们)?(也)?((已经|已|都)(到|在(那|这|现场|处理|灭|救|抢救|指挥|楼下|门口"
    r"|里面)|来了|赶到)|(已经|已|都|刚刚?)?(到了|来了|赶到了|在处理(了)?|在灭(火)?了|在指挥"
    r"|处理(了|过)|控制住了|叫了(救护车|120|吊车|拖车)"
    # taken away (not one of several: 拉走了一个，还有一个…)
    r"|(拉|送|接|抬)走了(?!\s?[一两二三几]|\s?个)|(来|过来|赶来)?把" + GAP
    + r"{0,8}(拉走|送走|带走|接走"
    r"|送到医院|送去医院|放出来|劝走|劝开|拉开|救出来|救上来|抱起来|扶起来|抬上车|带去)"
    r"|(过来|上来|赶来)?(劝开|拉开|劝走|带走)了|带(她|他|孩子)(去|到)"
    r"|(已经|已|都)?(过去了|去看了|正在处理)|(已经)?(把门(打开|撬开)|弄(出来|下来)|放出来)了"
    r"|(已经|已)?带着(她|他|孩子)))"
    r"|(被|让)" + _HANDLERS + r"(领|带|送|接)(到|去|走)"
    r"|(police|firefighters|paramedics)( and an? ambulance)?( are| is| were| was)? (already )?"
    r"(there|here|inside|on (the )?scene|dealing)|under control")
# The writer in danger, or pleading: responders nearby do not make it a sighting.
_IN_DANGER = re.compile(r"救命|快来|快派|帮帮|(我|俺|我们|俺们)" + GAP + r"{0,6}(出不去|被困"
                        r"|困在|受伤|下不去|走不了|喘不上)|help|trapped")


def sighting(norm: str) -> re.Match[str] | None:
    """A passer-by's sighting of responders already on their way, responders already
    handling a matter nobody is left in danger of, or first aid learned ahead."""
    found = SIGHTING.search(norm)
    if found is not None and not _OWN.search(norm):
        return found
    handled = _on_scene(norm)
    if (handled is not None and not STILL.search(norm, handled.end())
            and not RETURNED.search(norm, handled.end()) and not _IN_DANGER.search(norm)):
        return handled
    return PREPARING.search(norm)


def _on_scene(norm: str) -> re.Match[str] | None:
    """Responders handling it (`ON_SCENE`), in a voice transcript too (救护车 已经 拉走了):
    found in the compacted text, the match given again on the message itself."""
    handled = ON_SCENE.search(norm)
    if handled is not None:
        return handled
    squeezed = compact(norm)
    if squeezed.text == norm or (found := ON_SCENE.search(squeezed.text)) is None:
        return None
    start, end = squeezed.span(found.start(), found.end())
    return re.compile(re.escape(norm[start:end])).search(norm, start)

# The resident or their family in a matter happening now (俺这会儿正在…, 我爸现在正…).
_OWN_NOW = re.compile(r"(我|俺|我们|俺们|我爸|我妈|俺爹|俺娘|我家|俺家)[^,;:。!?\n]{0,8}"
                      r"(正在|这会儿?|此刻|此时)|(正在|这会儿?|此刻|此时)[^,;:。!?\n]{0,4}(我|俺)")


def own_now(norm: str, marker: Marker) -> re.Match[str] | None:
    """The resident's own matter going on now, told after a talk, a video or a game that
    framed it (a swindler on a video call, a sales talk where a father is paying now)."""
    return _OWN_NOW.search(norm, marker.end)


def over_after(norm: str, end: int, markers: Sequence[Marker],
               missing: bool = False) -> Marker | None:
    """The outcome that closes a cue ending at `end`: the last aftermath marker after it,
    when no word after that marker says the danger goes on; else None. `missing`: the cue is
    a missing person's, whom being reached (`REACHED`) closes too. Outcome words are read in
    the compacted text (`settled.compact`: a voice transcript's spaces out); a scam seen
    through (`settled.seen_through`) closes a message about a swindler's approach."""
    after = [m for m in markers if m.kind == "aftermath" and m.start >= end]
    squeezed = compact(norm)
    text, start = squeezed.text, squeezed.inside(end)
    found = [*OUTCOME.finditer(text, start), *SPARED.finditer(text, start),
             *(REACHED.finditer(text, start) if missing else ()),
             *(seen_through(text, start) if scam_told(norm) else ())]
    # Somewhere safe only if nothing from there on says lost or in danger (他在河边坐着).
    after += [Marker("aftermath", *squeezed.span(m.start(), m.end()), m.group(0)) for m in found
              if not (_WHERE.search(m.group(0)) and _LOST.search(text, m.start()))]
    # Neither a step still to come (还差一笔没转) nor the usual (平时十分钟就回来了) ends it.
    # Nor words that tell the danger itself (灯灭了, 把我们都拉黑了, 120说在路上: `pending`).
    after = sorted((m for m in after if not _PENDING.search(_clause_before(norm, m.start))
                    and not usual_arrival(norm, m.start)
                    and not not_closed(norm, m.start, m.end)), key=lambda m: m.start)
    if not after:
        return None
    last = after[-1]
    return None if _goes_on(text, squeezed.inside(last.end)) else last


def _goes_on(text: str, start: int) -> bool:
    """A word from `start` on says the danger goes on (`STILL`), not that a thing is safe."""
    return any(not safe_still(text, m) for m in STILL.finditer(text, start))


# Told afterwards in the cue's own clause, with no word of "now" anywhere: a break-in or damage
# found (我家羊圈被撬了, 应该是有人翻进来的), a child hit at school told by a parent (孩子被同学
# 打了). Whoever did it is gone; the resident reports it.
_FOUND = re.compile(r"被(人)?" + GAP + r"{0,4}(撬|砸|偷|剐|划|砍)(了|开|坏|烂)"
                    r"|(应该|肯定|估计|可能|八成|好像)是" + GAP + r"{0,8}(进来|翻进来|撬开|进去)的")
_AT_SCHOOL = re.compile(r"(被|叫|让)" + GAP + r"{0,4}(同学|老师|室友|学长|学姐)" + GAP
                        + r"{0,6}(打|揍|欺负)(了|得|出)")
_DONE = {"intrusion": _FOUND, "smash": _FOUND, "weapon": _FOUND, "fight": _AT_SCHOOL}
# Someone still there after the break-in (里面好像还有人, 我在门外不敢进).
_PRESENT = re.compile(r"还有人|有人在|有动静|不敢进|没(走|出来)|在里面|还在|躲在")
# The money already paid after a swindler's demand, in a message with no word of "now"
# (让我转钱解冻，我转了三次; 交了之后根本没活; 把俺的养老钱充进去八千).
_PAID = re.compile(r"(?<!刚)(转|交|付|充|汇|投)(了|进去|出去|过去)+" + GAP
                   + r"{0,4}[\d一二三四五六七八九十两几百千万]+(次|回|笔|块|元|万|千|百|多)"
                   r"|(转|交|付|充|汇)了(钱)?(之后|以后)")


def done_before(norm: str, cue: str, kind: str, clause: tuple[int, int], cue_end: int,
                markers: Sequence[Marker]) -> Marker | None:
    """The event of a cue told in plain wording as done and found afterwards: in its own
    clause (norm[clause[0]:clause[1]]: a break-in found, a child hit at school), or for a
    fraud the money paid after it, when no word of the message says "now"."""
    pattern = _DONE.get(cue)
    found = pattern.search(norm, *clause) if pattern is not None else None
    if found is not None and cue != "fight" and _PRESENT.search(norm):
        found = None
    if (found is None and kind == "fraud"
            and not any(m.kind in ("now", "progressive") for m in markers)):
        found = _PAID.search(norm, cue_end)
        if found is not None and STILL.search(norm, found.end()):
            found = None
    return None if found is None else Marker("past", found.start(), found.end(), found.group(0))


def _clause_before(norm: str, position: int) -> str:
    start = max(norm.rfind(mark, 0, position) for mark in ",;:。!? \n")
    return norm[start + 1:position]


# A nuisance going on now (noise, a blocked way, smoke from a barbecue) that harms nobody: it
# is a complaint however "now" it is told, unless a word says someone is hurt or in danger.
NUISANCE = re.compile(NUISANCES["any_time"])
HARM = re.compile(
    r"受伤|伤(了|着|到|人)|流血|出血|血|晕|昏|倒地|倒在|(?<!没)(?<!没有)(?<!不)动(手|刀)|打(人|我|他|她"
    r"|起来|架)|刀|枪|棍|着火|起火|火(很|太|越来越)大|浓烟|黑烟|救命|危险|害怕|吓人|威胁|抢|偷|撬|骗"
    r"|转账|不见|找不到(?!车主|司机)|没回|自杀|跳|(?<!死)死(?!死)|撞(人|倒|伤|了人)|被困|困在|出不来|呼吸|抽搐|孩子(哭|吓)"
    r"|钱|押金|付款|扫码|被" + GAP + r"{0,6}(堵|围|拦|拽|拉)|躲"
    r"|hurt|injur|blood|fire|smoke|knife|gun|help|danger|scared|afraid")


def nuisance(norm: str) -> re.Match[str] | None:
    """A nuisance harming nobody (noise, a blocked way), whatever "now" the message says."""
    found = NUISANCE.search(norm)
    return found if found is not None and not HARM.search(norm) else None


# A person gone since last night is missing still: "yesterday" dates the start, and a later
# word of today says the absence goes on (昨晚出去就没回来，今天电话还关机), not a mood
# (现在还在生气).
_SINCE = re.compile(r"昨|前天|前晚|前儿|夜来|yesterday|last night")
_TODAY = re.compile(r"(今|现在|这会|至今|一直|还|一整天|一夜)[^。!?]{0,12}"
                    r"(没|不|关机|空|联系不上|找不到)"
                    r"|(today|still|this morning)[^.!?]{0,30}(not|n't|off|no one|nobody)"
                    r"|has(n't| not) (been|come|called)")


def still_missing(norm: str, marker: Marker) -> bool:
    """A missing person's cue put in the past by a recent day, the absence told as going on
    after it: today still gone, off or unreachable (an outcome told is `over_after`'s)."""
    return _SINCE.match(marker.words) is not None and _TODAY.search(norm, marker.end) is not None
