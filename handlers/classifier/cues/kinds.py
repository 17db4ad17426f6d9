"""The kind of an emergency told in words no cue names (CONTRACT §4): what decides the numbers
the resident is told when the alarm raised a message, or when only a cry for help or someone
trapped did.

`lexicon.KIND_HINTS` stays as it is: the gate and the alarm's opinion read it to frame a
message (whether it is happening now), so widening it would move recall and false alarms.
These words only choose among kinds once a message is an emergency. Each kind's words name the
danger itself: a farewell and a height or the means for self-harm, a payment being made for
fraud, a person gone for missing. Words that belong to a graver kind's story are kept out of
a lighter kind: 打 of a phone call or a payment is no blow, 关 of a door one shut oneself behind
is no crime, a crash's 撞 needs a vehicle.
"""

from __future__ import annotations

import re

from handlers.classifier.cues import heard
from handlers.classifier.cues.rescue import BESIDE, NOT_RESCUE, RESCUE, told_beside
from handlers.classifier.lexicon import ANIMALS, EMERGENCY_KINDS, GAP, KIND_HINTS


def _either(*words: str) -> str:
    """One alternation of `words` (each a pattern)."""
    return "|".join(words)


_G4 = GAP + "{0,4}"
_AMOUNT = r"[一二三四五六七八九十几两\d]+(万|千|百|块)"
# A blow, not a call, a payment, a ride or a plan (打电话, 打钱, 打车, 打算, 打双闪).
_NOT_A_BLOW = _either(
    "电话", "电化", "视频", "手表", "钱", "款", "卡", "过去", "进", "给", "到", "通", "不通",
    "不开", "不着", "车", "的", "开", "算", "扰", "工", "包", "针", "滴", "听", "招呼", "交道",
    "双闪", "扫", "字", "印", "折", "游戏", "滚", "转", "理", "点", "量", "捞", "水", "饭", "湿",
    "嗝", "喷嚏", "哈欠", "呼噜", "雷", "闪", "烊", "单", _AMOUNT)
# A call, its mistyped words too (打她电化, 打他店话, 打俺手几).
_CALL = ("(的)?(电话|手机|电(化|花|画|哈|华|活|滑|号)|(点|店|殿|垫|甸)(话|化|画)|dian ?hua|手击"
         "|手几|首机|守机)")
# An electric shock (被电打了) is no blow either.
_BLOW = (r"(?<!拨)(?<!电)打(?!(个|了)?(" + _NOT_A_BLOW + "))(?!(她|他|我|你|俺|人家|孩子)?"
         + _CALL + r")(?!(都|也|了)?(几遍|半天|好几个|好多个)?(都|也)?"
         r"(不接|没人接|没接|不通|没通))")
# Locked up by someone (被男朋友关在屋里), not shut in by a lift or oneself.
_LOCKED_UP = "(被" + GAP + "{1,4}|把(我|俺|她|他|人|孩子)" + GAP + "{0,4})关(在|起来)"
_HEIGHT = "(楼顶|顶楼|天台|房顶|房沿|窗台|栏杆外|护墙|桥边|大桥|高架|桥上|铁轨)"
_CUT = r"割(了)?(手|婉|脉)|(划|割)(了)?" + _G4 + "(手腕|胳膊|口子|几道)"
_POISON = "刀片|农药|百草枯|敌敌畏|老鼠药|安眠|炭盆"
# A note left, unless it says where its writer went (留了张纸条说去外地: a runaway's).
_NOTE = "(写|留)(了)?" + _G4 + "(信|纸条|卡片|字条)(?![^,;:。!?\n]{0,3}说[^,;:。!?\n]{0,6}去)"
_SORRY = "对不起(我|你|爸|妈|大家|所有)|(妈妈|爸爸|妈|爸)对不起"
_ENTRUST = "(孩子|爸妈|弟弟|妹妹)交给"
# Settling one's affairs and thanks for the years: a farewell beside a person gone or hurt.
# Words of a life given up (解脱, 后事, 以后再也不欠了, 没有她我们会过得更好) are as plain.
_FAREWELL = _either("活着(太累|没意思|没劲|没啥意思|受罪)", "照顾好", "交代(事情|后事)", "托付",
                    "拖累", "谢谢(你们|大家)" + GAP + "{0,4}(陪|照顾)", "谢谢照顾", "用不(着|上)了",
                    "后事", "解脱", "见不着(了)?", "以后(再也)?不(欠|麻烦)", "不活了",
                    "(没有|不在了)" + GAP + "{0,8}(更好|轻松)", "bu ma fan da jia",
                    "this is the end")
# A blade turned on oneself (拿菜刀比着自己脖子, 往自个儿手上扎), or taken behind a locked door.
_AT_SELF = ("(比|对|抵|架|顶)(着|在)自(己|个儿|个)|往自(己|个儿|个)" + _G4
            + "(手|脖子|胳膊|手腕|身上|肚子|胸口)|(刀|剪子|剪刀)" + GAP + "{0,6}(进|锁)(了)?" + _G4
            + "(厕所|卫生间|洗手间)")
_CUT_EN = "razor|cut(ting)? (my|her|him)self"
# A pain like a knife's (胸口跟刀剜的一样, 疼得像刀割) is an illness, no weapon.
_PAIN = "(跟|像)刀(剜|割|扎|绞|刺|子)"
_NOT_A_PAIN = "(?<!跟)(?<!像)"
# A vehicle that threw or hit someone.
_VEHICLE_HURT = _either(
    "车祸", "撞车", "追尾", "翻车", "(被|叫|让)(车|汽车|货车|大车)?撞", "车撞", "撞(翻|倒|飞)",
    "肇事", "闯红灯", "蹭(倒|到)", "剐(倒|到|蹭)", "别倒", "别了一下", "急刹", "刹车",
    "(车|拖拉机|三轮|摩托)" + GAP + "{0,6}(翻了|怼)", "怼(到)?一块",
    "(冲|掉)(进|到|下|破)" + _G4 + "(沟|河|绿化带|护栏)", "车(上|后座)(上)?(摔|掉)",
    "从" + _G4 + "车" + GAP + "{0,3}(摔|掉|甩)", "zhuang che", "hit by", "knocked off",
    "run over")
_INTRUDER = _either(
    "生人", "(有|个|进)(了)?贼", "小偷", "翻(得|俺|我|柜|箱|东西|抽屉|粮)", "进来(个|了)?(生|人)",
    "掐", "摸(一个|女|我)", "抽(我|他|她)", "皮带", "骂声", "(一直|一路)跟(着)?我", "跟到",
    "敲(我的)?门", "扒墙", "剪(开|锁)", "从" + _G4 + "阳台" + _G4 + "爬", "break", "grab",
    "stalk", "scream", "za wo", "qiao (wo|men)", "gen zhe")
_PAYING = _either(
    "转账", "汇款", "汇钱", "打钱", "冒充", "假警察", "自称(是)?(公安|警察|检察|法院)", "验证码",
    "安全(账|帐)户", "屏幕共享", "共享屏幕", "赎金", "赔钱", "私了", "(去|往)银行", "存折",
    "(打|转)(了)?" + _AMOUNT, "转(给|过去|了)", "往" + GAP + "{0,6}(卡|账户|帐户)" + GAP
    + "{0,3}(转|打|汇)", "sending money", "wire", "pretending")

KIND_WORDS: dict[str, str] = {
    "self_harm": _either(
        KIND_HINTS["self_harm"], "跳(桥|湖|江|井|水库)", _CUT, _POISON, "剃须刀", "降压药",
        "(吞|服|吃|喝)(了|下)?(了)?" + GAP + "{0,6}(药|一整板|一整瓶|一瓶|大量)",
        "(药|药物)" + GAP + "{0,3}(全|都)(吃|吞|次)",
        "(拿|拎|挂|拴|带|一根)(着|好|了)?" + GAP + "{0,3}绳子", "告别", "再见", "goodbye", "永别",
        "遗言", "最后(看)?一眼", "最后一天", "最后的(心意|话)", "下辈子", "先走一步",
        "结束(自己|生命|这一切)", "活着(太累|没意思|没劲|没啥意思)", "活够",
        "不想(再)?(活|挣扎|下去|醒)", "不想让你们看到", "想睡很久", _SORRY, _ENTRUST, "照顾好",
        "收尸", "一起走", "我来过", "与(他|她|我)无关", _FAREWELL,
        "不怪任何人", "(别|不用)(为我)?(难过|找我)", "交代(事情|后事)",
        "跨出去", "腿(都)?(在|悬在)外面", "走到水里", "(绳子)?挂好了", "信写好",
        "不用(再)?麻烦(任何人|你们|大家)", "把自(己|个儿)(反)?(锁|关)",
        "看看水", "水很凉", "下去比较好", "不想躲", "不活了", "(说要|就)下去", "药瓶",
        "(所有|全是|很多)(的)?(药|要)", "准备好(了)?药", _NOTE, _AT_SELF,
        "(都)?送(人|给(我们|大家|室友|邻居))", "(欠|借)" + GAP + "{0,6}都还了", "存折(放|搁)",
        "密码是", "(我|她|他)(太)?累了", "终于安静", "这次是真的", "手上全是血", "手腕",
        "往自己", "不是故意", "煤气(已经)?(打开|开着)", "开着发动机", "发动机开着", "撞桥",
        "suicide", "kill (my|him|her)self", "end (it|my life)", "on the (roof|bridge)", "pills",
        _CUT_EN, "final post", "sorry to everyone", "i'?m sorry", "can'?t do this",
        "the other side", "ledge", "note saying", "take care", "lou ding",
        "bu xiang (zai )?huo", "fang qi le", "dui bu qi", "zai jian"),
    # 火 and 烟 of a train, a hotpot, a temper or a cigarette, 烧 of a fever, are no fire; nor
    # is an engine that stalled (熄火) in a flood or on a river, nor a downed wire's sparks (火花).
    "fire": _either(
        "(?<!开着)(?<!熄)火(?!车|锅|气|速|爆|腿|柴盒|花|星)", "(?<![抽买香])烟(?!酒|草|瘾)",
        "(?<![发红])烧(?!烤|饭|水|纸|钱)", "着了", "着起来", "煤气", "燃气", "天然气", "液化气",
        "爆炸", "炸(?!鸡|串|酱)", "氯气", "毒气", "刺鼻", "气味", "漏气", "fire", "smoke", "gas"),
    "traffic": _either(_VEHICLE_HURT, "撞了", "撞到", "被撞", "叫车", "碾", "车底", "甩出"),
    "crime": _either(
        _BLOW, "砸(?!到|在|中|伤|着|倒|死|下来)", _NOT_A_PAIN + "刀(?!片)", "抢(?!救|过|下|回|着)",
        "(?<!偷)偷(?!偷)", "闯(?!(了)?红灯)", "撬", "绑", "拐(?!杖|棍|弯|角)", "跟踪", "尾随",
        "威胁", "捅", "砍", "摔(东西|碗|盘|杯|门|椅|凳|桌|手机|电视|瓶)", _LOCKED_UP,
        "陌生(人|男|女)", "转来转去", _INTRUDER,
        "拽(?!走了)", "拖(?!累|着|欠)", "attack", "rob", "knife", "gun", "beat"),
    "medical": _either(
        KIND_HINTS["medical"], "dao di", "jiao bu xing", "shuo bu chu", "zui wai", "吐", "过敏",
        "憋", "发紫", "脸(都)?(紫|白|煞白)", "破水", "羊水", "捞上来", "栽",
        # A person down, not a pole, a tree or a wall that fell (电线杆倒了, 树倒了).
        "(?<![杆树墙棚架牌柜塔])倒(了|地|在|那)",
        "叫不(醒|应)", "没(反应|知觉)", "不吭声", "不吱声", "冒冷汗", "神志", "口吐白沫",
        "说(话)?不(出|清)", "嘴(都)?歪", "手脚没劲", "手动不了", "起不来", "触电", "电到",
        "消毒液", "误(喝|吃|服)", "喘不上", "一口气没上来", "不会哭", "按压", "心跳", "发烧",
        "抽筋", "中风", "脑梗", "烧伤", "骨折", "心慌", _PAIN, "chest pain",
        "can'?t (get up|breathe|move)", "hit (his|her|my) head", "not breathing", "chou chu",
        "hun mi", "yun dao"),
    "fraud": _either(
        KIND_HINTS["fraud"], _PAYING, "转(出|走|到|进|款)", "打(了)?(过去|进去|到|给)", "取钱",
        "取(出|了)", "交钱", "付(了|钱)", "扫(他的)?码", "刷卡", "定期", "网银", "银行卡",
        "卡(上|里)", "信用社", "邮局", "农行", "工行", "建行", "农商行", "atm", "金条", "押金",
        "罚款", "假冒", "假扮", "自称", "说是(公安|警察|检察|法院|银行|客服|他|她|我)", "会议软件",
        "远程", "验资", "流水", "清零", "补仓", "爆仓", "gift card", "transfer", "zhuan zhang",
        "hui kuan", "da qian", "jia jing cha", "zi cheng", "输密码", "送钱", "现金",
        "police uniform", "钱一笔一笔", "按这按那"),
    "missing": _either(
        KIND_HINTS["missing"], "人(就)?没了", "没影", "丢了", "跑丢", "不在(家|了|候诊)",
        "没(到|来|出来|进去|跟上|上车)", "少了(一个)?", "离家", "出走", "走出去", "开门(出去|走)",
        "出去了", "不知道(上|去)哪", "didn'?t come home", "separated", "walked out", "lost",
        "left (our|the|home)"),
}

# Someone at a height, which is self-harm unless the message tells an accident or a flood.
AT_A_HEIGHT = _either("(坐|站|蹲|待|爬|跨)(在|到|上)?(了)?" + GAP + "{0,6}" + _HEIGHT,
                      "(在|到|去|上)(了)?" + _G4 + _HEIGHT, "往(楼顶|天台|顶楼)", "lou ding",
                      "on the (roof|bridge)", "ledge")
ACCIDENT = _either("水(流|冲|涨|还在)", "大水", "洪水", "(被|叫)(水|风)", "卡(在|住)", "掉下",
                   "挂住", "被困", "困(在|住)", "施工", "干活", "广告牌", "维修", "修(理|房|屋顶)",
                   "救生", "冰(面|上|窟窿)")
# A swindler's tale of a relative's crash, fight or arrest: its dangers are the story told to
# make the victim pay, not the writer's (§4's fraud).
TALE = ("(说|称)" + GAP + "{0,14}(车祸|撞(了)?人|打(架|伤)|被(人)?打|被(扣|绑|抓)|扣押"
        "|绑(架|了)|出(了)?事|住院|抢救|手术)")

# Words plain enough to add their kind to the kinds a cue named (§4: the numbers of every kind
# that fits): a bleeding wrist someone cut, a crash behind an injury, a payment behind a threat.
ALSO: dict[str, str] = {
    "self_harm": _either(
        KIND_HINTS["self_harm"], _CUT, _POISON, "遗言", "告别", "再见", "永别", _NOTE, _SORRY,
        _ENTRUST, "死给", "不想(再)?(活|醒)", "想死", "(一整板|一整瓶|很多|全部|所有)(的)?药",
        "拿着(绳子|药瓶)", "把自己(反)?(锁|关)", _CUT_EN, _FAREWELL, _AT_SELF),
    "traffic": _VEHICLE_HURT,
    "fraud": _PAYING,
}

# Kind-level corrections of a cue's kinds (the cue still counts: whether it is an emergency
# stays the gate's). 被电打 is an electric shock, no blow; 打她电化 a mistyped call, no blow; a
# forklift or a crane in a workshop or a warehouse is a work accident (120), not a crash (122).
SHOCK = "电(给)?打"
# A fire or a blast threatened to extort or hold people (拿打火机威胁要钱, 持爆炸物要求取款) is a
# crime as well as a fire's danger: both kinds' words are told.
THREAT = _either("威胁", "要挟", "劫持", "人质", "(要|不给)(他)?钱", "要求" + _G4 + "(取款|给钱)",
                 "(持|拿|拎|抱|揣|绑)(着)?" + _G4 + "(爆炸物|炸弹|炸药)", "threaten", "hostage")
# Someone struggling or sinking in water is in danger of life: a rescue told 120 too.
DROWNING = _either("扑腾", "呛水", "沉(下去|底|了)", "往下沉", "溺水", "挣扎", "不会(游泳|水)",
                   "drown", "struggling", "pu teng", "ni shui")
# An animal that attacks or runs loose (狗围着老太太咬, a dog is attacking a child, 公牛跑出来了)
# is a rescue or an injury, no crime, no missing person, no crash: the beast named in the cue's
# words or just before them, in the same clause.
BEAST = "(" + ANIMALS + r"|\b(dog|bull|boar|snake|shepherd)s?\b)(?!主)" + GAP + "{0,14}$"
BEFORE = 16
ACTED = {"crime", "missing", "traffic"}     # kinds of a person's act, not of a beast's
# 冒火花, 冒火星: a downed wire's sparks, no blaze (`rescue`'s words tell 119 beside).
SPARKS = ("花", "星")
WORKPLACE = _either("叉车", "铲车", "装载机", "(?<!自)(?<!步)行车", "天车", "吊车", "车间", "仓库",
                    "厂房", "库房")
ROAD = _either("路(上|口|边|中间)", "马路", "街", "高速", "红绿灯", "斑马线", "国道", "省道",
               "公路")
# Something pinned under something (压在茶杯底下, 卷到…下面) is a crash only beside a vehicle: a
# note under a teacup, a key under a flower pot, a worker under a fallen shelf are none of 122's
# (whether it is an emergency stays the gate's; the other words name its kind).
PINNED = "(压|卷)(在|到|进)"
VEHICLE = _either("车", "轮", "三马子", "摩托", "拖拉机", "vehicle", "car", "truck", "bus")
# A swindle beyond doubt: a farewell's money and bankbook given away are no fraud (§4's
# fraud is money going to a swindler).
SCAM = _either("骗", "冒充", "假冒", "假扮", "自称", "假警察", "安全(账|帐)户", "验证码",
               "屏幕共享", "共享屏幕", "赎金", "scam", "pretending")

class KindWords:
    """The kind words, compiled once."""

    def __init__(self) -> None:
        self._words = {kind: re.compile(KIND_WORDS[kind]) for kind in EMERGENCY_KINDS
                       if kind in KIND_WORDS}
        self._also = {kind: re.compile(words) for kind, words in ALSO.items()}
        self._scam = re.compile(SCAM)
        self._height, self._accident = re.compile(AT_A_HEIGHT), re.compile(ACCIDENT)
        self._tale = re.compile(TALE)
        self._shock, self._typo = re.compile(SHOCK), re.compile(_CALL)
        self._workplace, self._road = re.compile(WORKPLACE), re.compile(ROAD)
        self._pinned, self._vehicle = re.compile(PINNED), re.compile(VEHICLE)
        self._beast, self._drowning = re.compile(BEAST), re.compile(DROWNING)
        self._threat = re.compile(THREAT)
        self._rescue, self._not_rescue = re.compile(RESCUE), re.compile(NOT_RESCUE)
        self._heard = heard.heard_words({**KIND_WORDS, **ALSO})

    def of_cue(self, norm: str, name: str, kinds: tuple[str, ...], words: str
               ) -> tuple[str, ...]:
        """The kinds a cue's finding is evidence of (`words`: what it matched in `norm`)."""
        if name == "fight" and self._shock.search(words):
            return ("medical",)
        if name == "fight" and (at := norm.find(words)) >= 0 and self._typo.match(
                norm, at + len(words)):
            return ()
        at = norm.find(words)
        if at >= 0 and "fire" in kinds and norm.startswith(SPARKS, at + len(words)):
            return tuple(kind for kind in kinds if kind != "fire")
        if at >= 0 and ACTED & set(kinds) and self._beast.search(
                norm[max(0, at - BEFORE):at + len(words)]):
            return tuple(kind for kind in kinds if kind not in ACTED) or ("other",)
        if name == "crash" and self._at_work(norm):
            return ("medical",)
        if name == "crash" and self._pinned.match(words) and not self._vehicle.search(norm):
            return ()
        return kinds

    def kinds(self, norm: str) -> tuple[str, ...]:
        """Every kind whose words the message holds, in §4's order; ("other",) if none."""
        found = {kind for kind, words in self._words.items() if words.search(norm)}
        found |= {kind for kind, words in self._also.items() if words.search(norm)}
        if spoken := heard.syllables(norm):
            found |= {kind for kind, words in self._heard.items() if words.search(spoken)}
        if self._height.search(norm) and not self._accident.search(norm):
            found.add("self_harm")
        if (blow := self._words["crime"].search(norm)) and self._beast.search(
                norm[max(0, blow.start() - BEFORE):blow.end()]):
            found.discard("crime")
        return self._told(norm, found)

    def also(self, norm: str, kinds: tuple[str, ...]) -> tuple[str, ...]:
        """The kinds cues named and those plain words add, in §4's order."""
        return self._told(norm, set(kinds) | {kind for kind, words in self._also.items()
                                              if words.search(norm)})

    def _told(self, norm: str, found: set[str]) -> tuple[str, ...]:
        if "self_harm" in found and "fraud" in found and not self._scam.search(norm):
            found.discard("fraud")
        if "fraud" in found and self._tale.search(norm):
            found -= {"traffic", "crime", "medical"}
        if "fire" in found and self._threat.search(norm):
            found.add("crime")
        if "traffic" in found and self._at_work(norm):
            found = (found - {"traffic"}) | {"medical"}
        if self._rescue.search(norm) and not self._not_rescue.search(norm):
            found = self._rescued(norm, found)
        if len(found) > 1:
            found.discard("other")
        return tuple(kind for kind in EMERGENCY_KINDS if kind in found) or ("other",)

    def _rescued(self, norm: str, found: set[str]) -> set[str]:
        """A rescue keeps its own kind (README): `other`, `medical` only when words say someone
        is hurt or drowning, a crash only beside a vehicle, and someone not yet out of a flood or a
        collapse is trapped, not missing."""
        if "medical" in found and not (self._words["medical"].search(norm)
                                       or self._drowning.search(norm)):
            found = found - {"medical"} | {"other"}
        if not self._vehicle.search(norm):      # 掉进河 of a person, not of a car
            found.discard("traffic")
        return found - {"missing"} or {"other"}

    def _at_work(self, norm: str) -> bool:
        """A vehicle of a workshop or a warehouse, and no road."""
        return bool(self._workplace.search(norm)) and not self._road.search(norm)


__all__ = ["ALSO", "BESIDE", "KIND_WORDS", "KindWords", "told_beside"]
