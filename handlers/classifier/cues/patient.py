"""Whom a cue befalls: a person, an animal or a thing (gate cues of harm need a person).

A cue of harm to a body (出血, 大口子, 被砍了, 下不来) says nothing of an emergency when what
it befalls is an animal (小猫从二楼阳台跳下去了) or a thing (车让人剐了，整一道大口子; 门口的树
被人砍了; 把电动车推进楼道). The patient is the last animal or thing named before the cue in
its sentence, with no person or body part between (an agent, 让人/被人, is no patient).
"""

from __future__ import annotations

import re

from handlers.classifier.lexicon import ANIMALS, HUMAN

# Cues of harm that befalls a body: an animal's in `animal`'s sense is none of ours. A jump
# is a person's too (小猫从二楼阳台跳下去了 is a pet's leap; 我要跳下去 names the writer).
BODILY = frozenset({"fall", "crash", "minor_crash", "drowning", "bleeding", "unconscious",
                    "trapped", "acute", "jump", "fallen_in_hole"})
# Cues whose words are also said of a thing's damage or a thing moved (a car's gash, a tree
# cut down, a scooter pushed into a stairwell, a wall knocked through).
OF_THINGS = frozenset({"bleeding", "weapon", "abduction", "perch"})
# How far before the cue its thing is named (我家车让人剐了，整一道大口子).
REACH = 12
# Offenders are people too: a thing damaged and then a robber with a knife is a person's danger.
_OFFENDER = r"|小偷|贼|劫匪|歹徒|匪徒|凶手|嫌疑|流氓|混混|醉汉|疯子|抢劫|持刀|持枪"
_ANIMAL, _HUMAN = re.compile(ANIMALS + r"|它(?!们)"), re.compile(HUMAN + _OFFENDER)
# Things people own or pass by, as the subject or object of a verb of damage.
_THING = re.compile(r"((?<![人开骑坐上下打])车(?![祸间站库位道场队主牌费])|车窗|玻璃|门(?!口)|锁|窗"
                    r"|墙|树|路(?!人|口)|电缆|收银台|柜(台|子)?|羊圈|猪圈|鸡窝|大棚|房顶|屋顶|电线杆|护栏|轮胎"
                    r"|电动车|三轮车|摩托|自行车|冷冻车|货车|包(?!括))(?![上里边旁前后下外内中口])")
# A person named as the agent of a passive (让人剐了, 被人砍了): no patient.
_AGENT = re.compile(r"(让|被|叫|给)(人|别人|谁)")
# A person's act on an animal just before it names (救狗, 牵着狗, 抱着猫): the person is the
# subject, and what follows befalls them.
_HANDLED = re.compile(r"(救|牵着?|遛|追|抱着?|拉着?|捞|找|喂|带着?)(一只|一条|只|条|我家|家里)?$")
# A person named as the owner of a place (掉进邻居家的水井): no patient either.
_OWNER = re.compile(r"(邻居|别人|人|他|她|我|俺|你)(们)?(家)?的")
# Body parts: the harm is a person's even when no person word is near (脸上一道大口子).
_BODY = re.compile(r"头|脸|手|腿|脚|胳膊|身上|鼻子|嘴|眼|肚子|脖子|后背|胸")


def animal(norm: str, start: int, cue: int) -> bool:
    """An animal is what the cue befalls: named in its clause before it, no person between,
    and not the object of what a person named before it does (有人为了救狗掉进河里了)."""
    found = [m for m in _ANIMAL.finditer(norm, start, cue)
             if not norm.startswith("的", m.end())]     # 拉猪的货车: cargo, not the subject
    if not found or _HUMAN.search(norm, found[-1].end(), cue) is not None:
        return False
    last = found[-1].start()
    return not (_HANDLED.search(norm, start, last) and _HUMAN.search(norm, start, last))


def thing(norm: str, start: int, cue: int, end: int) -> bool:
    """A thing is what the cue befalls: the last thing named shortly before it in its
    sentence (from `start`), no person or body part from there to the sentence's end other
    than an agent."""
    found = [m.end() for m in _THING.finditer(norm, max(start, cue - REACH), cue)
             if not norm.startswith("的人", m.end())]
    if not found:
        return False
    stop = min((i for i in (norm.find(mark, end) for mark in "。!?\n") if i >= 0),
               default=len(norm))
    rest = _AGENT.sub("", norm[found[-1]:stop])     # 车被埋了一半 里面还有人: a person's
    return not (_HUMAN.search(rest) or _BODY.search(rest))


def befalls_no_one(name: str, norm: str, clause_start: int, cue: int, end: int) -> bool:
    """The cue `name` at norm[cue:end] befalls an animal or a thing, not a person; a cue
    whose own words name a person other than an agent (湖里有个人在扑腾) befalls that one."""
    if _HUMAN.search(_OWNER.sub("", _AGENT.sub("", norm[cue:end]))):
        return False
    return (name in BODILY and animal(norm, clause_start, cue)) or (
        name in OF_THINGS and thing(norm, sentence_start(norm, cue), cue, end))


def sentence_start(norm: str, position: int) -> int:
    """Where the sentence holding `position` begins (after 。!? or a line break)."""
    return max(norm.rfind(mark, 0, position) for mark in "。!?\n") + 1


__all__ = ["BODILY", "OF_THINGS", "animal", "befalls_no_one", "sentence_start", "thing"]
