"""Emergency cues of a hazard closing on people (CONTRACT §4, kind `other`): pieces of a
building falling where people walk, water risen round someone who cannot get out, and someone
fallen down a well, a shaft or a pit told with where it is (掉进小区里没盖的污水井里了).

Each needs the people in its way named in the message: tiles falling on an empty yard, or a
street flooded to the knee with nobody stuck, are a repair or a complaint.
"""

from __future__ import annotations

from handlers.classifier.lexicon import GAP, JOKE, NOT_PERSON, PERSON, VULNERABLE, Cue

# Parts of a building or a sign that come down.
_PIECES = r"(瓷砖|墙砖|外墙|墙皮|保温层|玻璃|招牌|广告牌|石块|砖块|砖头|水泥块|空调外机|窗户)"
# Still coming down (一块块往下掉, 正在持续掉落, 掉个不停), not fallen and done (掉了几块).
_FALLING = (r"(一块(一)?块|不停(地)?|还在|仍(然)?在|正在|持续|接连|一直)" + GAP
            + r"{0,3}(往下)?(掉|落|砸)|往下(掉|落|砸)|掉个不停")
# People in the way: below it, or passing, or a school's gate.
_BENEATH = (r"(楼下|下面|底下|下方|门口)" + GAP + r"{0,8}(人|菜市场|市场|幼儿园|学校|小学|通道"
            r"|出入口|路|广场|摊)|行人|路人|人很多|人来人往|好多人|放学")
# Water at a body's height, or people fled to a roof or a tree.
_WATER_RISEN = (r"水" + GAP + r"{0,4}(到|没过|淹到|漫到|齐)(了)?(腰|胸|胸口|脖子|大腿|肩)"
                r"|(爬|躲|逃)(到|上)(了)?(房顶|屋顶|楼顶|树上|平顶)")
# Someone who cannot get out of it by themselves.
_STUCK = VULNERABLE + r"|走不动|出不去|出不来|困|爬到|救|老人|孩子|瘫|腿脚不好"

# Holes a person falls into and cannot climb out of; a pit only named as a real one (施工的坑,
# 深坑), since 掉坑里 alone is also being tricked or taken by a hobby.
_HOLE = (r"(污水|排水|雨水|下水|枯|深|水|机|电梯|矿)?井|窨井|下水道|化粪池|粪池|菜窖|地窖|红薯窖|窖"
         r"|沟渠|深沟|排水沟|水沟|地沟|(深|大|土|泥|施工|工地|塌陷)[^,;:。!?\n]{0,3}坑|冰窟(窿)?")
_FALLEN_IN = (r"(掉|栽|跌|摔|滑|落|陷)(进|到|入|下)(了)?" + GAP + r"{0,10}(" + _HOLE + ")"
              r"|fell (down |in |into |inside )(an? |the )?(open |uncovered |deep |old )?"
              r"(manhole|well|pit|shaft|sewer|drain|ditch|sinkhole|cellar)")

HAZARD_CUES: tuple[Cue, ...] = (
    # Said with a place between the fall and the hole (掉到操场边上那个施工的坑里), beyond
    # `harm`'s drowning cue; a thing dropped (手机掉进下水道) or a joke is no one's fall.
    Cue("fallen_in_hole", ("other",), _FALLEN_IN, needs=(PERSON + r"|kid|child|boy|girl|man"
                                                          r"|woman|someone|son|daughter",),
        veto=NOT_PERSON + r"|phone|keys|wallet|ball", hyperbole=JOKE + r"|知识|游戏"),
    Cue("falling_debris", ("other",), _PIECES + GAP + r"{0,8}(" + _FALLING + ")",
        needs=(_BENEATH,), veto=r"没砸到|好在|幸好|已经(修|换|清理)"),
    # The piece named in one clause, still coming down told in the next (外墙瓷砖大面积脱落，
    # 仍在持续掉落): the falling clause is the cue, the piece and the people in its way needed.
    Cue("debris_still_falling", ("other",),
        r"(?<![^,;:。!?\n])" + GAP + r"{0,3}(" + _FALLING + ")",
        needs=(_PIECES + GAP + r"{0,10}(脱落|松动|掉|落|裂)", _BENEATH),
        veto=r"没砸到|好在|幸好|已经(修|换|清理)|股|价|分|成绩|温度|叶"),
    Cue("water_risen", ("other",), _WATER_RISEN, needs=(_STUCK,),
        veto=r"游泳|泳池|钓鱼|(?<!走)不动产"),
)
