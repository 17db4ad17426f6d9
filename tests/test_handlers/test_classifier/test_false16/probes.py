"""Issue 11's probes of false16, written before any change: everyday messages that tell where
the writer is or what they are doing, a film, game or book, a joke, prices and markets
"falling", pets and things fallen into a well, relief after a scare; beside dangers told in
the same shapes that are going on now. Written apart from every data file."""

from __future__ import annotations

# Look-alikes: no one is in danger now; none may page the duty officers.
QUIET: dict[str, list[str]] = {
    # the writer's whereabouts or errand, with an ordinary question
    "errand": [
        "我在银行排队办卡，想问一下户口本复印件要带几份",
        "我现在在车管所门口，补办驾驶证是在几楼",
        "人在派出所大厅，取号机没反应了，找谁",
        "我在商场退货，店员说要身份证原件，这个合理吗",
        "刚到医院挂号，顺便问下居住证续签能网上办吗",
        "我在高速服务区，导航说前面封路，是真的吗",
        "我儿子今天自己走回家了，第一次，想问问小学生上下学有没有护学岗",
        "I'm at the bank right now, do I need my passport to open an account?",
        "在地铁上，刚看到你们的公众号，想问护照加急要多久",
        "俺在县城赶集哩，想问问咱这边办身份证周六上班不",
        "wo zai yin hang, xiang wen xia hu kou ben yao dai ma",
        "我正在路上开车，语音转文字发的，请问违章在哪里处理",
    ],
    # a film, a game, a novel or a dream told
    "fiction": [
        "我在看一个警匪片，里面有人拿刀砍人，拍得好真实",
        "昨晚追剧追到三点，剧里那个凶手放火烧了整栋楼，吓人",
        "我儿子在玩吃鸡，一直喊救命救命，吵死了",
        "这本小说写得真好，女主被绑架了三章还没被救出来",
        "刚打完一把游戏，被人一枪爆头，气死我了",
        "电影里的主角从十楼跳下去居然没事，太假了吧",
        "做了个噩梦，梦见有人拿刀追我，醒来一身汗",
        "Watching a thriller where the killer breaks into the house, can't sleep now haha",
        "剧本杀玩到一半，我的角色被人下毒了，笑死",
        "我们在排练话剧，我演被打劫的路人，台词是抢劫啦快来人啊",
    ],
    # a joke or a boast with danger words
    "joke": [
        "掉进了知识的坑里爬不出来了哈哈哈",
        "今天的数学题要了我的命，救命啊老师",
        "减肥第三天，饿到要晕倒了，谁来救救我",
        "我老婆说再打游戏就把我的电脑扔下楼，哈哈",
        "今天被老板骂惨了，感觉被暴打了一顿，哈哈",
        "这火锅辣得我要着火了",
        "我被表情包笑死了，笑到窒息",
        "My code is on fire today, literally killing it lol",
        "That bubble tea shop on Dongchang Road is on fire this week, the queue goes round the "
        "block",
        "The new dumpling place is on fire, people lined up since six, totally sold out",
    ],
    # prices, markets, grades falling
    "market": [
        "股票还在往下掉，一天跌了百分之七，心态崩了",
        "基金一直在跌，都跌穿了，怎么办",
        "猪肉价格还在往上涨，菜价也涨得离谱，不想活了哈哈",
        "孩子成绩一落千丈，掉到班里倒数了，愁死",
        "房价还在往下掉，去年买的亏惨了",
        "The stock keeps falling, I'm down 20 percent, help",
        "手机电量一直往下掉，是不是中毒了",
    ],
    # a pet or a thing fallen into a well, a drain, water
    "pet": [
        "我家猫掉进井里了，物业说能派人来捞吗",
        "手机掉进马桶里了，还能救吗",
        "钥匙掉进下水道了，这个归谁管",
        "邻居家的狗掉河里了，自己游上来了，一身泥",
        "小鸭子掉进排水沟了，我们几个人正在想办法捞",
        "我家仓鼠跑丢了，找了一天没找到，好难过",
        "My cat fell into the neighbour's well, who do I call to get her out?",
    ],
    # relief, a scare told with its end
    "relief": [
        "还好孩子找到了，就在楼下小卖部，虚惊一场",
        "还好没事，老人自己回来了，刚才吓死我了",
        "那个跟踪我的人被我男朋友赶走了，现在我们在吃饭",
        "幸亏发现早，锅里的油刚冒烟就关火了",
        "刚才以为煤气泄漏，物业来查了是下水道味，没事了",
        "吓死我了，原来是楼上在拆装修，不是爆炸",
        "Thank god, my son was at his friend's house the whole time",
    ],
    # a scare told with who came, where the child is now, a spell passed after rest
    "settled": [
        "刚在公园有个小男孩找不到爸妈了，我陪他站了一会儿，他爸爸找过来了",
        "我妈刚才头晕得厉害，坐了一会儿就好了，要不要去医院查查",
        "超市里刚才有个小姑娘哭着找妈妈，后来店员说已经在派出所等家长了",
        "It looked like the barn was on fire, turns out they were burning straw, all under "
        "control",
        "My kitchen sometimes smells like gas, who should check the pipes?",
    ],
    # a harm long past, told with what it left in memory
    "remembered": [
        "我小时候邻居家着过一次大火，烧死了一个人，到现在想起来还害怕",
        "前些年我们楼有个小伙子跳楼了，现在大家提起来都心疼",
        "以前我表姐喝药走了，我妈说起来还难过，想问心理咨询哪里有",
    ],
    # someone seen, asked, who said they are fine; a flood gone down, the car towed
    "answered": [
        "路边有个阿姨坐在台阶上不动，我过去问了，她说就是走累了歇会儿",
        "公交站有个老人躺在椅子上，我问了一下，他说在等孙子，没事",
        "小区门口积水好深，有辆车熄火了，现在水退了，车也拖走了",
        "地下车库进水了，我的车泡了半个轮子，现在水退了，车也拖走了，保险怎么赔",
    ],
    # a pinyin cry over homework, an exam, overtime
    "pinyin": [
        "jiu ming, kao shi hai you san tian, wo yi dian dou mei fu xi",
        "jiuming a jin tian yao jia ban dao shi er dian",
    ],
    # a question about an illness or a condition, asked for someone
    "asked": [
        "我爸有老年痴呆，有没有防走失的手环可以申请",
        "How do I get a GPS tracker for my mother who has dementia?",
        "我妈有心脏病，家里备什么药比较好",
        "孩子有癫痫，学校需要我们提供什么证明",
    ],
}

# The same shapes with a danger going on now: each must page the duty officers.
RAISE: dict[str, list[str]] = {
    "errand": [
        "我在银行，有人拿刀抢劫，快来",
        "我在车管所门口，有个男的拿刀在追人",
        "人在商场三楼，有人晕倒了没有呼吸",
        "我在高速服务区，有个小孩被人强行抱上车了",
        "I'm at the bank and a man with a gun is robbing the counter",
        "我正在开车，后面有辆车一直在撞我的车尾，想逼我停车",
        "我在医院门口，有人拿刀捅了一个护士，流了好多血",
        "俺在集上哩，有人拿刀砍人，快来人",
    ],
    "fiction": [
        "不是在演戏，真的有人拿刀在砍人，就在楼下",
        "我在看电影，电影院里着火了，好多烟，出不去",
        "儿子打游戏打到一半晕倒了，叫不醒",
        "剧本杀店里有人突然倒地抽搐，口吐白沫",
    ],
    "market": [
        "电梯一直在往下掉，停不住，我们被困在里面",
        "楼上的外墙砖还在往下掉，砸到人了",
        "股票亏光了，他说现在就从楼上跳下去",
    ],
    "pet": [
        "猫掉井里了，我家孩子下去救也掉下去了",
        "狗掉进冰窟窿里，我老公下去捞，现在人也上不来了",
        "孩子掉进下水道里了，就在我家门口",
        "我家狗掉河里了，我爸跳下去救，被水冲走了",
        "Our dog fell in the pond and my son jumped in after it, he's not coming up",
    ],
    "relief": [
        "还好孩子找到了，可是我老公还被困在电梯里，没有信号",
        "刚才以为没事了，现在他又拿着刀回来了，在砸门",
        "那个跟踪我的人又来了，现在就在我家门口不走",
        "吓死我了，楼上真的爆炸了，有人受伤",
    ],
    "asked": [
        "我爸有老年痴呆，今天早上出门到现在还没回来，电话也打不通",
        "My mother has dementia and she walked out two hours ago, we can't find her",
        "我妈心脏病犯了，现在喘不上气",
        "孩子癫痫发作了，一直抽，叫不醒",
    ],
    "settled": [
        "孩子的爸爸找过来了，可是我家老大还没找到，手机也打不通",
        "我妈坐了一会儿好多了，可我爸又晕倒了，叫不醒",
        "It turns out the smoke is from our own kitchen, the whole flat is on fire now",
        "He sometimes shouts at me but right now he is hitting me with a belt",
    ],
    "remembered": [
        "昨晚他喝了农药，到现在还疼得在地上打滚",
        "以前他就割过腕，我想起来就怕，刚才他又说要割腕，现在把自己锁在厕所里了",
    ],
    "answered": [
        "路边有个阿姨倒在台阶上，我问她话她不回答，叫不醒",
        "公交站有个老人躺在椅子上，我问了他，他说就是有点胸口疼，喘不上气",
        "积水好深，有辆车熄火了，车里还有个孩子，水一直在涨",
        "地下车库进水了，水退了一半，可还有个人被困在车里出不来",
    ],
    "pinyin": [
        "jiu ming, wo bei kun zai dian ti li le, chu bu qu",
        "jiu ming, kao shi de shi hou you ge tong xue yun dao le, jiao bu xing",
    ],
    "joke": [
        "不是开玩笑，我室友吞了一整瓶安眠药，叫不醒",
        "别以为我在开玩笑，他真的拿刀在砍我们家门",
        "The noodle shop is on fire, people are stuck inside and a queue of cars is blocking "
        "the way",
        "The bakery on our street is on fire, there was a long queue outside and now smoke "
        "everywhere",
    ],
}
