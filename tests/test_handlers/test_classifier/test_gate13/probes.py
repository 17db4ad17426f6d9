"""Issue 11's gate probes of stop 31 (gate13), written before any fix: each family's dangers
told now (with the kind they must raise) beside true negatives in the same words (hearsay,
the past, a condition, fiction, idioms, consultations)."""

from __future__ import annotations

# (text, a kind it must raise, or None for any) for dangers told now.
RAISE: list[tuple[str, str | None]] = [
    # medical pleas: a danger sign told now, asked with 怎么办
    ("孩子发高烧抽搐怎么办", "medical"),
    ("我爸突然昏迷了怎么办", "medical"),
    ("老婆喘不上气了，怎么办啊", "medical"),
    ("宝宝吃错药了怎么办", "medical"),
    ("老人在家突然抽搐，口吐白沫，咋办", "medical"),
    ("我妈现在喘不上气，嘴唇都紫了，该怎么办", "medical"),
    ("儿子把他奶奶的降压药当糖吃了，怎么办", "medical"),
    ("俺爹晕过去了叫不醒，咋整", "medical"),
    ("我女儿高烧一直抽搐，怎么办怎么办", "medical"),
    ("室友突然昏迷不醒了我该怎么办", "medical"),
    # a person struggling in water
    ("刚看见池塘里有个孩子在扑腾", "medical"),
    ("河边有个人在水里扑腾，好像不会游泳", "medical"),
    ("水库里有人呛水了，快沉下去了", "medical"),
    ("快来人，游泳池里有个小孩沉下去了", "medical"),
    ("湖里有个老人在扑腾，喊都喊不出声", "medical"),
    ("江里有个人一直往下沉，头都快看不见了", None),
    # a plea overheard
    ("刚听到隔壁女的在哭喊说别打了", "crime"),
    ("楼上有个女的一直在喊放开我", "crime"),
    ("隔壁传来小孩哭着喊别打了别打了", "crime"),
    ("对门有人在尖叫放开我，还有摔东西的声音", "crime"),
    ("我听到楼下有人在喊救命，声音很惨", None),
    ("巷子里有个女孩在喊放开我，有两个男的拽着她", "crime"),
    # a self-harm plan told with a time, a place or a means
    ("我今晚就从楼上跳下去", "self_harm"),
    ("药都准备好了，今晚就全吃了", "self_harm"),
    ("遗书已经写好了，明天一早就去江边", "self_harm"),
    ("安眠药我攒了一整瓶，今天晚上吃掉", "self_harm"),
    ("绳子都买好了，等他们睡了我就走", "self_harm"),
    ("我弟说今晚要从单位楼顶跳下去，遗书都写好了", "self_harm"),
    ("我女儿把刀片藏在枕头底下，说今晚就割", "self_harm"),
    ("写好遗书了，该交代的都交代了", "self_harm"),
    ("木炭和胶带都买好了，就在出租屋里", "self_harm"),
    # an outcome word that what still goes on undoes
    ("火已经灭了一半，里面还有人没出来", "fire"),
    ("明火扑灭了，可是二楼还有两个人没出来", "fire"),
    ("火小了一点，但楼上还有老人困着", "fire"),
    ("救上来一个，还有一个孩子在水里", "medical"),
    # a past clause, then a weapon now
    ("去年他打过我，今天又拿着刀来了", "crime"),
    ("上个月他砍过我，现在又拿着刀在门口", "crime"),
    ("前年他打断过我的腿，今天又拎着棍子找上门了", "crime"),
    ("以前被他威胁过，刚才他拿着刀在楼下堵我", "crime"),
    ("他坐过牢，这会儿拿着菜刀在我家门口骂", "crime"),
    # an idiom before a real danger
    ("急死了，孩子在商场走丢了", "missing"),
    ("吓死了，有个人拿着刀在街上乱砍", "crime"),
    ("急死人了，我妈有老年痴呆，出门一下午没回来，电话也打不通", "missing"),
    ("要命了，厨房着火了", "fire"),
    ("急死我了，我儿子在公园里不见了，找了半个小时", "missing"),
]

# Texts that must not raise.
QUIET: list[str] = [
    # medical, no danger sign or not now
    "孩子发烧了怎么办",
    "如果孩子抽搐怎么办",
    "孩子发烧抽搐一般怎么处理",
    "请问老人昏迷了应该怎么急救",
    "宝宝咳嗽好几天了怎么办",
    "万一老人吃错药了怎么办",
    "鼻子堵得喘不上气，怎么办",
    "我儿子小时候高烧抽搐过，现在还会复发吗",
    "吃错药了怎么办？想了解一下这类急救知识",
    "孩子打疫苗后有点低烧怎么办",
    # water, no one in danger
    "孩子在澡盆里扑腾得水花四溅",
    "学游泳的时候呛了好几口水",
    "鸭子在池塘里扑腾",
    "昨天儿子游泳呛水了，现在没事了",
    "我家狗在河里扑腾着玩",
    "游泳课上孩子总是呛水怎么办",
    "太阳沉下去了，河边风景很好",
    "这个项目沉下去了，没人管",
    "电视剧里那个女孩掉进湖里扑腾了半天",
    # overheard, fiction or play
    "电视里有人喊救命",
    "孩子们玩老鹰捉小鸡，喊着放开我，笑个不停",
    "昨天晚上听到隔壁吵架说别打了，今天没动静了",
    "看电影，女主一直喊放开我",
    "邻居家孩子天天练琴，我真想喊救命",
    "我跟弟弟打闹，他喊别打了，我们就停了",
    "我妈老是冲我弟喊别打了，让他去写作业",
    # self-harm words in everyday plans
    "药都准备好了，明天带孩子去打疫苗",
    "今晚就从楼上搬下去，新房子在一楼",
    "行李都准备好了，今晚就出发",
    "以前我想过跳楼，现在好多了",
    "奶奶的药都准备好了，一周的量都分好了",
    "写好遗嘱了，想问问怎么公证",
    "电视剧里她写好遗书就跳楼了",
    "绳子都买好了，周末去露营搭帐篷",
    "木炭买好了，晚上在阳台烧烤",
    # over, or only past
    "火已经灭了，人都出来了",
    "火灭了，里面的人都救出来了",
    "去年他打过我，今天来道歉了",
    "去年他打过我，今天又来借钱了",
    "上个月他拿刀砍过我，人已经判了",
    # idioms without a danger
    "急死了，孩子的作业还没写完",
    "急死了，快递丢了",
    "吓死了，孩子考试没及格",
    "急死了，孩子的玩具在商场丢了",
    "要命了，明天就要交报告了",
]
