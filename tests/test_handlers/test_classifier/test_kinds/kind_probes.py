"""Probes of the kind an emergency is named (§4), written for kinds17 before any change: a
message and the kinds whose number may rightly come first (the ticket's kind). Voices: chat,
dialect, hotline transcripts, pinyin, English, mixed stories telling two kinds."""

from __future__ import annotations

_WRITTEN = (
    # fire
    ("楼下饭店后厨冒黑烟，火苗都窜到二楼窗户了", "fire"),
    ("我家厨房一股煤气味，我妈躺在沙发上叫不醒", "fire"),
    ("wo jia chu fang you mei qi wei, hao chong, zen me ban", "fire"),
    ("there's smoke pouring out of the flat next door and nobody answers the door", "fire"),
    ("仓库电线短路起火了，里面还有三个工人没出来", "fire"),
    ("电动车在楼道里充电着了，整个楼道都是烟，我们下不去", "fire"),
    ("俺家灶台上的锅着了，火扑不灭，快来人", "fire"),
    ("邻居家门反锁着，门缝里往外冒烟，里面住着个瘫痪老人", "fire"),
    ("my house is on fire and my dad is still inside", "fire"),
    ("喂，喂，是110吗，我们这边那个，着火了，三楼，有小孩在里面", "fire"),
    ("厨房着火了，我爸手被烧伤了", "fire"),
    ("隔壁单元刚才砰的一声爆炸，玻璃全碎了，有人在喊", "fire"),
    # medical
    ("我爸在公园晨练突然倒下了，嘴唇发紫，叫他没反应", "medical"),
    ("my grandmother collapsed on the kitchen floor and she isn't breathing", "medical"),
    ("同事吃了花生过敏，脸肿得喘不上气", "medical"),
    ("孩子误喝了洗衣液，一直在吐，脸色发白", "medical"),
    ("工地上有人从脚手架上掉下来，头在流血", "medical"),
    ("我老婆要生了，羊水破了，血止不住", "medical"),
    ("ta yun dao le, mei you hu xi le, kuai lai ren", "medical"),
    ("地铁站台上一个男的抽搐，口吐白沫", "medical"),
    ("街上有个人突然倒地不动了，旁边没人管", "medical"),
    ("独居老人屋门反锁，敲门不应，透过窗户看见他躺在地上", "medical other"),
    ("my neighbour fell down the stairs and can't get up, his leg looks broken", "medical"),
    # traffic
    ("路口两辆车撞了，有个骑电动车的人躺地上不动", "traffic"),
    ("a car just hit a kid on a bike outside the school, he's bleeding", "traffic"),
    ("高速上追尾了，后面那辆车的司机卡在里面，腿在流血", "traffic"),
    ("外卖小哥被渣土车刮倒了，腿压在轮子下面", "traffic"),
    ("我被一辆面包车撞了，司机跑了，我现在走不了路", "traffic"),
    ("公交车一个急刹车，老太太摔倒了，头磕破了", "traffic medical"),
    ("刚才一辆货车在国道上侧翻了，司机被压在下面", "traffic"),
    ("che huo le, you ren tang zai ma lu shang", "traffic"),
    # crime
    ("有个男的拿着刀在超市门口追人", "crime"),
    ("楼上两口子打起来了，女的一直在喊救命", "crime"),
    ("someone is trying to break into my car right now", "crime"),
    ("一伙人把我朋友堵在巷子里打，打得头破血流", "crime"),
    ("有人在抢我包，往地铁口跑了", "crime"),
    ("一个陌生男人一直跟着我，我现在躲在便利店里不敢出去", "crime"),
    ("you ren qiao wo jia men, bu shuo hua, hao hai pa", "crime"),
    ("我前夫喝醉了在门外踹门，说要弄死我", "crime"),
    ("对门有人打架，有个人被捅了一刀，流了好多血", "crime"),
    # fraud
    ("对方说是公安局的，让我把钱转到安全账户，我正在银行排队", "fraud"),
    ("我妈正在ATM机上照着一个陌生人电话里说的一步步转钱", "fraud"),
    ("the caller says my son was arrested and I must send money now, I'm at the bank", "fraud"),
    ("网上客服说我的贷款被冻结要交解冻费，我已经转了两笔他还让我转", "fraud"),
    ("dui fang rang wo zhuan zhang dao an quan zhang hu, wo zheng zai zhuan", "fraud"),
    ("我爸被卖保健品的骗了，现在正拿着存折去取钱", "fraud"),
    ("有人冒充我领导让我马上打五万到他账户，我快转了", "fraud"),
    ("骗子让我老婆去银行转账，她不去就说要杀了她全家", "fraud crime"),
    # self-harm
    ("我室友在天台坐着不下来，说活着没意思", "self_harm"),
    ("我女儿发朋友圈说再见了大家，电话打不通", "self_harm"),
    ("i can't take it anymore, i've got all the pills in front of me", "self_harm"),
    ("我弟把自己关在卫生间，地上有血，他说不想活了", "self_harm"),
    ("wo bu xiang huo le, zai jian", "self_harm"),
    ("我妈吞了一整瓶安眠药，现在叫不醒", "self_harm"),
    ("男朋友说要从桥上跳下去，现在人在江边", "self_harm"),
    ("同学留了纸条说对不起大家，人不见了", "self_harm"),
    # missing
    ("我家三岁孩子在商场一转眼就不见了", "missing"),
    ("我奶奶有老年痴呆，早上出门到现在没回来", "missing"),
    ("my autistic son walked out of the house an hour ago and we can't find him", "missing"),
    ("孩子放学没回家，老师说四点就走了，电话手表也关机了", "missing"),
    ("wo er zi zou diu le, zai gong yuan li, cai wu sui", "missing"),
    ("公园里跟孙子走散了，他才五岁", "missing"),
    ("老人在小区里走丢了，刚才有人看见他倒在河边", "missing medical"),
    # rescues (§4's other, 119 beside)
    ("电梯卡在两层中间，里面有个孕妇", "other medical"),
    ("小区那栋老楼塌了一半，里面还有人", "other medical"),
    ("有人掉进河里了，在水里扑腾", "other medical"),
    ("孩子的手卡在扶梯缝里拔不出来，一直哭", "other medical"),
    ("村里发大水，我家老人被困在屋顶上", "other"),
    # two kinds told: the first that fits in §4's order is the ticket's
    ("有人开车撞倒了行人，下车又拿刀砍人", "traffic crime"),
)
PROBES: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (text, frozenset(kinds.split())) for text, kinds in _WRITTEN)
# Probes no cue or model raises on main (recall, the gate's matter, not the kind's).
NOT_RAISED = frozenset({
    "the caller says my son was arrested and I must send money now, I'm at the bank"})

__all__ = ["PROBES"]
