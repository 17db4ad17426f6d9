"""The intent classifier: emergency gate, precise rules, model, data, evaluation, CLI."""

from __future__ import annotations

from collections import Counter

import pytest

from handlers.classifier.alarm import Alarm
from handlers.classifier.classifier import CORPUS, DOWNGRADED, EVALUATION, IntentClassifier
from handlers.classifier.decide.confidence import (
    CONFIDENCE_THRESHOLD,
    INTENT_FLOOR,
    INTENT_MARGIN,
    LEAD_FLOOR,
)
from handlers.classifier.gate import EmergencyGate
from handlers.classifier.model import LABELS, LinearModel, read_tsv
from handlers.classifier.rules import MENU_INTENTS, Rules, normalize
from handlers.tools.evaluate import TARGETS, evaluate, missed_targets
from tests.classifying import quiet, raised, rigged


@pytest.mark.parametrize("text", [
    "救命！有人在楼下砍人",
    "俺家隔壁正在打架，快来人",
    "我老公现在又在打我，孩子吓哭了",
    "小区3号楼着火了，浓烟很大",
    "有人站在楼顶说要跳楼",
    "有人正在撬我家的门",
    "孩子刚才在广场上走丢了，到现在没找到",
    "有个男的一直跟踪我，我现在在超市里",
    "刚才有人抢了我的包往东跑了",
    "家里煤气泄漏了，满屋子味",
])
def test_emergency_rules_fire_on_in_progress_wording(classifier, text):
    prediction = raised(classifier, text)
    assert prediction.priority == "P1"
    assert not prediction.downgraded
    assert prediction.reasons[0].startswith("rule:emergency:")


@pytest.mark.parametrize("text", [
    "上个月俺村里有人打架，到现在没处理",
    "昨天晚上有人撬了俺家的门",
    "去年被人抢过包，一直没破案",
])
def test_past_wording_downgrades_to_p2_complaint(classifier, text):
    prediction = classifier.classify(text)
    assert prediction.intent == "complaint"
    assert prediction.priority == "P2"
    assert prediction.downgraded
    assert DOWNGRADED in prediction.reasons


@pytest.mark.parametrize("text", [
    "如果有人跟踪我该怎么办",
    "听说东关那边有人跳楼了",
    "要是家里着火了先干什么",
])
def test_hypothetical_or_hearsay_wording_is_no_emergency_and_no_downgrade(classifier, text):
    # A question or hearsay names no incident for the police to handle (issue 11).
    prediction = quiet(classifier, text)
    assert not prediction.downgraded


def test_now_wording_outweighs_past_wording(classifier):
    raised(classifier, "昨天打我的那个人现在又来了，正在砸门")


def test_model_never_lowers_a_rules_emergency():
    calm = rigged("other")
    assert calm.classify("你好").intent == "other"
    for text in ("救命 有人拿刀", "楼下有人打起来了", "邻居家着火了"):
        prediction = calm.classify(text)
        assert (prediction.intent, prediction.priority) == ("emergency", "P1")


def test_the_intent_model_alone_never_raises_an_emergency():
    prediction = rigged("emergency").classify("有个陌生人在我家楼下转来转去")
    assert prediction.intent != "emergency"


def test_the_alarm_may_raise_an_emergency_and_past_wording_still_downgrades():
    alarmed = rigged("other", alarm=0.8)     # raises (>= RAISE), not sure (< SURE)
    raised = alarmed.classify("有个陌生人在我家楼下转来转去")
    assert raised.intent == "emergency" and raised.emergency_kind == "crime"
    assert raised.reasons[0].startswith("alarm:emergency")
    past = alarmed.classify("上个月有个陌生人在我家楼下转来转去")
    assert (past.intent, past.priority, past.downgraded) == ("complaint", "P2", True)
    assert alarmed.classify("如果有陌生人在楼下转来转去怎么办").intent != "emergency"


def test_a_sure_alarm_is_not_undone_by_a_past_word_elsewhere_in_the_message():
    # A farewell thanks someone "for these years": the habit word is no past event.
    farewell = "我爸刚才挨个给亲戚打电话说这些年麻烦你们了，然后就关机了，人也不见了"
    assert rigged("other", alarm=0.95).classify(farewell).intent == "emergency"
    assert rigged("other", alarm=0.8).classify(farewell).intent != "emergency"


def test_only_a_sure_alarm_raises_a_danger_whose_context_words_said_no():
    # 烟花 beside 着了 vetoes the fire cue; a stage set alight with people fleeing is a fire.
    text = "婚宴上放的烟花把台上的幕布引着了，火往上蹿，宾客都在往门口挤"
    assert rigged("other", alarm=0.95).classify(text).intent == "emergency"
    assert rigged("other", alarm=0.7).classify(text).intent != "emergency"


def test_the_alarm_never_raises_in_a_formal_letter():
    letter = ("关于小区路灯问题的反映\n尊敬的领导：\n"
              + "小区东门的路灯坏了三个多月，晚上一片漆黑，老人孩子出行很不方便。" * 5
              + "\n恳请相关部门尽快解决。\n此致\n敬礼")
    assert rigged("complaint", alarm=0.99).classify(letter).intent == "complaint"


def test_a_letter_describing_whom_a_past_accident_befell_is_no_emergency(classifier):
    # In a letter, 正在 after the cue describes the one it befell (正在路边等家长的学生), not
    # when it happened (a chat message is read as before: frames.py has no room to say so).
    letter = ("学校门口车辆伤人事故后的整改建议\n尊敬的领导：\n上周五下午，在东城一所小学门口，"
              "一辆接孩子的轿车倒车时撞倒了一名正在路边等家长的学生，孩子手臂骨折。"
              "当时校门口车辆和接孩子的人群混在一起，倒车的司机根本没有看见身后的孩子。\n"
              "事后学校和家长都很自责。我们家委会讨论后认为，根源在于校门口没有划分车辆和行人的"
              "区域，接送秩序混乱。\n建议：一是在校门口设隔离护栏，划定学生等候区；二是禁止车辆"
              "在校门口掉头和倒车；三是放学时段安排辅警执勤。\n某小学家委会")
    assert classifier.classify(letter).intent != "emergency"
    now = letter.replace("上周五下午，", "").replace("撞倒了一名", "正在撞倒一名")
    assert classifier.classify(now.replace("孩子手臂骨折", "孩子躺在地上")).intent == "emergency"


def test_a_doubtful_alarm_overrules_words_in_plain_wording_not_a_threat_or_now():
    doubtful = rigged("other", alarm=0.17)     # below VETO(_PLAIN), above VETO_NOW and VETO_THREAT
    for text in ("健身打卡第一天，感觉整个人都在燃烧", "有个号码一直打电话说要先交保证金才能放款"):
        overruled = doubtful.classify(text)
        assert overruled.intent != "emergency", text
        assert any(reason.startswith("alarm:overruled") for reason in overruled.reasons)
    for text in ("厨房着火了", "楼道里正在冒黑烟", "有人现在拿着刀在楼道里",
                 "他就站在楼顶边上说要跳下去", "我把遗书写好了放在桌上了", "我不想活了", "救命"):
        assert doubtful.classify(text).intent == "emergency", text    # now, a threat, or a cry


def test_talks_about_a_danger_are_not_emergencies(classifier):
    prediction = classifier.classify("想预约民警来社区讲讲防家暴知识")
    assert prediction.intent == "appointment"


@pytest.mark.parametrize(("text", "number"), [
    ("DCF20261127-0001", "DCF20261127-0001"),
    ("我的工单dcf20261127-0002怎么样了", "DCF20261127-0002"),
    ("DCF20261127-12345 有结果没", "DCF20261127-12345"),
    ("ＤＣＦ２０２６１１２７－０００３", "DCF20261127-0003"),
])
def test_ticket_numbers_are_recognised(classifier, text, number):
    prediction = classifier.classify(text)
    assert (prediction.intent, prediction.ticket_number) == ("status", number)
    assert f"rule:ticket:{number}" in prediction.reasons


def test_ticket_numbers_need_a_real_date_and_the_configured_prefix():
    assert Rules().ticket_number("DCF20261327-0001") is None
    assert Rules().ticket_number("DCF20261127-001") is None
    assert Rules("ABC").ticket_number("abc20261127-0042") == "ABC20261127-0042"
    assert Rules("ABC").ticket_number("DCF20261127-0042") is None


@pytest.mark.parametrize(("key", "intent"), sorted(MENU_INTENTS.items()))
def test_menu_keys_are_recognised(classifier, key, intent):
    prediction = classifier.classify(key)
    assert prediction.intent == intent
    assert prediction.reasons == (f"rule:menu:{key}",)


def test_status_and_booking_phrases(classifier):
    assert classifier.classify("我上周反映的问题有进展吗").intent == "status"
    assert classifier.classify("我想预约下周一办身份证").intent == "appointment"
    assert classifier.classify("预约需要带什么材料").intent != "appointment"


def test_complaints_about_officers_are_p2(classifier):
    prediction = classifier.classify("窗口民警态度恶劣，问两句就不耐烦")
    assert (prediction.intent, prediction.priority) == ("complaint", "P2")


def test_empty_and_emoji_only_messages_are_other(classifier):
    for text in ("", "   ", "😊😊", "？？"):
        assert classifier.classify(text).intent == "other"


def test_every_prediction_keeps_reasons_and_flags_low_confidence(classifier):
    for _, text in read_tsv(EVALUATION):
        prediction = classifier.classify(text)
        assert prediction.intent in LABELS
        assert prediction.reasons
        assert 0.0 <= prediction.confidence <= 1.0
        if prediction.reasons[0].startswith("model:") and prediction.intent != "emergency":
            if prediction.confidence >= CONFIDENCE_THRESHOLD:
                assert prediction.confident
            if prediction.confidence < LEAD_FLOOR:
                assert not prediction.confident
    gibberish = classifier.classify("qwzx 嗯那个 就是")
    assert not gibberish.confident or gibberish.confidence >= LEAD_FLOOR


def _led(leader: str) -> IntentClassifier:
    # The leader 0.49, feedback or status 0.18, the five others 0.07 each: a clear lead, no
    # majority.
    second = "status" if leader == "feedback" else "feedback"
    intercepts = [2.0 if name == leader else 1.0 if name == second else 0.0 for name in LABELS]
    return IntentClassifier(LinearModel({}, intercepts), alarm=Alarm.constant(0.5))


def test_a_clear_lead_is_confident_below_the_threshold():
    prediction = _led("feedback").classify("晚上楼上一直很吵，已经好几天了")
    assert prediction.intent == "feedback"
    assert prediction.confidence < CONFIDENCE_THRESHOLD and prediction.confident and prediction.acts


@pytest.mark.parametrize("leader", sorted(INTENT_FLOOR))
def test_the_most_confused_intents_need_a_higher_floor_for_a_lead(leader):
    prediction = _led(leader).classify("晚上楼上一直很吵，已经好几天了")
    assert prediction.intent == leader
    assert prediction.confidence < INTENT_FLOOR[leader] and not prediction.acts


@pytest.mark.parametrize("leader", ["other", *sorted(INTENT_MARGIN)])
def test_the_intents_that_open_something_need_a_wider_lead(leader):
    # The leader 0.55, the runner-up 0.33: above every floor, a lead of 0.22.
    second = "status" if leader == "feedback" else "feedback"
    intercepts = [3.13 if name == leader else 2.62 if name == second else 0.0 for name in LABELS]
    prediction = IntentClassifier(LinearModel({}, intercepts), alarm=Alarm.constant(0.5)).classify(
        "晚上楼上一直很吵，已经好几天了")
    assert prediction.intent == leader and 0.5 < prediction.confidence < CONFIDENCE_THRESHOLD
    assert prediction.acts == (leader not in INTENT_MARGIN)


def test_a_booking_needs_a_wider_lead_than_a_complaint():
    # The leader 0.56, the runner-up 0.26: a lead of 0.30 acts on a complaint, not on a booking
    # (the model's unsure bookings were mostly questions about booking).
    def led(leader):
        intercepts = [2.744 if name == leader else 1.977 if name == "feedback" else 0.0
                      for name in LABELS]
        return IntentClassifier(LinearModel({}, intercepts), alarm=Alarm.constant(0.5)).classify(
            "晚上楼上一直很吵，已经好几天了")
    booking, complaint = led("appointment"), led("complaint")
    assert booking.intent == "appointment" and 0.5 < booking.confidence < CONFIDENCE_THRESHOLD
    assert (booking.acts, complaint.intent, complaint.acts) == (False, "complaint", True)


def test_training_is_deterministic(classifier):
    again = IntentClassifier.load()
    for _, text in read_tsv(EVALUATION):
        assert again.classify(text) == classifier.classify(text)


def _hard_negatives(examples):
    gate = EmergencyGate()
    return sum(label != "emergency" and gate.mentions(normalize(text)) for label, text in examples)


def test_corpus_and_evaluation_file_are_large_enough_and_disjoint():
    corpus, held_out = read_tsv(CORPUS), read_tsv(EVALUATION)
    counts = Counter(label for label, _ in corpus)
    held_counts = Counter(label for label, _ in held_out)
    assert len(corpus) >= 800 and set(counts) == set(LABELS)
    assert counts["emergency"] >= 120 and _hard_negatives(corpus) >= 120
    assert len(held_out) >= 250 and set(held_counts) == set(LABELS)
    # Counted with the gate's stricter cue shapes (救命钱, 钢管 no longer count); the emergency
    # set (test_intents_emergency_eval) holds the hard negatives that matter now.
    assert held_counts["emergency"] >= 50 and _hard_negatives(held_out) >= 40
    assert not {t for _, t in corpus} & {t for _, t in held_out}


def test_evaluation_file_meets_the_targets(classifier):
    scores = evaluate(classifier, read_tsv(EVALUATION))
    assert missed_targets(scores) == [], (scores.macro_f1, scores.emergency_recall,
                                          scores.false_emergency_rate)
    assert scores.macro_f1 >= TARGETS["macro_f1"]


@pytest.mark.parametrize(("text", "intent"), [
    ("shen fen zheng diu le zen me bu ban", "consult"),
    ("wo xiang yu yue xia zhou er ban ju zhu zheng", "appointment"),
    ("How do I replace a lost residence permit?", "consult"),
    ("The noise from the bar next door keeps us awake every night", "complaint"),
    ("身份證遺失了怎麼補辦", "consult"),
    # Read back into characters (`reading.ime`), pinyin meets what the model learnt in Chinese.
    ("shang ge yue bao de an zi hai mei ren lian xi wo, dao di guan bu guan", "status"),
    ("shang ge yue wo jia bei dao le, dao xian zai hai mei zhua dao ren", "complaint"),
])
def test_requests_typed_in_pinyin_english_or_traditional_are_acted_on(classifier, text, intent):
    prediction = classifier.classify(text)
    assert (prediction.intent, prediction.acts) == (intent, True)


@pytest.mark.parametrize(("text", "emergency"), [
    ("Please help me 预约 a time for ID card", False),
    ("please help me book a time to renew my passport", False),
    ("please help someone is breaking into my house", True),
    ("please help me, my husband is hitting me", True),
])
def test_please_help_is_a_cry_unless_a_request_follows(classifier, text, emergency):
    assert (classifier.classify(text).intent == "emergency") is emergency
