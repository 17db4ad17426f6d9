"""Emergency cues of an animal attacking a person now (CONTRACT §4, kind `other`): a dog that
will not let go (死死咬住，还不撒嘴), or one still biting and chasing someone (还在咬, 围着
孩子咬).

A bite told and done (被狗咬了) is `cues.harm`'s `acute`, framed in the past like any harm; these
cues are the attack that goes on, which a complaint about a neighbour's dog never says.
"""

from __future__ import annotations

from handlers.classifier.lexicon import GAP, HUMAN, Cue

# Animals that attack people (a pet's name alone is too wide: 猫 bites are no emergency).
_BEASTS = r"(狗|犬|狼狗|藏獒|比特|罗威纳|杜宾|野猪|狼|熊|牛|马蜂|蜂群)"
# Bites, holds and charges.
_ATTACK = r"(咬|撕咬|扑咬|叼|顶|拱|蛰|扑)"
# What a dog holds or chews that is no one (a shoe, a toy, the sofa).
_THINGS = (r"骨头|玩具|拖鞋|鞋|袜子|毛巾|绳|球|飞盘|东西|骨|肉|猫|鸡|鸭|沙发|家具|拆家|桌|椅|门|线"
           r"|垃圾|纸箱")
# Anywhere in the message: a game or training, not an attack (想跟我出去玩, 怎么训练).
_PLAY = r"玩|撒娇|闹着|训练|训狗|教它|怎么(办)?才能|怎么让|视频|电视|梦"

ANIMAL_CUES: tuple[Cue, ...] = (
    # Still holding on: the clause that says it will not let go, in a message of a beast's bite
    # on someone (邻居的狗咬住我女儿的腿，还不撒嘴).
    Cue("bite_held", ("other",),
        r"(还|就是|死活|怎么(都|也)|咋(都|也)|仍然|一直)" + GAP + r"{0,3}不(松口|撒嘴|撒口|松嘴"
        r"|放开|撒开|松开)|死死" + GAP + r"{0,2}咬(住|着)",
        needs=(_BEASTS + GAP + r"{0,10}" + _ATTACK, HUMAN), veto=_THINGS, unless=_PLAY),
    # An attack going on: a beast still at it, round someone or after someone (还在咬, 围着
    # 小学生咬, 追着人咬).
    Cue("attack_going_on", ("other",),
        _BEASTS + GAP + r"{0,6}((还在|正在|一直(在)?|不停(地)?)" + GAP + r"{0,4}" + _ATTACK
        + r"|(围着|追着|扑向|冲着)" + GAP + r"{0,6}(" + HUMAN + r")" + GAP + r"{0,2}" + _ATTACK
        + ")",
        needs=(HUMAN,), veto=_THINGS + r"|叫|吠|舔", unless=_PLAY),
)
# Their own words say the attack goes on this moment (还不撒嘴, 还在咬): like a habit carried
# into now, no alarm overrules them (it learned "the neighbour's dog" as a complaint).
GOING_ON_CUES = frozenset(cue.name for cue in ANIMAL_CUES)
