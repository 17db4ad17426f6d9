"""Danger already over or in others' hands pages nobody; danger that goes on still does."""

from __future__ import annotations

import pytest

from handlers.classifier.cues.aftermath import nuisance, over_after, sighting
from handlers.classifier.frames import MarkerScanner
from handlers.classifier.gate import EMERGENCY, EmergencyGate
from handlers.classifier.text import normalize
from tests.classifying import quiet, raised


@pytest.mark.parametrize("text", [
    "刚才超市里闺女找不着了，急得我到处喊，后来广播一叫她自己跑回来了，已经找到了",
    "刚刚楼道里电动车冒烟，保安拿灭火器喷了，火已经灭了，没事了",
    "刚才有人打电话说我儿子出事了要我转钱，我打给儿子一问是骗子，钱没转",
    "将才俺爹在院里摔倒了，扶起来问了问，人没事，就是胳膊蹭破点皮",
])
def test_a_scare_told_with_its_happy_ending_is_no_emergency(classifier, text):
    quiet(classifier, text)


@pytest.mark.parametrize("text", [
    "刚才厨房着火了，火已经灭了，可是我妈被烧伤了流了好多血",
    "孩子刚才找不着了，问了邻居都说没看见，到现在还没找到",
    "对方让我转账到安全账户，我已经转了两笔，还差一笔没转，要不要停",
])
def test_danger_that_goes_on_after_part_of_it_ended_is_still_an_emergency(classifier, text):
    raised(classifier, text)


def test_someone_pulled_back_from_self_harm_is_still_at_risk(classifier):
    prediction = classifier.classify(
        "我弟刚才站在楼顶说要跳下去，被我们拉回来了，现在坐在屋里不说话")
    assert prediction.intent == "emergency", prediction.reasons
    assert prediction.emergency_kind == "self_harm"


@pytest.mark.parametrize("text", [
    "刚才路过东昌路，看到两辆消防车鸣笛往北开过去了，不知道哪里着火了",
    "小区里走丢了一只泰迪，谁看到了帮忙说一声",
])
def test_a_passers_by_sighting_and_a_lost_pet_page_nobody(classifier, text):
    quiet(classifier, text)


def test_a_fire_of_ones_own_is_no_sighting(classifier):
    prediction = raised(classifier, "我家着火了，看到消防车开过来了但是进不了小区，快来人")
    assert prediction.emergency_kind == "fire"


def test_a_swindle_going_on_now_is_no_hearsay_for_the_video_call_it_came_by():
    gate = EmergencyGate()
    swindle = "有个穿制服的在视频里说我的卡涉嫌洗钱，要我把存款都转过去核查，我这会儿正在柜台"
    assert gate.assess(normalize(swindle), letter=False).verdict == EMERGENCY
    news = "新闻里说有人冒充检察官让人把钱转到安全账户，大家要小心"
    assert gate.assess(normalize(news), letter=False).verdict != EMERGENCY


@pytest.mark.parametrize("text", [
    "手机密码是我的生日，里面的钱都留给你们，以后不用再等我回家了",
    "谢谢这么多年大家的照顾，我的鱼托付给楼下王姐了，今晚之后就不麻烦你们了",
])
def test_a_farewell_in_everyday_words_is_self_harm(classifier, text):
    prediction = raised(classifier, text)
    assert prediction.emergency_kind == "self_harm"


@pytest.mark.parametrize("text", [
    "下个月调到济南上班了，谢谢这几年大家的照顾，以后回聊城一定来看你们",
    "我退休了，办公室钥匙放在门卫那了，以后不用等我开会了，谢谢大家",
])
def test_a_farewell_with_a_reason_to_leave_is_no_emergency(classifier, text):
    quiet(classifier, text)


@pytest.mark.parametrize("text", [
    "路口两辆车撞在一起了，交警已经在处理了，我这边过不去，要绕多远",
    "超市门口有个大爷摔倒了，店员已经叫了救护车，大爷自己坐起来了",
    "楼下小饭馆冒烟了，消防已经到了，火也小了，烟味会不会影响我们",
])
def test_responders_already_handling_it_make_a_bystanders_report(classifier, text):
    assert sighting(normalize(text)) is not None
    quiet(classifier, text)


@pytest.mark.parametrize("text", [
    "消防车已经到了，可是我奶奶还在三楼出不来",
    "救护车来了，人还是叫不醒，医生在抢救",
    "保安已经把门关了，那个拿刀的人还在门口转",
])
def test_responders_on_scene_do_not_end_a_danger_that_goes_on(classifier, text):
    raised(classifier, text)


@pytest.mark.parametrize(("text", "harmless"), [
    ("对门这会儿正在装修，电钻响个不停，孩子午觉都睡不着", True),
    ("有辆面包车现在堵在我家门口，打电话也没人接", True),
    ("楼下现在吵得厉害，两个人动刀了，有一个流血了", False),
    ("有人把我堵在楼道里，现在要我交钱", False),
])
def test_a_nuisance_now_harms_nobody_unless_it_says_so(text, harmless):
    assert (nuisance(normalize(text)) is not None) is harmless


@pytest.mark.parametrize("text", [
    "我爷爷上午出门到现在还没回来，刚才电话打通了，他说在老战友家吃饭呢",
    "闺女说七点到家，现在八点半了还没回，刚接了电话说是在路上了",
])
def test_someone_late_who_was_reached_somewhere_safe_pages_nobody(classifier, text):
    quiet(classifier, text)


def test_a_phone_that_rings_unanswered_is_no_outcome(classifier):
    prediction = classifier.classify(
        "我奶奶有点糊涂，下午出去散步四个小时了还没回家，电话打通了没人接")
    assert prediction.intent == "emergency", prediction.reasons


@pytest.mark.parametrize("text", [
    "我奶奶赶集到现在还没回来，打她电话她说遇见老姐妹唠嗑呢",
    "儿子放学一个多小时了还没回家，隔壁阿姨说他在她家写作业",
    "刚才以为孙子丢了，到处找，原来在邻居家沙发上睡着了，白吓一跳",
])
def test_someone_late_whose_whereabouts_were_told_pages_nobody(classifier, text):
    quiet(classifier, text)


@pytest.mark.parametrize("text", [
    "孩子到现在还没回来，刚打通电话他说迷路了，不知道自己在哪",
    "弟弟到现在还没回家，同学说他在河边一个人坐着",
])
def test_someone_late_reached_lost_or_by_the_water_is_still_missing(classifier, text):
    raised(classifier, text)


@pytest.mark.parametrize("text", [
    "游乐场有个小孩跟家长走散了，已经被工作人员领到服务台了",
    "山脚下有人在烧荒，烟挺大，护林员已经过去了",
    "Saw a crash on the ring road, police and an ambulance were already there",
])
def test_responders_already_there_make_a_bystanders_report(text):
    assert sighting(normalize(text)) is not None


def test_responders_there_while_someone_is_still_inside_is_an_emergency(classifier):
    raised(classifier, "楼里着火了，消防已经过去了，可我妈还在里面出不来")


@pytest.mark.parametrize(("text", "harmless"), [
    ("楼下有辆轿车把单元门堵得死死的，打电话也找不到车主", True),
    ("有人一直按我家门铃，开门又没人，估计是恶作剧", True),
    ("隔壁这会儿放歌声音贼大，孩子没法写作业", True),
    ("孩子找不到了，我堵在小区门口问了一圈", False),
])
def test_a_blocked_way_or_a_prank_harms_nobody(text, harmless):
    assert (nuisance(normalize(text)) is not None) is harmless


@pytest.mark.parametrize("text", [
    "刚才楼下一股焦味，下去敲门发现是在烤红薯，没事",
    "车棚里刚才有辆电动车冒烟，门卫拿灭火器灭了",
    "厨房刚才有股煤气味，阀门关上了，开窗通风以后现在没味了",
])
def test_a_scare_told_with_what_it_was_or_how_it_ended_pages_nobody(classifier, text):
    quiet(classifier, text)


def test_an_outcome_told_before_a_new_danger_does_not_end_it(classifier):
    raised(classifier, "隔壁冒烟了，敲门发现是老人一个人在家，人倒在地上叫不醒")


@pytest.mark.parametrize("text", [
    "我爷爷带狗去河边遛弯，狗自己跑回来了，人没回来，电话也不接",
    "Our 7-year-old wandered off at the night market, the guards have looked but haven't found him",
    "我爸到现在还没回来，刚才他给亲戚打电话说以后麻烦你们照顾我妈，然后就关机了",
])
def test_someone_else_back_or_a_search_without_finding_is_no_outcome(text):
    norm = normalize(text)
    assert over_after(norm, 0, MarkerScanner().find(norm), missing=True) is None


@pytest.mark.parametrize("text", [
    "我儿子十五岁，昨晚说去同学家就没回来，今天电话一直关机，同学也说没见过他",
    "我妈有点糊涂，昨天下午出门遛弯没回来，到现在一夜了还没找着",
])
def test_someone_gone_since_yesterday_and_still_gone_today_is_missing_now(classifier, text):
    raised(classifier, text)


@pytest.mark.parametrize("text", [
    "昨晚孩子没回家，急死了，今天早上在他同学家找到了，没事了",
    "前天我家孩子放学没回来，我们吓坏了，结果在网吧，现在还在生气",
])
def test_someone_gone_yesterday_and_back_or_found_is_no_emergency(classifier, text):
    quiet(classifier, text)
