"""Sixty-six messages written for issue 14's wrong acts (stop 34, acts17) before any change:
rhetorical complaints (咋没人管, 管不管, 凭什么, 还让不让人…) beside real questions that
mention a grievance (is this the police's business, what do I do, where do I go); complaints
that end with a question; dialect, typos, traditional characters, English and three letters.
Main 8af2b9a: 56 understood and acted on, 2 wrong acts, 7 menus. (label, register, text)."""

from __future__ import annotations

PROBES: list[tuple[str, str, str]] = [
    # a grievance asked rhetorically: a complaint
    ("complaint", "chat", "楼下烧烤摊天天烟熏火燎到半夜，你们到底管不管"),
    ("complaint", "chat", "凭什么他们家的车天天堵在单元门口，别人就不能走了？"),
    ("complaint", "chat", "半夜两点还在唱卡拉OK，还让不让人睡觉了"),
    ("complaint", "chat", "小区门口的违章停车都停到人行道上了，咋就没人管呢"),
    ("complaint", "chat", "网吧天天放未成年人进去上通宵，这都没人查吗？"),
    ("complaint", "chat", "隔壁那家狗一叫就是一整夜，跟物业说了八百遍，这日子还怎么过"),
    ("complaint", "chat", "那几个人天天在学校门口抽烟骂人，难道就这么放着不管？"),
    ("complaint", "chat", "工地晚上十一点还在打桩，白天干不完吗？有没有人管管"),
    ("complaint", "chat", "电动车在人行道上横冲直撞，撞了人就跑，你们就不能抓几个吗"),
    ("complaint", "chat", "马路对面的KTV每天放音乐放到凌晨，投诉了三次了，怎么一点用都没有"),
    ("complaint", "chat", "楼道里堆满了纸箱子，着火了谁负责？物业根本不理"),
    ("complaint", "chat", "我们这条街的路灯坏了俩月了，晚上黑咕隆咚的，出了事算谁的"),
    ("complaint", "voice", "我就是想问问啊那个菜市场门口天天有人强买强卖这个到底有没有人管啊"),
    ("complaint", "voice", "那个收废品的天天早上五点就拿大喇叭喊你说这还让人活不活了"),
    ("complaint", "typo", "小区门口的黑车天天在那拉客占道，到底有没人管阿"),
    ("complaint", "typo", "对面饭店的油烟直接排到我家窗户上了，凭啥没人官"),
    ("complaint", "dialect", "俺们村口那个砂石厂大车天天压路，尘土飞扬的，恁们管不管嘞"),
    ("complaint", "dialect", "楼上那家天天半夜剁肉，咋就没人说说他们"),
    ("complaint", "dialect", "那些开三蹦子的天天在路口逆行，恁们交警光看着不管啊"),
    ("complaint", "dialect", "搞啥子嘛，麻将馆天天吵到两三点，就没得人管吗"),
    ("complaint", "traditional", "樓下酒吧每天吵到凌晨三點，到底有沒有人管"),
    ("complaint", "english",
     "The bar downstairs blasts music until 3am every night, does anyone even care?"),
    ("complaint", "mixed",
     "楼下的狗天天乱叫还不拴绳，物业说管不了，so who is supposed to deal with this?"),
    ("complaint", "chat", "外卖电动车把小区草坪都轧秃了，保安就站那看着，这像话吗"),
    ("complaint", "chat", "我家门口被人贴满了催债的纸，我又不欠钱，你们不查查是谁干的吗"),
    ("complaint", "chat", "快递站把快递直接扔在地上，丢了就说不归他们管，这合理吗"),
    # a complaint told, then a demand or a question
    ("complaint", "chat",
     "上周五我在公交上被一个男的偷拍，我当场说了他还骂我，这种人你们能不能处理一下"),
    ("complaint", "chat", "我家楼下的棋牌室天天聚一堆人赌钱，吵得孩子写不了作业，请派人来看看"),
    ("complaint", "chat", "楼上又往下扔垃圾了，砸到我家晾的衣服上，我要求你们处理"),
    ("complaint", "dialect", "隔壁那户把院墙往俺家这边挪了半米，说他也不听，恁给评评理"),
    # a question that mentions a grievance: a consultation
    ("consult", "chat", "邻居装修噪音太大，这种情况应该找派出所还是找城管？"),
    ("consult", "chat", "楼上漏水泡坏了我家吊顶，对方不赔，这属于你们管的范围吗"),
    ("consult", "chat", "被人在朋友圈骂了，能不能报警，需要准备什么证据"),
    ("consult", "chat", "房东不退押金，这种事派出所管吗，还是只能去法院起诉"),
    ("consult", "chat", "狗在小区里咬了我家孩子，打完疫苗以后，医药费找谁要"),
    ("consult", "chat", "老板拖欠工资三个月了，我应该去哪里反映，劳动监察大队在哪"),
    ("consult", "chat", "在网上买东西收到假货，商家不认，可以报警吗还是找12315"),
    ("consult", "chat", "高空抛物砸坏了车，物业说找不到人，这种情况保险能赔吗"),
    ("consult", "chat", "小区车位被人长期占着，我想问一下拖车需要走什么流程"),
    ("consult", "chat", "邻居家的监控正对着我家门口，这个算不算侵犯隐私，可以要求他拆吗"),
    ("consult", "chat", "朋友借了我两万不还，人也联系不上，这个是经济纠纷还是诈骗"),
    ("consult", "chat", "噪音扰民的话晚上几点以后可以报警"),
    ("consult", "voice", "那个我想问一下就是楼上天天漏水这个事情是找物业还是找社区还是找你们啊"),
    ("consult", "typo", "请问邻居占用公共楼到放东西，这种可以找谁处理"),
    ("consult", "dialect", "俺家的地叫邻居占了一垄，这事儿得找村里还是找恁派出所"),
    ("consult", "dialect", "有人欠俺工钱不给，恁们能管这事不，不能管俺上哪说去"),
    ("consult", "dialect", "被狗咬了这种事，是找狗主人还是找派出所嘛"),
    ("consult", "traditional", "請問被網友騙了感情，但沒有轉錢，這樣可以報案嗎"),
    ("consult", "english",
     "My neighbour keeps parking in my spot. Is that something the police handle or the pr"
     "operty office?"),
    ("consult", "mixed", "被人P图造谣，这种情况能立案吗，需要什么evidence"),
    ("consult", "chat", "停车场里车被蹭了没留电话，调监控要本人去吗"),
    ("consult", "chat", "如果邻居一直半夜吵，打110会来人吗"),
    ("consult", "chat", "出租屋被房东私自进去了，这种情况违法吗"),
    ("consult", "chat", "学校门口有人发传单推销保健品，这个归哪个部门管"),
    # the police themselves are blamed: a complaint; asked how to complain: a consultation
    ("complaint", "chat", "报警三次都说会来，结果一次都没来人，你们派出所是干什么吃的"),
    ("complaint", "chat", "窗口那个民警让我来回跑了四趟，每次说的材料都不一样，就不能一次说清楚吗"),
    ("consult", "chat", "对民警的处理结果不满意，想申请复议应该怎么做"),
    ("consult", "chat", "想投诉一个辅警的态度，应该打哪个电话"),
    # chat that sounds rhetorical: other
    ("other", "chat", "这天气还让不让人出门了，热死了"),
    ("other", "chat", "凭什么周一要上班，我不服"),
    ("other", "chat", "我家猫天天半夜跑酷，这日子还怎么过哈哈"),
    ("other", "chat", "你们平时上班累不累啊"),
    # letters
    ("complaint", "letter",
     "关于小区地下车库长期被占作仓库的反映\n古楼派出所：\n我是东昌花园的业主。地下车库B区"
     "从今年夏天起被一家物流公司租去堆货，纸箱一直堆到消防通道上，叉车半夜进出，噪音很大。"
     "我们找过物业，物业说这是开发商签的合同，他们管不了。请问这么大的安全隐患，难道要等出"
     "了事才有人管吗？恳请派员查看，督促清理消防通道。\n东昌花园业主 李某"),
    ("consult", "letter",
     "关于邻里纠纷处理途径的咨询\n尊敬的派出所领导：\n我家与邻居因院墙的界线发生争执，双方"
     "都有当年的宅基地证，但上面的尺寸对不上。我们不想把关系闹僵，想了解一下：这类纠纷派出"
     "所能否调解？如果不能，应当向哪个部门申请确权？需要准备哪些材料？\n谢谢！\n村民 王某"),
    ("complaint", "letter",
     "反映某饭店油烟噪音扰民问题\n分局领导：\n柳园路上新开的一家烧烤店，排烟管道正对居民楼"
     "，每天从下午四点营业到凌晨两点，烟味呛得老人咳嗽，食客喝酒吵闹。我们向城管、环保、派"
     "出所都反映过，每次都说会处理，可一个月过去了什么都没变。我们想问一句：居民的正常休息"
     "到底有没有人保障？请尽快处理。\n柳园路居民"),
]
