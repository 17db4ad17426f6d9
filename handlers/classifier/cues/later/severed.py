"""A part of the body cut off or crushed, or blood running everywhere, told the way it is
shouted (把手指切掉了一截, 手指轧断了, 血流得满地都是, cut off his finger): CONTRACT §4, kind
`medical`. `harm`'s wound cue reads 手指断了 and 血流了一地; the tool's verb between the part
and its loss (切掉, 剁断, 铡掉, 绞进去) and 得 before the blood's extent are read here.

A fish, a chicken or meat bleeding, a table or a toy broken, is none (`veto`, own clause).
"""

from __future__ import annotations

from handlers.classifier.lexicon import GAP, JOKE, Cue

_PART = (r"(手指头|手指|指头|大拇指|拇指|小拇指|食指|中指|无名指|脚趾头|脚趾|手掌|手腕|胳膊|胳臂"
         r"|手臂|腿|脚(?!手架|本|步|印|垫)|耳朵|鼻子|(?<![门车扶拉]把)手(?!机|表|套|续|术|工|艺|提|写|环|柄|推车|链|电"
         r"|里|上|头|中|把|续))")
_TOOL_VERB = r"(切|砍|剁|轧|铡|劈|锯|夹|绞|割|削|压|碾|卷)(断|掉|下来|没了|烂|进去)"
_SEVERED = (_PART + GAP + r"{0,6}" + _TOOL_VERB + r"(了)?"
            + r"|" + _PART + r"(被|叫|让)" + GAP + r"{0,8}" + _TOOL_VERB
            + r"|cut off (the tip of )?(his|her|my|their) (finger|thumb|toe|hand)|severed")
# The blood's extent told with 得 (血流得满地都是, 血喷得到处都是, 血淌了一地).
_BLOOD = (r"血(流|喷|淌|涌|溅|滋)(得|了)(满地|一地|到处|满身|满手|一身|满屋|一滩|一大滩|老远)"
          r"|血(流|淌|滴)个不停|血(止|堵)不住")
# What breaks is no person's: a piece of furniture, a toy, a statue.
_THING = r"桌|椅|凳|床|柜|娃娃|玩偶|模型|雕像"
# What bleeds is no person: meat, fish, fowl (a finger cut while chopping them is `severed`).
_MEAT = r"鱼|鸡|鸭|鹅|猪|羊|牛|肉|排骨|骨头汤"
# Told over, healed, or asked about afterwards.
_HEALED = r"(长|已经|早就|都)好了|结痂|拆线|伤残鉴定|鉴定|理赔|报销"

SEVERED_CUES: tuple[Cue, ...] = (
    Cue("severed", ("medical",), _SEVERED, veto=_THING, unless=_HEALED, hyperbole=JOKE),
    Cue("blood_everywhere", ("medical",), _BLOOD, veto=_MEAT, unless=_HEALED, hyperbole=JOKE),
)
