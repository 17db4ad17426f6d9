"""Questions with more than one part: each part answered from its own entry, in the order
asked, and a part nothing answers passed to an officer with the whole message."""

from __future__ import annotations

import pytest

from handlers import texts
from handlers.intents.faq.parts import answers, parts


def _entry(services, entry_id: str):
    return next(entry for entry in services.faq.entries if entry.id == entry_id)


async def test_the_fee_and_the_time_are_both_answered(chat, db, services):
    # main answered the fee only: the resident thought "多久能拿到" was not read.
    reply = await chat.say("o-1", "身份证丢了补办要多少钱，多久能拿到")
    fee, time = _entry(services, "idcard-fee"), _entry(services, "idcard-time")
    assert fee.answer in reply and time.answer in reply
    assert reply.index(fee.answer) < reply.index(time.answer)
    assert await db.tickets() == []


async def test_answers_come_in_the_order_asked(chat, services):
    reply = await chat.say("o-1", "身份证多久能办好？要交多少钱")
    fee, time = _entry(services, "idcard-fee"), _entry(services, "idcard-time")
    assert reply.index(time.answer) < reply.index(fee.answer)


async def test_three_parts_in_dialect_are_all_answered(chat, db, services):
    reply = await chat.say("o-1", "办身份证多少钱 多久 能代办不")
    for entry_id in ("idcard-fee", "idcard-time", "idcard-proxy"):
        assert _entry(services, entry_id).answer in reply
    assert await db.tickets() == []


async def test_a_part_nothing_answers_goes_to_an_officer_with_the_whole_message(
        chat, db, services):
    # main gave the how-to answer and was silent on "能网上办吗".
    message = "请问无犯罪记录证明怎么开，能网上办吗"
    reply = await chat.say("o-1", message)
    assert _entry(services, "cert-no-crime").answer in reply
    ticket = await db.ticket("o-1")
    assert ticket.kind == "consult" and ticket.summary == message
    assert texts.text("consult_parts_left", parts="能网上办吗", number=ticket.number,
                      due=services.local_time(ticket.first_response_due)) in reply


async def test_a_service_the_other_part_names_is_not_answered_with_another_services_fee(
        chat, db, services):
    # The fee of a certificate of no criminal record is not the ID card's fee.
    reply = await chat.say("o-1", "无犯罪记录证明要多少钱，多久能开出来")
    assert _entry(services, "idcard-fee").answer not in reply
    assert _entry(services, "cert-no-crime").answer in reply
    assert "要多少钱" in reply and (await db.ticket("o-1")).kind == "consult"


async def test_an_entry_answering_two_parts_is_given_once(chat, db, services):
    reply = await chat.say("o-1", "老人去世了户口咋注销啊，得带啥东西")
    death = _entry(services, "hukou-death")
    assert reply.count(death.answer) == 1
    assert _entry(services, "hukou-move-in").answer not in reply
    assert await db.tickets() == []


async def test_a_document_to_bring_is_not_read_as_the_service_asked_about(chat, services):
    reply = await chat.say("o-1", "亲属关系证明在哪开，要带户口本吗")
    assert _entry(services, "cert-kinship").answer in reply
    assert _entry(services, "hukou-book-lost").answer not in reply


async def test_two_services_in_one_message_each_get_their_answer(chat, services):
    reply = await chat.say("o-1", "孩子上户口要啥材料，办身份证要多少钱")
    assert _entry(services, "hukou-newborn").answer in reply
    assert _entry(services, "idcard-fee").answer in reply


async def test_a_follow_up_about_another_service_asks_it_the_same_question(chat, db,
                                                                          services):
    # main passed the whole message to an officer.
    reply = await chat.say("o-1", "无犯罪记录证明在哪开，亲属关系证明呢")
    assert _entry(services, "cert-no-crime").answer in reply
    assert _entry(services, "cert-kinship").answer in reply
    assert await db.tickets() == []


async def test_two_documents_both_lost_get_both_replacements(chat, db, services):
    reply = await chat.say("o-1", "身份证和户口本都丢了，分别怎么补办")
    assert _entry(services, "idcard-lost").answer in reply
    assert _entry(services, "hukou-book-lost").answer in reply


def test_two_documents_compared_are_one_question():
    assert len(parts("出生证明和户口本上的名字不一样怎么办")) == 1


async def test_a_photo_question_and_a_fee_question_get_the_photo_and_the_card_fee(
        chat, services):
    reply = await chat.say("o-1", "办身份证要带照片吗 要多少钱")
    assert _entry(services, "idcard-photo").answer in reply
    assert _entry(services, "idcard-fee").answer in reply


async def test_a_day_beside_two_parts_is_answered_from_the_calendar(chat, services):
    reply = await chat.say("o-1", "身份证丢了怎么补办，要多少钱，周六能办吗")
    assert _entry(services, "idcard-lost").answer in reply
    assert _entry(services, "idcard-fee").answer in reply
    assert "办公" in reply.split(_entry(services, "idcard-fee").answer)[1]


@pytest.mark.parametrize(("message", "entry_id"), [
    ("身份证丢了，补办要多少钱", "idcard-fee"),
    ("俺身份证掉了，咋整", "idcard-lost"),
    ("老人行动不便，身份证可以代办吗", "idcard-proxy"),
])
async def test_a_question_of_one_part_keeps_its_one_answer(chat, db, services, message,
                                                            entry_id):
    reply = await chat.say("o-1", message)
    assert reply.startswith(_entry(services, entry_id).answer)
    assert await db.tickets() == []


async def test_a_part_about_another_matter_is_not_answered_by_a_generic_entry(chat, db,
                                                                              services):
    # "需要派出所开证明吗" after a stolen e-bike asks for the theft's papers, not any
    # certificate: the entry on certificates the police do not issue would mislead.
    reply = await chat.say("o-1", "电动车丢了，保险怎么理赔，需要派出所开证明吗")
    assert _entry(services, "cert-not-issued").answer not in reply
    assert (await db.ticket("o-1")).kind == "consult"


def test_a_part_without_its_own_service_takes_the_messages():
    asked = parts("身份证丢了补办要多少钱，多久能拿到")
    assert [part.query for part in asked] == ["身份证丢了补办要多少钱", "身份证多久能拿到"]
    assert [part.said for part in asked] == ["身份证丢了补办要多少钱", "多久能拿到"]


async def test_answers_past_what_one_reply_holds_are_left_to_the_officer(chat, db,
                                                                       services):
    message = ("公安哪些业务可以在网上办，被锁在门外了能找警察开锁吗，出生证明丢了怎么办，"
               "户口迁移需要什么手续")
    reply = await chat.say("o-1", message)
    assert len(reply.encode()) <= 2048
    assert _entry(services, "other-locksmith").answer in reply
    assert _entry(services, "hukou-move-in").answer not in reply
    ticket = await db.ticket("o-1")
    assert ticket.summary == message and "“户口迁移需要什么手续”" in reply


def test_whose_hukou_it_is_does_not_make_it_the_service_asked_about():
    asked = parts("办护照要带什么，外地户口能在这办吗")
    assert asked[1].query == "护照外地户口能在这办吗"


async def test_what_a_number_is_for_asked_in_chat_words_is_answered_too(chat, services):
    reply = await chat.say("o-1", "反诈app怎么下载，96110是干嘛的")
    assert _entry(services, "fraud-app").answer in reply
    assert _entry(services, "fraud-96110").answer in reply


@pytest.mark.parametrize("message", [
    "身份证丢了，怎么办", "身份证到期了，怎么换", "俺身份证掉了，咋整啊",
    "请问，居住证怎么办理", "户口还没上，急死了，怎么办",
])
def test_a_message_telling_the_matter_then_asking_is_one_part(message):
    assert len(parts(message)) == 1


def test_a_message_of_one_part_gets_no_part_answers(services):
    assert answers(services.faq, "办身份证要多少钱") == ([], [])
