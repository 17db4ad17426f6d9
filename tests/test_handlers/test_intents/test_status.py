"""我的工单: only the resident's own tickets; someone else's number reveals nothing."""

from __future__ import annotations

from datetime import timedelta

from handlers import texts
from tests.conversations import DAY, classified


async def test_my_tickets_lists_only_my_own(chat, db, services):
    await chat.say("o-1", "上个月有人在小区打架")
    await chat.say("o-1", "取消")
    await chat.say("o-2", "表扬湖西派出所的民警")
    await chat.say("o-1", "建议在学校门口增加巡逻")
    reply = await chat.click("o-1", "MY_TICKETS")
    mine = await db.tickets("o-1")
    assert [t.number for t in mine] == [f"DCF{DAY}-0001", f"DCF{DAY}-0003"]
    assert reply.startswith(texts.text("status_list_head"))
    newest = texts.text("status_line", i=1, number=f"DCF{DAY}-0003", kind="意见建议",
                        status="待受理", updated=services.local_time(mine[1].updated_at),
                        next="等待分派民警")
    assert newest in reply
    assert f"2. DCF{DAY}-0001 投诉举报·待受理" in reply
    assert f"DCF{DAY}-0002" not in reply
    assert reply == await chat.say("o-1", "我的工单")


async def test_one_ticket_by_number(chat, db):
    await chat.say("o-1", "上个月有人在小区打架")
    await chat.say("o-1", "取消")
    ticket = await db.ticket("o-1")
    reply = await chat.say("o-1", f"{ticket.number.lower()}怎么样了")
    assert reply.startswith(f"工单{ticket.number}（投诉举报）\n状态：待受理")
    assert "下一步：等待分派民警" in reply and ticket.unit in reply


async def test_another_residents_number_reveals_nothing(chat, db):
    await chat.say("o-2", "表扬湖西派出所的民警")
    ticket = await db.ticket("o-2")
    reply = await chat.say("o-1", ticket.number)
    assert reply.startswith(texts.text("status_not_found"))
    assert "湖西派出所" not in reply and "意见建议" not in reply


async def test_an_unknown_number(chat):
    reply = await chat.say("o-1", f"DCF{DAY}-0099")
    assert reply.startswith(texts.text("status_not_found"))


async def test_no_tickets(chat):
    assert (await chat.say("o-1", "查询进度")).startswith(texts.text("status_none"))
    assert (await chat.click("o-1", "MY_TICKETS")).startswith(texts.text("status_none"))


async def test_a_resident_who_reported_elsewhere_is_told_how_to_be_found(chat, db):
    # Reported by the hotline or at a station: no ticket under this account, and the way on.
    reply = await chat.say("o-1", "我上周打电话反映的问题怎么还没人联系我")
    assert reply.startswith(texts.text("status_none")) and "电话" in reply
    assert await db.tickets() == []


async def test_a_status_question_in_words_lists_tickets_whose_numbers_open_them(
        chat, db, services):
    await chat.say("o-1", "上个月有人在小区打架")
    await chat.say("o-1", "取消")
    asked = classified(services, "status", "我反映的问题有人管吗", "我上次反映的事情处理得怎么样了")
    reply = await chat.say("o-1", asked)
    assert f"1. DCF{DAY}-0001" in reply
    detail = await chat.say("o-1", "1")
    assert detail.startswith(f"工单DCF{DAY}-0001（投诉举报）")


async def test_a_ticket_not_yet_answered_shows_when_it_will_be_and_whether_that_passed(
        chat, db, services, clock):
    await chat.say("o-1", "上个月有人在小区打架")
    await chat.say("o-1", "取消")
    ticket = await db.ticket("o-1")
    due = services.local_time(ticket.first_response_due)
    assert texts.text("status_detail_due", due=due) in await chat.say("o-1", ticket.number)
    clock.now = ticket.first_response_due + timedelta(minutes=1)
    assert texts.text("status_detail_overdue", due=due) in await chat.say("o-1", ticket.number)


async def test_my_tickets_in_the_middle_of_a_dialog_asks_its_question_again(chat):
    """The list comes, then the question still open: what a reply now answers is in view."""
    await chat.say("o-1", "上个月有人在小区打架")
    await chat.say("o-1", "取消")
    asked = await chat.say("o-1", "我想预约办身份证")
    reply = await chat.click("o-1", "MY_TICKETS")
    assert reply.startswith(texts.text("status_list_head"))
    question = asked.splitlines()[1]           # the booking's open question
    assert question in reply.split(f"DCF{DAY}-0001", 1)[1]


async def test_the_matter_told_after_asking_keeps_the_question(chat, db, clock):
    # Asked after a matter reported elsewhere, then told it: the officer reads both, and
    # that it was reported before.
    await chat.say("o-1", "我上个月在派出所反映的那个噪音问题，现在怎么样了")
    await chat.say("o-1", "就是楼上天天晚上跺脚那个，吵得孩子睡不着")
    ticket = await db.ticket("o-1")
    assert ticket.kind == "complaint"
    assert ticket.summary.startswith("我上个月在派出所反映的那个噪音问题")
    assert ticket.summary.endswith("吵得孩子睡不着")


async def test_a_matter_told_long_after_asking_stands_alone(chat, db, clock):
    await chat.say("o-1", "我上个月在派出所反映的那个噪音问题，现在怎么样了")
    clock.advance(hours=2)
    await chat.say("o-1", "楼上天天晚上跺脚，吵得孩子睡不着")
    assert (await db.ticket("o-1")).summary == "楼上天天晚上跺脚，吵得孩子睡不着"


async def test_a_matter_told_in_english_after_asking_in_english_keeps_the_question(chat, db):
    # The reply that asked for the matter was noted in English: the matter told next is still
    # the one asked after, and the officer reads both.
    asked = await chat.say("e-1", "Any news on the noise problem I reported at the station "
                                  "last month?")
    assert texts.text("status_none") in asked and not asked.startswith(texts.text("status_none"))
    await chat.say("e-1", "The people upstairs stomp around every night, my kid cannot sleep, "
                          "please handle it")
    ticket = await db.ticket("e-1")
    assert ticket.summary.startswith("Any news on the noise problem"), ticket.summary
    assert ticket.summary.endswith("please handle it")
