"""What residents ask for in so many words (issue 14): explicit requests, letter titles,
procedure questions, and the bot acting on them without a menu."""

from __future__ import annotations

import pytest

from handlers.classifier.alarm import Alarm
from handlers.classifier.classifier import IntentClassifier
from handlers.classifier.model import LABELS, LinearModel
from handlers.classifier.requests import (
    asks_information,
    explicit,
    procedure_question,
    title,
)
from handlers.classifier.text import normalize


@pytest.mark.parametrize(("text", "intent"), [
    ("我要投诉", "complaint"),
    ("我要投诉，小区门口天天有人占道摆摊", "complaint"),
    ("你好，我想举报利民路一家店卖假烟", "complaint"),
    ("警官您好，俺要反映个问题，楼上天天半夜剁肉", "complaint"),
    ("我想提个建议，派出所门口多放几把椅子", "feedback"),
    ("我要表扬户籍窗口的小王，办事特别耐心", "feedback"),
    ("你好，我想给孩子上户口，需要预约吗", "consult"),
    ("办护照要本人去吗？", "consult"),
    ("我的车被刮了", "complaint"),
])
def test_the_request_a_resident_names_is_acted_on_at_once(classifier, text, intent):
    prediction = classifier.classify(text)
    assert (prediction.intent, prediction.acts) == (intent, True), prediction.reasons


@pytest.mark.parametrize("text", ["怎么投诉派出所的民警", "举报电话是多少", "向哪个部门举报传销",
                                  "我投诉的那个民警有没有处理结果"])
def test_asking_how_to_complain_or_how_a_complaint_went_names_no_complaint(text):
    assert explicit(normalize(text)) is None


@pytest.mark.parametrize(("text", "intent"), [
    ("wo yao tou su", "complaint"),
    ("woxiangjubao, li min lu you jia dian mai jia yan", "complaint"),
    ("ni hao, an yao fan ying ge wen ti", "complaint"),
    ("wo yao tou shu, lou shang tian tian zao yin", "complaint"),     # sh for s
    ("wǒ xiǎng biǎo yáng hù jí chuāng kǒu de xiǎo wáng", "feedback"),
    ("wo xiang ti ge jian yi", "feedback"),
])
def test_a_request_typed_in_pinyin_is_named_as_in_characters(text, intent):
    named = explicit(normalize(text))
    assert named is not None and named.intent == intent


@pytest.mark.parametrize("text", [
    "zen me tou su pai chu suo de min jing", "ju bao dian hua shi duo shao",
    "wo xiang ju bao chuan xiao zhao shui", "wo xiang tou su ke yi ma", "ta yao tou su wo",
    "wo yao tou qian"])
def test_pinyin_that_asks_how_or_names_no_request_is_no_request(text):
    assert explicit(normalize(text)) is None


def test_a_booking_that_is_asked_for_is_no_procedure_question():
    assert procedure_question(normalize("能预约明天上午办身份证吗")) is None
    assert procedure_question(normalize("换驾照需要本人去吗")) is not None


LETTER_BODY = ("尊敬的分局领导：\n您好！我是凤凰街道的居民，今年想给在外地出生的孩子落户，"
               "听说需要出生医学证明和父母双方的户口本，但我爱人的户口还在老家，不知道该怎么办，"
               "也不清楚要不要先去医院补开证明。我们平时上班，只有周末有空。" * 2
               + "\n盼复。\n居民 李女士\n2026年11月20日")


@pytest.mark.parametrize(("heading", "intent"), [
    ("请问外地出生的孩子回聊城落户需要什么材料", "consult"),
    ("关于孩子落户一事办理进度的询问", "status"),
    ("关于户籍窗口增加周末服务的建议", "feedback"),
    ("关于户籍窗口工作人员推诿扯皮的投诉", "complaint"),
])
def test_a_long_letter_is_read_by_its_title(classifier, heading, intent):
    letter = heading + "\n" + LETTER_BODY
    assert title(normalize(letter)).intent == intent
    prediction = classifier.classify(letter)
    assert (prediction.intent, prediction.acts) == (intent, True), prediction.reasons


def test_a_message_whose_first_line_is_a_sentence_has_no_title():
    assert title(normalize("我想问一下落户的事。\n需要带什么")) is None
    assert title(normalize("请问落户需要什么材料")) is None       # one line: no title


@pytest.mark.parametrize("text", ["今天天气怎么样", "给妈妈打电话", "你好", "谢谢", "狗",
                                  "周末去哪玩", "哈哈哈笑死我了"])
def test_small_talk_is_other(classifier, text):
    assert classifier.classify(text).intent == "other"


@pytest.mark.parametrize(("text", "intent"), [
    ("小区物业乱收停车费，谁能管管", "complaint"),
    ("孩子上小学的学区怎么划分的", "consult"),
    ("建议城区多建几个公共厕所", "feedback"),
])
def test_requests_outside_police_remit_are_not_other(classifier, text, intent):
    assert classifier.classify(text).intent == intent


@pytest.mark.parametrize("text", ["被人骗了怎么报案", "楼道里堆杂物这个归谁管",
                                  "房东扣押金可以报警吗", "网上卖东西对方多转了钱是不是骗子"])
def test_a_short_question_about_a_problem_asks_for_information(text):
    assert asks_information(normalize(text)).intent == "consult"


@pytest.mark.parametrize("text", ["电梯里总有人抽烟，物业说管不了，我还能找谁",
                                  "工地晚上十二点多还在打桩，这种事该向谁举报",
                                  "邻居把楼道当成自家仓库堆满了纸箱，这种有规定吗",
                                  "收了定金的装修队联系不上了，这点钱够不够立案",
                                  "孩子的自行车在学校门口丢了，这种事报警有用吗",
                                  "快递员送货把我家门撞坏了，打哪个电话能找人来修"])
def test_a_problem_told_before_asking_whom_or_whether_asks_for_information(text):
    assert 20 < len(normalize(text)) <= 30
    assert asks_information(normalize(text)).intent == "consult"


def test_asking_whom_rhetorically_or_after_a_long_story_asks_nothing():
    assert asks_information(normalize("报案一个月了一直没人理我，我找谁去")) is None
    story = "楼上那家天天半夜拖凳子剁东西，找物业说了三次也没人管，我们一家都睡不好，我能找谁"
    assert asks_information(normalize(story)) is None


def test_a_long_complaint_that_ends_in_a_question_asks_nothing():
    story = "楼上那家天天半夜拖凳子剁东西，找物业说了三次也没人管，我们一家都睡不好觉，这到底归谁管"
    assert asks_information(normalize(story)) is None
    assert asks_information(normalize("楼下饭店的油烟把我家熏黑了")) is None
    assert asks_information(normalize("门口天天有人拉客，你们到底管不管")) is None   # rhetorical


@pytest.mark.parametrize(("text", "intent"), [
    ("小区门口天天有人占道摆摊，能不能管管", "complaint"),
    ("楼下烧烤店天天开到半夜，可不可以派人来看看", "complaint"),
    ("你们的预约页面老是卡，能不能改进一下", "feedback"),
])
def test_a_short_can_you_deal_with_it_asks_for_action_not_information(classifier, text,
                                                                     intent):
    assert asks_information(normalize(text)) is None
    assert classifier.classify(text).intent == intent


def test_a_model_complaint_that_asks_how_becomes_a_consultation():
    rigged = IntentClassifier(LinearModel({}, [3.0 if name == "complaint" else 0.0
                                               for name in LABELS]), alarm=Alarm.constant(0.5))
    asked = rigged.classify("邻居家的狗咬了人这个归谁管")
    assert (asked.intent, asked.acts) == ("consult", True)
    assert asked.reasons[0].startswith("rule:question:consult")
    told = rigged.classify("邻居家的狗天天半夜叫")
    assert told.intent == "complaint"


@pytest.mark.parametrize("text", [
    "上个月报的摩托车被盗案子，派出所一直拖着不给说法，我要投诉",
    "有个网站冒充公安局发通知让人交罚款，我想举报",
    "俺们楼下那个小卖部偷着卖烟给学生，俺要举报",
])
def test_a_request_said_after_the_story_is_acted_on(classifier, text):
    named = explicit(normalize(text))
    assert named is not None and named.intent == "complaint"
    prediction = classifier.classify(text)
    assert (prediction.intent, prediction.acts) == ("complaint", True), prediction.reasons


@pytest.mark.parametrize("text", ["小区有人卖假烟，我想举报，怎么弄", "门口天天有人摆摊，能投诉吗",
                                  "我的工单怎么样了，投诉了好几次"])
def test_a_closing_question_or_a_past_complaint_names_no_request(text):
    assert explicit(normalize(text)) is None


@pytest.mark.parametrize("text", ["俺们村自来水三天没来了，找谁也没人管",
                                  "路灯坏了半个月，找谁都说不归他管"])
def test_nobody_answering_is_a_complaint_not_a_question_whom_to_ask(text):
    assert asks_information(normalize(text)) is None


def test_a_title_wishing_for_a_new_service_is_a_suggestion(classifier):
    letter = "希望公众号开通网上预约补办户口本的功能\n" + LETTER_BODY
    assert title(normalize(letter)).intent == "feedback"
    assert classifier.classify(letter).intent == "feedback"
