"""Rescues (a departure from CONTRACT §4's wording the README names): someone trapped, in
water or under a collapse keeps the kind its words tell (`other`, or `medical` when hurt) and is
told 119 beside it, since in China 119 does 抢险救援."""

from __future__ import annotations

import re

from handlers.classifier.lexicon import GAP


def _either(*words: str) -> str:
    return "|".join(words)


# Beyond §4's wording (a departure the README names): a rescue (someone trapped in a lift, in
# water, under a collapse, lost in the hills) is kind `other`, or `medical` when hurt; in China
# 119 does 抢险救援, so rescue words add 119 beside the kinds' numbers (the ticket's kind stays).
# Read on normalised text: simplified, half-width, lower case; English and pinyin too.
RESCUE = _either(
    # Trapped or stuck: in a lift, a car, a machine, a ride, on a broken bridge, in the hills
    # (§4: a child or an old person lost in town is missing, 110; one far from home is no rescue).
    "被困", "困(在|住|人|咗)", "电梯(里)?.{0,6}(卡|困|关|停|坠|掉|滑|不动|出不)",
    "(关|卡|锁)在电梯", "(卡|夹)(在|住)", "卷进", "锁在(车|屋|房)", "出不(来|去)(?!气)", "拔不出",
    "过不来", "停在半空", "悬空", "陷(进|到)", "(山|林|野外)" + GAP + "{0,8}迷路",
    # In water: fallen in, struggling, a flood rising (§4: a fall only feared, 怕他掉水里, 会不会掉
    # 湖里, is a missing child's worry, 110).
    "落水", "落河", "溺水", "沉底", "呛水", "扑腾", "坠入", "掉下去",
    "(?<!手机)(?<!怕)(?<!怕他)(?<!怕她)(?<!会不会)(?<!是不是)(?<!万一)掉(进|到|下)?(了)?.{0,4}"
    "(河|水|湖|井|坑|冰|塘|沟|窖)", "大水", "洪水", "山洪", "被水围", "决口", "开口子", "管涌",
    "积水", "(?<![凉冷])(水|浪)(漫|淹|冲|灌)", "漫(上来|过来|进)", "灌水", "冲(走|断)",
    "涨(起来|上来)", "往上涨",
    # Under a collapse: a person, not a note under a teacup or a key under a flower pot.
    "(被|人|们|他|她|我|俺|孩子|腿|脚|身子|工人)(压|埋|砸)在(了)?.{0,6}(下面|底下|里面|下边)",
    "被(埋|压)", "(倒|坍|垮)塌", "塌(了|方)", "trapped", "stuck", "fell (in|through)", "drowning",
    "(roof|wall|house|building|ceiling|bridge)[^.]{0,20}collapsed", "flood", "water is coming",
    "bei kun", "kun ren", "diao jin", "ka zhu", "luo shui",
    # A live wire down and sparking.
    "电线.{0,12}(火花|火星)")
# Rescue words in another sense: a bone or food stuck in the throat, a bank card or a page
# stuck, a caller stuck somewhere in a swindler's script.
NOT_RESCUE = _either(
    "鱼刺", "骨头", "果冻", "噎", "(吃|喂|咽)[^,。!?]{0,8}(卡|夹)(住|在)", "卡(在|住)(了)?(喉|嗓)",
    "(银行|我的|张)卡在", "卡在(这|那)?(个)?(页面|界面|往外)",
    "(says|said|claims) (he|she)'?s stuck")
# Numbers told beside the kinds' numbers, whatever the kinds: (words, words that cancel them).
BESIDE: dict[str, tuple[str, str]] = {"119": (RESCUE, NOT_RESCUE)}
_BESIDE = {number: (re.compile(words), re.compile(unless))
           for number, (words, unless) in BESIDE.items()}


def told_beside(norm: str, kinds: tuple[str, ...]) -> tuple[str, ...]:
    """The numbers words add beside those of `kinds` (a rescue's 119). None beside self-harm:
    §4 answers it with care (110, 120, 12356), which a rescue's number would not change."""
    if "self_harm" in kinds:
        return ()
    return tuple(number for number, (words, unless) in _BESIDE.items()
                 if words.search(norm) and not unless.search(norm))


__all__ = ["BESIDE", "NOT_RESCUE", "RESCUE", "told_beside"]
