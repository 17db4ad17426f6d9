"""Someone down and not getting up, told in English, half in English, or by what calling them
does not do (my mother fell and cannot get up, 朋友突然faint了, 怎么叫都没反应): CONTRACT §4,
kind `medical`. `harm`'s unconscious cue reads 叫不醒 and 叫他没反应; `foreign`'s English cue
reads collapsed and fainted, not a fall told by its result nor an English verb with 了.

A fall that ended (she's fine now, got up herself) or asleep, a game, or a device that
fell or is not responding, is none.
"""

from __future__ import annotations

from handlers.classifier.lexicon import JOKE, Cue

_CANNOT = r"(can'?t|cannot|can not|couldn'?t|unable to|won'?t)"
_DOWN = (r"\bfell\b[^.!?]{0,60}" + _CANNOT + r" (get up|stand|move|get (him|her) up)"
         r"|(isn'?t|is not|not|stopped) (moving|responding|breathing properly)"
         r"|won'?t wake up|(can'?t|cannot|couldn'?t) wake (him|her|them) up"
         # an English verb of falling or fainting with a Chinese 了 (突然faint了, collapse了)
         r"|(faint|collapse|pass ?out|black ?out|fall down|fell down|fell|passed out)(ed)?\s?了"
         # calling, shaking or patting them brings nothing (怎么叫都没反应, 喊了半天也不醒)
         r"|(怎么|咋|怎样|咋样)(叫|喊|摇|拍|推)(他|她|人)?(都|也)(没|不)(有)?(反应|醒|动|应|吭声)"
         r"|(叫|喊|摇|拍|推)(了)?(半天|好久|好几下|几下|好一阵)(他|她|人)?(都|也)?(没|不)(有)?"
         r"(反应|醒|应|吭声)")
# Over or never a danger: up again, fine, asleep, a game or a screen.
_UP_AGAIN = (r"(is|she'?s|he'?s|they'?re) (fine|ok|okay|alright|all right) now|got up|fell asleep"
             r"|last (week|month|year)|yesterday|睡着了|醒了|没事了|缓过来了|爬起来了|游戏|game"
             r"|装睡|假装")

# A device or a page that "is not responding" or "fell" (my phone fell in the toilet).
# Nor someone called who does not answer (叫服务员叫了半天没反应, 外卖叫了半天都没反应).
_DEVICE = (r"\bapp\b|phone|website|\bsite\b|page|screen|printer|computer|laptop|server|system"
           r"|\bcard\b|machine|机|电脑|网站|网页|系统|页面|屏|按钮|遥控|开关|门铃|程序|电视"
           r"|服务员|客服|外卖|车|快递|电话|前台|物业|保安|店员|老板|骑手|师傅")

FALLEN_CUES: tuple[Cue, ...] = (
    Cue("fallen", ("medical",), _DOWN, veto=_DEVICE, unless=_UP_AGAIN, hyperbole=JOKE),
)
