"""What the alarm's own raise (no cue of the gate's named a danger) must not read as the
writer's danger: where the writer is or what they are doing, a pattern over days, a car
blocked in.

The alarm learned 我现在, 现在在 and 正在 as an emergency's own words (a danger is told now,
and where the writer is); so it reads "I am on the bus now" as "something is happening to me
now". It is asked instead about the rest of the message: what happens there, not where the
writer stands. A danger told in the same clause as the place (我现在被人跟着) or someone else
acting after it (我在家里，外面一直有人敲门) keeps the whole message, and a place that is itself
a danger (楼顶, 河边, 电梯里) is no plain whereabouts. Stop 32: 15 of stop 31's 17 everyday
probes and 5 of alarm14's quiet; no line of any emergency set or intent file changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from handlers.classifier.cues.aftermath import HARM
from handlers.classifier.lexicon import GAP
from handlers.classifier.text import cjk_count

# The writer, or one of their own, and where they are or what they are doing now (我现在在
# 地铁上, 我正在开车, 孩子现在在外婆家, 我现在就去拍证件照): one whole opening clause.
_WHO = r"(我|俺|我们|俺们|孩子|我(家)?(妈|爸|老婆|老公|媳妇|儿子|女儿|闺女|孩子))"
_WHEREABOUTS = re.compile(
    r"(?:" + _WHO + r")(人)?(现在|这会儿?|目前|此刻|马上)?(人)?(就|还|已经|正)?"
    r"(在|正在|到|去|过去|往)[^,;:。!?\sa-z0-9]{1,12}(?=[,;:。!?\s]|$)")
# Places and states that are a danger in themselves, words of someone acting on the writer,
# and pastimes: a film or a game on is what a cry or a blow told next may come from (我在看
# 电影，里面有人拿刀砍人), which the alarm learned to weigh.
_NOT_PLAIN = re.compile(r"楼顶|天台|顶楼|窗台|阳台|边上|河|江|湖|海|水|井|桥|崖|电梯|火|铁轨|高速"
                        r"|荒|山|野外|被|让|给|把|跟|躲|藏|困|救|抢|偷|撬|追|血|疼|晕|摔|跳|死"
                        r"|丢|走失|不见|找不|转|汇|钱|账|卡|骗|陌生|药|酒"
                        r"|打(?!扫|电话|车|工|针|卡|球|牌)|看|电影|电视|剧|游戏|玩|视频|直播|动画")
_PUNCT = ",;:。!?\n "
_STRANGER = re.compile(r"有人|有个|男的|女的|男人|女人|陌生|那人|那个人|一个人|几个人|两个人"
                       r"|一伙|一群|一帮|醉汉|小偷|骗子|坏人")
# At least this many Chinese characters in the rest for the alarm to weigh it (`opinion`'s
# bar, repeated here since opinion imports this module).
_MIN_CJK = 8


def weighed_beyond_whereabouts(norm: str, gram_set: set[str],
                               probability: Callable[[str, set[str] | None], float],
                               mentions: Callable[[str], bool]) -> float:
    """The alarm's probability for a message it would raise on its own: of the part past an
    opening clause that only says where the writer is or what they are doing (no cue of the
    gate's in it, `mentions`), if there is one (0 when that part is too short to weigh and
    names no harm); else of the whole."""
    found = _WHEREABOUTS.match(norm)
    if found is None or _NOT_PLAIN.search(found.group(0)) or mentions(found.group(0)):
        return probability(norm, gram_set)
    rest = norm[found.end():].lstrip(_PUNCT)
    if _STRANGER.search(rest):
        # Someone else acts beside the writer (我在家里，外面一直有人敲门): where the writer is
        # is part of what is told, as the alarm learned it.
        return probability(norm, gram_set)
    cjk = cjk_count(rest)
    if cjk >= _MIN_CJK and cjk >= 0.3 * len(rest.replace(" ", "")):
        return probability(rest, None)
    return probability(norm, gram_set) if HARM.search(rest) else 0.0


_NUM = r"[0-9一二三四五六七八九十两几半多]+"
# A pattern told over days (好几天了, 这几天, 连着三天, 一个星期了): a tip or a complaint, unless
# someone is held or gone all that time (被关在家里好几天了, 失联三天了).
# (这几天的照顾 names a stay, not a pattern.)
SPAN = re.compile(r"((好|这)几(天|个?星期|周|个?礼拜|个?月)|(连着|连续|一连)" + _NUM
                  + r"(天|个?星期|周|个?礼拜|个?月)|" + _NUM + r"(天|个?星期|周|个?礼拜|个?月)(多)?"
                  r"(了|以来)|这段时间|这阵子|这些天|这一(周|星期))(?!的)")
HELD = re.compile(r"关|锁|扣(在|住|着|押|下)|困|控制|囚|绑|押|拘|软禁|不让|不放|失联|联系不上"
                  r"|打不通|关机|没回|不见|找不到|走丢|走失|没消息|下落")
# A car blocked in or stuck (车被堵在车位里出不来): a parking matter, not a person held.
VEHICLE_BLOCKED = re.compile(r"车" + GAP + r"{0,6}(被|给)" + GAP + r"{0,8}(堵|挡|围|卡)"
                             r"|(堵|挡)(住|着|在)(了)?" + GAP + r"{0,4}车(?!库|场|里)")

# A worry about someone with nothing happening to them (我妈一个人在家，我有点不放心; wo you
# dian dan xin): the alarm read 一个人在家 as someone alone in danger. A word of harm, or of
# someone gone or unreachable, in any spelling keeps the raise.
_WORRY = re.compile(r"担心|不(太|大)?放心|放心不下|dan ?xin|bu ?((tai|da) ?)?fang ?xin"
                    r"|fang ?xin ?bu ?xia|\bworried\b")
# Someone unreachable is a worry with a reason (电话一直没人接, hasn't answered since morning).
_UNREACHED = re.compile(r"没人接|不接|没接|打不通|联系不上|关机|失联|没(有)?(回|音|消息|动静)|不回"
                        r"|answer|reach|respond|pick(ed|ing)? up|(bu|mei) ?jie|da ?bu ?tong"
                        r"|lian ?xi ?bu|guan ?ji|mei ?(hui|xiao ?xi)")
_PINYIN_HARM = re.compile(r"\b(mei ?hui|bu ?jian|zhao ?bu|yun|xue|da ?(wo|ta|ren)|qiang|pian"
                          r"|huo|si|tiao|shang|teng|tong|jiu ?ming|lian ?xi ?bu|guan ?ji|diu"
                          r"|zou ?(shi|diu)|shuai|dao ?(di|le)|hu ?xi|chou|ci|sha)\b")


def worried_only(norm: str) -> bool:
    """A worry with no harm named, in characters, English or pinyin."""
    return (_WORRY.search(norm) is not None and HARM.search(norm) is None
            and _PINYIN_HARM.search(norm) is None and _UNREACHED.search(norm) is None)


def blocked_in_or_worried(norm: str) -> bool:
    """A car blocked in (`VEHICLE_BLOCKED`) or a worry with no harm named (`worried_only`):
    what the alarm's own raise must not page anyone for."""
    return VEHICLE_BLOCKED.search(norm) is not None or worried_only(norm)
