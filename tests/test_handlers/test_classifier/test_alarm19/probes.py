"""Issue 11's probes of alarm19, written before any change and apart from every data file:
dangers in the shapes the never-seen sets still miss (a crane or a sign leaning over people, a
child gone in a moment beside water or a road, someone sitting on a ledge high up, a parent
putting the house into a "project" today, someone with dementia walked out of a home, gas told
in pinyin by its smell), beside look-alikes in the same words that must page no one."""

from __future__ import annotations

# Dangers told now: each must page the duty officers.
RAISE: dict[str, list[str]] = {
    "leaning": [
        "工地那个塔吊明显歪了，下面就是小学门口，家长都在等放学",
        "来电反映：某路口广告牌已明显倾斜，下方为公交站，候车群众较多",
        "隔壁工地的脚手架整个斜过来了，楼下人行道上人来人往",
        "The tower crane on the building site next to us is visibly leaning, and the pavement under"
        " it is full of people",
        "我们小区门口那根电线杆歪得厉害，快倒了，底下好多小孩在玩",
        "塔吊斜咗好明显，下面系条街市，啲人仲喺度行",
        "ta diao wai le hen duo, xia mian jiu shi ren xing dao, hai you ren zai zou",
        "接报：某在建楼盘外挂的吊篮严重倾斜，吊篮内仍有两名工人",
    ],
    "vanished": [
        "我在海边拍个照，回头女儿就不见了，海浪挺大的",
        "儿子在小区里骑自行车，我上楼拿个东西下来就找不到人了，小区外面就是大马路",
        "刚才在水库边烧烤，四岁的小孙子一眨眼就没影了，喊了半天没人应",
        "我家閨女在河堤上玩，俺接了個電話人就沒了，河水挺急",
        "I turned round to pay for ice cream and my 5-year-old was gone, the park is right next to"
        " the lake",
        "hai zi zai hu bian wan, wo jie ge dian hua de gong fu jiu bu jian le",
        "商场里孩子松开手就跑没了，找了二十分钟，商场门口就是主干道",
        "带外孙在公园池塘边喂鱼，我低头看手机的功夫他人就不见了，急死了",
    ],
    "ledge": [
        "对面楼有个男的坐在八楼窗户外面，腿悬在外面，一直在哭",
        "接警摘要：某写字楼天台边缘站着一名男子，情绪激动，拒绝他人靠近",
        "我们宿舍楼顶有个女生坐在护栏外面，脚悬空，一直不说话",
        "There is a young man sitting on the ledge of the 12th floor across the street with his"
        " legs hanging over, he's crying",
        "有个人骑在桥栏杆外边，手抓着栏杆，下面就是江",
        "樓上有個阿姨坐喺窗台度，雙腳吊咗出去，喊得好犀利",
        "dui mian lou you ge nv de zuo zai chuang tai shang, tui xuan kong, yi zhi zai ku",
        "我女朋友发视频给我，她坐在楼顶边上，脚在外面晃，说让我好好的",
    ],
    "project": [
        "我妈被人拉去听什么养老课，今天说要把存款全取出来投进去，人已经去银行了",
        "我爸信了一个什么区块链养老基金，这会儿正要去把房子抵押贷款投进去，拦都拦不住",
        "家里老人说有个“国家扶贫项目”能返十倍，他刚把卡里的二十万转过去了，还要再转",
        "My mum is at the bank right now taking out all her savings for some 'pension project' a"
        " man at a seminar told her about",
        "ngo lou dau ji ga heoi ngan hong, wa jiu ling saai di cin tau jap go hong muk",
        "我爷爷非要把老房子卖了去投那个保健品的“原始股”，中介今天下午就来签合同",
        "外婆跟着一个“养生讲座”的人去银行了，说要把养老钱都存进他们的项目里",
        "wo ba yao ba fang zi di ya le tou jin yi ge yang lao xiang mu, ren yi jing qu ban shou xu"
        " le",
    ],
    "walked_out": [
        "An elderly man with Alzheimer's left the nursing home on his own about an hour ago, he is"
        " wearing slippers",
        "My grandmother, who has dementia, slipped out of the house while we were asleep and we"
        " can't find her",
        "A resident with dementia walked out of our care home this morning, grey jacket, uses a"
        " walking stick",
        "Our autistic son ran out of the school gate at lunchtime and nobody knows where he went",
        "The old lady from room 3 in our care home is not in her bed and the back door is open, she"
        " has dementia",
        "My father has Alzheimer's and went out for a walk three hours ago, he hasn't come home",
    ],
    "gas": [
        "wo jia chu fang you gu hen chong de mei qi wei, fa men guan bu shang",
        "lou dao li tian ran qi wei dao hen nong, hao xiang shi qi guan po le",
        "ran qi biao na li si si xiang, man wu zi dou shi qi wei",
        "ngo uk kei hou daai mui hei mei, bat zi bin dou lau",
        "re shui qi na bian lou qi le, wen zhe tou yun",
    ],
}

# Look-alikes in the same words: each must page no one.
QUIET: dict[str, list[str]] = {
    "leaning": [
        "请问工地塔吊倾斜多少度算违规？我们想投诉一下",
        "我家门口那棵树有点歪，能不能让园林的人来修剪一下",
        "上次台风把广告牌吹歪了，后来物业已经拆掉了",
        "The Leaning Tower of Pisa was crowded with tourists when we went last summer",
    ],
    "vanished": [
        "儿子在小区里玩，一转眼不见了，原来是跑到同学家去了，虚惊一场",
        "我去海边拍照，回头一看夕阳就不见了，太快了",
        "孩子一眨眼就长这么大了，明年都要上小学了",
        "hai zi gang cai bu jian le, yuan lai zai chuang di xia duo mao mao",
    ],
    "ledge": [
        "周末我们去爬山，坐在悬崖边上拍照，脚悬空的感觉好刺激",
        "窗台上的花盆放外面会不会掉下去砸到人？想问下物业管不管",
        "我家猫老是坐在窗台上，腿悬在外面，看着好吓人",
        "小说里女主坐在天台边上哭，写得我好难受",
    ],
    "project": [
        "请问怎么辨别养老项目是不是诈骗？我爸妈最近收到好多传单",
        "我爸想把房子抵押了开个小饭馆，家里人都不太同意，怎么劝",
        "我妈去年投了一个养老项目被骗了五万，报过案了，想问问进展",
        "My dad is thinking about investing in a pension fund, is it safe?",
    ],
    "walked_out": [
        "My grandmother has dementia, what support does the community offer for carers?",
        "The nursing home called to say Dad walked out to the garden and is back in his room now",
        "How do we register an elderly relative with Alzheimer's for the yellow bracelet scheme?",
        # Written while building `en_wandered_off` (after the base was recorded): quiet on base.
        "My dad has dementia and we ran out of his medicine, where can we get more?",
        "My grandmother has dementia and got out of bed at 3am",
    ],
    "gas": [
        "ran qi gong si shen me shi hou lai zhuang qi biao? wo men deng le yi ge yue le",
        "wo jia chu fang you you yan wei, chou you yan ji huai le",
        "ruhe jiancha tianranqi guandao you mei you lou qi?",
    ],
}
