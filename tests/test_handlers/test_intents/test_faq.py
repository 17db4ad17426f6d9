"""The consult knowledge base: its content, the matcher's hit rate and its restraint."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from handlers.intents.faq import Faq, normalize
from handlers.texts import LINE_110

REQUIRED_TOPICS = {"户籍", "身份证", "居住证", "证明", "办公时间", "地址", "反诈"}
ALLOWED_TOPICS = REQUIRED_TOPICS | {"出入境", "其他"}

# Held-out consult messages as residents write them, with the entry that answers each.
# None of them is a question or variant of the knowledge base (checked below).
CONSULT: list[tuple[str, str]] = [
    ("你好，我家孩子上个月出生的，上户口都要带什么证件", "hukou-newborn"),
    ("闺女刚生完 户口咋上", "hukou-newborn"),
    ("孩子出生两个月了还没上户口，晚了有影响吗", "hukou-newborn"),
    ("我是河北的，想把户口迁到聊城来，要办什么手续", "hukou-move-in"),
    ("户口迁移流程是怎样的", "hukou-move-in"),
    ("结婚后户口能迁到男方家吗？需要什么手续", "hukou-marriage"),
    ("老婆户口想迁到我这个户口本上", "hukou-marriage"),
    ("在外地上大学 户口可以迁回来吗", "hukou-student"),
    ("想单独分户，要什么条件", "hukou-split"),
    ("户口本弄丢了，补一个去哪办", "hukou-book-lost"),
    ("孩子的名字想改一下，能改吗", "hukou-change"),
    ("户口本上出生日期错了怎么更正", "hukou-change"),
    ("我父亲去世了，户口要怎么销", "hukou-death"),
    ("买了房能把户口落过来吗", "hukou-house"),
    ("办身份证需要带什么材料", "idcard-first"),
    ("小孩第一次办身份证需要什么", "idcard-first"),
    ("身份证明年到期了，现在能换吗", "idcard-renew"),
    ("身份证过期了 换证要带什么", "idcard-renew"),
    ("我身份证丢了，补办需要什么", "idcard-lost"),
    ("身份证不知道掉哪了，怎么补", "idcard-lost"),
    ("身份证丢了补办要多少钱", "idcard-fee"),
    ("换身份证收费多少", "idcard-fee"),
    ("请问外省户口在聊城能换身份证吗", "idcard-remote"),
    ("我户口在河南，人在聊城，身份证丢了能在这补吗", "idcard-remote|idcard-lost"),
    ("身份证办好了要多久才能拿", "idcard-time"),
    ("临时身份证当场能办好吗", "idcard-temp"),
    ("照身份证相片得自己去照相馆拍吗", "idcard-photo"),
    ("我妈瘫在床上，身份证到期了怎么办", "idcard-proxy"),
    ("电子身份证坐高铁能用吗", "idcard-electronic"),
    ("我在聊城打工，想办个居住证，都准备啥", "permit-apply"),
    ("居住证怎么办理，需要社保吗", "permit-conditions|permit-apply"),
    ("外地人住多长时间可以办居住证", "permit-conditions"),
    ("居住证办下来能享受什么待遇", "permit-use"),
    ("居住证到期了怎么续签", "permit-renew"),
    ("租房子住要去派出所登记吗", "permit-registration"),
    ("开无犯罪记录证明要多长时间", "cert-no-crime"),
    ("考公政审要开无犯罪证明，在哪开", "cert-no-crime"),
    ("亲属关系证明派出所给开吗", "cert-kinship"),
    ("户口注销证明怎么开", "cert-hukou"),
    ("派出所给开居住证明吗", "cert-not-issued"),
    ("办护照需要带什么", "exit-passport"),
    ("去香港旅游要办什么证件", "exit-hk-macau"),
    ("港澳通行证续签注能在自助机办吗", "exit-hk-macau"),
    ("户口不在聊城可以在聊城办护照吗", "exit-where"),
    ("港澳通行证加急要几天", "exit-time"),
    ("外国人来家里住要不要去派出所登记", "exit-foreigner"),
    ("出入境大厅几点下班", "exit-hours"),
    ("户籍窗口几点开始上班", "hours-window"),
    ("派出所下午几点下班", "hours-window"),
    ("这周六去派出所能办户口吗", "hours-weekend"),
    ("中午户籍大厅休息吗", "hours-noon"),
    ("国庆节期间能办户口业务吗", "hours-holiday"),
    ("我住在柳园街道，归哪个派出所管", "address-station"),
    ("东昌府分局地址在哪", "address-branch"),
    ("请问闫寺派出所电话多少", "address-phone"),
    ("钱被骗了去哪个派出所报案，需要带啥", "address-report"),
    ("96110给我打电话是真的吗", "fraud-96110"),
    ("国家反诈中心APP去哪下载", "fraud-app"),
    ("有个自称公安的让我把钱转到安全账户，真的假的", "fraud-safe-account"),
    ("客服打电话说要给我理赔退款，可信吗", "fraud-customer-service"),
    ("网上兼职刷单是不是骗人的", "fraud-brushing"),
    ("网贷让先交保证金才放款，是骗子吗", "fraud-loan"),
    ("领导微信让我给个账户转钱，怎么判断真假", "fraud-acquaintance"),
    ("网友带我在平台投资理财，说稳赚，靠谱吗", "fraud-investment"),
    ("把银行卡借给别人用违法吗", "fraud-card-rent"),
    ("被骗了钱怎么追回来", "fraud-victim"),
    ("车被剐了要找交警还是派出所", "other-traffic-accident"),
    ("驾驶证到期换证在哪办", "other-driving"),
    ("养狗要办证吗，在哪办", "other-dog"),
    ("捡到别人身份证交到哪里", "other-lost-found"),
    ("这个公众号都能办哪些事", "other-platform"),
    ("警民恳谈会怎么报名参加", "other-forum"),
    # Written after tuning and measured once before any change (16/20, one wrong: the
    # passport-loss phrasing then missing from the knowledge base).
    ("户口本上我的名字有个字写错了，能改吗", "hukou-change"),
    ("孩子出生证明办下来了，接下来怎么落户", "hukou-newborn"),
    ("身份证上的照片太丑了能重新照吗", "idcard-renew|idcard-photo"),
    ("临时身份证多少钱", "idcard-fee|idcard-temp"),
    ("身份证到期了，人在外地上班，回不去怎么办", "idcard-remote|idcard-renew"),
    ("俺的身份证叫人偷了，咋补", "idcard-lost"),
    ("居住证丢了在哪补", "permit-renew"),
    ("没上班能不能办居住证", "permit-conditions"),
    ("无犯罪证明能让家里人代办吗", "cert-no-crime"),
    ("护照丢了在哪补", "exit-passport"),
    ("办港澳通行证需要带啥", "exit-hk-macau"),
    ("户籍窗口下午几点关门", "hours-window"),
    ("春节放假户籍室开门吗", "hours-holiday"),
    ("刚接到个电话说我涉嫌犯罪，要我配合调查把钱转过去", "fraud-safe-account"),
    ("有人在微信群里招兼职刷单，能信吗", "fraud-brushing"),
    ("网上借钱要先交会员费吗", "fraud-loan"),
    ("我被骗了，钱已经转出去了怎么办", "fraud-victim"),
    ("反诈中心App怎么用", "fraud-app"),
    ("剐蹭了人家车，对方要私了，行吗", "other-traffic-accident"),
    ("在路边捡到一部手机，交给谁", "other-lost-found"),
]

# Messages that are not consult questions: no confident answer may come back.
NOT_CONSULT: list[str] = [
    # emergencies
    "救命 有人拿刀砍人",
    "楼下有人在打架，已经见血了",
    "我家着火了快来人",
    "孩子刚才在超市门口走丢了，快帮帮我",
    "有人在撬我家门，现在就在门外",
    # complaints and tips
    "楼上天天半夜剁菜，吵得睡不着，管管吧",
    "小区门口天天有车乱停，堵得出不去",
    "举报一下，东关街那家棋牌室有人赌博",
    "我的电动车昨晚在楼下被偷了",
    "邻居家狗天天叫，说了也不听",
    "你们民警态度太差了，办个事推来推去",
    "报警两个小时了还没人来",
    # feedback
    "感谢古楼派出所的王警官，服务特别好",
    "建议户籍窗口多开一个，排队太长了",
    # status
    "我上周反映的问题怎么还没人回复",
    "DCF20240312001 办得怎么样了",
    # chit-chat and other
    "你好",
    "谢谢",
    "在吗",
    "哈哈哈",
    "今天天气不错",
    "测试",
    "1",
    "东昌湖的荷花开了吗",
    "帮我查一下明天的火车票",
    "你是机器人吗",
    # written after tuning, as above (none confident at first measure)
    "快来人啊，有人跳河了",
    "我老公喝醉了在家打我",
    "广场舞音响太吵了，晚上十点还在跳",
    "你们警察就会收钱",
    "我要投诉户籍窗口那个女的，态度恶劣",
    "好的，知道了",
    "早上好",
    "我上个月的工单编号是多少来着",
    "这个号怎么不回消息",
    "小区里有人偷电瓶，已经好几次了",
    "谢谢你们，问题解决了",
    "推荐一下聊城好吃的",
]

# Appointment requests may reach the knowledge base when the classifier hesitates. Decided:
# matching the entry of the service they name is acceptable (its answer lists what to bring),
# so they may be confident, but only on an entry of the right topic.
APPOINTMENTS: list[tuple[str, str]] = [
    ("我想预约明天办身份证", "身份证"),
    ("约个时间给孩子上户口", "户籍"),
    ("预约下周三办居住证", "居住证"),
    ("想约一下开无犯罪记录证明", "证明"),
]


@pytest.fixture(scope="module")
def faq() -> Faq:
    return Faq.load()


def test_entries_load_with_short_answers(faq: Faq) -> None:
    assert len(faq.entries) >= 45
    assert len({e.id for e in faq.entries}) == len(faq.entries)
    for entry in faq.entries:
        assert entry.answer and len(entry.answer) <= 300, entry.id
        assert entry.question and 3 <= len(entry.variants) <= 6, entry.id
        assert entry.topic in ALLOWED_TOPICS, entry.id


def test_topics_cover_required_areas(faq: Faq) -> None:
    assert REQUIRED_TOPICS <= {e.topic for e in faq.entries}
    assert set(faq.topics()) == {e.topic for e in faq.entries}
    assert faq.topic_entries("反诈") and faq.topic_entries("不存在") == []


def test_answers_keep_the_published_facts(faq: Faq) -> None:
    answers = {e.id: e.answer for e in faq.entries}
    assert "8:30—12:00" in answers["hours-window"] and "13:30—17:30" in answers["hours-window"]
    assert "40元" in answers["idcard-lost"] and "20元" in answers["idcard-fee"]
    assert "96110" in answers["fraud-96110"] and "安全账户" in answers["fraud-safe-account"]
    assert "110" in answers["fraud-victim"]


def test_held_out_queries_are_not_copies() -> None:
    faq = Faq.load()
    known = {normalize(s) for e in faq.entries for s in (e.question, *e.variants)}
    copies = [q for q, _ in CONSULT if normalize(q) in known]
    assert not copies
    assert len(CONSULT) >= 40 and len(NOT_CONSULT) >= 20


def test_consult_queries_find_the_right_entry(faq: Faq) -> None:
    misses = []
    for query, expected in CONSULT:
        found = faq.match(query)
        if not (found and found.confident and found.entry.id in expected.split("|")):
            misses.append((query, expected, found and (found.entry.id, round(found.score, 2))))
    # ≥ 85 % answered at once and right; the rest open a consult ticket. (Issue 14.6 traded
    # 90 % for fewer wrong answers: a consult ticket is better than a wrong answer.)
    assert len(misses) <= len(CONSULT) * 15 // 100, misses


def test_confident_answers_are_never_wrong(faq: Faq) -> None:
    wrong = [(q, m.entry.id) for q, expected in CONSULT
             if (m := faq.match(q)) and m.confident and m.entry.id not in expected.split("|")]
    assert len(wrong) <= 1, wrong


@pytest.mark.parametrize("message", NOT_CONSULT)
def test_other_messages_get_no_confident_answer(faq: Faq, message: str) -> None:
    found = faq.match(message)
    assert found is None or not found.confident, (found.entry.id, found.score)


@pytest.mark.parametrize(("message", "topic"), APPOINTMENTS)
def test_appointment_requests_stay_on_topic(faq: Faq, message: str, topic: str) -> None:
    found = faq.match(message)
    assert found is None or not found.confident or found.entry.topic == topic


def test_empty_and_punctuation_only_messages_match_nothing(faq: Faq) -> None:
    assert faq.match("") is None
    assert faq.match("？？！！ 。。") is None


def test_guide_lists_every_topic_in_order(faq: Faq) -> None:
    guide = faq.guide_text()
    lines = guide.splitlines()
    for number, topic in enumerate(faq.topics(), start=1):
        assert f"{number}. {topic}" in lines[number]
    assert guide.endswith(LINE_110)


def test_answer_text(faq: Faq) -> None:
    entry = faq.topic_entries("反诈")[0]
    reply = faq.answer_text(entry)
    assert reply.startswith(entry.answer) and reply.endswith(LINE_110)


def test_load_from_another_file(tmp_path: Path) -> None:
    path = tmp_path / "faq.toml"
    path.write_text('[guide]\n"地址" = "在哪"\n[[faq]]\nid = "a"\ntopic = "地址"\n'
                    'question = "分局在哪"\nvariants = ["分局地址"]\nanswer = "东昌府"\n',
                    encoding="utf-8")
    faq = Faq.load(path)
    found = faq.match("分局在哪里")
    assert found and found.entry.id == "a"


def test_matching_is_fast(faq: Faq) -> None:
    queries = [q for q, _ in CONSULT] + NOT_CONSULT
    runs = []
    for _ in range(3):  # best of three: a busy test machine must not fail the budget
        start = time.perf_counter()
        for query in queries:
            faq.match(query)
        runs.append((time.perf_counter() - start) / len(queries))
    assert min(runs) < 0.001


@pytest.mark.parametrize(("message", "entry"), [
    ("護照丟了怎麼辦", "exit-passport"),
    ("請問身份證丟了要怎麼補辦", "idcard-lost"),
    ("戶口本丟了去哪裡補", "hukou-book-lost"),
])
def test_traditional_characters_are_read_as_simplified(faq: Faq, message: str,
                                                       entry: str) -> None:
    simplified = faq.match(normalize(message))
    found = faq.match(message)
    assert found is not None and found.confident and found.entry.id == entry
    assert simplified is not None and (found.entry.id, found.score) == (
        simplified.entry.id, simplified.score)
