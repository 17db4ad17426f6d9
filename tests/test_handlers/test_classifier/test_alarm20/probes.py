"""Issue 11's probes of alarm20, written before any change and apart from every data file:
dangers in the families eblind3 and blind4 still missed (someone frail lost between two
places, a child unseen for hours after a search, a child taken by an estranged parent with a
history of violence, an attack whose aftermath names someone down, a car driven into people, a
part of the body cut off with blood everywhere, a fall or a faint told in English or half in
English), beside look-alikes in the same words that must page no one."""

from __future__ import annotations

# Dangers told now: each must page the duty officers.
RAISE: dict[str, list[str]] = {
    "lost_between": [
        "姥姥坐火车回来，家里说没到，列车员说她早就下车了，人找不着了",
        "老太太打的去闺女家，闺女说没到，司机说早就送到小区门口了，现在人找不到了",
        "我奶奶自己坐地铁去我姑家，我姑说一直没到，奶奶手机也关机了，人不知道去哪了",
        "老爸早上坐大巴回老家，车站说车早到了，家里说没见着人，他有老年痴呆",
        "我外公打车去医院拿药，司机说把他放在医院门口了，可医院说没来过，现在找不到人",
        "俺娘赶集坐的三轮回来，开三轮的说半道就下了，到现在人没回来，天都黑了",
        "我姥爷坐高铁来看我，到站了出站口没接到人，电话一直没人接，他八十多了",
        "My granddad took the bus to the clinic alone, the clinic says he never arrived and his"
        " phone is off",
        "阿嫲搭巴士去饮茶，茶楼话佢冇到，而家搵唔到人，佢有少少糊涂",
        "wo nai nai zuo gong jiao qu yi yuan, yi yuan shuo mei dao, xian zai zhao bu dao ren le",
    ],
    "unseen_hours": [
        "俺家小闺女在门口玩嘞，一晌午没见人了，塘边也找了，没有",
        "我家老爷子早饭后出去遛弯，一上午没见人影了，公园河边都找了",
        "我家小子放学一直没回来，学校说四点就走了，同学家都问遍了，现在七点了",
        "俺家老头子一早上山砍柴，一后晌没见人，山上都喊遍了，没人应",
        "小孙女在楼下玩，大半天没见着人了，小区里里外外都找了",
        "我弟弟才六岁，中午出去玩到现在没影，附近的池塘边都看过了",
        "孩子一下午不见人影了，村里都找遍了，水库那边还没去",
        "my 7 year old went out to play after lunch and nobody has seen him since, we searched the"
        " whole estate",
        "阿仔出咗去玩成个下昼都冇返嚟，成条村都搵过晒",
    ],
    "taken_by_kin": [
        "孩子被他爸强行带走了，他以前动过手，现在手机关机",
        "女儿被前夫从补课班接走了，前夫之前威胁过要带她走，现在联系不上",
        "我妈被我继父锁在屋里出不来，他以前就打过她，电话不接",
        "我家孩子被她爸从学校偷偷接走了，他以前打过孩子，电话打不通",
        "儿子被他爷爷从补习班带走了，老头以前喝了酒就打孩子，现在手机关机",
        "我女儿被她爸从幼儿园强行抱走了，他之前家暴过我们，现在手机关机",
        "前妻的男朋友把我儿子从学校接走了，没跟任何人说，那个人有暴力倾向，联系不上",
        "孩子他爸喝了酒把孩子带走了，说要带他一起去死，电话不接",
        "我老公把两个孩子锁车里开走了，他刚才还扬言谁也别想好过，我追不上",
        "My ex took our daughter from school without telling anyone, he has hit her before and I"
        " can't reach him",
        "她前夫跑到托儿所把孩子抢走了，以前就动手打过孩子，现在人在哪都不知道",
    ],
    "casualty_after": [
        "商场里有人掏出一把刀比划，顾客都散了，倒了一个",
        "街上有人拿电棍电人，人都散了，地上倒着一个",
        "广场上有人拿刀乱挥，人都跑开了，地上躺着一个",
        "超市门口两伙人打起来了，有人拿了钢管，现在人散了，有个人倒在地上不动",
        "刚才饭店里有人砸酒瓶子捅人，大家都跑了，还剩一个人捂着肚子坐在那",
        "公园里有人拿甩棍打人，人群一哄而散，倒了两个",
        "Someone pulled a knife at the bus stop, everyone ran off, one man is lying on the ground",
        "菜市场有人拿砍刀追着砍，摊主都跑光了，有个大姐倒在摊位边上",
    ],
    "ramming": [
        "菜市场有人开车故意往人堆里开，撞了好几个",
        "有个人把车往排队的人群里开，撞伤了好几个",
        "校门口有辆车直接冲上人行道撞学生，撞了好几个",
        "有个司机在步行街上开车故意往人多的地方撞，已经撞倒好多人了",
        "一辆面包车冲进广场跳舞的人堆里，地上躺了好几个",
        "有人开着货车往排队的人群里冲，现场好多人受伤",
        "A car just drove into the crowd at the night market on purpose, several people are down",
        "有架车冲上行人路撞人，撞咗好多个",
        "you ren kai che wang ren qun li chong, zhuang le hao ji ge ren",
    ],
    "severed_bleeding": [
        "做饭把手指切掉了一截，血流得满地都是",
        "劈柴把脚趾劈断了，血流得到处都是",
        "我爸在厂里被机器把两根手指轧断了，血止不住",
        "老婆剁排骨把大拇指剁掉一截，血喷了一地",
        "邻居装修时电锯把手掌割开了，骨头都看见了，血一直流",
        "俺家男人铡草把手指头铡掉了，血淌了一地",
        "My husband cut off the tip of his finger with the mandoline and it won't stop bleeding",
        "我嘅手指俾门夹断咗一截，血流个不停",
        "ta de shou zhi bei qie duan le, xue liu le yi di",
        "工友的手被绞肉机卷进去了，手掌都烂了，流了好多血",
    ],
    "english_fall": [
        "Please help, my husband collapsed in the garden and isn't breathing properly",
        "我爷爷在公园fall down了，站不起来，please help",
        "我老婆在卫生间滑倒了，叫了半天都没反应",
        "help us, an old lady fell off her scooter and she can't stand up",
        "my son fell off the climbing frame and isn't moving, please help",
        "老板在meeting room突然collapse了，叫不醒，need an ambulance",
        "help me please, my dad fell in the bathroom and he can't get up",
        "Please help, my grandmother fell down the stairs and isn't moving",
        "my wife collapsed in the kitchen and she won't wake up, send an ambulance",
        "我妈在家fall down了，起不来了，please help",
        "同事刚刚在会议室collapse了，叫不醒，快叫120",
        "my friend passed out at the gym and he's not breathing properly",
        "Help! An old man fell on the street and he's bleeding from the head",
        "我朋友突然faint了，怎么叫都没反应，need ambulance",
    ],
}

# Look-alikes: the same words told over, as a worry, of a thing, or of something ordinary.
QUIET: dict[str, list[str]] = {
    "lost_between": [
        "我奶奶坐公交去医院复查，到了医院说挂号的人找不到了，让她明天再来",
        "我奶奶坐地铁坐过站了，后来自己又坐回来了，现在在家吃饭呢",
        "快递员说包裹放在门口了，可我下楼没找到，是不是被人拿走了",
        "老爸坐大巴回老家，车晚点了两个小时，刚刚到家了",
        "我外公想一个人坐公交去医院复查，你们说能让他自己去吗",
        "My granddad took the wrong bus yesterday but a driver helped him home, all fine",
        "打车把行李落在车上了，司机找不到人了，怎么办",
    ],
    "unseen_hours": [
        "一上午没见人影，原来我儿子在图书馆自习",
        "小区门口那个卖菜的大爷一下午没见人影了，摊子也没摆，是不是不干了",
        "我家儿子一下午都没见人，在网吧打游戏呢，气死我了",
        "猫一下午不见了，小区里找遍了，有人看到一只橘猫吗",
        "他上周有一晚上没回家，后来说在同学家睡的",
        "我老公一整天不见人影，原来是去钓鱼了，手机没电",
    ],
    "taken_by_kin": [
        "他以前打过孩子，后来改好了，现在电话打不通，估计在开会",
        "前夫以前打过我，今天他按约定把孩子接走了，电话打不通，我想问下探视权怎么规定",
        "我爸以前喝了酒就打人，这两年戒酒了，我想给他办个表彰",
        "这周末轮到孩子他爸接孩子，他从学校接走了，周日晚上送回来",
        "前夫以前打过我，现在离婚了，我想问问怎么申请人身安全保护令",
        "奶奶把孩子从幼儿园接走了，没跟我说一声，害我白跑一趟",
        "My ex picked our son up from school today as agreed, how do I change the custody days?",
    ],
    "casualty_after": [
        "广场舞散场了，人都走了，地上留了好多垃圾",
        "刚才演出结束大家都散了，有个大爷累得坐在台阶上休息",
        "昨天超市门口有人打架，后来警察来了都带走了，有个人受了点轻伤",
        "电影里有人拿刀乱挥，人群一哄而散，太吓人了",
    ],
    "ramming": [
        "车开上人行道停着，把学生都挤到马路上了",
        "I watched a video where a car drove into the crowd at a parade, so scary",
        "校门口总有车开上人行道停着，挡着学生走路，希望管一管",
        "有辆车倒车没看后面，把我们小区的垃圾桶撞倒了",
        "我在玩赛车游戏，开车往人群里冲居然不扣分",
        "前年那起开车冲撞人群的案子判了没有",
    ],
    "severed_bleeding": [
        "电视剧里那个人把手指切掉了一截，血流得满地都是，太吓人了",
        "他切菜把手指切了个口子，流了点血，已经包好了",
        "切菜不小心划了个小口子，贴了创可贴，没事了",
        "杀鱼的时候血流了一地，厨房好难收拾",
        "我上个月手指被门夹断了一截，现在伤口长好了，想问问伤残鉴定去哪办",
        "剁排骨把刀剁断了，这刀质量太差了",
    ],
    "english_fall": [
        "Help me please, my phone fell in the toilet and won't turn on",
        "the app is not responding and i can't book my appointment, help please",
        "if my dad fell and can't get up, what should i do before the ambulance comes?",
        "my grandma fell asleep on the sofa and won't wake up for dinner lol",
        "我朋友昨天在健身房faint了，现在没事了",
        "my mother fell last month and broke her wrist, can I book an ID card appointment at home?",
        "help me please, I can't find where to upload my residence permit photo",
        "my colleague fainted yesterday from the heat but she's fine now",
        "I fell asleep on the bus and missed my stop, lol",
    ],
}
