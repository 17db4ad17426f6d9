"""Issue 11's probes of alarm17, written before any change and apart from every data file:
dangers whose telling holds a word that looks like an outcome but is not one (someone at
risk of self-harm pulled back for a moment, lights gone out, the missing one cutting everyone
off, help still on its way, nobody hurt yet while a hazard goes on, the relative in a
swindler's story safe while the money is going), and self-harm told by a plan or a farewell
with none of the usual words; beside look-alikes in the same words that must page no one."""

from __future__ import annotations

# Dangers told now: each must page the duty officers.
RAISE: dict[str, list[str]] = {
    # Someone at risk of self-harm, held back or found for a moment, is still at risk.
    "at_risk_after_rescue": [
        "桥上有个小伙子想往下跳，我把他拉回来了，他一直说别管他，让他去死",
        "我姐刚才站到阳台外面了，我们把她拽进来了，她还在哭着说不想连累我们",
        "地铁站台上有个阿姨往轨道那边冲，被我拦下来了，她说让我别拦她",
        "俺兄弟喝了半瓶子酒在河堤上坐着，俺把他劝下来了，他说今天晚上非走不可",
        "my roommate was on the roof ledge, I pulled her back inside but she keeps saying leave"
        " me alone",
        "一个男的在高架桥护栏外面，路人把他拉回来了，他说你们拦得住今天拦不住明天",
        "同事刚才拿着水果刀往手腕上比划，被我们抢下来了，她说别管我",
        "我爸把药瓶子都倒出来了，我抢过来了，他说这次不让他走下次他还要走",
    ],
    # A farewell or a plan for tonight with no word like 自杀 or 想死.
    "farewell_or_plan": [
        "我表弟刚在群里发了一句以后不用找我了，然后定位在江边，电话不接",
        "今晚我就把攒的药全吞了，再也不用看谁的脸色了",
        "明天的太阳我就不看了，东西都收拾好了，跟大家说声谢谢",
        "我哥刚转给我五万块，说替他照顾好孩子，问他去哪他就关机了",
        "女儿给我发消息说妈妈对不起，下辈子再做你女儿，现在打不通",
        "来电人称其妻子留下字条称“这次不回来了”，随后离家，手机关机，去向不明",
        "wo ba yao dou chi le, jin wan jiu jie shu le",
        "我在楼顶挺好的，风很大，就是想最后跟你们说一声谢谢",
        "老伴说活够了，把家里的降压药一把全吃了，现在躺床上叫不应",
        "He texted me goodbye and said he won't be coming back, his phone is off and his car is"
        " at the river",
    ],
    # A word that looks like an outcome but is part of the danger (灯灭了, 停了, 关机了).
    "condition_not_outcome": [
        "我困在电梯里了，里面灯也灭了，按警铃没人理，有点喘不上气",
        "我们被困在隧道里，车灯都灭了，前面的车在冒烟",
        "地下室进水了，电全停了，我奶奶还在下面出不来",
        "山里迷路了，手电也灭了，天已经全黑了，孩子冻得发抖",
        "I'm stuck in the parking garage lift, the lights went out and my phone battery is almost"
        " dead",
        "我被锁在冷库里面了，灯灭了，越来越冷，手机信号就一格",
    ],
    # The missing one cutting everyone off is no outcome the writer tells.
    "cut_off_by_the_missing": [
        "我妹妹十五岁，昨晚跟她妈吵完就跑了，微信把我们全拉黑了，到现在找不到人",
        "儿子离家出走一整夜，把全家人都拉黑了，同学也说没见过他",
        "俺闺女跟人跑了，电话把俺们都拉黑了，才十六岁，一宿没回",
        "my 14 year old brother ran away last night and blocked all of us on every app",
        "外甥女说不想活了就出门了，把我们微信都删了，到现在没回家",
    ],
    # Help called and still on its way: the danger is not over.
    "help_on_its_way": [
        "我爸突然倒地没有呼吸了，我在给他按压，120说在路上，你们能不能帮忙催一下",
        "楼下着火了烟往上冒，119说在路上了，我们几个被堵在六楼下不去",
        "路口撞了个骑电动车的，人躺地上流了好多血，救护车说在路上，交警还没到",
        "孩子误喝了农药，打了120说在路上，孩子一直吐，我该怎么办",
        "My mum collapsed and isn't breathing, the ambulance is on the way, please send someone"
        " faster",
    ],
    # Nobody hurt yet, while a hazard goes on.
    "nobody_hurt_yet": [
        "一辆油罐车翻在高速匝道上，一直往外漏油，暂时没人受伤，过往车辆很多",
        "小区里燃气管道被挖断了，嘶嘶地往外冒气，现在还没人受伤，周围全是住户",
        "工地的塔吊歪了，随时可能倒，下面还有工人在干活，暂时没人受伤",
        "楼顶的广告牌被风吹得快掉了，一晃一晃的，目前没砸到人，下面是人行道",
        "A truck with chemicals tipped over on the ring road, something is leaking and smells"
        " strong, nobody hurt so far",
    ],
    # The relative in the swindler's story is safe: the story is a lie, and the money is going.
    "payment_while_relative_safe": [
        "有人打电话跟我妈说我出车祸了要手术费，我妈正在银行汇款，我人好好的在单位",
        "骗子跟我奶奶说孙子打架被抓了要交保证金，奶奶这会儿正往对方卡里转，孙子就在我旁边",
        "对方说我弟在学校摔骨折了要先交钱，我爸正在手机上转账，我弟就在家里睡觉",
        "My grandma is wiring money right now to someone who says I was arrested, but I'm"
        " standing right next to her",
    ],
}

# Look-alikes in the same words: each must page no one.
QUIET: dict[str, list[str]] = {
    "held_back_and_fine": [
        "孩子差点跑到马路中间，我一把拉回来了，吓死我了，以后得看紧点",
        "邻居大爷在楼梯上差点摔倒，我把他扶起来了，他说没事，谢谢我",
        "小狗差点掉进河里，我赶紧拽回来了，浑身都湿了，哈哈",
    ],
    "farewell_everyday": [
        "谢谢你们帮我找回了电动车，事情解决了，以后不用找我了",
        "我儿子说过年不回来了，单位要值班，我有点想他",
        "医生开的药今晚就吃完了，明天还要不要再去开",
        "我在桥上拍夜景呢，风很大，挺好的，就是想问下这边能停车吗",
        "我搬到外地了，这边的事就不用再联系我了，谢谢民警同志",
    ],
    "lights_out": [
        "楼道的灯灭了好几天了，物业也不来修，晚上上楼摸黑",
        "停电了，家里灯全灭了，请问什么时候来电",
        "电梯里的灯灭了一个，别的都正常，跟物业说了没人管",
    ],
    "blocked_on_purpose": [
        "骗子让我往安全账户转钱，我直接把他拉黑了，一分钱没转",
        "前男友又换号骚扰我，我已经全拉黑了，想问问能不能告他",
        "我闺女跟我吵架把我微信拉黑了，现在还在她屋里生闷气",
    ],
    "help_came_and_done": [
        "我叫的网约车司机说在路上了，二十分钟了还没到，能投诉吗",
        "我妈早上头晕，120来看过了说是低血糖，现在已经没事了",
        "快递员说在路上了，结果一下午都没来",
    ],
    "nobody_hurt_and_over": [
        "两辆车在路口刮了一下，没人受伤，拍照以后已经挪车了",
        "厨房锅烧干了冒了点烟，没人受伤，已经关火开窗了",
        "昨天风把广告牌吹掉了一块，好在没砸到人，物业已经拆了",
    ],
    "scam_seen_through": [
        "有人打电话说我儿子出车祸要钱，我儿子就在我身边，我直接挂了",
        "骗子跟我爸说我被抓了要交钱，我正好在家，我爸一分没转就挂了",
        "Someone called my mum saying I was in hospital and needed money, I was right there so"
        " she hung up",
    ],
}

# Look-alikes written after the changes, against the new readings (别管他, 再见, 都吃完).
QUIET_AFTERWARDS: dict[str, list[str]] = {
    "refusal_farewell_pills_everyday": [
        "孩子在楼顶天台上玩，我把他拉回来了，他说别管他，还要去玩",
        "我老公喝多了躺在楼道里，我婆婆说别管他，让他自己醒",
        "我们在江边散步，跟大家说声再见，明天就回老家了",
        "毕业了，在学校天台上跟同学们说声再见，以后不用找我了哈",
        "钓鱼呢在河边，今晚不回来了吃饭了",
        "医生说这个疗程的药今晚就吃完了，明天就不用再去医院了",
        "今晚把剩下的感冒药都吃完，明天就不用请假了",
        "小孩往马路中间跑，被我拦下来了，他还要跑，我说了他两句",
        "吃完饭在桥上拍夜景，再见了各位，下周见",
        "他下次还要跳，跳远比赛得了第二名",
    ],
    # Against the outcome-looking words that close nothing: here the danger did end.
    "over_after_all": [
        "厨房油锅着火了，我盖上锅盖火就灭了，灯也灭了，跳闸了，没人受伤",
        "停电了，楼道灯全灭了，刚才有人被困电梯里，物业已经把人放出来了",
        "我儿子昨晚跟我吵架跑出去了，把我们都拉黑了，今天早上自己回来了",
        "骗子打电话说我女儿出事了要钱，我女儿就在我身边，我妈正在跟我说这事，没转钱",
        "刚才我爸胸口疼，120说在路上，现在他说好多了，救护车到了已经拉走了",
        "燃气灶漏气了，我关了阀门开窗通风了，暂时没人受伤，燃气公司的人说马上来",
        "刚才有辆车撞护栏了，没人受伤，司机自己下车了，车在往外漏油，交警已经在处理了",
        "我女朋友把我拉黑了，现在在她闺蜜家，我怎么哄她",
        "我奶奶说孙子出车祸要交钱，我就在她旁边，已经报警了，她正在跟民警说",
        "他说这次不回来了，要在北京过年，机票都买好了",
    ],
}


# Written before the errand change: money going to a swindler now, by gift cards, cash handed
# over, or an errand to the bank under way after the caller's story.
RAISE_ERRAND: dict[str, list[str]] = {
    "paying_the_swindler_now": [
        "我妈接了个电话说她涉嫌洗钱，现在正在超市买京东卡，说要把卡号发给警官",
        "对方自称法院的，让我爸去买一万块钱的充值卡把卡密拍给他，我爸已经出门去买了",
        "我奶奶说中了大奖要先交个人所得税，刚揣着存折出门，应该是去邮政储蓄了，能不能帮忙拦一下",
        "爷爷被人忽悠说交保证金能领养老补贴，这会儿正往镇上的信用社赶，电话也不接",
        "有个\"客服\"让我老公买苹果礼品卡退款，他已经买了三千了还在买",
        "俺娘叫人骗了，说是啥公安局要查她的钱，她拿着银行卡去县城银行了，俺拦不住",
        "My dad is at the store buying gift cards because a caller said he owes tax, he"
        " is reading the codes to them now",
        "我姥爷听了一个保健品讲座，说交两万就返四万，现在揣着钱往会场去了",
        "对方让我妈把钱取出来装进袋子放在小区门口垃圾桶旁边，她现在已经下楼了",
        "骗子让我外婆买黄金交给上门的\"工作人员\"，人说半小时后就到",
        "俺爹说公安局来电话要他把钱转到国家账户配合调查，刚骑着三轮往信用社去了，俺在外地拦不住",
        "我外公被网上认识的\"女朋友\"骗着投资，这会儿正拿着房本往银行赶要去贷款",
        "妈妈刚才接了个陌生电话，说是要交手续费才能领补贴，现在揣着银行卡出门了，手机一直占线",
        "Grandpa just left for the bank with his passbook, a caller told him his"
        " grandson needs bail money, can someone stop him",
        "老太太在我们店门口说要去农商行取五万块给\"检察官\"，人已经往那边走了，我们劝不住",
        "邻居阿姨说中了奖要交税，拿着存折往邮局去了，我觉得是骗子",
    ],
}
QUIET_ERRAND: dict[str, list[str]] = {
    # Written after the errand cue (which first raised the last two: narrowed to a swindler's
    # demand, and to a story not seen through or checked with the police).
    "errands_of_ones_own_afterwards": [
        "我妈刚拿着银行卡去银行挂失了，卡被吞了，客服说要本人去",
        "我爸现在拿着存折去信用社办社保，平台上说要本人到场",
        "接到电话说我中奖了，我没理，现在拿着身份证去银行办新卡",
        "公安局打电话让我去银行配合冻结诈骗账户，我现在正往派出所去确认",
        "我奶奶刚揣着存折去邮政储蓄了，老师说孙子的学费今天要交",
    ],
    "errands_and_cards_everyday": [
        "我去超市买了张京东卡送给同事当生日礼物",
        "孩子过生日，我在网上买了个苹果礼品卡给他",
        "我奶奶拿着存折去邮政储蓄取养老金了，每个月都是这天",
        "对方自称法院的让我买充值卡，我一听就是骗子，直接挂了",
        "上个月我爸被骗买了一万块钱的购物卡，已经报过案了，想问问进展",
        "有人打电话让我妈交保证金领补贴，我妈没理他，请问这种电话怎么举报",
        "我姥爷去听了个保健品讲座，回来说送了鸡蛋，我有点担心，这种讲座靠谱吗",
        "单位发了超市购物卡，能不能转卖",
        "我爸拿着房本去银行办抵押贷款，装修用的，手续齐吗",
        "老太太拿着存折往银行走，说是去给孙子交学费",
        "邻居阿姨说中了奖要交税，我劝了她，她没去，已经报警了",
        "奶奶揣着银行卡去信用社取钱买年货了",
    ],
}


# Written before the home-alight cue: a home on fire shouted in the fewest words (dialect).
RAISE_ALIGHT: dict[str, list[str]] = {
    "home_alight": [
        "俺家着了 快来",
        "恁快来 隔壁家着了",
        "俺屋里着了，烟老大了",
        "邻居家着了，里头还有个老太太",
        "咱院里着了快打119",
        "对门家着啦，火苗子往外窜",
        "我家着了！！！",
        "楼下那家着了，楼道里全是烟",
    ],
}
QUIET_ALIGHT: dict[str, list[str]] = {
    "zhao_in_other_words": [
        "孩子在俺家睡着了",
        "他在俺家着了凉，发烧了",
        "我家猫着了凉一直打喷嚏",
        "俺家老头子着了魔一样天天刷手机",
        "隔壁家着急搬家，东西堆了一楼道",
        "我家灯着了一晚上忘关了",
    ],
    # Written after it: the same words told past, dreamt, imagined, put out or on a screen.
    "not_now_afterwards": [
        "去年俺家着了一回，烧了半间房，现在想问问保险咋赔",
        "昨晚梦见俺家着了，吓醒了",
        "俺家着了个小火苗，我一盆水就浇灭了，没事了",
        "如果俺家着了，应该先打119还是先跑",
        "小时候俺家着过火，现在看见火就害怕",
        "电视剧里他家着了，演得可真像",
    ],
}
