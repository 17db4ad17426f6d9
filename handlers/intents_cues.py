"""The emergency lexicon (CONTRACT §4): what an event of each kind sounds like.

Each cue names an event (a fire, a blow, a fall into water), not a topic: a word that is also
an idiom, a dish or a thing (救命钱, 钢管, 火锅, 打电话, 跟进, 跳楼价) only counts in the shape of
an event (a weapon in someone's hand, a fire that burns). Whether the event is happening now
is decided clause by clause in `intents_frames`. Patterns run on normalised text
(`intents_text.normalize`): simplified, half-width, lower case.
"""

from __future__ import annotations

from dataclasses import dataclass

# People an event happens to or is done by (the subject a cue needs where the verb alone is
# also said of things: 没气了 of a tyre, 不动了 of a car).
PERSON = (r"(?:人|有人|老人|老太太|老太|老头|老汉|大爷|大娘|大妈|大姐|大哥|奶奶|爷爷|姥姥|姥爷"
          r"|外公|外婆|孩子|小孩|娃|男孩|女孩|学生|男的|女的|男子|女子|男人|女人|妇女|小伙|姑娘"
          r"|司机|路人|行人|邻居|同事|室友|朋友|同学|工人|病人|婴儿|宝宝|孕妇|妈|爸|娘|爹|老伴"
          r"|爱人|老公|老婆|媳妇|丈夫|妻子|儿子|女儿|闺女|孙子|孙女|他|她|我|俺|哥|姐|弟|妹"
          r"|叔|姨|舅)")
# People whose absence is an emergency at once (CONTRACT §4: a child, elderly or vulnerable
# person missing just now), not an adult late home.
VULNERABLE = (r"(?:孩子|小孩|小孩子|娃|娃娃|宝宝|宝贝儿子|宝贝女儿|儿子|闺女|女儿|孙子|孙女|外孙"
              r"|外孙女|男孩|女孩|小男孩|小女孩|学生|老人|老太太|老爷子|老头|老伴|我妈|我爸"
              r"|俺娘|俺爹|俺妈|俺爸|老娘|老爹|母亲|父亲|爷爷|奶奶|姥姥|姥爷|外公|外婆|弟弟|妹妹"
              r"|患者|病人|老年痴呆|痴呆|智障|精神病)")
_NOT_PERSON = r"手机|钱包|钥匙|证|卡|包|东西|车|作业|书|衣服|鞋|玩具|狗|猫|宠物|鸟|钱|文件|快递|本"
_ANIMALS_GAMES = r"猫|狗|鸡|鸟|鹅|游戏|王者|吃鸡|梦里|电视|电影|动画|比赛|拳击|格斗|散打|跆拳道"
_HURT = (r"受伤|伤着|伤了|流血|出血|血|晕|昏|不动|躺(在)?地|倒地|倒在|出不来|卡住|压住|困住"
         r"|救护车|120|叫不醒|起火|着火|冒烟|(撞|压|人)死|死人|骨折|撞飞|很严重")
# Laughter, and the everyday matters people cry 救命 over.
JOKE = r"哈哈|hhh|233|笑死|😂|🤣|😆|😅|\blol\b|xswl|嘻嘻|hiahia|开玩笑|逗你|doge|狗头"
TRIVIAL = (JOKE + r"|作业|题|考试|论文|ddl|可爱|好看|好吃|太美|太帅|颜值|胖|减肥|尴尬|社死|追剧|偶像"
           r"|爱豆|综艺|老板|加班|上班|游戏|歌|好萌|萌|太难了|好难|心动|剧")
_SCAM = (r"安全(账|帐)户|骗|对方|陌生|自称|冒充|客服|公安|警察|检察|法院|通缉|涉嫌|洗钱|冻结"
         r"|解冻|资金|刷单|返利|保证金|中奖|理赔|注销|校园贷|贷款|征信|验证码|屏幕共享|共享屏幕"
         r"|会议|网友|投资|平台|彩金|博彩|导师|手续费|激活|退款|不对劲|可疑|不认识|app|链接")


@dataclass(frozen=True)
class Cue:
    """One shape of an emergency event and the kinds (§4) it is evidence of."""

    name: str
    kinds: tuple[str, ...]
    pattern: str
    veto: str = ""      # words in the same clause that make it no event (a dish, a game)
    needs: str = ""     # words the message must also hold (an injury for a minor crash)
    unless: str = ""    # words anywhere in the message that make it no event
    # Also said as hyperbole (救命, 不想活了): these words elsewhere in the message (laughter, a
    # maths problem) make it no event.
    hyperbole: str = ""


CUES: tuple[Cue, ...] = (
    # self_harm: the resident's own or someone's, a threat or an act.
    Cue("suicide", ("self_harm",),
        r"自杀(?!式)|自尽|轻生|寻短见|寻死|自残|了结自己|结束(自己的)?生命|不想活|活不下去"
        r"|活着没(意思|意义)|活够了|(我|俺)?(真)?想死(?![你您他她])|(要|想)去死|一死了之"
        r"|遗书|永别了|来世再见|不想再活", hyperbole=JOKE),
    Cue("jump", ("self_harm",),
        r"往(水|河|湖|江|海)里(走|跳|冲)|跳(楼|河|湖|江|桥|海|井|水库)(?!价|甩卖|大甩卖|机)|(要|想|准备|闹着)(往下)?跳(下去)?(?!舞|绳|槽|高|远)"
        r"|往下跳|跳下去"),
    Cue("self_harm_act", ("self_harm",),
        r"割腕|割(了)?(手腕|自己|脉)|划(伤)?(自己|手腕)|吞(了)?(安眠药|药|刀片|玻璃)"
        r"|吃了.{0,6}(安眠药|药片|一瓶药|好多药|很多药|一把药|农药|老鼠药|耗子药)"
        r"|喝(了)?(农药|敌敌畏|百草枯|老鼠药|耗子药|毒药)|(要|想|闹着|说要|准备)喝药|喝药(了|自杀)"
        r"|上吊|烧炭|开煤气自杀|(扎|捅|砍|划|割|刺|伤害)(了)?自己"),
    # fire: flames, smoke, gas, explosions, arson.
    Cue("flames", ("fire",),
        r"着(了)?火(?!锅|车|腿)|起火|失火|火灾(?!隐患|风险|保险|预防|演练|逃生|知识|报警器|探测)"
        r"|烧起来|烧着了|烧了起来|燃起来|火烧(?!眉毛|云)|大火(?!收|炒|烧开|煮|蒸|翻炒|爆炒)"
        r"|火苗|火光|火势|明火|一片火|冒火|蹿火|窜火|火(很|太|越来越|老)大|燃烧(?!瓶|脂肪|卡路里|自己|青春|热量)"
        r"|爆燃|自燃",
        veto=r"演练|演习|烧烤|做饭|炒菜|篝火|烟花|蜡烛|打火机|火锅"),
    Cue("smoke", ("fire",),
        r"冒(黑|白|青|浓)?烟|冒出.{0,2}烟|浓烟|黑烟|烟雾(?!报警|探测|弹)"
        r"|(好多|很多|一股|满屋|满楼道|全是|都是)(的)?(黑|白|浓)?烟(?!味|花|头|酒|草|瘾|囱)"
        r"|烟(很大|太大|越来越大|呛)|烧焦(的)?味|焦糊味|糊味|焦味",
        veto=r"油烟|烟囱|烧烤|烤串|烟花|鞭炮|抽烟|吸烟|香烟|二手烟|烧纸|秸秆|蒸汽|水汽|雾霾|烟草"
             r"|工厂|厂子|排放|污染|环保|演练|演习|做饭|炒菜|厨房油|锅糊"),
    Cue("gas", ("fire",),
        r"(煤气|燃气|天然气|液化气|瓦斯)(罐)?(泄漏|泄露|漏了|在漏|漏气|外泄|(的)?味|中毒|爆)"
        r"|漏气|一股.{0,4}(煤气|燃气|天然气|液化气)味|一氧化碳",
        veto=r"轮胎|车胎|气球|球|气垫|充气|空调|暖气片"),
    Cue("explosion", ("fire",),
        r"(?<!信息|人气|流量|消息|脑袋)爆炸(?!新闻|性|头|式|案|品|物|装置|事件)|一声巨响|巨响"
        r"|(罐|锅炉|炉子|电瓶|电池|充电宝|电动车|楼|厂房|工地|管道)(子)?.{0,2}(炸了|爆了|炸开)",
        veto=r"烟花|鞭炮|游戏|爆米花"),
    Cue("arson", ("fire", "crime"),
        r"放火|纵火|点火烧|(泼|浇|倒)(了)?汽油|(要|想|说要)(烧|点)(了)?(我|他|她|你)?(家|房子|车|店)"
        r"|燃烧瓶"),
    Cue("fuel_fire", ("fire",), r"(加油站|加气站|油罐|油库)[^,;:。!?\n]{0,8}(抽烟|点火|打火|火)"),
    # traffic: a crash that hurt someone (a scrape with nobody hurt is for 122 alone).
    Cue("crash", ("traffic",),
        r"车祸|(?<!被)(?<!开车)撞(人(?!家)|倒|伤|死|飞)|撞了(人(?!家)|个人|一个人|老人|孩子|小孩|学生)"
        r"|把.{1,6}撞(了|倒|伤|飞)|被(车|汽车|轿车|货车|卡车|大车|电动车|电瓶车|三轮车?|摩托车?"
        r"|公交车?|出租车|渣土车|面包车|小车)撞|碾(压|过)|压在车(下|底)|卡在车里|困在车里"
        r"|翻车|侧翻|翻到(沟|河|田)|连环撞|相撞|肇事逃逸|撞了就跑|开车撞(人(?!家)|倒|伤|死|飞|了(人(?!家)|老人|孩子|小孩|学生))"
        r"|冲(进|上)人行道|冲进人群",
        unless=r"(没|无)(有)?(人)?(受伤|伤亡|伤着)|人(都)?没事|没(有)?伤到|只是剐蹭"),
    Cue("drunk_driving", ("traffic",),
        r"(喝多了|喝醉了?|醉驾|酒驾|醉醺醺)[^,;:。!?\n]{0,6}(开车|驾驶|开着)"),
    Cue("minor_crash", ("traffic",),
        r"追尾|剐蹭|撞车|出(了)?(交通)?事故|交通事故|撞上(了)?|撞了",
        needs=_HURT, unless=r"(没|无)(有)?(人)?(受伤|伤亡|伤着)|人(都)?没事|没(有)?伤到"),
    # crime: violence, weapons, intruders, robbery, abduction, threats, sexual assault.
    Cue("fight", ("crime",),
        r"打人|打架|打群架|打起来|打成一团|斗殴|群殴|围殴|殴打|互殴|扭打|厮打|撕打|拳打脚踢"
        r"|往死里打|大打出手|打得(头破血流|满脸|很凶|很厉害)|挨打|挨揍|揍(我|他|她|人)|动手打"
        r"|动起手|打(我|俺|他|她|我妈|我爸|俺娘|孩子|老人|人家|学生|司机|店员|老板|保安)"
        r"(?!电话|手机|的电话|招呼|了个电话|个电话|交道|卡|针|游戏|球|牌|麻将|扑克|字|工|车|的"
        r"|算|听|扰|包|折|印|下手|主意|呼噜|哈欠|喷嚏|一下电话)"
        r"|被[^,;:。!?\n]{0,8}?(打|揍|踢)(?!扰|卡|针|电话|分|折|印|车|包|字|听|算|工|球|游戏|交道"
        r"|招呼|开|通|动|败|赢|断|发|理|扫|捞|造|磨|湿|乱|掉|假|量|官司|比方|回|翻|入|进)"
        r"|(围|追|按|堵|摁|拽|揪)(着)?(住)?[^,;:。!?\n]{0,4}?打",
        veto=_ANIMALS_GAMES + r"|打扰"),
    Cue("smash", ("crime",),
        r"砸(了)?(我|俺|他|她)?(家|的)?(人|门|车|窗|玻璃|店|东西|房子|摊)|乱砸|"
        r"把.{0,8}(车|门|窗|玻璃|店|东西)(给)?砸(了|烂|坏)|打砸|踹门|踹(我|她|他)|掐(我|她|他|住)"
        r"|按在地上打|拿.{0,4}砸(我|人|他|她)",
        veto=r"砸价|砸钱|砸锅卖铁|考砸|搞砸|办砸"),
    Cue("weapon", ("crime",),
        r"(拿|持|握|拎|提|举|挥|抡|掏出|亮出|抄起|抓起|带着|揣着|手里有|手持|手握|手里拿|拿起)"
        r"(着|了)?(一)?(把|根|个|支)?(菜|砍|水果|尖|长|短|杀猪)?(刀|匕首|斧头|斧子|枪|棍|棒"
        r"|铁棍|钢管|木棍|砖头|砖|酒瓶|啤酒瓶|锤子|榔头|铁锹|镰刀|剪刀|硫酸|汽油|凶器|弩|电棍"
        r"|铁链|螺丝刀|改锥)|持(刀|械|枪|凶器)|(刀|枪|斧头|棍子)(指着|架在|顶着|抵着|对着)"
        r"|动刀|亮刀|砍(人|伤|死|我|他|她|俺)|追砍|乱砍|捅(人|伤|死|我|他|她|俺|了)"
        r"|被(人)?(捅|砍|刺|扎)(了|伤|死)(?!胎|轮胎|车胎)|扎(伤|人)|刺(伤|死)|开枪|枪声|有枪|行凶|泼硫酸",
        veto=r"切菜|做饭|削(苹果|水果|皮)|切(水果|西瓜|肉|菜)|厨房|买(了)?(刀|把)|磨刀|刀具店"
             r"|快递|玩具|水枪|道具|cos|游戏|砍价|砍一刀|帮我砍|拼多多|刀削面|刀工|开刀|手术"
             r"|打针|扎针|针灸|刺绣|刺身|钓鱼|烟花|胎"),
    Cue("intrusion", ("crime",),
        r"入室|闯(进|入)(了)?(我|俺|家|屋|院|店|门|宿舍|房间|卧室|办公室|学校|校园|教室|幼儿园|车里)"
        r"|闯(了)?进来|冲进(了)?(我|俺)?(家|屋|院|店|宿舍|房间)"
        r"|破门|撬(了)?(我|俺|他|她)?(家|们)?(的)?(门|锁|窗|车)|在撬|(门|锁|窗|家)[^,;:。!?\n]{0,3}被(人)?撬"
        r"|被撬(了|开)|(男的|陌生人|有人|人)进了(我|俺)(家)?(的)?(院子|屋|家|门)|(正在|在|还在|正)(偷|剪锁)"
        r"|小偷[^,;:。!?\n]{0,2}(还在|在)|撬开(了)?(门|窗|锁)|(家|屋|院|店|房间)(里)?进(了)?(人|贼|小偷|陌生人)"
        r"|进贼|有贼|有小偷|小偷(在|还在|正在|进)|翻(窗|墙|阳台)(进|户|入)|翻进|爬(窗|阳台)(进)?"
        r"|扒窗|(陌生人|男的|有人)在(我家|俺家)(里|屋里|院里)?(翻|偷|躲|藏|转)"
        r"|(陌生人|男的|有人)在(我家|俺家)?(门口|门外|窗外)(不走|转悠|徘徊|蹲)"
        r"|(一直|使劲|拼命|疯狂)(在)?(敲|砸|踹|拍|拧)(我家)?(门|窗)|拧(门把手|门锁)"
        r"|(在|正在)(开|捅|撬)(我家|俺家)(的)?(门|锁)|break(ing)? ?in",
        veto=r"瓶盖|罐头|软件|梯子|vpn|上网|外网"),
    Cue("robbery", ("crime",),
        r"抢劫|打劫|劫持|挟持|人质|绑架|绑(走|了)(?!定)|被绑|飞车抢|拦路抢|抢走|勒索(?!病毒|软件)"
        r"|抢(了|走)?[^,;:。!?\n]{0,6}?(的)?(包|钱(?!包)|钱包|手机|项链|金链|首饰|耳环|电动车)"
        r"|被(人)?抢(?!先|光|购|完|空|注册|票|红包)|拦住.{0,4}(要钱|抢)|要钱.{0,6}(不给就|打)",
        veto=r"红包|抢票|抢购|抢单|抢车位|抢答|抢镜|抢修|抢先"),
    Cue("abduction", ("crime", "missing"),
        r"人贩子|拐(卖|骗|走)|偷孩子|抢孩子|(?<!警察|民警|公安)(被|让)(人|陌生人|一个男的|一个女的)"
        r"(带走|抱走|拉走|拖走|拽走)|(孩子|闺女|女儿|儿子|小孩|孙子|孙女|娃|宝宝)(被|让)?.{0,6}"
        r"(抱走|拽走|拉走|拖走|拐走|骗走|拽上|拉上|拖上|塞进|抱上)(了)?(车)?"
        r"|被[^,;:。!?\n]{0,6}(拉|拽|拖|抱|塞|推)(进|上|到)(了)?[^,;:。!?\n]{0,3}车"
        r"|(拖|拽|拉|推|抱|架)进(了)?(巷子|胡同|小树林|树林|屋|车|房间|厕所|楼道|玉米地|庄稼地)"),
    Cue("threat", ("crime",),
        r"同归于尽|(要|扬言|说要|威胁.{0,6})(杀|砍|弄死|捅|炸|烧|泼|打死)(了)?(我|你|他|她|人|全家|我们|俺)"
        r"|杀人了|杀人啦|出人命(了|啦)|弄死(我|你|他|她)|打死(我|他|她|人)(?!也|都)"
        r"|杀了(我|你|他|她)(?!吧|算了)",
        hyperbole=JOKE),
    Cue("sexual", ("crime",),
        r"猥亵|强奸|性侵|非礼|耍流氓|露(下体|阴)|摸(我|她|女|小姑娘|学生|孩子)(的)?(胸|屁股|大腿|腿|身)"
        r"|偷拍(我|女|裙底)|咸猪手"),
    Cue("stalking", ("crime",),
        r"(跟踪|尾随|盯梢)(我|俺|她|孩子|我们|女儿|闺女|女生|女孩|小姑娘)|被.{0,6}(跟踪|尾随|盯上)"
        r"|(有人|陌生人|男的|女的|一个人|一辆车|那人|这人)[^,;:。!?\n]{0,8}(跟着|跟踪|尾随)"
        r"|(他|她)(一直|一路)(跟着|跟踪|尾随)|跟(了|着)我(一路|好几条街|好久|半天)"),
    Cue("detention", ("crime",),
        r"(被|把)(我|她|他|俺)?(关|锁)(在|起来)|关在.{0,8}(不让|出不去|不放)"
        r"|不让(我|俺|她|他)(走|出门|出去|离开|回家|报警)|限制(我的)?人身自由|囚禁|非法拘禁"
        r"|收了(我|俺)?(的)?(手机|身份证)|控制(住)?(我|她|他)(不)|被[^,;:。!?\n]{0,6}(困|关|锁)在"
        r"|(关|锁)起来(了)?|不(让|给)(我|俺|她|他)下车|锁(了)?车门|往(郊区|山里|野地|偏僻|荒)[^,;:。!?\n]{0,4}开",
        veto=r"狗|猫|鸡|鸭|宠物|东西|车库"),
    Cue("domestic", ("crime",),
        r"家暴|打老婆|打媳妇|(老公|丈夫|男人|老婆|媳妇|前夫|男朋友|男友|爸|爹|继父|后爸)(又)?(在)?"
        r"(打|揍|掐|踹)(我|俺|孩子|娃|她|他|妈)|虐待(孩子|老人|我)"),
    Cue("mob", ("crime",),
        r"聚众|械斗|一群人.{0,6}(冲|打|砸|围)|(好多|一帮|一伙)人(围着|冲进|拿着)"
        r"|围(着|住)(我|他|她|人)(打|不让)|堵(着|住)(我|她|他)(打|不让|要)"),
    # medical: unconscious, bleeding, drowning, acute illness.
    Cue("unconscious", ("medical",),
        PERSON + r"[^,;:。!?\n]{0,8}?(晕倒|昏倒|昏迷|昏过去|晕过去|不省人事|失去(了)?意识"
        r"|叫不醒|喊不醒|叫不应|没(有)?(了)?(呼吸|气了|心跳|反应)|不(会)?动了|心脏骤停|抽搐|抽风"
        r"|口吐白沫|倒地不起|倒在地上|躺在地上|瘫(倒)?在地|摔(倒|了)(了)?.{0,4}起不来)"
        r"|(晕倒|昏倒|昏迷|晕过去|昏过去)(了|在)|不省人事|没(有)?意识(?!到)|意识不清|叫不醒"
        r"|心脏骤停|口吐白沫|倒地不起",
        hyperbole=JOKE),
    Cue("bleeding", ("medical",),
        r"(大)?出血(?!点)|流(了)?(好多|很多|一地|满地|不少)?血|血流不止|止不住血"
        r"|(满身|满脸|满头|一身|一脸|浑身|全身|头上|一地|满地|地上)(都是|全是)?(的)?血|见血"
        r"|头破血流|血肉模糊|伤(得|的)(很重|很厉害|不轻)|(受(了)?)?重伤|骨折|断了(腿|胳膊|手)"
        r"|伤口很深",
        veto=r"牙龈|鼻血|月经|例假|献血|痔疮|生理期|验血|抽血|血压|血糖"),
    Cue("fall", ("medical",),
        r"从[^,;:。!?\n]{0,8}(上)?(掉|摔|跌|坠|滚)(了)?下来|坠楼|坠落|(掉|摔|跌)下(楼|去|来)(了)?",
        veto=r"手机|东西|花盆|衣服|钥匙|杯子|碗|书|包|树叶|头发|眼泪|成绩|价格|排名|体重"),
    Cue("drowning", ("medical",),
        r"溺水|落水|(掉|栽|跌|摔|滑|落)(进|到|入|下)(了)?.{0,4}(河|湖|水|井|池塘|水库|水塘|坑|沟|海|江"
        r"|湾|汪|渠|冰窟窿|冰窟|冰洞|窨井|下水道|粪池|化粪池)|(掉|栽|跌|摔|滑)(在)?(了)?.{0,4}(河|湖"
        r"|水|井|池塘|水库|水塘|坑|沟|海|江|湾|汪|渠)里|(在|往)水里(挣扎|扑腾|喊)|被水(冲走|卷走)|淹(着|死)|沉下去|冰面.{0,4}(裂|塌|掉)",
        veto=r"手机|钥匙|钱包|东西|鞋|球|帽子|防溺水|戏水|捞"),
    Cue("acute", ("medical",),
        r"心脏病(犯|发作)|心梗|脑梗|脑溢血|中风了|突发(心脏|脑|疾病)|(呼吸|喘气)困难|喘不上气"
        r"|上不来气|噎住|卡住(了)?喉咙|(煤气|食物|农药)中毒|被电(了|到|击)|触电|烧伤|烫伤(?!膏)"
        r"|(要|快)生了|羊水破了|(快|要)不行了|休克",
        veto=r"游戏|太深|电脑|病毒", hyperbole=JOKE),
    # fraud: money going to a swindler now.
    Cue("safe_account", ("fraud",), r"安全(账|帐)户"),
    Cue("transfer", ("fraud",),
        r"(让|叫|要|要求|逼|催|骗)(我|俺|我妈|我爸|老人|我爷爷|我奶奶|家里人|我老婆|我老公)?.{0,8}"
        r"(转账|转钱|汇款|打款|付款|转过去|打钱|充值|交钱|交保证金|缴纳|垫付|买卡|下载|共享屏幕"
        r"|屏幕共享|开(视频)?会议|报验证码|发验证码|说验证码|(给|告诉)(他|她|对方)验证码)"
        r"|(正在|在|准备|马上|还要|继续|还得)(给.{0,12})?(转账|转钱|汇款|打款|转)"
        r"|不(转|交|给|打)(钱|账|款)?就(要)?(抓|逮捕|冻结|坐牢|起诉|拘留)|(在|到)(atm|银行|柜台|取款机)"
        r"|转了.{0,8}(还要|又让|还让|还叫)|验证码.{0,6}(给了|告诉|发给)",
        needs=_SCAM),
    Cue("scam_now", ("fraud",), r"(正在|还在)被骗"),
    # missing: a child, an elderly or vulnerable person gone just now.
    Cue("missing", ("missing",),
        VULNERABLE + r"[^,;:。!?\n的]{0,14}?(不见了|走丢|走失|丢了|弄丢|找不到了?|找不着了?|找不见"
        r"|没影了?|失踪|失联|联系不上|不知道(去|跑)(哪|那)|下落不明|还没(回|到)(来|家)|没(有)?回(来|家)"
        r"|一直没回|到现在(还|都)?没|跑丢了|走散了|跑没了|(一眨眼|一转眼|转眼|突然|一下子)(就)?(没了|没影))"
        r"|走丢|走失|(弄)?丢了(孩子|小孩|娃|老人)|找不到(我|俺)?(家)?(的)?(孩子|小孩|娃|儿子|闺女"
        r"|女儿|孙子|孙女|老人|妈|爸|娘|爹|奶奶|爷爷|姥姥|姥爷|老伴)(?!的)",
        veto=_NOT_PERSON),
    Cue("not_back", ("missing",),
        r"(出门|出去|走了|离开|放学|下班|上学|去玩|跑出去)[^,;:。!?\n]{0,10}(到现在|至今|一直|还)(都)?"
        r"没(有)?(回|到|消息|找到|音信)|(一直|还|到现在)(都)?没(回家|回来|找到|找着)"
        r"|(不知道|不晓得)(去|跑|走)(哪|那)(里|儿)?了|找不到人了|联系不上了",
        needs=VULNERABLE, veto=_NOT_PERSON),
    # other: a cry for help, someone trapped, someone about to fall.
    Cue("help", ("other",),
        r"救命(?!钱|稻草|恩人|之恩|药)|救救(我|俺|我们|孩子|他|她)|快来人|来人(啊|呀|哪)|求救"
        r"|救人(啊|呀|哪)|\bsos\b|出人命|快救", hyperbole=TRIVIAL),
    Cue("trapped", ("other",),
        r"被困(?!难|扰|惑)|困在(电梯|里面|楼上|屋里|车里|水里|山上|楼顶|井里|坑里|火里)"
        r"|(电梯|门)(里)?.{0,4}(困住|关住|出不来)|卡在(电梯|里面|中间)"),
    Cue("perch", ("other",),
        r"(站|坐|爬|趴)(在|到|上)(了)?.{0,4}(窗台|窗户外|阳台边|楼顶边|护栏外|栏杆外|栏杆上|楼顶上|天台边)"
        r"|高空(坠物|抛物).{0,6}(砸|伤)|往下扔(砖|刀|东西|石头)|(房子|楼|墙|屋顶)(塌|倒)了"),
)


# A small English lexicon: tourists, students, foreign residents, phones set to English.
ENGLISH: tuple[Cue, ...] = (
    Cue("en_help", ("other",),
        r"(?<![a-z'])(help|sos|emergency)( me| us)?( please| now)?(?=\s*[!,.;]|\s*$)"
        r"|please help|need help now"),
    Cue("en_crime", ("crime",),
        r"break(ing)? in|broke in|intruders?\b|burglar|someone('s| is) in my (house|home|flat"
        r"|apartment|room)|\brob(bed|bing|bery)\b|mugg(ed|ing)|stabb(ed|ing)|\bknife\b|\bgun\b"
        r"|shoot(ing)?\b|shots fired|attack(ed|ing)\b|assault(ed|ing)?\b|beat(ing)? (me|him|her|up)"
        r"|hitting (me|him|her)|kidnap|abduct|following me|stalking me|\brap(e|ed)\b"
        r"|threaten(ing|ed)? to kill|going to kill|kill (me|him|her|us)\b|(a|are|is) fight(ing)?\b"),
    Cue("en_fire", ("fire",),
        r"\bfire\b(?!d|works| drill| alarm test)|on fire|burning|\bsmoke\b|smell(s|ing)? (of )?gas"
        r"|gas leak|explo(sion|ded)"),
    Cue("en_medical", ("medical",),
        r"unconscious|not breathing|stopped breathing|passed out|collapsed|fainted|\bbleeding"
        r"|heart attack|seizure|overdos(e|ed)|drown(ing|ed)?\b|ambulance|\bstroke\b"
        r"|fell (in|into) the (river|lake|water)"),
    Cue("en_traffic", ("traffic",),
        r"car (accident|crash)|\bcrash(ed)?\b|hit by a (car|truck|bus|van|bike|motorbike)"
        r"|run over|hit[- ]and[- ]run|\baccident\b"),
    Cue("en_self_harm", ("self_harm",),
        r"kill(ing)? (myself|himself|herself|themselves)|suicid(e|al)|end (my|his|her) life"
        r"|wants? to die|jump(ing)? off|cut(ting)? (myself|my wrists?)|hurt(ing)? myself"
        r"|self[- ]harm"),
    Cue("en_missing", ("missing",),
        r"(child|kid|son|daughter|boy|girl|baby|mother|father|mom|mum|dad|grandma|grandpa"
        r"|grandmother|grandfather)\b[^.!?]{0,24}\bmissing|lost my (child|kid|son|daughter|baby"
        r"|mom|mum|dad)|can'?t find my (child|kid|son|daughter|baby|mom|mum|dad|grandma|grandpa"
        r"|grandmother|grandfather)|missing (child|kid|person)"),
    Cue("en_fraud", ("fraud",),
        r"safe account|(asked|told|wants?|making) me to (transfer|send|wire|pay)"
        r"|transferring (money|the money)|screen shar|being scammed"),
)

# Pinyin without tones, matched on the message's pinyin letters run together (jiu ming,
# jiuming). Only messages that are written in pinyin are read this way.
PINYIN: tuple[Cue, ...] = (
    Cue("py_help", ("other",), r"jiuming|jiujiu(wo|ta|women)|kuailairen|qiujiu"),
    Cue("py_fire", ("fire",),
        r"zhaohuo|qihuo|shihuo|huozai|maoyan|nongyan|(meiqi|ranqi|tianranqi)(xie|wei|lou)"),
    Cue("py_crime", ("crime",),
        r"daren|da(wo|ta)(?!n)|dajiale|zaidajia|dajia(le)?$|qunou|kanren|tongren|nadao|chidao|qiangjie|dajie(le)?$"
        r"|rushi|qiaomen|qiaosuo|jinzei|youzei|genzongwo|weisuiwo|bangjia"),
    Cue("py_self_harm", ("self_harm",),
        r"zisha|tiaolou|tiaohe|buxianghuo|huobuxiaqu|gewan"),
    Cue("py_traffic", ("traffic",), r"chehuo|zhuangren|beichezhuang|zhuangdao"),
    Cue("py_medical", ("medical",),
        r"yundao|hunmi|liu(le)?(henduo)?xue|mei(you)?huxi|luoshui|nishui|diao(jin)?(he|shui)li"),
    Cue("py_missing", ("missing",),
        r"(haizi|xiaohai|erzi|nver|nuer|laoren)(bujianle|zoudiu|zoushi|zhaobudao|diule)|zoudiule"
        r"|zhaobudao(wo)?(haizi|xiaohai|erzi|nver|nuer)"),
    Cue("py_fraud", ("fraud",), r"anquanzhanghu|zhengzaizhuanzhang"),
)
