"""Issue 11's probes of alarm18, written before any change and apart from every data file:
dangers in the shapes the never-seen sets still miss (a child who never reached school told by
a teacher, an adult gone overnight without a word, a building shaking or cracking, a fire told
without 火, a medical emergency told by what the writer sees, a self-harm intention told by a
farewell or things given away), beside look-alikes in the same words that must page no one (a
teacher's notice, a renovation, a drill, a farewell party)."""

from __future__ import annotations

# Dangers told now: each must page the duty officers.
RAISE: dict[str, list[str]] = {
    "missing": [
        "补习班老师打电话问我儿子怎么没来，他一点就出门了，到现在联系不上",
        "托管班说孙女今天没去，她放学自己走过去的，就两百米",
        "班主任说没见到他，他早上出门时说去学校，手机也关机了",
        "游泳班教练说俺闺女没来，她两点就骑车走了，电话没人接",
        "學校來電說孩子沒到校，他明明七點就出門了",
        "lao shi shuo hai zi mei dao, ta zao shang qi dian jiu chu men le, dian hua da bu tong",
        "带娃在河边玩，我回个微信的工夫人就没了，河边草很高",
        "孙子刚才还在院子里，一转眼人没了，院子后面是水塘",
        "我老婆昨晚没回家，到现在一个电话也没有，她手机也没电了吧，从来没这样过",
        "My grandfather with dementia wandered out of the care home this afternoon, he is wearing"
        " pyjamas",
        "班主任刚打电话说我儿子今天没到学校，可他早上七点就出门了，电话也不接",
        "老师说孩子上午一直没来上课，我明明送到校门口了，现在找不到人",
        "学校来电话，说闺女今天没去上学，她早上背着书包出的门啊",
        "幼儿园老师问我孩子怎么没来，我奶奶八点就送去了，奶奶也联系不上",
        "老師說我女兒今天沒到校，她早上自己坐公交去的，手機關機",
        "banzhuren shuo wo erzi jintian mei dao xuexiao, zao shang qi dian jiu chu men le",
        "The school just called, my son never arrived this morning and his phone is off",
        "我老公昨天晚上出去就再没回来，一句话都没留，电话一直关机，他从来不这样",
        "我姐昨晚下班后就失联了，一整夜没回家也没消息，同事说她六点就走了",
        "俺家那口子昨黑出去一宿没回，电话打不通，以前从没这样过",
        "室友从昨晚到现在都没回宿舍，微信不回电话关机，她平时从不夜不归宿",
        "My husband went out last night and never came back, no message, his phone goes straight"
        " to voicemail",
    ],
    "other": [
        "广告牌被风吹得摇摇欲坠，底下全是等公交的人",
        "来电人称：小区门口施工脚手架正在倾斜，下方是人行道，仍有行人通过",
        "房子地基在下陷，墙上的缝越来越大，屋里还住着两个老人",
        "我们楼突然晃得厉害，墙上一下子裂开好几道口子，楼里还有好多人",
        "楼上传来咔咔的响声，天花板正在往下塌，里面还有老人没出来",
        "这栋老楼的承重墙刚才裂了一条大缝，还在往下掉渣，住户都还在屋里",
        "工地那个塔吊在晃，越来越斜了，下面就是学校门口",
        "房子在抖，杯子都掉地上了，墙角裂了，我们往外跑",
        "阳台整个往外歪了，裂缝越来越大，邻居家孩子还在上面",
        "樓房剛才劇烈搖晃，牆面裂開好大一條縫，大家都在往下跑",
        "our building is shaking and there are new cracks running up the wall, people are still"
        " inside",
    ],
    "fire": [
        "燃气表那儿有股臭鸡蛋味，越来越重",
        "wo jia tian ran qi guan zi lou qi le, wei dao hen da",
        "俺家液化气罐子嘶嘶响，一屋子味",
        "楼道里全是烟，呛得睁不开眼，楼上还有人",
        "隔壁一直有很浓的焦糊味，烟雾报警器响个不停，敲门没人应",
        "配电箱噼里啪啦冒火星子，电线外皮都化了，还在冒黑烟",
        "楼下电动车充电的地方在冒浓烟，味道特别冲",
        "厨房的燃气灶那边一股很重的煤气味，我妈躺在沙发上叫不醒",
        "对面楼窗户里往外冒黑烟，里面好像有人在拍窗户",
        "樓道裡好濃的煙味，警報器一直在響，門縫也在冒煙",
        "lou dao li quan shi yan, qiang de chuan bu guo qi, lou shang hai you ren",
        "the smoke alarm next door has been beeping for ten minutes and I can smell burning,"
        " nobody answers the door",
        "sparks are coming out of the socket and the wall is turning black",
    ],
    "medical": [
        "他脸色惨白，满头冷汗，捂着肚子在地上打滚",
        "I am a tourist, my wife slipped on the steps at the temple, she cannot stand and her"
        " ankle is bent the wrong way",
        "我爸倒在厕所里，脸色发灰，叫他也不睁眼",
        "路边躺着一个大爷，一动不动，嘴角有血",
        "我同学从单杠上摔下来，腿往反方向弯着，疼得直哭",
        "我老婆突然捂着胸口蹲下了，满头大汗，说不出话",
        "孩子脸都紫了，张着嘴吸不进气",
        "俺爷靠在门口，眼睛直勾勾的，喊他没反应，手冰凉",
        "My dad is on the kitchen floor, grey in the face, his eyes are open but he does not"
        " answer me",
        "A cyclist went down in front of me, he is lying still and there is blood coming from"
        " his ear",
        "老人坐在公交站椅子上，头一直往下垂，嘴唇发紫，叫不醒",
        "孩子掉进泳池捞上来了，不哭也不动",
    ],
    "self_harm": [
        "朋友最近把所有的存款都转给了父母，今晚说了句谢谢你们一直陪着我，就不回消息了",
        "对面楼顶天台边上站着个小伙子，来回走，看着不对劲",
        "我哥刚给我发消息，说以后爸妈就拜托我了，让我别找他，然后就关机了",
        "女儿把她攒的钱和手机密码都发给我了，说对不起，现在联系不上",
        "朋友把猫送人了，东西全分给我们，说以后用不着了，今天电话也不接",
        "我室友在朋友圈发了告别的话，说这辈子就这样吧，人不在宿舍",
        "对面楼有个人坐在窗台上，腿伸在外面，一直在哭",
        "老公留了张纸条说照顾好孩子，下辈子再见，人不见了",
        "My sister texted me goodbye and said to take care of mum for her, now she won't pick up",
        "wo pengyou gang fa xiaoxi shuo zaijian le, yi hou bie xiang ta, dianhua guan ji le",
        "儿子把他的游戏账号和球鞋都送给同学了，还说谢谢大家这些年，人联系不上",
        "她发语音说太累了想永远睡过去，刚才我听见那边在开药瓶",
    ],
}

# Look-alikes in the same words: nobody in danger now; each must page no one.
QUIET: dict[str, list[str]] = {
    "teacher": [
        "老师说孩子没到，我打电话问了，他已经到了",
        "学校说孩子今天没去，他早上出门了，后来也到了，就是迟到",
        "老师说孩子没来，原来他爸带他去医院了，没事",
        "补习班老师说孩子这周没来上课，是我们请假回老家了",
        "托管班说明天停课，孩子放学自己回家",
        "老师通知明天上午不上课，孩子们十点到校就行",
        "班主任说我儿子今天没交作业，让我晚上督促一下",
        "孩子今天请病假没去学校，已经跟老师说过了",
        "幼儿园老师说孩子今天午睡没睡着，有点闹",
        "老师说下周一家长会，孩子没到的要提前请假",
        "The school called to say my son forgot his lunch box, I will bring it later",
        "学校说我闺女今天迟到了二十分钟，让我提醒一下",
        "老公昨晚加班没回来，早上给我发了消息说在公司睡的",
    ],
    "building": [
        "广告牌有点松了，麻烦物业来加固一下",
        "我们村的老房子墙裂了，想申请危房改造",
        "楼上在装修，电钻响了一整天，墙都在震",
        "我们小区在做外墙翻新，墙上有几道老裂缝请问归谁修",
        "地铁从底下经过的时候楼会微微晃一下，正常吗",
        "上周地震的时候楼晃了一下，现在没事了，想问问怎么查房屋安全",
        "工地塔吊每天早上六点就开始转，太吵了",
        "房子墙皮裂了好几条缝，想找物业维修",
        "樓上在拆牆，整棟樓都在震，吵得孩子睡不著",
        "the building shook a bit when the truck passed, is that normal",
    ],
    "drill": [
        "冰箱里一股臭鸡蛋味，估计是鸡蛋坏了",
        "the smoke alarm keeps chirping, I think the battery is low",
        "今天下午三点小区消防演练，烟雾报警器会响，大家不要慌",
        "学校明天搞地震疏散演练，孩子要带什么",
        "楼里组织了火灾逃生演习，楼道会放烟雾，请配合",
        "厨房烧烤烟太大，把烟雾报警器弄响了，已经关了",
        "邻居家烟雾报警器没电了一直滴滴响，能不能提醒物业",
        "炒辣椒呛得全家咳嗽，哈哈",
        "配电箱的电线老化了，想请电工来换一下",
    ],
    "farewell": [
        "他把所有玩具都送给表弟了，说自己长大了不玩了",
        "老公出差了，昨晚在酒店住的，手机没电了刚回我消息",
        "同事下周离职，我们今晚给她办欢送会，她说以后常联系",
        "我把旧衣服都送人了，准备搬家去外地",
        "朋友出国留学前把家里的猫托付给我了",
        "今天毕业，室友们在朋友圈发告别的话，好伤感",
        "我哥说以后爸妈拜托我照顾了，因为他要去外地工作几年",
        "My sister said goodbye at the airport this morning, she is moving to Canada",
        "奶奶住院了，她让我们别担心，说医生很好",
        "把不用的书都送给学弟学妹了，这辈子就毕业这一次",
    ],
    "seen": [
        "孩子游泳课被教练从深水区拉上来了，喝了两口水，现在活蹦乱跳",
        "我爸午睡呢，叫了两声没醒，睡得很香",
        "路边有个大爷躺在长椅上晒太阳",
        "孩子体育课摔了一跤，膝盖破了点皮，已经贴了创可贴",
    ],
}
