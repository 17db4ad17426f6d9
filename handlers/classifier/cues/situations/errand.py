"""An errand to pay a swindler, under way (CONTRACT §4, kind `fraud`): after a caller's story
(a prize whose tax is due, a deposit for a subsidy, an account to be checked), someone sets off
for the bank with their passbook, card or cash (刚揣着存折出门，应该是去邮政储蓄了; 这会儿正往
信用社赶). Officers can still stop the payment at the counter, so it pages them.

It needs the swindler's story (`_STORY`) and a word of now or of a plea to stop them; the same
errand for a pension, wages, shopping or a loan of one's own is no fraud.
"""

from __future__ import annotations

from handlers.classifier.lexicon import GAP, Cue

# Where a payment is made or cash drawn.
_COUNTER = (r"(银行|信用社|邮政储蓄|储蓄所|邮局|农商行|农行|工行|建行|中行|营业厅|营业部|取款机"
            r"|atm|柜台)")
# What is paid with.
_MEANS = r"(存折|银行卡|卡|现金|钱|房本|房产证|金条|黄金|首饰)"
_ERRAND = (r"(揣|拿|带|攥|装)着" + GAP + r"{0,4}" + _MEANS + GAP + r"{0,8}(出门|出去|去|往|走|赶)"
           r"|(往|奔|赶往|赶去)" + GAP + r"{0,8}" + _COUNTER + r"(赶|走|去)?"
           r"|(left|headed|heading|on (his|her) way) (for|to) the (bank|post office)")
# The swindler's story: a demand for money behind the errand (a prize's tax, a deposit, an
# account to clear), narrower than `SCAM`, whose 客服, 平台 or 老师 an errand of one's own has.
_STORY = (r"中(了)?(大)?奖|(交|缴)" + GAP + r"{0,4}税|保证金|手续费|解冻|冻结|涉嫌|洗钱|(安全|国家"
          r"|指定)(账|帐)户|配合调查|检察|法院|公安|警官|骗|忽悠|返(利|现|\d|[一二两三四五六七八九十])"
          r"|补贴|caller|scam")
# Now, or a plea to stop them.
_NOW_OR_STOP = (r"刚|现在|这会|正|已经|拦|劝不住|劝不听|不听劝|(电话|手机)" + GAP
                + r"{0,4}(不接|占线|关机|打不通)|just|now|stop (him|her)")
# The errand's own reasons, or one already over.
_OWN_ERRAND = (r"养老金|退休金|工资|年货|学费|买菜|交电费|交水费|抵押贷款|装修|房贷|挂失|社保"
               r"|办(新)?卡|办(理)?(业务|手续|存款)|存钱|没去|回来了|(拦|劝)(住|下|回来)了|报(过)?(了)?警了|已经报警"
               # the story seen through, or checked with the police
               r"|没理|不信|挂了|识破|派出所|核实|确认")

ERRAND_CUES: tuple[Cue, ...] = (
    Cue("errand_to_pay", ("fraud",), _ERRAND, needs=(_STORY, _NOW_OR_STOP), unless=_OWN_ERRAND),
)
