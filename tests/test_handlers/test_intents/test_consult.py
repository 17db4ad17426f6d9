"""Consultations: the FAQ answers at once; anything else becomes a consult ticket."""

from __future__ import annotations

import json

import pytest

from handlers import texts
from handlers.core.types import Inbound
from tests.conversations import classified, orm_tickets_built


async def test_a_faq_question_is_answered_at_once_without_a_ticket(chat, db, services):
    question = "身份证丢了怎么补办"
    match = services.faq.match(question)
    assert match is not None and match.confident
    reply = await chat.say("o-1", question)
    assert reply.startswith(match.entry.answer)
    assert await db.tickets() == [] and await db.dialog("o-1") is None


@pytest.mark.parametrize("question", [
    "我儿子今年考上大学了，户口要不要迁过去",
    "女儿被大学录取了，户口迁不迁好",
    "孩子今年上大学，户口是不是要跟着走",
    "我家孩子考上大学了，户口得迁到学校去吗",
])
async def test_a_new_students_hukou_question_is_answered_not_met_with_a_menu(chat, db,
                                                                             question):
    # It used to find no entry sure enough (the graduates' one is about moving back), and
    # the classifier, unsure too, offered the "which did you mean?" menu.
    reply = await chat.say("o-1", question)
    assert "录取通知书" in reply and "学校集体户口" in reply
    assert texts.text("quick_menu") not in reply
    assert await db.tickets() == [] and await db.dialog("o-1") is None


async def test_an_unmatched_question_opens_a_consult_ticket(chat, db, services):
    question = classified(services, "consult", "请问派出所可以帮忙修自行车吗",
                          "请问你们那边可以办理游泳证吗", "请问无人机飞行需要去哪里报备")
    match = services.faq.match(question)
    assert match is None or not match.confident
    reply = await chat.say("o-1", question)
    ticket = await db.ticket("o-1")
    assert (ticket.kind, ticket.priority) == ("consult", "P4")
    assert reply.startswith(texts.text(
        "consult_opened", number=ticket.number,
        due=services.local_time(ticket.first_response_due)))


async def test_the_guide_lists_the_topics(chat, services):
    reply = await chat.click("o-1", "GUIDE")
    for number, topic in enumerate(services.faq.topics(), start=1):
        assert f"{number}. {topic}" in reply


async def test_guide_topics_answer_by_number(chat, services):
    guide = await chat.click("o-guide", "GUIDE")
    topics = services.faq.topics()
    assert f"1. {topics[0]}" in guide
    reply = await chat.say("o-guide", "2")
    assert texts.text("faq_topic_header", topic=topics[1]) in reply
    # The choice was the guide's: a later digit is no longer taken as a topic.
    assert texts.text("faq_topic_header", topic=topics[0]) not in await chat.say("o-guide", "1")


async def test_a_question_after_the_guide_is_answered_as_a_question(chat, services, db):
    await chat.click("o-guide2", "GUIDE")
    reply = await chat.say("o-guide2", "身份证丢了怎么补办")
    assert "补领" in reply
    assert await db.dialog("o-guide2") is None


async def test_a_message_given_up_on_becomes_a_consult_ticket_for_an_officer(
        chat, db, services):
    message = Inbound(channel="wechat", dedupe_key="msg:given-up", openid="o-1",
                      msg_type="text", content="我家门口的路灯坏了好几天了")
    reply = await chat.router.fallback(message)
    ticket = await db.ticket("o-1")
    assert ticket.kind == "consult"
    assert "handling_failed" in json.loads(ticket.intent_reasons)
    assert reply.text == texts.with_110(texts.text(
        "handling_failed_ticket", number=ticket.number,
        due=services.local_time(ticket.first_response_due)))
    assert [e.type for e in await db.events(ticket)][-1] == "auto_reply"


async def test_a_question_only_announced_is_asked_for_not_ticketed(chat, db, services):
    announced = classified(services, "consult", "我想问一下", "你好，我想咨询个问题",
                           "有个问题想请教一下")
    assert (await chat.say("o-1", announced)).startswith(texts.text("menu_consult_chosen"))
    assert await db.tickets() == []
    question = "身份证丢了怎么补办"
    assert (await chat.say("o-1", question)).startswith(services.faq.match(question).entry.answer)
    assert await db.tickets() == []


@pytest.mark.parametrize(("message", "topic"), [
    ("去古楼所办身份证", "身份证"),
    ("明早到新区派出所换身份证", "身份证"),
    ("俺想上湖西所办个户口", "户籍"),
    ("过两天去古楼派出所办居住证", "居住证"),
])
async def test_a_plan_to_do_station_business_gets_the_station_and_the_questions(
        chat, db, services, message, topic):
    reply = await chat.say("o-1", message)
    named = next(unit.name for unit in services.settings.units if unit.name[:2] in message)
    assert f"【{named}】" in reply and "办公时间" in reply
    assert texts.text("faq_topic_header", topic=topic) in reply
    assert all(entry.question in reply for entry in services.faq.topic_entries(topic))
    assert await db.tickets() == []


async def test_a_plan_an_entry_answers_gets_the_answer_and_the_station(chat, db, services):
    reply = await chat.say("o-1", "明天到湖西所开无犯罪记录证明")
    no_crime = next(e for e in services.faq.entries if e.id == "cert-no-crime")
    assert no_crime.answer in reply and "【湖西派出所】" in reply
    assert texts.text("faq_topic_header", topic="证明") not in reply
    assert await db.tickets() == []


@pytest.mark.parametrize("message", [
    "去出入境大厅办护照",                 # not a station's business: no station card
    "上周去古楼所办身份证，窗口的人态度很差，让我跑了三趟",  # says more than a plan
])
async def test_what_is_not_a_plan_for_a_station_gets_no_station_card(chat, db, message):
    reply = await chat.say("o-1", message)
    assert "【古楼派出所】" not in reply


@pytest.mark.parametrize("message", ["外国人住酒店要去派出所登记吗", "外国客户住在酒店里要登记吗",
                                     "老外来旅游住宾馆，需要去派出所报备吗"])
async def test_a_foreign_guest_in_a_hotel_is_told_the_hotel_registers_them(chat, db, message):
    # The answer opened with 需要 (meant for guests in a home): read alone, it sent a hotel
    # guest to the station for nothing.
    reply = await chat.say("o-1", message)
    assert reply.startswith("住在宾馆、酒店的，由宾馆、酒店代为办理住宿登记")
    assert await db.tickets() == []


async def test_a_guide_topics_questions_are_answered_by_number(chat, services):
    """The list a topic shows is numbered, and its numbers answer it: a resident types 1."""
    await chat.click("o-pick", "GUIDE")
    topic = services.faq.topics()[1]
    reply = await chat.say("o-pick", "2")
    first, second = services.faq.topic_entries(topic)[:2]
    assert f"1. {first.question}" in reply and f"2. {second.question}" in reply
    assert second.answer in await chat.say("o-pick", "2")
    # Answered: the list no longer takes digits (a stray digit brings the menu).
    assert second.answer not in await chat.say("o-pick", "2")

@pytest.mark.parametrize(("question", "entry", "words"), [
    ("孩子的出生医学证明找不着了，还能上户口吗", "hukou-birth-cert", "原签发机构申请补发"),
    ("出生证明丢了派出所能给补吗", "hukou-birth-cert", "派出所不能补开"),
    ("钥匙锁屋里了，能找警察帮忙开门吗", "other-locksmith", "备案登记的正规开锁店"),
    ("找开锁师傅要注意什么，怕碰上乱收费的", "other-locksmith", "事先问清价格"),
    ("哪些业务可以在网上办，不用跑派出所", "other-online", "交管12123"),
    ("公安有没有小程序可以办事", "other-online", "移民局"),
])
async def test_questions_the_knowledge_base_lacked_are_answered_by_their_own_entry(
        chat, db, question, entry, words):
    # A lost birth certificate got the newborn's registration (which needs that very
    # certificate) or "we issue no certificates"; a locked-out resident and a question about
    # doing things online found no entry at all.
    reply = await chat.say("o-1", question)
    assert words in reply
    assert await db.tickets() == []


@pytest.mark.parametrize("question", [
    "电动车被偷了上牌的发票还能补吗",    # an invoice: not where to report the theft
    "护照快过期了在哪里换",              # a passport: not the ID card's renewal
    "养犬证过期了能续吗",                # a dog's licence: not the ID card's renewal
])
async def test_an_entry_about_another_thing_is_not_given_and_an_officer_answers(
        chat, db, services, question):
    match = services.faq.match(question)
    assert match is None or not match.confident
    reply = await chat.say("o-1", question)
    for entry in ("address-report", "idcard-renew"):
        assert services.faq.entries[[e.id for e in services.faq.entries].index(entry)] \
            .answer not in reply
    ticket = await db.ticket("o-1")
    assert ticket.kind == "consult"


@pytest.mark.parametrize("question", [
    "孩子出生一个月了还没上户口，晚了吗",
    "宝宝生下来快两个月了，现在去报户口还来得及吗",
    "俺家孙子都过百天了户口还没报，咋整",
    "二宝生了快一个月，户口还没上，晚了吗",
])
async def test_a_late_newborn_registration_is_answered_not_read_as_a_status_question(
        chat, db, services, question):
    # 还没… / …晚了吗 made the model read an earlier matter: "没有查到您的工单记录".
    reply = await chat.say("o-1", question)
    newborn = next(e for e in services.faq.entries if e.id == "hukou-newborn")
    assert reply.startswith(texts.text("consult_answer", answer=newborn.answer)[:60])
    assert "超过期限仍可办理" in reply
    assert await db.tickets() == []


async def test_a_status_question_in_words_is_still_answered_with_the_tickets(chat, db):
    reply = await chat.say("o-1", "我上次反映的问题处理到哪一步了")
    assert reply.startswith("在本平台没有查到您的工单记录")


async def test_a_resident_with_tickets_asking_in_status_words_sees_them(chat, db):
    # The same words from a resident who has reported here may be about that report.
    await chat.say("o-1", "楼上邻居天天半夜装修，吵得睡不着，我要投诉")
    await chat.say("o-1", "取消")
    reply = await chat.say("o-1", "孩子出生一个月了还没上户口，晚了吗")
    assert "超过期限仍可办理" not in reply
    assert (await db.tickets("o-1"))[0].number in reply


async def test_opening_a_consult_ticket_builds_no_orm_ticket(chat, db, services):
    # The opener's unit of work is Core writes only (storage.tickets.store.open_plain), as
    # a complaint's: the resident is told the number and due time all the same.
    question = classified(services, "consult", "请问派出所可以帮忙修自行车吗",
                          "请问你们那边可以办理游泳证吗", "请问无人机飞行需要去哪里报备")
    with orm_tickets_built() as built:
        reply = await chat.say("o-plain", question)
    ticket = await db.ticket("o-plain")
    assert built == [] and ticket.kind == "consult"
    assert reply.startswith(texts.text(
        "consult_opened", number=ticket.number,
        due=services.local_time(ticket.first_response_due)))
    assert [e.type for e in await db.events(ticket)] == ["created", "auto_reply"]
