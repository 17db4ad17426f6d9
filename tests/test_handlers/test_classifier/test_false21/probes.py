"""Issue 11's probes of false21, written before any change: a film, cartoon, novel or game
told; a danger already over, its outcome said (home, unhurt, spat out); a catchphrase or a
saying repeated; prevention (detectors fitted, drills, advice); a lost pet or farm animal;
small talk of a newcomer; a harm long past with "now" telling it is well. Beside them, dangers
told in the same shapes that are going on now. Written apart from every data file, in plain
Chinese, dialect, English, pinyin and long chat."""

from __future__ import annotations

# Look-alikes: no one is in danger now; none may page the duty officers.
QUIET: dict[str, list[str]] = {
    # a film, a cartoon, a novel or a game told
    "story": [
        "我闺女在看动画片，片里的小兔子家着火了，她哭着问兔子会不会死",
        "昨晚那部电视剧里，男主被人捅了一刀，今天还在想这个情节",
        "俺娃看嘞那个电视，里头嘞房子塌了，吓得不敢睡，真是嘞",
        "我在写一部悬疑小说，第三章凶手要放火烧仓库，请问消防车一般几分钟能到",
        "游戏里我的队友被围攻了，我一直喊救他，结果全军覆没，哈哈",
        "孩子跟同学玩警察抓小偷，满院子喊抓贼啊，邻居还以为出事了",
        "The cartoon my son watches has a dragon that sets the village on fire every episode",
        "In the movie the hero gets stabbed but walks it off, so unrealistic lol",
        "wo zai kan dian ying, li mian you ren bei bang jia le, hao jin zhang",
        "xiao shuo li de nv zhu jiao bei ren zhui sha, wo kan de shui bu zhao",
        "我儿子拿玩具枪对着我喊不许动抢劫，可爱死了",
        "女儿过家家当护士，给布娃娃打针，说娃娃晕倒了要急救",
    ],
    # a danger already over: its outcome told
    "over": [
        "我爸刚才在菜市场跟人吵起来了，还推搡了几下，现在已经回家了，人没事",
        "刚才娃把一颗纽扣塞进嘴里，我赶紧给抠出来了，没吞下去",
        "下午闺女在商场走丢了十分钟，广播一喊就找到了，虚惊一场",
        "刚刚厨房油锅起火，我盖上锅盖就灭了，啥事没有",
        "俺老头子上午在地里晕了一下，歇了会儿就缓过来了，这会儿在屋里吃饭呢",
        "My son swallowed a coin earlier but he coughed it up, he's totally fine now",
        "There was a scuffle outside the bar last night, my husband got home safe and isn't hurt",
        "gang cai you ren zai lou xia da jia, xian zai yi jing zou le, mei ren shou shang",
        "刚才有个醉汉在门口砸门，保安已经把他带走了，我们都好好的",
        "孩子刚才被鱼刺卡了一下，喝了口醋就咽下去了，没事了",
    ],
    # a catchphrase, a saying, a habit of words
    "saying": [
        "我妈老说“气死我了，我不活了”，其实她就是嘴上说说，心态好得很",
        "我们组长动不动就说“要出人命了”，其实就是赶进度，口头禅",
        "俺姑天天念叨“活不下去喽”，都念叨二十年了，身体棒着呢",
        "My roommate always says 'I'm gonna kill myself' when exams come, it's just how she talks",
        "他每次输了游戏都喊“救命啊”，习惯了",
        "wo peng you zong shuo 'bu xiang huo le', qi shi jiu shi kou tou chan",
    ],
    # prevention: devices fitted, drills, advice
    "prevention": [
        "We finally put a smoke alarm in the kitchen and a fire blanket by the stove",
        "Our school ran a fire drill this morning, the kids loved the fire truck",
        "小区今天给每户装了烟感报警器，还发了灭火器，挺贴心的",
        "物业通知下周搞消防演练，到时候会拉警报，大家别慌",
        "想给家里老人装个燃气泄漏报警器，哪个牌子靠谱",
        "Bought a carbon monoxide detector for the new flat, any tips on where to mount it?",
        "xue xiao jin tian you fang huo yan xi, hai zi shuo hen hao wan",
    ],
    # a pet or a farm animal gone or in trouble
    "animal": [
        "俺家的老母鸡跑丢了两只，谁家看见了说一声，芦花的",
        "我家那只橘猫从昨天就没回来，有人在小区看到过吗",
        "咱家的羊跑到邻村去了，有人瞅见没，耳朵上有记号",
        "Our tortoise escaped from the garden, has anyone seen a small brown tortoise?",
        "wo jia de gou zou diu le, jin mao, you ren kan dao ma",
    ],
    # small talk, a newcomer's chat
    "smalltalk": [
        "Just moved to the east district last week, everyone at the market is so kind",
        "Hi, new here from Shanghai, the food in this city is amazing",
        "Hello officers, thanks for the safety tips you posted, very helpful",
        "刚搬来这边，觉得这里的人特别热情，派出所的民警也很客气",
        "Greetings from a foreign teacher, I love the parks here, so peaceful",
    ],
    # Written while building, after the base was recorded: the first three quiet on base,
    # the rest raised on base (two of them still raise: the strict xfails).
    "while_building": [
        "我初中那会儿被人勒索过两回，后来转学了，现在挺好",
        "小区在搞消防演练，灭火器喷得满地白，孩子们围着看",
        "孩子在看卡通，片里的小猪被大灰狼追着咬，吓得抱着我",
        "刚刚闺女把一颗药片塞嘴里了，我让她吐出来了，没咽下去",
        "宝宝刚才把小珠子放嘴里，被我抠出来了，没吞下去",
        "gang cai wo ba gen ren da jia le, xian zai hui jia le, mei shou shang",
        "我孩子看的那个动画片，里头的小猪家着火了，哭了一晚上",
        "wo er zi zai kan dong hua pian, li mian de xiao zhu bei lang zhui",
        "孩子玩救护车玩具，一直喊“有人晕倒啦快救人”",
        "我们老板总说“不想活了”，就是嘴上说说，天天乐呵呵的",
        "My aunt always says she wants to die when she's tired, it's just a figure of speech",
        "俺家那头小羊跑出去了，有人瞅见没，脖子上挂个铃铛",
        "我高中同学那会儿吃过一次安眠药，抢救过来了，现在身体挺好",
        "wo ma zong shuo bu xiang huo le, qi shi jiu shi kou tou chan",
        "wo jia de mao zou diu le, you ren kan dao ma",
    ],
    # a harm long past, "now" tells it is well
    "past_well": [
        "我表哥高中的时候跳过一次河，后来慢慢走出来了，现在孩子都上学了",
        "我邻居前几年煤气中毒过，抢救回来了，现在身体挺好",
        "My cousin tried to end his life years ago, he's doing great now and runs a cafe",
        "俺爹前年从房顶上摔下来过，腿断了，现在能下地干活了",
    ],
}

# Dangers in the same shapes, going on now: each must page the duty officers.
RAISE: dict[str, list[str]] = {
    "story_turned_real": [
        "孩子们在玩打仗游戏，结果两个真打起来了，一个拿砖头砸头，流了好多血",
        "我在看电影，突然闻到焦味，厨房真的着火了，烟好大",
        "Kids were playing cops and robbers and now one of them has a real knife and won't "
        "drop it",
        "俺在看电视，外头有人喊救命，一个女嘞被人拽着往车里拖",
        "wo zai wan you xi, tu ran ting dao ge bi you ren han jiu ming, hai zai da",
        "我在写小说，写着写着闻到一股煤气味，越来越浓，头晕",
    ],
    "not_over": [
        "刚才打架的人说走了，结果又带了几个人回来，拿着棍子在门口砸",
        "他说没事了，可是现在脸发紫，喘不上气",
        "孩子把硬币吞下去了，抠不出来，现在一直咳，脸都憋红了",
        "He said he's fine and went home but now he is vomiting and can't stand up",
        "火说是灭了，可是楼道里又冒烟了，还有人在上面",
        "俺爹刚才说缓过来了，这会儿又倒地上了，叫不醒",
    ],
    "saying_turned_real": [
        "我同事平时总说不想活了，刚才他发消息说在天台上，跟我们告别",
        "My friend always jokes about dying but right now she's on the bridge and says goodbye",
        "他老说要跳楼，今天真的爬上楼顶了，现在坐在边上",
    ],
    "pet_and_person": [
        "家里着火了，孩子和狗都还在屋里，门打不开",
        "俺家狗把小孙子咬了，还在咬，拉不开",
        "Our dog ran into the road and my daughter ran after it, she's been hit by a car",
        "猫跑出去了，我妈去追，现在摔在楼梯下面起不来了",
    ],
    "prevention_sounding": [
        "The smoke alarm is going off and the hallway is full of smoke, my neighbour is still "
        "inside",
        "烟感报警器一直在响，屋里全是烟，老人还在里面",
        "燃气报警器响个不停，闻到很大的煤气味，我妈晕倒了",
    ],
    "past_now_again": [
        "她以前割过腕，刚才又把自己锁在厕所里，说不想活了，门敲不开",
        "My brother overdosed last year and now he's taken a whole bottle of pills again",
    ],
    # Written while building (after the base was recorded; raised on base but for the last
    # two, which the branch still misses).
    "while_building": [
        "电视里面冒烟了，还有火星，插头烫手",
        "对方司机卡在车里出不来，我没受伤",
        "他老说不想活了是口头禅，可今天真的吞了一瓶安眠药",
        "她高中的时候割过腕，刚才又割了，血止不住",
        "有人把孩子塞进面包车开走了",
        "wo jia de gou zou diu le, hai zi qu zhao gou, xian zai ye mei hui lai, dian hua guan ji",
        "我在写小说，隔壁突然吵起来了，一个男的拿刀砍人",
        "孩子刚才被车撞了，人没事吧？现在躺在地上不动",
        "电视里在播新闻，我家楼下真的着火了",
        # a film named as a likeness, or a story come true: what follows is real
        "跟电影里一样，有人拿着刀冲进来了，正在砍人",
        "Like in a movie, a man just ran in with a knife and is stabbing people",
        "小说里写的那种事发生在我身上了，有人在撬我家门",
        # words disowned, then a danger told after them
        "我妈说她不是真的想死，可她刚吞了一把药",
        "他老说不想活了是口头禅，可他刚吞了一瓶药",
        "他说的是气话，但他已经爬到楼顶边上了，腿在外面",
    ],
    "newcomer_in_danger": [
        "Just moved here and someone is trying to break into my flat right now, help",
        "Hi I'm new in town, my wife collapsed in the street and isn't breathing",
    ],
}
