"""A child taken away by a parent or a relative who is a danger to them, and out of reach now
(孩子他爹以前喝多了就打娃，今天又把娃带走了，电话不通; 前夫把孩子从幼儿园抢走了，手机关
机): CONTRACT §4, kind `missing`. A child fetched by family is everyday; here the one who took
them has hit them or threatened, or took them by force or in secret, and cannot be reached.

An agreed visit (按约定, 轮到他接, 探视) or a question about custody is none.
"""

from __future__ import annotations

from handlers.classifier.lexicon import GAP, Cue

_CHILD = (r"(孩子|娃|小孩|儿子|闺女|女儿|宝宝|孙子|孙女|外孙|外孙女|俩孩子|两个孩子|小的|老大|老二"
          r"|my (son|daughter|kid|child|children|boy|girl)|our (son|daughter|kid|child|children))")
_TAKE = r"(带走|抱走|抢走|接走|领走|拉走|拽走|弄走|拐走|掳走|抱跑|带跑)"
_TAKEN = (r"(把|被)" + GAP + r"{0,12}" + _CHILD + GAP + r"{0,12}" + _TAKE
          + r"|" + _CHILD + r"(被|让|叫)" + GAP + r"{0,12}" + _TAKE
          + r"|(took|grabbed|snatched) (my|our) (son|daughter|kid|child|children|boy|girl)")
# The one who took them is a danger: has hit them, drinks and hits, threatened, or took them
# by force or in secret.
_DANGER = (r"(打|揍|家暴|虐待|动)" + GAP + r"{0,2}过|动手|喝(多|醉|了酒)(了)?就(打|动手|发疯)|家暴"
           r"|威胁|扬言|要(带|跟)" + GAP + r"{0,4}(一起)?(去)?死|暴力|强行|硬(抢|抱|拽)|偷偷|抢走"
           r"|吸毒|精神(病|不正常)|has (hit|hurt|beaten|threatened)|violent|by force")
# Out of reach now.
_OUT_OF_REACH = (r"(电话|手机)" + GAP + r"{0,3}(不通|打不通|关机|不接|没人接)|联系不上|不知道"
                 + GAP + r"{0,4}(去|在)(哪|那)|找不到|追不上|can'?t reach|phone (is )?off")
# Agreed, or asked about.
_AGREED = r"按约定|约好|轮到|探视|抚养权|怎么(申请|判|办|规定)|as agreed|custody"

TAKEN_CUES: tuple[Cue, ...] = (
    Cue("taken_by_kin", ("missing",), _TAKEN, needs=(_DANGER, _OUT_OF_REACH), unless=_AGREED),
)
