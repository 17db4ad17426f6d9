"""The emergency lexicon's building blocks (CONTRACT §4): a cue, and the word classes cues share.

Each cue names an event (a fire, a blow, a fall into water), not a topic: a word that is also
an idiom, a dish or a thing (救命钱, 钢管, 火锅, 打电话, 跟进, 跳楼价) only counts in the shape of
an event (a weapon in someone's hand, a fire that burns). Whether the event is happening now
is decided clause by clause in `intents_frames`. Patterns run on normalised text
(`intents_text.normalize`): simplified, half-width, lower case. The cues themselves live in
`cues.harm` (self_harm, fire, traffic, medical), `cues.crime` (crime, fraud,
missing, other) and `cues.foreign` (English, pinyin).
"""

from __future__ import annotations

from dataclasses import dataclass

# Emergency kinds in the contract's order of precedence (§4): a ticket takes the first that
# fits; the resident is told the numbers of every kind that fits.
EMERGENCY_KINDS = ("self_harm", "fire", "traffic", "crime", "medical", "fraud", "missing", "other")

# Any character of the same clause (patterns never reach across punctuation).
GAP = r"[^,;:。!?\n]"
# People an event happens to or is done by (the subject a cue needs where the verb alone is
# also said of things: 没气了 of a tyre, 不动了 of a car).
PERSON = (r"(?:人|有人|老人|老太太|老太|老头|老汉|大爷|大娘|大妈|大姐|大哥|奶奶|爷爷|姥姥|姥爷"
          r"|外公|外婆|孩子|小孩|娃|男孩|女孩|学生|男的|女的|男子|女子|男人|女人|妇女|小伙|姑娘"
          r"|司机|路人|行人|邻居|同事|室友|朋友|同学|工人|工友|病人|婴儿|宝宝|孕妇|妈|爸|娘|爹"
          r"|老伴|爱人|老公|老婆|媳妇|丈夫|妻子|儿子|女儿|闺女|孙子|孙女|他|她|我|俺|哥|姐|弟|妹"
          r"|叔|姨|舅)")
# People whose absence is an emergency at once (CONTRACT §4: a child, elderly or vulnerable
# person missing just now), not an adult late home.
VULNERABLE = (r"(?:孩子|小孩|小孩子|小孩儿|孩儿|小朋友|小家伙|女娃|男娃|幼儿|小学生|初中生|中学生"
              r"|大爷|大娘|老奶奶|老大爷|老太|俺爷|俺奶|我爷|我奶|老母亲|老父亲|公公|婆婆|岳父"
              r"|岳母|自闭症|孤独症|阿尔茨海默|糊涂|聋哑|残疾|娃娃|宝宝|宝贝|儿子|闺女|女儿|孙子"
              r"|孙女|外孙|外甥|侄子|侄女|男孩|女孩|学生|老人|老太太|老爷子|老头|老伴|我妈|我爸"
              r"|俺娘|俺爹|俺妈|俺爸|老娘|老爹|母亲|父亲|爷爷|奶奶|姥姥|姥爷|外公|外婆|弟弟|妹妹"
              r"|患者|病人|老年痴呆|痴呆|智障|智力障碍|智力低下|智力不行|精神病|精神不(太)?好|抑郁|孕妇|怀孕|盲人|妮|丫头"
              r"|小子|\d+岁|[一二三四五六七八九十两]+岁)")
# Things, not people, that go missing (the gap between a person and 丢了 holds none of them).
NOT_PERSON = (r"手机|钱包|钥匙|证|卡|包|东西|车|作业|书|衣服|鞋|玩具|狗|猫|宠物|鸟|钱|文件|快递"
              r"|本|货|行李|箱")
# Pets by the names people call them (a lost 泰迪 is no missing person).
PETS = (r"金毛|泰迪|柯基|哈士奇|二哈|拉布拉多|边牧|比熊|博美|柴犬|萨摩|阿拉斯加|德牧|狗狗|猫咪"
        r"|小猫|小狗|鹦鹉|兔子|仓鼠|乌龟")
# A pet named in pinyin and no person (wo jia de gou zou diu le: a dog lost, not a child).
PY_PETS = (r"^(?![\s\S]*\b(hai ?zi|xiao ?hai|er ?zi|n[uv] ?er|lao ?ren|ye ?ye|nai ?nai|ta)\b)"
           r"[\s\S]*\b((xiao ?)?(gou|mao)|gou ?gou|mao ?mi|chong ?wu|jin ?mao|tai ?di|ke ?ji)\b")
# Animals that fall, get hit or stuck themselves (我家猫从六楼掉下去了, 狗被车撞了): a cue
# whose clause names one before it, with no person between, hurts no one (`gate`).
ANIMALS = (r"猫|狗|犬|(?<!斑)马(?![路上桶达虎])|羊(?![肉毛])|牛(?![奶肉排逼])|驴(?!肉)|猪(?!肉)"
           r"|鸡(?![蛋肉])|鸭(?!肉)|鹅|鸟|鸽子|蛇(?!形)|" + PETS)
HUMAN = VULNERABLE + r"|人|我|俺|他|她|你|咱|司机|骑手|邻居|同事|同学|朋友"
ANIMALS_GAMES = r"猫|狗|鸡|鸟|鹅|游戏|王者|吃鸡|梦里|电视|电影|动画|比赛|拳击|格斗|散打|跆拳道"
HURT = (r"受伤|伤着|伤了|流血|出血|血|晕|昏|不动|躺(在)?地|倒地|倒在|出不来|卡住|压住|困住"
        r"|救护车|120|叫不醒|起火|着火|冒烟|(撞|压|人)死|死人|骨折|撞飞|很严重|起不来")
# Laughter, and the everyday matters people cry 救命 over.
JOKE = (r"哈哈|hhh|233|笑死|笑得|笑到|笑疯|笑喷|😂|🤣|😆|😅|\blol\b|xswl|嘻嘻|hiahia|开玩笑"
        r"|逗你|doge|狗头")
TRIVIAL = (JOKE + r"|作业|题|考试|论文|ddl|可爱|好看|好吃|太美|太帅|颜值|胖|减肥|尴尬|社死|追剧"
           r"|偶像|爱豆|综艺|老板|加班|上班|游戏|歌|好萌|萌|太难了|好难|心动|剧|饿|困死|累死|热死"
           r"|冷死|烦死|气死|无聊|烧糊|做糊|炒糊|熊孩子|折磨疯|逼疯")
# What a swindle sounds like around a payment (a stranger's title, a frozen account, a fee).
SCAM = (r"安全(账|帐)户|骗|对方|陌生|自称|冒充|客服|公安|警察|警官|检察|法院|通缉|涉嫌|洗钱"
        r"|冻结|解冻|解封|资金|刷单|返利|保证金|押金|中(了)?(大)?奖|理赔|注销|校园贷|贷款|放款|流水"
        r"|征信"
        r"|验证码|屏幕共享|共享屏幕|会议|网友|投资|理财|平台|彩金|博彩|彩票|导师|老师|手续费"
        r"|激活|退款|不对劲|可疑|不认识|app|链接|群|vip|会员|认证费|兼职|提现|清查|配合调查"
        r"|打电话说|接(了)?(个|一个)?电话|视频电话|来电话|网上认识|网恋|婚恋|交友|['‘\"“]|语音|声音"
        r"|确实是|不像|奇怪|怀疑|保健品|包治百病|神药|养老(项目|平台|公寓投资)")


# Softer words that tell which kind an emergency is when no cue named it (the model raised it,
# or only a cry for help did): the numbers the resident is told follow the kind (§4).
KIND_HINTS: dict[str, str] = {
    "self_harm": r"自杀|跳楼|跳河|割腕|安眠药|不想活|遗书|想死|轻生|烧炭|上吊|kill (my|him"
                 r"|her)self",
    "fire": r"火|烟|烧|着了|煤气|燃气|天然气|液化气|爆炸|炸|fire|smoke|gas",
    "traffic": r"车祸|撞|追尾|翻车|开车|骑车|马路|路口|高速|司机|crash|car accident",
    "crime": r"打|砸|刀|抢|偷|闯|撬|绑|拐|跟踪|尾随|威胁|捅|砍|陌生|男的|关(在|起来)|拽|拖"
             r"|attack|rob|knife|gun|beat",
    # 摔东西, 摔碗: things thrown in a rage are a threat, not a fall.
    "medical": r"血|晕|昏|抽搐|呼吸|喘|心脏|中毒|烫|咬|摔(?!东西|碗|盘|杯|门|椅|凳|桌|手机|电视|瓶)"
               r"|受伤|伤|疼|120|救护车|不动|意识"
               r"|bleed|breath|unconscious",
    "fraud": r"转账|转钱|汇款|骗|账户|验证码|客服|充值|保证金|付款|scam",
    "missing": r"不见|走丢|走失|找不到|找不着|没回|联系不上|失联|走散|missing",
}


@dataclass(frozen=True)
class Cue:
    """One shape of an emergency event and the kinds (§4) it is evidence of."""

    name: str
    kinds: tuple[str, ...]
    pattern: str
    veto: str = ""      # words in the same clause that make it no event (a dish, a game)
    # Words the message must also hold, each of them (an injury for a minor crash).
    needs: tuple[str, ...] = ()
    unless: str = ""    # words anywhere in the message that make it no event
    # Also said as hyperbole (救命, 不想活了): these words elsewhere in the message (laughter, a
    # maths problem) make it no event.
    hyperbole: str = ""
    # Words people also use figuratively (爆炸, 救命, 打): the alarm may overrule them when the
    # clause says nothing of "now" and the message reads unlike any emergency.
    figurative: bool = False
