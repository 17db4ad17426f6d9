"""Issue 11's probes of false15, written before any change: everyday messages that tell a
danger already over, handled, refused, seen earlier, feared or lived long ago, beside dangers
told in the same shapes that are going on now. Written apart from every data file."""

from __future__ import annotations

# Look-alikes: no one is in danger now; none may page the duty officers.
QUIET: dict[str, list[str]] = {
    # the danger told with its end: responders came and took over, or it stopped
    "over": [
        "刚才楼下有人打架，警察已经来了，人也抓走了",
        "昨晚小区有个醉汉拿着酒瓶乱砸，保安把他劝走了，后来没事了",
        "早上厨房锅烧干冒烟了，我关了火开窗，现在已经没事了",
        "下午我家孩子在商场走丢了十几分钟，后来广播找到了，谢谢关心",
        "刚刚电梯困了我五分钟，物业师傅已经把门打开了，人都出来了",
        "楼上两口子吵得厉害还摔东西，后来他们自己和好了，安静了",
        "隔壁着火那会儿吓死我了，好在消防很快就扑灭了，没人受伤",
        "我爸中午在公园晕倒了，路人叫了120，现在在医院输液，情况稳定",
        "刚才路口两辆车撞了，司机都下来了，没人受伤，交警在处理",
        "那个跟踪我的男的被我男朋友赶走了，我已经到家了",
        "俺村头那场火早就灭咧，没伤着人，就是烧了个草垛",
        "The guy who was shouting outside my door left, police came and talked to him, "
        "all fine now",
        "gang cai lou xia you ren da jia, jing cha yi jing lai le, mei shi le",
        "物业把那个醉汉劝走了，结果是虚惊一场",
        "My neighbour's kitchen caught fire earlier but they put it out themselves, nobody hurt",
    ],
    # help refused: the writer says not to call anyone
    "refused": [
        "不用报警，就是想问问邻居吵架吵到半夜你们管不管",
        "没那么严重不用派人来，就是楼道里有股烧焦味，物业已经查过了是楼下烤肉",
        "我朋友喝多了在沙发上睡着了，不需要叫救护车吧，就是打呼噜很响",
        "跟我老公吵了一架，他摔门走了，不用你们管，我就是心里难受说说",
        "我不想报警，只是想问被前男友骚扰短信这种怎么留证据",
        "不用出警，我家猫从楼上掉下去了，人没事",
        "No need to send anyone, I just want to know how to report a stolen bike from last week",
        "bu yong bao jing, wo jiu shi xiang wen wen zen me ban shen fen zheng",
    ],
    # a tip or a sighting about something earlier, passed on
    "tip": [
        "跟你们反映一下，上周三晚上我看到有几个人在桥底下打架，不知道后来怎么样了",
        "前几天看见学校门口有个男的拿着棍子吓唬小孩，建议多派人巡逻",
        "提供个线索，前天夜里我看到有人在撬停车场的电动车，是个穿黑衣服的",
        "我早上路过看到河边有警车和救护车，是出什么事了吗",
        "路过十字路口看到两辆警车停着，警察在拦车，好像是在查酒驾吧",
        "我看到小区门口来了辆救护车，估计是哪家老人不舒服吧",
        "昨天傍晚好像看到有人在天台上站了很久，后来下去了，想问一下物业能不能把天台锁上",
        "听说隔壁单元上个月有人家里进贼了，我们这栋楼是不是要装监控",
        "I saw two men fighting near the bus stop this morning, they were gone when I came back",
        "上个礼拜在菜市场看到有人抢了老太太的包就跑了，你们抓到没有",
        "前两天夜里有人在小区里放火烧垃圾桶，幸亏发现得早，麻烦查下监控",
    ],
    # a worry: nothing has happened
    "worry": [
        "万一有人半夜撬我家门我该怎么办，想装个报警器",
        "我担心孩子放学路上被坏人拐走，你们有没有防拐的讲座",
        "最近老是梦见家里着火，有点害怕，燃气灶要多久检查一次",
        "要是我爸又在外面晕倒了身边没人可怎么办，他心脏不好",
        "怕被电信诈骗骗了钱，有没有什么防骗的小程序推荐",
        "如果遇到有人持刀抢劫，应该跑还是把钱给他",
        "What should I do if someone ever breaks into my flat at night?",
        "俺就怕哪天俺娘一个人出门走丢了，能给她办个防走失手环不",
        "ru guo you ren qiang jie wo gai zen me ban",
        "孩子总说不想上学，我有点担心他会不会想不开，该怎么跟他聊",
    ],
    # the writer's own past, told for a record or a question
    "past": [
        "我十年前被人抢过一次，到现在晚上都不敢一个人走夜路",
        "小时候家里着过一次火，所以我特别注意用电安全",
        "去年我被网上刷单骗了三千块，当时报了案，想问问有进展没有",
        "前年我出过一次车祸，腿骨折了，现在想问驾照体检能过吗",
        "我以前被人跟踪过，后来搬家了，现在想换个手机号",
        "When I was a student someone stole my wallet on the subway, still annoys me",
        "上个月我家进过小偷，丢了两千块现金，报案回执丢了怎么补",
        "我年轻时跟人打架被拘留过，现在孩子考公政审有影响吗",
    ],
    # everyday talk that borrows danger words
    "chat": [
        "今天加班加到要死了，老板还在催，救命啊",
        "我家狗子把沙发咬烂了，简直要疯了",
        "这天热得要着火了，空调还坏了",
        "孩子作业写不完在那哭，急死我了",
        "打游戏被人追着砍，队友一个都不来救我",
        "看了个恐怖片，里面有人拿刀砍人，吓得我不敢关灯",
        "I'm dying of boredom at this meeting lol",
        "wo kuai e si le, shi tang guan men le",
        "老母亲在厨房炒菜，油烟大得要报警了哈哈",
        "我们单位今天搞消防演习，大家都从楼里撤出来了",
        "小区今天下午停水，物业说是管子爆了正在修",
        "楼下烧烤店天天晚上冒烟，熏得我家窗户都不敢开",
    ],
    # told in a voice transcript, words apart, with its end
    "voice_over": [
        "刚才 我家 老人 在 卫生间 摔倒了 现在 已经 扶起来了 说 没事",
        "楼下 那个 车 着火 了 消防 已经 灭了 人 都 没事",
        "早上 有个 男的 在 门口 吵 保安 已经 把 他 带走了",
        "刚才 那个 工地 有人 从 架子上 摔下来 了 救护车 已经 拉走了 我 想问 工地 有没有 责任",
        "我妈 刚才 头晕 倒在 沙发上 现在 她 醒了 自己 说 不要紧",
    ],
    # luckily nobody, the money or the car still there, a doctor's all-clear
    "spared": [
        "昨晚大风把楼顶的铁皮掀下来了，砸在空地上，幸好没人从那过",
        "有人半夜想撬我的电动车，锁没撬开，车还在，就是锁坏了",
        "我爸下午心慌去了急诊，医生查了说没什么大事，开了点药回家了",
        "差点就把钱转给那个假客服了，我女儿拦下来了，钱还在卡里",
        "村里那棵老槐树倒了压塌了半边墙，好在屋里没人，现在要找谁处理",
        "He fainted at the gym this morning, doctor said it was low blood sugar, he's home now",
        "早上发现有人在撬我的电动车，我一喊他就跑了，车也没丢",
        "刚才有人撬我家门，我喊了一声他跑了，东西没丢，就是锁坏了",
    ],
    # the scam seen through: the writer checked, hung up, did not pay
    "scam_seen_through": [
        "有人打电话说我儿子出车祸了要交手术费，我给儿子打过去他在单位好好的，骗子",
        "刚收到个短信说我社保卡冻结了要我点链接，我一看就是假的，没点",
        "冒充快递的让我扫码理赔，我直接挂了电话，号码发给你们",
        "Got a call saying my bank account was frozen and I had to move money, "
        "I hung up and blocked them",
        "有个自称公安的人视频让我转到安全账户，我没理他，把他拉黑了",
    ],
    # the writer's life long ago, with a lasting trace today
    "long_ago": [
        "我小时候掉进过村里的池塘，到现在都怕水",
        "年轻时在厂里被机器轧过手，现在阴天还疼",
        "My dad had a heart attack years ago, he's fine now but I still worry",
        "当年我被人骗过一次传销，到现在想起来还后怕",
        "去年被电信诈骗骗了两万，现在我接陌生电话都特别小心，还有阴影",
        "My uncle was mugged years ago and he's still scared to walk home at night",
        "我爷爷年轻的时候从房顶上摔下来过，到现在腰都不好",
        "我二十岁那年被人捅过一刀，现在伤疤还在",
        "Last winter my neighbour's flat caught fire, they've rebuilt it now",
        "My aunt went missing for a day last year, she was at a friend's place",
    ],
    # unease about a relative, no harm named
    "unease": [
        "我奶奶一个人住，我有点不放心，你们社区能常去看看吗",
        "wo ba yi ge ren zai jia, wo you dian dan xin",
        "我妈最近老忘事，我有点担心，去哪个医院看比较好",
        "I'm a bit worried about my dad living alone, can someone from the community visit him",
        "wo nai nai yi ge ren zhu, wo bu tai fang xin",
        "这房价涨的，俺真是不想活了，一个月工资买不了一平",
    ],
}

# Dangers told now in the same shapes: each must page the duty officers.
RAISE: dict[str, list[str]] = {
    # handled or over, and then it goes on or starts again
    "over_then_now": [
        "警察来了但他还在砸门，快派人",
        "刚才没事，现在又开始打了，我妈在哭",
        "保安把他劝走了，结果他又拿着刀回来了",
        "火刚才灭了，现在又烧起来了，烟很大",
        "120已经打了，可人还是没有呼吸，怎么办",
        "那个跟踪我的男的刚走，现在又在我家楼下转，还拿着东西",
        "物业来了也打不开门，里面孩子一直在哭，屋里有烟",
        "刚吵完消停了一会，现在他又在打她了，听见她喊救命",
        "The police left but he came back and is kicking my door again",
        "警察把闹事的带走了，没过多久他又折回来了，在楼下砸车",
        "gang cai hao le, xian zai ta you kai shi da wo le, kuai lai",
    ],
    # refused help, then the danger told now
    "refused_then_now": [
        "他不让我报警，可他现在拿着刀站在门口",
        "我妈说不用报警，但她现在晕过去了叫不醒",
        "她说没事不要报警，可是她手腕一直在流血",
        "老公不让叫救护车，我爸现在倒在地上抽搐",
        "She says don't call the police but he is hitting her right now",
    ],
    # a sighting or a tip, but happening as the writer writes
    "seen_now": [
        "我现在看到桥底下有几个人在打架，有人拿着棍子",
        "学校门口有个男的正拿着刀追小孩",
        "停车场有人正在撬车，就在我眼前",
        "河边有个人正往水里走，拉都拉不住",
        "天台上站着一个人，在往下看，好像要跳",
        "I can see a man breaking into the car next to mine right now",
        "对面楼窗户在冒黑烟，里面好像有人在喊",
        "菜市场有人抢了老太太的包，正往北边跑",
        "我看到消防车往我们小区开，好像是我家那栋着火了吧，浓烟很大",
        "刚看到救护车停在楼下，好像是我家楼上，我闻到很大的煤气味",
    ],
    # a worry that has come true now
    "worry_now": [
        "我一直担心的事发生了，现在有人在撬我家门",
        "怕什么来什么，我爸又在外面晕倒了，现在没意识",
        "孩子刚才说不想活了，现在把自己锁在厕所里不出来",
        "俺娘这会儿又走丢了，天都黑了还找不着",
        "My worst fear, someone is in my house right now, I can hear them downstairs",
        "我就怕被骗，结果现在对方让我把钱转到安全账户，我正在转",
    ],
    # the writer's past, and a danger now
    "past_then_now": [
        "以前他就打过我，现在他又在打我了，我躲在厕所",
        "去年被他跟踪过，今天他又出现在我家门口，拿着刀",
        "我以前也被抢过，刚才又有人抢了我的手机，他还在前面跑",
        "前年家里着过火，现在厨房又着火了，火很大",
        "上个月他说要杀了我，现在他就在我家楼下",
        "He attacked me last year and now he's outside my door with a knife",
        "他去年打断过我的腿，我到现在还怕他，他现在就在我家门口砸门",
        "他刚才被人打过一顿，现在又被堵在楼道里打",
        "我被狗咬过好几次都没事，但这次孩子被咬得流了好多血",
        "He hit me last year and now he's hitting me again",
    ],
    # everyday register, real danger
    "chat_now": [
        "救命啊，有人在追我，我在地铁站出口",
        "我家狗把邻居家孩子咬了，流了好多血",
        "楼道里着火了，我们出不去",
        "孩子在哭，他爸喝醉了在打孩子",
        "wo jia zhao huo le, kuai lai jiu ming",
        "小区门口有人拿刀砍人了，倒了一个",
    ],
    # the same shapes, but the danger goes on now
    "still_now": [
        "刚才 他 醒了 一下 现在 又 叫不醒 了 快来",
        "好在孩子没事，可我老公还被压在倒下的墙下面",
        "钱还在卡里，但对方现在一直逼我转账，说不转就抓我",
        "我知道是骗子，可我妈现在正在银行给他转钱，拦不住",
        "我小时候掉过河，现在我儿子掉进河里了，快来人",
        "我奶奶一个人在家，刚打电话她说胸口疼得厉害，说话都不清楚了",
        "医生还没到，我爸现在没有呼吸了",
        "有人在撬我家门，我躲在卧室，钱没丢但他还在客厅翻",
        "Someone is breaking into my car right now, nothing taken yet but he's still there",
        "救护车已经拉走了一个，还有一个被压在车下面",
        "救护车 已经 拉走了 一个 还有 一个 压在 车 下面",
        "他家人来把他接走了，可刚走到楼下他又倒下了，叫不醒",
        "我爸一个人在家，电话一直没人接，我很担心",
        "My grandma lives alone and I'm worried, she hasn't answered the phone since this morning",
        "wo ye ye yi ge ren zai jia, da dian hua bu jie, wo hen dan xin",
        "wo nai nai yi ge ren zai jia, ta shuo xiong kou teng, wo hen dan xin",
    ],
    # a call cut off by the one in danger (not the writer hanging up on a swindler)
    "cut_off": [
        "我妹打电话哭着说有人在砸她家门，话没说完就挂了",
        "我爸打电话喊救命，然后就挂了，再打不通",
        "骗子让我妈去银行转钱，我妈不听劝，把我电话挂了，她现在在银行",
        "She called me screaming that someone was in her flat and then the line went dead",
    ],
}
