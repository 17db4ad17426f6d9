"""Someone at risk of ending their life (CONTRACT §4, kind `self_harm`) told without the usual
words: pulled back for a moment but still refusing help (我把他拉回来了，他说别管他), with a
plan for a time still ahead (说今晚就吃了) that walking home does not end, a farewell sent
from a bridge or a roof (以后不用找我了，我在桥上挺好的), or all of the pills with what will
no longer be needed (把药都吃完，明天就不用再上班了).

A rescue told as its outcome closes nothing while the one rescued says they will go on
(`still_at_risk`); the farewell and the pills are cues of the gate's.
"""

from __future__ import annotations

import re

from handlers.classifier.lexicon import GAP, JOKE, Cue

_THEM = r"(我|俺|他|她|ta|人家)"
# The one held back still refusing help, or saying they will try again.
_REFUSING = (r"别(管|拦|救|拉)" + _THEM + r"?|(让|叫)" + _THEM + r"(去)?死|非(走|死|跳)不可"
             r"|拦得住" + GAP + r"{0,8}拦不住|不想(再)?连累"
             r"|(下次|明天|回头)(还|再)(要|会)?(走|跳|死)"
             r"|还(要|想|会)(走|跳|死|寻死)|(不让|别让)" + _THEM + r"(走|死)"
             r"|leave (me|her|him) alone|let (me|her|him) (go|die)"
             r"|don't (stop|save) (me|her|him)")
# A plan for a time still ahead, in a message about pills, a height or water.
_AHEAD = (r"(今晚|今天晚上|今夜|一会儿?|等" + GAP + r"{0,6}(睡|走))(我)?(就|要)(全|都)?"
          r"(吃|吞|喝|跳|割)(了|下去|掉)?(?!完|饭|东西)")
_MEANS_NEAR = re.compile(r"药|楼顶|天台|桥|河|江|湖|刀|绳")
_STILL_AT_RISK = re.compile(_REFUSING)
_PLAN_AHEAD = re.compile(_AHEAD)


def still_at_risk(norm: str, start: int = 0) -> re.Match[str] | None:
    """Words from `start` on saying that the one at risk will go on (别管他, 下次还要走), or a
    plan for a time still ahead anywhere in a message about pills, a height or water."""
    refusing = _STILL_AT_RISK.search(norm, start)
    if refusing is not None:
        return refusing
    return _PLAN_AHEAD.search(norm) if _MEANS_NEAR.search(norm) else None


# Words of a last goodbye.
_FINAL = (r"以后(就)?不用(再)?(找|等|管|惦记|担心|联系)(我|俺)|最后(一次)?(跟|和|给)" + GAP
          + r"{0,6}(说|道)|(这次|再也|永远)(都)?不(会)?回来了|再见了|永别|说(一)?声再见"
          r"|goodbye|won't be (coming )?back|never coming back")
# Where the goodbye is sent from: a height or the water's edge.
_EDGE = (r"(在|站在|坐在|到了|爬到|上了|定位(在)?)" + GAP + r"{0,6}(桥上|大桥|楼顶|天台|江边|河边"
         r"|湖边|海边|铁轨|铁道|崖|护栏外|阳台外|顶楼)|(on|at) (the|a) (bridge|roof|ledge|river"
         r"|lake|cliff|railway)")
# Everyday reasons to be there and to say goodbye (a trip, fishing, the view).
_OUTING = (r"旅游|旅行|出差|拍|钓鱼|玩|散步|遛|夜景|风景|航班|聚会|毕业|搬家|调(走|去)|退休|演出"
           r"|trip|holiday|vacation|fishing|photo|view")
# All of the pills, with what will no longer be needed after them.
_ALL_PILLS = (r"把" + GAP + r"{0,8}药" + GAP + r"{0,2}(都|全|全部|一把|一口气)" + GAP
              + r"{0,1}(吃|吞|喝)(完|掉|光|下去|了)?")
_NO_MORE = (r"(明天|以后|从此|往后)(就|我就)?(再)?(也)?不用(再)?"
            r"(上班|上学|受|面对|看|听|醒|起|还|干|活|熬|忍)|再也不用|就(解脱|结束|清净|轻松)了|一了百了")
_TREATMENT = r"疗程|感冒|发烧|医生|医院|复查|复诊|开药|饭(前|后)|按时|消炎|退烧|病(就)?好"

AT_RISK_CUES: tuple[Cue, ...] = (
    Cue("farewell_at_edge", ("self_harm",), _FINAL, needs=(_EDGE,), unless=_OUTING,
        hyperbole=JOKE),
    Cue("all_the_pills", ("self_harm",), _ALL_PILLS, needs=(_NO_MORE,), unless=_TREATMENT,
        hyperbole=JOKE),
)
