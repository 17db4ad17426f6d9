"""Emergencies told by what a witness sees, without the usual word (CONTRACT §4): a child gone
the moment the writer looked away, a crane, a sign or a scaffold already leaning over people,
an elder putting savings or a home into a "project" today, someone who cannot find the way
alone gone out of a home or a school (English).

Each cue asks for the second sign the usual word would have carried: the people still beneath
the leaning structure, the money leaving today, the care the person needs. Alone, each sign is
everyday (a tree that leans for the gardener, an investment discussed at home, a walk in the
care home's garden).
"""

from __future__ import annotations

from handlers.classifier.lexicon import GAP, PETS, VULNERABLE, Cue

# Tall things that fall on whoever is beneath them.
_TALL = (r"塔吊|吊臂|吊车|吊篮|脚手架|广告牌|招牌|电线杆|电杆|路灯杆|灯杆|围墙|围挡|烟囱|信号塔"
         r"|铁塔|外架|crane|scaffold(ing)?|billboard|hoarding|pole|chimney")
# Leaning as a state seen now (明显歪了, 已严重倾斜, 整个斜过来了), not moving (`unsaid`).
_LEANING = (r"(明显|严重|整个|整体|已经|已|快要|快|(往|向|朝)" + GAP + r"{0,4})" + GAP
            + r"{0,2}(倾斜|歪|斜)"
            r"|(歪|斜)(咗|了)?(得)?(好|很|特别)?(明显|厉害|严重)|(倾斜|歪|斜)(过来|下来|向)"
            r"|\b(visibly|badly|dangerously) (leaning|tilting|tilted|bent)\b")
# People beneath it or still on it.
_BENEATH = (r"(下面|底下|下方|楼下|旁边)" + GAP + r"{0,10}(人|学校|小学|幼儿园|门口|通道|人行道"
            r"|公交站|车站|街|市场|街市|路|广场|小区)|人来人往|行人|路人|群众|家长|候车|商贩|摆摊"
            r"|(仍|还)有居民|还有"
            + GAP + r"{0,6}(人|工人|小孩|孩子)|仍有|(还|仲)(在|喺)|\b(people|pavement|sidewalk"
            r"|children|kids|pedestrians)\b")
_NOT_LEANING = (r"请问|多少度|是否|怎么|规定|违规吗|比萨|斜塔|以前|上次|去年|后来"
                r"|已经(拆|修|扶|加固)|来修|报修|维修|\bleaning tower|\bpisa\b")

# An elder's savings or home put into a "project", a pension scheme or an original share:
# the swindle of the old, told by the child who sees the money about to go.
_ELDER = (r"我(妈|爸|母亲|父亲)|老(妈|爸|母亲|父亲|人家|人)|(我|俺)?(爷爷|奶奶|外公|外婆|姥姥|姥爷"
          r"|爹|娘)|家里(的)?老人|\b(my )?(mum|mom|dad|mother|father|grand(ma|pa|mother|father)"
          r"|parents)\b")
_SAVINGS_INTO = (r"(存款|积蓄|养老钱|退休金|房子|老房子|房产|卡里的|全部(的)?钱|所有(的)?钱|钱)"
                 + GAP + r"{0,10}(投|存|转|押|抵押|卖|买)" + GAP
                 + r"{0,12}(项目|基金|原始股|股权|理财|返利|分红|合同|合作社|入股)"
                 r"|(项目|基金|原始股|股权|理财)"
                 + GAP + r"{0,12}(存款|积蓄|养老钱|房子|房产|钱)"
                 r"|(存款|积蓄|养老钱|退休金|房子)" + GAP + r"{0,8}(投|存|押)进去"
                 r"|\b(all|whole|entire) (of )?(her|his|their) (savings|pension|house|home)\b")
_GOING_NOW = (r"今天|今儿|现在|这会儿|马上|正要|正在|已经去|人已经|已经在|去(了)?银行|下午就"
              r"|刚(把|刚)|还要(再)?(转|投)|拦(都|也)?拦不住|\b(right now|today|at the bank"
              r"|on (her|his|their) way)\b")
_NOT_SWINDLE = (r"请问|怎么(辨别|识别|判断|劝)|是不是(诈骗|骗)|去年|以前|上次|报过案|报案了|开(个)?"
                r"(饭馆|店|小店|超市|厂)|装修|看病|买房|首付|\b(is it safe|thinking about)\b")

# Someone who cannot find the way alone, gone out of the place that looks after them.
_NEEDS_CARE = r"\b(dementia|alzheimer'?s|autis(m|tic)|memory (loss|problems)|confused)\b"
# (Not "went out" nor "got off": said of every outing and every bus.)
_WENT_OUT = (r"\b(walked|wandered|slipped|ran|snuck|sneaked) (out|off|away)|\bgot (out|away)"
             r"( of| from)?\b|\bleft (the|our|his|her) (care|nursing|group )?(home|house|ward"
             r"|school|centre|center)\b|\b(back|front|side) (door|gate) (is |was )?(open"
             r"|unlocked)\b")
# Run out of things, or out of a bed or a car: no one gone.
_NOT_GONE = (r"\b(ran|run|running) out of (his |her |their |our |my |the )?(money|medicine|pills"
             r"|tablets|food|time|patience|breath|nappies|diapers)|\bout of (bed|the (car|bath"
             r"|shower|chair))\b")
_BACK = (r"\b(is|are|was) back\b|\bcame back\b|\bfound (him|her|them)\b|\breturned\b"
         r"|\b(is|are) (now )?(at home|home|safe)\b|\bpeacefully\b|\bpassed away\b"
         r"|\bwith (my|his|her|our|a|the) (aunt|uncle|carer|nurse|family|sister|brother|friend"
         r"|wife|husband|son|daughter|mum|mom|dad)\b"
         r"|\bsupport|\bregister|\bscheme\b|\bbracelet\b|\bhow (do|can|should)\b")

# A child gone in the moment the writer looked away (我回个消息的工夫就找不到了): the moment is
# the sign the usual 走丢了 would have carried, told without saying whom one cannot find.
_MOMENT = (r"(的)?(工夫|功夫|时间|空儿|当口)|一(转|回)(个)?(身|头)|转(个)?身|一眨眼"
           r"|眨眼(间|的工夫)?|一会儿(的)?(功夫|工夫)?")
# Only the child may stand between (他人就不见了): 手机就找不到了 is a thing gone.
_GONE_NOW = r"(他|她|娃|孩子|小孩)?(人)?就?(找不(到|着)了|不见了|没影(儿)?了|跑没了|人没了)"

# Someone on the outer side of a high edge (坐在十二楼窗台上, 站在护栏外), with a sign that it is
# no chore: legs over the drop, or someone crying, shouting, refusing anyone near; and the
# height told (a child crying on the sill of a ground-floor room is no one on an edge).
_ON_EDGE = (r"(坐|站|蹲|骑|爬|趴)(在|到|上)(了)?" + GAP + r"{0,8}(窗台|窗户外|窗外|窗沿|阳台(的)?"
            r"(栏杆|护栏|外)|(楼顶|天台|屋顶|房顶)(的)?(边|边缘|边上|沿)|护栏外|栏杆外|桥(的)?栏杆"
            r"|楼沿)|(窗台|护栏外|栏杆外|天台边缘|楼顶边缘)" + GAP + r"{0,3}(坐|站|蹲)着")
_OVER_DROP = (r"悬空|(腿|脚)" + GAP + r"{0,3}(在|悬在|伸到|吊在)(窗)?外|在外面晃|哭|喊|情绪"
              r"|拒绝|不让(人)?(靠近|过去)|往下(跳|看)|不说话")
# High up: a floor named, a roof, a bridge, or the legs already over the drop.
_HIGH = (r"[\d一二三四五六七八九十两几]+(楼|层)|楼顶|天台|屋顶|房顶|高层|对面楼|邻楼|隔壁楼|护栏外"
         r"|栏杆外|桥|悬空|在(窗)?外")
_NOT_EDGE = (r"猫|狗|花盆|擦(玻璃|窗)|安装|装空调|维修|施工|工人|拍照|打卡|小说|电影|剧|梦|游戏"
             r"|以前|小时候|当年")

WITNESSED_CUES: tuple[Cue, ...] = (
    Cue("on_the_edge", ("self_harm",), _ON_EDGE, needs=(_OVER_DROP, _HIGH), veto=_NOT_EDGE,
        unless=_NOT_EDGE),
    Cue("gone_in_a_moment", ("missing",), r"(" + _MOMENT + r")" + _GONE_NOW,
        needs=(VULNERABLE,), veto=PETS,
        unless=r"找到了|找着了|原来|虚惊|回来了|就在(旁边|身边|后面)|还好"),
    Cue("structure_leaning", ("other",), r"(" + _TALL + r")" + GAP + r"{0,12}(" + _LEANING + ")",
        needs=(_BENEATH,), veto=_NOT_LEANING, unless=_NOT_LEANING),
    Cue("elder_savings_into_project", ("fraud",), _SAVINGS_INTO, needs=(_ELDER, _GOING_NOW),
        unless=_NOT_SWINDLE),
    Cue("en_wandered_off", ("missing",), _WENT_OUT, needs=(_NEEDS_CARE,), veto=_NOT_GONE,
        unless=_BACK),
)
# States seen this moment with the second sign that makes them a danger (a crane leaning over
# a school gate, an elder at the bank with the savings, gas hissing at the meter, a night away
# and a phone off now in pinyin, a smoke alarm sounding with an acrid smell): the alarm learned
# "the crane", "my mum invests", "the meter" and "the neighbour's alarm" as complaints and
# pinyin barely, so like an attack still going on (`animals`), no alarm overrules them
# (`opinion`).
SEEN_NOW = frozenset((*(cue.name for cue in WITNESSED_CUES), "py_gas_leak",
                      "py_savings_into_project", "py_gone_overnight", "alarm_sounding"))
