"""The emergency gate as residents meet it: real emergencies of every kind, and the look-alikes."""

from __future__ import annotations

import pytest

from handlers.classifier.classifier import DOWNGRADED, EMERGENCY_KINDS
from tests.classifying import judged, quiet, raised

# (message, the first kind that fits) in several registers per kind.
EMERGENCIES = [
    # self_harm
    ("我想自杀", "self_harm"),
    ("我不想活了，药已经吃了一瓶", "self_harm"),
    ("有个人站在楼顶边上要往下跳", "self_harm"),
    ("俺闺女在宿舍割腕了，血止不住", "self_harm"),
    ("my friend says she wants to kill herself", "self_harm"),
    # fire
    ("我家着火了", "fire"),
    ("邻居家门缝里往外冒烟，敲门没人应", "fire"),
    ("对门一股很浓的煤气味 敲了半天门没人开", "fire"),
    ("家裡著火了，快來", "fire"),
    ("help! fire in my building", "fire"),
    ("zhao huo le kuai lai", "fire"),
    # traffic
    ("路口两车相撞，司机卡在里面出不来", "traffic"),
    ("一辆货车把骑电动车的老人撞了，人躺在地上不动", "traffic"),
    ("there was a car crash, a man is bleeding", "traffic"),
    ("倒车的时候把一个骑车的大爷给刮倒了，他坐地上起不来", "traffic"),
    ("家里热水器突然炸了，屋里全是烟，我妈在里面", "fire"),
    ("他刚在电话里说活着也没意思了，然后就挂了", "self_harm"),
    # crime
    ("学校门口有个男的拿着刀，学生马上放学", "crime"),
    ("help, someone is breaking in", "crime"),
    ("救命啊，有人在撬我家防盗门", "crime"),
    ("俺男人喝多了正拿着菜刀追俺", "crime"),
    ("有个男的在小区里尾随我，我现在躲在超市", "crime"),
    ("有人持刀搶劫", "crime"),
    ("ｈｅｌｐ，ｓｏｍｅｏｎｅ ｉｓ ｂｒｅａｋｉｎｇ ｉｎ", "crime"),
    ("you ren da wo jiu ming", "crime"),
    # medical
    ("有个老人晕倒了，没有意识", "medical"),
    ("爷爷摔倒了叫不醒 嘴唇发紫", "medical"),
    ("俺家孩子栽到河里了快来人", "medical"),
    ("娃掉进村东头的湾里了", "medical"),
    # fraud
    ("对方让我转账到安全账户，我正在转", "fraud"),
    ("我妈正在给一个自称公安局的人转钱，电话还没挂", "fraud"),
    ("客服让我下载会议软件开屏幕共享，我已经开了", "fraud"),
    ("我爸此刻正在与一个自称医保局的人通话，人家要他的卡号", "fraud"),
    ("会计正按照冒充老板的人的微信指令给新账户付款", "fraud"),
    # missing
    ("我的孩子走丟了", "missing"),
    ("奶奶有老年痴呆，早上出门到现在还没回来", "missing"),
    ("孩子在公园不见了，找了半个小时了", "missing"),
    ("my son is missing, he is 6", "missing"),
    ("haizi bu jian le", "missing"),
    # other
    ("救命！！！", "other"),
    ("我们被困在电梯里了", "other"),
    ("jiuming", "other"),
]


@pytest.mark.parametrize(("text", "kind"), EMERGENCIES)
def test_a_resident_in_danger_is_answered_as_an_emergency_of_the_right_kind(
        classifier, text, kind):
    prediction = classifier.classify(text)
    assert (prediction.intent, prediction.priority) == ("emergency", "P1"), prediction.reasons
    assert prediction.emergency_kind == kind
    assert prediction.emergency_kinds[0] == kind
    assert not prediction.downgraded and prediction.acts


def test_every_contract_kind_is_covered():
    assert {kind for _, kind in EMERGENCIES} == set(EMERGENCY_KINDS)


def test_a_message_naming_several_dangers_gets_every_kind_in_contract_order(classifier):
    prediction = classifier.classify("车祸，车起火了，有人流了很多血昏迷了")
    assert prediction.emergency_kinds == ("fire", "traffic", "medical")
    assert prediction.emergency_kind == "fire"
    help_and_crime = classifier.classify("救命 有人拿刀砍人")
    assert help_and_crime.emergency_kinds == ("crime",)     # `other` only when alone


@pytest.mark.parametrize("text", [
    "昨天晚上有人撬了俺家的门",
    "去年被人抢过包，一直没破案",
    "上个月俺村里有人打架，到现在没处理",
    "前天有个老人在路口被车撞了，司机跑了",
    "小区里经常有人半夜打架，希望加强巡逻",
    "楼上那家天天打孩子，哭得可惨了",
])
def test_past_or_habitual_danger_is_a_p2_complaint(classifier, text):
    prediction = classifier.classify(text)
    assert (prediction.intent, prediction.priority) == ("complaint", "P2"), prediction.reasons
    assert prediction.downgraded and DOWNGRADED in prediction.reasons
    assert prediction.emergency_kind is None


@pytest.mark.parametrize("text", [
    "如果遇到有人跟踪该怎么办",
    "要是家里着火了先干什么",
    "听说柳园那边着火了是真的吗",
    "新闻说徒骇河有人溺水",
    "我梦见家里着火了",
    "要是有人持刀抢劫，反抗算正当防卫吗",
    "怎么防范电信诈骗",
    "想预约民警来学校讲防溺水知识",
    "电动车在楼道充电，存在很大的火灾隐患",
    "没有着火，只是烧水壶干烧了冒了点烟",
    "追尾了，没人受伤，怎么处理",
    "老人走失了怎么登记信息",
])
def test_hypotheticals_questions_news_and_denials_are_no_emergency_at_all(classifier, text):
    prediction = quiet(classifier, text)
    assert not prediction.downgraded


@pytest.mark.parametrize("text", [
    "急死了，快递三天还没到", "这天热得要命", "笑死我了哈哈哈", "气炸了，外卖又送错了",
    "救命，这道数学题好难😭", "帮我砍一刀呗", "跳楼价清仓大甩卖", "我想死你们了",
    "打死我也不去相亲", "游戏里被人砍了好几刀", "热得不想活了哈哈", "我老公在打游戏不理我",
    "在厨房拿刀切菜切到手了", "工地上的钢管堆得到处都是", "一直跟进的那个案子怎么样了",
    "饭店油烟太大了，熏得人受不了", "我的狗走丢了，是一只金毛", "手机掉水里了怎么办",
    "轮胎漏气了附近哪里能补", "孩子的作业本找不到了", "这首歌太火了",
    "客服教我操作了半天还是退不了款", "老师正在指导我们注册学习平台的账号",
    "我正在按照公众号说的步骤操作，哪一步填身份证号", "我把车蹭了一下，要报保险吗",
])
def test_idioms_and_everyday_chat_raise_nothing(classifier, text):
    assert classifier.classify(text).intent != "emergency"


def test_thanks_for_an_incident_handled_is_feedback_not_a_new_complaint(classifier):
    prediction = classifier.classify("感谢民警帮我找回了走失的孩子")
    assert prediction.intent == "feedback"


LETTER_PAST_FIRE = (
    "关于柳园小区消防通道长期被占用的情况反映\n\n尊敬的东昌府区领导：\n您好！我是柳园小区3号楼的"
    "居民。近半年来，小区内消防通道长期被私家车占用，电动车在楼道里充电的情况也十分普遍。上个月"
    "12号晚上，5号楼一楼的电动车突然起火，浓烟顺着楼道往上窜，好在邻居及时发现，用灭火器扑灭了，"
    "没有造成人员伤亡。但当时消防车根本开不进来，现在想起来仍然后怕。\n此外，小区东门的路灯坏了"
    "三个多月，晚上一片漆黑，前段时间还有老人在那里摔倒。物业多次推诿，说没有经费。\n恳请相关部门"
    "尽快督促物业清理消防通道，设置电动车集中充电点，修复路灯，切实保障居民的生命财产安全。\n此致\n"
    "敬礼！\n柳园小区居民 王某\n2026年11月20日")
LETTER_CUE_WORDS = (
    "尊敬的市长：\n我是一名退休教师，想反映一下我们村的治安问题。最近村里经常有外地人半夜开车进村，"
    "挨家挨户看，有好几户人家被撬了门，丢了钱和首饰。村民们现在晚上都不敢睡踏实，有的人家在门口放了"
    "钢管、木棍防身。我们也报过警，派出所来看过，做了笔录，但到现在也没有抓到人。一直跟进的民警说"
    "警力不够，这点救命钱也不敢放家里。现在大家都很担心，万一哪天撞上了小偷闯进家里，闹出人命怎么"
    "办？恳请领导重视，在村里安装监控，加强夜间巡逻，还老百姓一个安宁。\n此致\n敬礼\n闫寺街道某村村民")
LETTER_GAS = (
    "关于某小区燃气管道老化的紧急建议\n各位领导：\n我们小区建于上世纪九十年代，燃气管道严重老化，"
    "锈迹斑斑。今年以来已经发生过两次燃气泄漏，一次是在二单元，一户人家做饭时闻到很浓的煤气味，"
    "幸好及时关了阀门开窗通风。另一次是在六单元，泄漏的燃气差点引起爆炸。燃气公司来检查过，说需要"
    "整体更换，但费用谁出一直没有定论。我们这些老住户现在每天提心吊胆，生怕哪天真的出事。希望政府"
    "能出面协调，把老旧管道更换纳入今年的民生工程。\n特此建议，盼复。")


@pytest.mark.parametrize("letter", [LETTER_PAST_FIRE, LETTER_CUE_WORDS, LETTER_GAS])
def test_a_formal_letter_about_safety_is_no_emergency_and_no_downgrade(classifier, letter):
    prediction = quiet(classifier, letter)
    assert not prediction.downgraded


def test_a_letter_still_raises_an_emergency_happening_as_it_is_written(classifier):
    urgent = LETTER_CUE_WORDS.replace("恳请领导重视", "此刻楼下正在着火，救命！恳请领导重视")
    assert classifier.classify(urgent).intent == "emergency"


@pytest.mark.parametrize("text", ["我要报警", "我想报警！", "怎么报警啊", "你好，我要报案",
                                  "报警"])
def test_a_bare_request_to_report_is_a_complaint_flagged_for_110(classifier, text):
    prediction = classifier.classify(text)
    assert (prediction.intent, prediction.report_request) == ("complaint", True)
    assert prediction.acts


@pytest.mark.parametrize("text", ["我要报警，邻居天天半夜装修", "报警电话是多少"])
def test_a_request_naming_its_matter_is_no_bare_report_request(classifier, text):
    assert not classifier.classify(text).report_request


def test_a_report_request_with_danger_is_an_emergency(classifier):
    prediction = classifier.classify("我要报警，有人在砸我家门")
    assert prediction.intent == "emergency" and not prediction.report_request


@pytest.mark.parametrize("text", [
    "俺家小三今儿放学到现在没回家，同学都说没见着他，天都快黑了",
    "我舅有点糊涂，早上去赶集跟我们走散了，找了三个钟头了",
    "闺女九点该到家，现在晚上十一点了，手机一直关机，她最近心情不好",
    "My dad has dementia and went out after lunch. He hasn't come back and it is 4 hours now.",
    "wo nai nai lao nian chi dai, xia wu chu men dao xian zai mei hui lai",
])
def test_a_vulnerable_person_gone_for_hours_is_missing_without_the_word(classifier, text):
    prediction = raised(classifier, text)
    assert prediction.emergency_kind == "missing"


@pytest.mark.parametrize("text", [
    "孩子今天放学把作业本落学校了，到处找不到",
    "我妈今天手机关机了一下午，原来是没电了，已经回家了",
    "My son wandered off in the park for ten minutes this morning, we found him by the pond.",
])
def test_things_lost_and_people_found_are_no_missing_person(classifier, text):
    quiet(classifier, text)


@pytest.mark.parametrize("text", [
    "网上那个导师说我再交三千手续费就能把之前的收益都提出来，我正在凑",
    "客服让我开了个贷款，说下了款就退我钱，我要不要继续点",
    "我在柜台，柜员说我可能被骗了，可电话里的检察官让我别挂电话接着转",
    "dui fang rang wo gong xiang ping mu, wo zheng zai cao zuo",
])
def test_a_swindle_under_way_is_fraud_whatever_its_side_words(classifier, text):
    prediction = raised(classifier, text)
    assert "fraud" in prediction.emergency_kinds


@pytest.mark.parametrize(("text", "kind"), [
    ("我哥刚把工资卡密码发给我，说以后你替我照顾爸妈，他这阵子炒股赔了钱", "self_harm"),
    ("我这会儿就坐在大桥的护栏外面，别劝我", "self_harm"),
    ("Someone is standing on the outside of the bridge railing and crying", "self_harm"),
    ("There's a gas smell all over the stairwell and the old man upstairs won't open", "fire"),
    ("dian ti li kun ren le, chu bu qu", "other"),
    ("ta na zhe dao zai lou xia", "crime"),
])
def test_dangers_told_in_plain_or_foreign_words_are_emergencies(classifier, text, kind):
    prediction = raised(classifier, text)
    assert kind in prediction.emergency_kinds


def test_a_pinyin_question_about_which_number_to_call_is_no_emergency(classifier):
    quiet(classifier, "you ren kun zai dian ti li ying gai da shen me dian hua")


@pytest.mark.parametrize(("text", "emergency"), [
    ("我家的狗刚才从三楼阳台掉下去了，还能走", False),
    ("有只鸽子被困在广告牌后面出不来了", False),
    ("我家的狗把我妈扑倒了，她从台阶上摔下去了，头在流血", True),
    ("拉羊的三轮车翻了，开车的大爷压在车底下", True),
])
def test_harm_that_befalls_an_animal_is_no_emergency(classifier, text, emergency):
    judged(classifier, text, emergency)


@pytest.mark.parametrize(("text", "emergency"), [
    ("wo nv er gang cai zou diu le, xian zai zhao dao le, mei shi le", False),
    ("wo kan wang shang shuo you xiao hai zou diu le, shi zhen de ma", False),
    ("qian mian che huo le, jiao jing yi jing dao le", False),
    ("wo nv er zou diu le, jing cha yi jing lai le, hai mei zhao dao", True),
])
def test_pinyin_told_over_or_hearsay_is_no_emergency(classifier, text, emergency):
    judged(classifier, text, emergency)


@pytest.mark.parametrize(("text", "emergency"), [
    ("kuai lai ren a, you xiaohai diao jin he li le", True),       # you xiao…: not youxi (a game)
    ("jiu ming, you xiaotou zai qiao men", True),
    ("wo zai wan youxi, li mian you ren diao jin he li le", False),  # youxi itself: a game
    ("zuotianwanshang you ren diao jin he li le", False),         # past, typed as one word
])
def test_pinyin_framing_words_cover_whole_syllables(classifier, text, emergency):
    judged(classifier, text, emergency)


@pytest.mark.parametrize(("text", "emergency"), [
    ("There was smoke coming out of the shop next door, turned out it was a barbecue", False),
    ("the school is on fire, it looks like a drill", False),
    ("There is smoke coming out of the shop next door and nobody answers, please come", True),
])
def test_english_outcomes_and_drills_are_no_emergency(classifier, text, emergency):
    judged(classifier, text, emergency)


@pytest.mark.parametrize("text", ["/help", "/help me"])
def test_an_app_command_is_no_cry_for_help(classifier, text):
    quiet(classifier, text)


@pytest.mark.parametrize("text", ["help", "Help me please!"])
def test_a_bare_cry_for_help_is_still_an_emergency(classifier, text):
    raised(classifier, text)
