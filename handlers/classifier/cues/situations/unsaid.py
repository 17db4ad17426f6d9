"""Emergencies told without their usual word (CONTRACT §4): an adult gone all night and out of
reach, gas told by its smell, sparks or a burning smell from wiring, someone pulled out and
lying still, things given away before someone falls silent, a building that shakes, cracks or
leans over people.

Each cue asks for the second sign the usual word would have carried: the silence after the
night away, the gas appliance beside the smell, the people still inside or beneath the
structure. Alone, each sign is everyday (a night at a friend's, a fridge that smells, a crack
for the landlord, old clothes given away before a move).
"""

from __future__ import annotations

from handlers.classifier.cues.situations.witnessed import WITNESSED_CUES
from handlers.classifier.lexicon import GAP, JOKE, Cue

# Out of reach now: a phone off or unanswered, no word at all.
_UNREACHABLE = (r"关机|打不通|联系不上|失联|没人接|不接(电话)?|电话(也)?不接|不回(消息|微信|信息)?"
                r"|没(有)?(任何)?(消息|音信|信儿)|一句话(都|也)?没(留|说)|没留(话|言)")
# A night away with a reason given, or word sent since: no one is missing.
_NIGHT_EXPLAINED = (r"加班|值班|夜班|出差|喝酒|喝多|打牌|麻将|网吧|朋友家|同学家|亲戚家|在公司"
                    r"|(发|打|回)(了)?(个|条)?(消息|微信|电话)(过来)?说|说(是)?在|报(了)?平安")
_ALL_NIGHT = (r"((一|整|整一)(夜|宿|晚上|晚)|通宵|彻夜|昨(晚|天晚上|夜|黑))" + GAP
              + r"{0,10}(就|再(也)?)?(没(有)?回|未归|失联|不见)")

# The smell gas is given so that people notice it (an odorant like rotten eggs), where a gas
# appliance is: 燃气表那儿有股臭鸡蛋味.
_GAS_PLACE = r"燃气|煤气|天然气|液化气|灶|阀门|管道|气管|气表|热水器|厨房"

# Wiring, sockets and batteries giving off sparks or a burning smell now.
_EN_WIRING = (r"\b(sparks?|sparking|arcing)\b[^.!?]{0,30}\b(socket|outlet|plug|wire|wiring|cable"
              r"|charger|battery|scooter|fuse ?box|meter|panel)|\b(socket|outlet|plug|wire|wiring"
              r"|cable|charger|battery|scooter|fuse ?box|panel)\b[^.!?]{0,30}\b(spark(s|ing)?"
              r"|smoking|melting)|\bsmell(s|ing)? (of )?burning|burning smell"
              r"|smoke alarm[^.!?]{0,30}(beeping|going off|ringing|screaming)")

# Pulled out of water, a fire or a wreck, and lying still: the rescue is no end of the danger.
_PULLED_OUT = r"(捞|救|拉|拖|抱|拽|抬)(了)?(上来|出来)"
_STILL_NOW = (r"不哭(也)?不(动|闹)|一动(也)?不动|不(会)?动(了)?|没(有)?(了)?(呼吸|反应|动静|气)"
              r"|叫不醒|喊不醒|不睁眼|(脸|嘴唇)(色)?(发)?(紫|青|白)(了)?")

# Things given away or handed over, said before the writer tells that someone fell silent.
_GIVEN_AWAY = (r"(都|全|全部|所有)" + GAP + r"{0,4}(送|分|留|托付|交|转)(给|人|了)|送人了|托给"
               r"|托付给")
_EXPLAINED_GIFT = (r"出国|留学|搬家|搬走|毕业|离职|辞职|出差|旅游|回老家|换工作|当兵|结婚|骗|对方"
                   r"|客服|网友|平台|投资|卖|借")

# A building or a structure moving now, or about to give way.
_STRUCTURE = (r"楼|房子|房屋|屋子|墙|天花板|屋顶|房顶|阳台|塔吊|吊臂|吊车|脚手架|广告牌|招牌|围墙"
              r"|地基|building|wall|ceiling|crane|scaffold")
_GIVING_WAY = (r"晃得(好|很|特别|太|贼|老)?厉害|(在|正在|一直|不停(地)?|还在)(晃|摇|抖|下沉|下陷"
               r"|倾斜|往下塌|塌|裂)|剧烈(摇晃|晃动|抖动)|(突然|一下子|忽然)(就)?(裂|塌|晃|歪|倾斜)"
               r"|越来越(斜|歪)|缝越来越(大|宽)|眼看(就)?要(倒|塌)|(咔咔|嘎吱|咔嚓)(的)?(响|声)"
               # 吹得摇摇欲坠 is the state the wind left it in, not a degree (`frames`).
               r"|((吹|刮|震|摇|晃)得" + GAP + r"{0,3})?摇摇欲坠"
               r"|\b(is|are) (shaking|swaying|cracking|leaning|collapsing|tilting)")
# People in its way: still inside, beneath, or running out of it.
_PEOPLE_IN_WAY = (r"往(楼)?(下|外)跑|跑(出来|出去|到楼下|下楼)"
                  r"|(还|都)在(里面|屋里|楼里|上面|下面|楼上)|还有" + GAP
                  + r"{0,6}(人|老人|孩子|住户|学生)|没(跑|逃)出来|(下面|底下|下方)"
                  r"(就|全|都)?是|住户|people|inside|beneath|below")
_NOT_GIVING_WAY = (r"装修|电钻|地铁|火车|演练|演习|正常吗|维修|修理|物业|翻新|拆|隐患|鉴定|担心"
                   r"|是否|怎么查|请问|normal|renovat|drill|truck")

# Someone who expected the child says the child never came (老师说没到, 补习班说人没来),
# while the child set out for it: the absence is told through the one who waited.
_WAITED_BY = r"老师|班主任|学校|校方|幼儿园|补习班|培训班|辅导班|托管|教练|兴趣班|门卫|同学家"
_NEVER_CAME = (r"(" + _WAITED_BY + r")" + GAP + r"{0,6}(说|讲|问|反映|告诉|通知|来电|打电话)"
               + GAP + r"{0,8}(没(有)?(到|来|去|见到|看到)|未到|一直没来|根本没来)")
# The child did set out, or cannot be reached now.
_SET_OUT = (r"平时|往常|早就|明明|出门|出的门|走的|去了|骑车|坐车|送(到|去)|背着书包"
            r"|自己(走|去|坐|骑)|"
            + _UNREACHABLE)

# A smoke alarm sounding, with a second sign of smoke (an acrid smell, a hallway one cannot
# see across): 楼上滴滴滴的警报响了半个小时，还有股呛人的味.
_ALARM_SOUNDING = (r"(烟雾|烟感|火灾|消防)?(报警器|警报器|警报|报警)" + GAP
                   + r"{0,6}(一直|还在|不停|响个不停|滴滴|嘀嘀|响了|在响|狂响|叫个不停)")
_SMOKE_SIGN = r"呛|焦|糊|烧|看不清|烟|热|烫"

# Someone alone not seen for days and not answering now (an elder living alone, the paper or
# the milk left at the door): a welfare check, before it is too late; told as `medical` (120
# with 110), since what is feared is a fall or an illness behind the door.
_UNSEEN = (r"([两三四五六七八九十几]|好几)天(都|也)?没(开门|出门|出来|露面|见(到|着)?(人|她|他)"
           r"|动静|拿)")
_NO_ANSWER_NOW = (r"敲门" + GAP + r"{0,4}(没人|不应|没反应|没动静)|(电话|手机)" + GAP
                  + r"{0,4}(没人接|打不通|关机)|(报纸|牛奶|快递|外卖)" + GAP
                  + r"{0,4}(堆|没拿|还在)|电视" + GAP + r"{0,4}(一直)?开着|灯" + GAP
                  + r"{0,4}(一直)?(亮|开)着")

UNSAID_CUES: tuple[Cue, ...] = (
    Cue("told_not_arrived", ("missing",), _NEVER_CAME, needs=(_SET_OUT,),
        veto=r"请假|病假|生病|迟到|作业|家长会|通知书|报名|校服|费|交",
        unless=r"找到|回来了|(已经|刚|后来)(也)?到了|在(学校|班)(里)?了"),
    Cue("gone_overnight", ("missing",), _ALL_NIGHT, needs=(_UNREACHABLE,),
        veto=r"猫|狗|宠物|手机|车", unless=_NIGHT_EXPLAINED),
    # The silence is the cue, the night away its need: "went out last night and never came
    # back" frames its own clause as past, the phone that goes to voicemail is now.
    Cue("en_gone_overnight", ("missing",),
        r"\bphone (is )?(off|dead|goes (straight )?to voicemail)|\bvoicemail\b|no (word|message"
        r"|call|note)\b|can'?t reach|not answering|unreachable|no one (knows|has seen)",
        needs=(r"\b(never came|has(n'?t| not) come|did(n'?t| not) come|not (come|been)) (back"
               r"|home)\b|\b(all|over) ?night\b",),
        unless=r"\b(work(ing)?|shift|friend'?s (place|house)|texted (me )?(that|to say)|drunk"
               r"|cat|dog|parcel|package|holiday|vacation|trip|travel(l)?ing|abroad"
               r"|business)\b"),
    Cue("gas_smell", ("fire",), r"臭鸡蛋(的|那种|一样的)?(味|气味)", needs=(_GAS_PLACE,),
        veto=r"冰箱|坏了|变质|垃圾|下水道|厕所|剩菜"),
    Cue("en_wiring", ("fire",), _EN_WIRING,
        veto=r"\b(test|testing|battery low|low battery|chirp)"),
    # A limb at an angle no limb takes, said by someone who sees it (the tourist's "ankle is
    # bent the wrong way"): the Chinese words of it are the alarm's already.
    Cue("en_limb_bent", ("medical",),
        r"\b(leg|arm|ankle|knee|wrist|hip|elbow|foot|shoulder)s? (is |are |looks |looked )?"
        r"(bent|twisted|turned|pointing) (the wrong way|backwards|sideways|at an? (weird|strange"
        r"|funny|odd|awful) angle)|\bbone (is )?(sticking|poking|coming) out",
        veto=r"\b(yoga|stretch|doll|toy|chair|table|robot|cartoon)"),
    Cue("pulled_out_still", ("medical",), _STILL_NOW, needs=(_PULLED_OUT,),
        veto=r"车|箱|包|手机|猫|狗"),
    Cue("gave_away_silent", ("self_harm",), r"(?<![^,;:。!?\n])" + GAP + r"{0,12}("
        + _UNREACHABLE + r"|人不见了|找不到(人|他|她)|人不在)", needs=(_GIVEN_AWAY,),
        unless=_EXPLAINED_GIFT, hyperbole=JOKE),
    Cue("alarm_sounding", ("fire",), _ALARM_SOUNDING, needs=(_SMOKE_SIGN,),
        veto=r"演练|演习|测试|试|没电|电池|车|汽车|防盗",
        # (no alarm overrules it, `witnessed.SEEN_NOW`: the smoke put out is told here)
        unless=r"演练|演习|做饭|炒菜|烧烤|油烟|没电|没事|关(了)?火|灭了|开(了)?窗|怎么关|关不(掉|了)"),
    Cue("unseen_alone", ("medical",), _UNSEEN,
        needs=(r"老|独居|一个人(住|在家)|残疾|瘫", _NO_ANSWER_NOW),
        veto=r"狗|猫|宠物|出差|旅游|回老家|住院|女儿家|儿子家",
        unless=r"出差|旅游|回老家|住院|走亲戚"),
    Cue("en_still", ("medical",),
        r"\b(slumped|face down|lying (still|motionless)|motionless)\b|\b(does(n'?t| not)|is(n'?t"
        r"| not)|won'?t|will not) (move|moving|respond|responding|wake up|waking)\b",
        needs=(r"\b(man|woman|he|she|him|her|neighbou?r|dad|mum|mom|father|mother|someone|person"
               r"|driver|guy|lady|friend|grand\w+|son|daughter|baby|child|kid)\b",),
        veto=r"\b(car|phone|app|screen|queue|traffic|line|page|door|dog|cat|computer|mouse"
             r"|cursor)\b (does(n'?t| not)|is(n'?t| not)|won'?t|will not) (move|respond|wake)",
        hyperbole=r"\blol\b|\bhaha|sleep(ing)? in|lazy"),
    Cue("structure_giving_way", ("other",), _GIVING_WAY, needs=(_STRUCTURE, _PEOPLE_IN_WAY),
        veto=_NOT_GIVING_WAY, unless=_NOT_GIVING_WAY),
    *WITNESSED_CUES,
)
