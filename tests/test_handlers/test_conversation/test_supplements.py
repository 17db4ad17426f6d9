"""A message that continues a ticket the resident already has: an answer to the officer who
asked, more about the matter just reported, words given where a phone number is asked, and a
menu the resident writes past. None of them is lost or opens a second ticket."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import event

from handlers import texts
from handlers.conversation.ongoing import supplement
from tests.conversations import unconfident
from tests.workbench import UNIT_A, add_officer

COMPLAINT = "楼上天天半夜蹦迪，吵死了"
# A complaint that names its time and place, so the dialog asks only the phone and photos.
THEFT = "昨天晚上我的电动车在柳园小区3号楼下被偷了"
ANSWER = "车牌是聊城A12345，早上七点下楼发现没了"


@pytest.fixture
async def officer(sessions):
    return await add_officer(sessions, "a1", UNIT_A, wecom_user="wx-a1")


async def _filed(chat, db, openid: str, text: str = COMPLAINT) -> str:
    """A complaint whose questions the resident stopped at once; its number."""
    await chat.say(openid, text)
    await chat.say(openid, "取消")
    return (await db.tickets(openid))[-1].number


async def _officer_asks(sessions, services, clock, officer, number: str,
                        reply: str = "您好，请问车牌号是多少？几点发现丢的？") -> None:
    async with sessions() as session, session.begin():
        await services.workflow(clock).perform(session, officer, number, "assign",
                                               {"officer": "a1"})
        await services.workflow(clock).perform(session, officer, number, "reply",
                                               {"text": reply})


async def _said_by_resident(db, openid: str) -> list[str]:
    ticket = (await db.tickets(openid))[0]
    return [e.text for e in await db.events(ticket)
            if e.type == "message_in" and e.actor == "resident"]


async def test_an_answer_to_the_officer_joins_the_ticket_and_reaches_the_officer(
        chat, db, sessions, services, clock, officer):
    number = await _filed(chat, db, "o-ans")
    await _officer_asks(sessions, services, clock, officer, number)
    clock.advance(minutes=20)
    first = await chat.say("o-ans", ANSWER)
    assert first.startswith(texts.text("officer_answered", number=number))
    clock.advance(minutes=2)
    assert (await chat.say("o-ans", "车是蓝色的雅迪")).startswith(
        texts.text("officer_answered_again"))
    assert len(await db.tickets("o-ans")) == 1
    assert (await _said_by_resident(db, "o-ans"))[-2:] == [ANSWER, "车是蓝色的雅迪"]
    told = [json.loads(j.payload)["text"] for j in await db.outbox("wecom_app")
            if j.recipient == "wx-a1" and "群众补充" in j.payload]
    assert len(told) == 2 and ANSWER in told[0]
    # A request said in so many words is its own, answer or not.
    assert "预约" in await chat.say("o-ans", "我还想预约办个身份证")


async def test_an_old_reply_or_a_conversation_moved_on_no_longer_catches_messages(
        chat, db, sessions, services, clock, officer):
    number = await _filed(chat, db, "o-old")
    await _officer_asks(sessions, services, clock, officer, number)
    clock.advance(hours=73)
    assert not (await chat.say("o-old", ANSWER)).startswith(
        texts.text("officer_answered", number=number))
    number = await _filed(chat, db, "o-moved")
    await _officer_asks(sessions, services, clock, officer, number)
    await chat.say("o-moved", ANSWER)
    clock.advance(hours=2)      # answered long ago: a new message is read on its own
    assert texts.text("officer_answered_again") not in await chat.say("o-moved", ANSWER)
    # A reply that only informs asks for nothing: the next message may be a new matter.
    number = await _filed(chat, db, "o-told")
    await _officer_asks(sessions, services, clock, officer, number, "已安排社区民警今晚上门。")
    assert not (await chat.say("o-told", ANSWER)).startswith(
        texts.text("officer_answered", number=number))


@pytest.mark.parametrize("said", [
    "好的，谢谢，那天家里有人", "收到，我到时候在小区门口等",
    "好的好的，麻烦你们了，老人腿脚不方便", "嗯嗯 知道了 我会带上户口簿",
])
async def test_a_reply_acknowledged_with_more_words_gives_the_words_to_the_officer(
        chat, db, sessions, services, clock, officer, said):
    number = await _filed(chat, db, "o-ack")
    await _officer_asks(sessions, services, clock, officer, number, "已安排社区民警周二上午上门。")
    clock.advance(hours=3)
    assert (await chat.say("o-ack", said)).startswith(
        texts.text("officer_answered", number=number))
    assert await _said_by_resident(db, "o-ack") == [said]
    # Thanks alone are answered as thanks; a request after them is its own.
    assert texts.text("officer_answered", number=number) not in await chat.say("o-ack", "谢谢")
    assert "预约" in await chat.say("o-ack", "好的，另外我还想预约办个身份证")
    # A danger after them is an emergency, never a word for the officer.
    danger = await chat.say("o-ack", "好的，可是他现在又拿着刀在砸我家门")
    assert "110" in danger and not danger.startswith(texts.text("officer_answered",
                                                                number=number))
    assert [t.kind for t in await db.tickets("o-ack")][-1] == "emergency"


async def test_more_about_the_matter_just_reported_joins_it(chat, db, clock):
    number = await _filed(chat, db, "o-more")
    clock.advance(minutes=10)
    added = "对了，他们每次都开着大音响，一直到凌晨两三点"
    assert (await chat.say("o-more", added)).startswith(
        texts.text("supplement_added", number=number))
    assert await _said_by_resident(db, "o-more") == [added]
    clock.advance(hours=3)      # long after: no longer the matter "just reported"
    await chat.say("o-more", "对了，他们家的狗也一直叫")
    assert await _said_by_resident(db, "o-more") == [added]


async def test_an_unclear_message_after_a_report_is_asked_about(chat, db, services, clock):
    number = await _filed(chat, db, "o-ask")
    unclear = unconfident(services, "是东昌路小学门口", "就是那个地方", "在东边那一片")
    asked = await chat.say("o-ask", unclear)
    assert texts.text("supplement_choice") in asked and number in asked
    assert (await chat.say("o-ask", "1")).startswith(
        texts.text("supplement_added", number=number))
    assert await _said_by_resident(db, "o-ask") == [unclear]
    # Words written past that question are read afresh, as if it had not been asked.
    await chat.say("o-ask", unclear)
    added = "对了，他们每次都开着大音响"
    assert (await chat.say("o-ask", added)).startswith(
        texts.text("supplement_added", number=number))
    assert await _said_by_resident(db, "o-ask") == [unclear, added]
    # "Something else" is the quick menu, as without a ticket.
    await chat.say("o-ask", unclear)
    assert texts.text("quick_menu") in await chat.say("o-ask", "2")
    assert len(await db.tickets("o-ask")) == 1


async def test_an_unclear_message_looks_the_ticket_up_once_at_most(
        chat, db, engine, sessions, services, clock, officer):
    # Every message outside a dialog asks whether it continues a ticket; one bound for the
    # quick menu asks again whether it is more about the matter just reported. The full
    # look-up (the newest open ticket, with its last reply) runs once at most, and not at
    # all for a resident with nothing to continue, on either database.
    number = await _filed(chat, db, "o-once")
    await _officer_asks(sessions, services, clock, officer, number, "已安排社区民警今晚上门。")
    unclear = unconfident(services, "就是那个地方", "在东边那一片", "关于那个事情")
    looked: list[str] = []

    def executed(_connection, _cursor, statement, *_args) -> None:
        if "ORDER BY tickets.updated_at DESC" in statement:
            looked.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", executed)
    try:
        assert texts.text("quick_menu") in await chat.say("o-once", unclear)
        assert len(looked) == 1
        looked.clear()
        assert texts.text("quick_menu") in await chat.say("o-new", unclear)
        assert looked == []
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", executed)


async def test_words_where_the_phone_is_asked_are_kept_and_the_phone_asked_again(chat, db):
    await chat.say("o-ph", THEFT)
    details = "车是雅迪的，蓝色，值三千多"
    reply = await chat.say("o-ph", details)
    number = (await db.ticket("o-ph")).number
    assert reply.startswith(texts.text("dialog_aside_recorded", number=number))
    assert texts.text("ask_phone") in reply
    question = "要多久能找回来"
    assert (await chat.say("o-ph", question)).startswith(
        texts.text("dialog_aside_question_recorded", number=number))
    # A number short of a digit is still a mistyped number.
    assert texts.text("phone_invalid") in await chat.say("o-ph", "1381234567")
    assert texts.text("ask_photos") in await chat.say("o-ph", "13812345678")
    assert (await chat.say("o-ph", "没有照片")).startswith(
        texts.text("complaint_done", number=number))
    said = await _said_by_resident(db, "o-ph")
    assert details in said and question in said and "没有照片" not in " ".join(said)


async def test_a_message_that_picks_nothing_from_the_menu_is_read_afresh(chat, db, services):
    await chat.say("o-menu", unconfident(services, "那个事情怎么说", "就是那个情况", "嗯那个"))
    reply = await chat.say("o-menu", THEFT)
    assert texts.text("choice_unknown") not in reply
    assert [t.kind for t in await db.tickets("o-menu")] == ["complaint"]


async def test_taking_back_a_report_is_put_on_it_for_its_officer_to_end(
        chat, db, sessions, services, clock, officer):
    number = await _filed(chat, db, "o-back")
    async with sessions() as session, session.begin():
        await services.workflow(clock).perform(session, officer, number, "assign",
                                               {"officer": "a1"})
    clock.advance(days=2)
    wish = "算了，邻里邻居的，我不想投诉了，撤销吧"
    assert (await chat.say("o-back", wish)).startswith(
        texts.text("withdraw_recorded", number=number))
    assert await _said_by_resident(db, "o-back") == [wish]
    assert (await db.ticket("o-back")).status == "assigned"   # an officer ends it (§5)
    assert any("申请撤销" in j.payload for j in await db.outbox("wecom_app"))


async def test_an_address_typed_after_an_emergency_is_its_place_and_reaches_officers(
        chat, db, clock):
    await chat.say("o-sos", "有人在撬我家门，我一个人在家")
    clock.advance(minutes=2)
    reply = await chat.say("o-sos", "我在湖西街道幸福里小区2号楼301")
    ticket = await db.ticket("o-sos")
    assert reply.startswith(texts.text("emergency_place_told", place="湖西街道幸福里小区2号楼301",
                                       number=ticket.number))
    assert (ticket.place, ticket.unit) == ("湖西街道幸福里小区2号楼301", "湖西派出所")
    assert any("群众告知地点：湖西街道幸福里小区2号楼301" in j.payload for j in await db.outbox())
    # Anything more joins it; long after, a message is read on its own.
    assert (await chat.say("o-sos", "求你们快点来")).startswith(
        texts.text("emergency_joined_more", number=ticket.number))
    # A question the knowledge base answers is answered, not filed on the emergency.
    assert "补领" in await chat.say("o-sos", "身份证丢了怎么补办")
    clock.advance(minutes=40)
    await chat.say("o-sos", "幸福里小区门口天天有人乱停车")
    assert "幸福里小区门口天天有人乱停车" not in [e.text for e in await db.events(ticket)]


@pytest.mark.parametrize(("said", "expected"), [
    ("算了，邻里邻居的，我不想投诉了，撤销吧", True), ("我要撤回举报", True),
    ("已经和好了，不用处理了", True), ("帮我撤回那个工单", True),
    ("麻烦你们把投诉撤了吧", True), ("不告了，算了", True),
    ("他们撤销了我的低保资格，我想反映一下", False),    # a new matter, not this one
    ("门口的摊子今天撤了", False),                    # told of, not asked of us
    ("我要投诉", False),
])
def test_what_asks_to_withdraw_a_report(said, expected):
    assert supplement.withdraws(said) is expected


@pytest.mark.parametrize("said", ["我刚才说的地址错了，应该是柳园小区5号楼",
                                  "更正一下：不是半夜，是每天晚上十点左右"])
async def test_a_correction_of_the_report_just_made_joins_it(chat, db, clock, said):
    number = await _filed(chat, db, "o-fix")
    clock.advance(minutes=5)
    assert (await chat.say("o-fix", said)).startswith(
        texts.text("supplement_added", number=number))
    assert await _said_by_resident(db, "o-fix") == [said]
    assert len(await db.tickets("o-fix")) == 1


@pytest.mark.parametrize(("said", "expected"), [
    ("地址写错了，是柳园小区", True), ("刚才电话号码打错了", True), ("说错了，是昨天晚上", True),
    ("你们搞错了吧", False), ("错了错了", False),     # not a correction of the resident's own
])
def test_what_corrects_a_report(said, expected):
    assert supplement.corrects(said) is expected


@pytest.mark.parametrize("said", ["多久能修好", "能快点吗", "你们会来人看吗"])
async def test_a_short_question_about_the_report_just_made_goes_to_its_officer(
        chat, db, services, clock, said):
    number = await _filed(chat, db, "o-when")
    clock.advance(minutes=20)
    ticket = (await db.tickets("o-when"))[0]
    reply = await chat.say("o-when", said)
    assert reply.startswith(texts.text(
        "asked_about_report", number=number,
        due=services.local_time(ticket.first_response_due)))
    assert await _said_by_resident(db, "o-when") == [said]
    assert len(await db.tickets("o-when")) == 1


async def test_a_question_with_a_business_of_its_own_is_not_about_the_report(chat, db, clock):
    await _filed(chat, db, "o-own")
    clock.advance(minutes=20)
    await chat.say("o-own", "办身份证要多久")
    assert await _said_by_resident(db, "o-own") == []
