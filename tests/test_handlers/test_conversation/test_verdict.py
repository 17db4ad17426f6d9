"""The resident's verdict: asked on resolution, 是 closes, 否 reopens, reminders and timeout."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from handlers import texts
from handlers.conversation import verdict
from handlers.tickets.lifecycle import Lifecycle
from storage.intake.models import InboundMessage
from storage.tickets import store as ticket_store
from storage.tickets import verdicts as verdict_store
from storage.tickets.models import Verdict


async def _resolved_ticket(chat, db, sessions, services, clock, openid="o-v"):
    await chat.say(openid, "楼上天天半夜蹦迪，吵死了")
    await chat.say(openid, "取消")
    ticket = await db.ticket(openid)
    async with sessions() as session, session.begin():
        ticket = await ticket_store.get_by_number(session, ticket.number)
        await Lifecycle().move(session, ticket, "resolved", by="supervisor", actor="officer1",
                               at=clock.now)
        asked = await verdict.ask(session, services, ticket,
                                  "已上门调解，邻居承诺晚10点后不再扰民。", clock.now)
    return ticket, asked


async def _verdict(sessions, ticket) -> Verdict:
    async with sessions() as session:
        return await session.scalar(select(Verdict).where(Verdict.ticket_id == ticket.id))


async def test_resolution_note_and_question_go_to_the_resident(chat, db, sessions, services,
                                                                 clock):
    ticket, asked = await _resolved_ticket(chat, db, sessions, services, clock)
    assert asked.queued
    [job] = [j for j in await db.outbox("wechat_text") if ticket.number in j.payload]
    assert "已上门调解" in job.payload and "问题解决了吗" in job.payload
    assert "1. 是" in job.payload and job.payload.count(texts.LINE_110) == 1


async def test_a_booking_is_asked_whether_it_was_done_in_its_own_words(chat, db, sessions,
                                                                        services, clock):
    for answer in ("我想预约办身份证", "1", "下周一上午", "张三", "13812345678", "1"):
        await chat.say("o-b", answer)
    booked = await db.ticket("o-b")
    async with sessions() as session, session.begin():
        booked = await ticket_store.get_by_number(session, booked.number)
        await Lifecycle().move(session, booked, "resolved", by="supervisor", actor="officer1",
                               at=clock.now)
        asked = await verdict.ask(session, services, booked, "已为您办理完毕。", clock.now)
    assert "您的预约（工单" in asked.text
    assert texts.text("verdict_ask_solved_appointment").split("？")[0] in asked.text
    assert "问题解决了吗" not in asked.text
    assert (await chat.say("o-b", "1")).startswith(texts.text("verdict_ask_satisfaction")[:8])


async def test_yes_closes_and_satisfaction_is_stored_at_once(chat, db, sessions, services,
                                                             clock):
    ticket, _ = await _resolved_ticket(chat, db, sessions, services, clock)
    assert "满意度" in await chat.say("o-v", "1")
    assert (await db.ticket("o-v")).status == "closed"
    assert "服务态度" in await chat.say("o-v", "5")
    assert (await _verdict(sessions, ticket)).satisfaction == 5
    assert "意见" in await chat.say("o-v", "5 4 5")
    thanks = await chat.say("o-v", "民警很耐心，谢谢")
    assert ticket.number in thanks and "已关闭" in thanks
    stored = await _verdict(sessions, ticket)
    assert (stored.solved, stored.attitude, stored.speed, stored.result) == (True, 5, 4, 5)
    assert stored.comment == "民警很耐心，谢谢"
    events = [e for e in await db.events(ticket) if e.type in ("verdict", "status")]
    assert [e.actor for e in events if e.type == "verdict"] == ["resident"] * 4


async def test_no_reopens_and_tells_the_police(chat, db, sessions, services, clock):
    ticket, _ = await _resolved_ticket(chat, db, sessions, services, clock)
    await chat.say("o-v", "2")
    assert (await db.ticket("o-v")).status == "reopened"
    [alert] = await db.outbox("wecom_robot")
    assert ticket.number in alert.payload and "重新" in alert.payload
    await chat.say("o-v", "2")
    await chat.say("o-v", "无")
    assert "重新交民警办理" in await chat.say("o-v", "无")
    assert (await _verdict(sessions, ticket)).solved is False


async def test_bad_ratings_are_asked_again(chat, db, sessions, services, clock):
    await _resolved_ticket(chat, db, sessions, services, clock)
    await chat.say("o-v", "1")
    await chat.say("o-v", "4")
    # Digits out of the scale; words are read or kept as the comment (test_verdict_words).
    assert texts.text("verdict_details_invalid") in await chat.say("o-v", "6 7 8")


async def test_no_reminder_once_the_window_has_closed(
        chat, db, sessions, services, clock):
    await _resolved_ticket(chat, db, sessions, services, clock)

    async def sweep(at):
        async with sessions() as session, session.begin():
            return await verdict.sweep(session, services, at)

    assert await sweep(clock.now + timedelta(hours=23)) == (0, 0)
    # No message from the resident in 48 hours: the window is closed, no reminder is sent.
    assert await sweep(clock.now + timedelta(days=3)) == (0, 0)
    reminders = [j for j in await db.outbox("wechat_text") if "还没有收到您的评价" in j.payload]
    assert reminders == []


async def test_reminded_once_while_the_window_is_open(chat, db, sessions, services, clock):
    await _resolved_ticket(chat, db, sessions, services, clock)
    async with sessions() as session, session.begin():
        session.add(InboundMessage(channel="wechat", dedupe_key="msg:v1", openid="o-v",
                                   msg_type="text", received_at=clock.now + timedelta(hours=20)))

    async def sweep(at):
        async with sessions() as session, session.begin():
            return await verdict.sweep(session, services, at)

    assert await sweep(clock.now + timedelta(hours=25)) == (1, 0)
    assert await sweep(clock.now + timedelta(hours=26)) == (0, 0)
    ticket = await db.ticket("o-v")
    reminders = [j for j in await db.outbox("wechat_text") if texts.text(
        "verdict_reminder", number=ticket.number, matter="您反映的问题") in j.payload]
    assert len(reminders) == 1          # it names the ticket it asks about
    assert await sweep(clock.now + timedelta(days=7, minutes=1)) == (0, 1)
    assert (await db.ticket("o-v")).status == "closed"


async def test_an_objection_in_words_reopens_and_keeps_the_reason(chat, db, sessions,
                                                                  services, clock):
    ticket, _ = await _resolved_ticket(chat, db, sessions, services, clock)
    objection = "我还没去报案呢，车也没找回来，怎么就办结了"
    reply = await chat.say("o-v", objection)
    assert "满意度" in reply and texts.text("choice_unknown") not in reply
    reopened = await db.ticket("o-v")
    assert reopened.status == "reopened" and reopened.resolved_at is None
    # The officer reads the resident's words: on the timeline, in the alert, on the verdict.
    events = await db.events(reopened)
    assert any(e.type == "verdict" and objection in e.text for e in events)
    [status] = [e for e in events if e.type == "status" and e.actor == "resident"]
    assert objection in status.data
    [alert] = await db.outbox("wecom_robot")
    assert objection in alert.payload and ticket.number in alert.payload
    assert (await _verdict(sessions, ticket)).comment == objection


async def test_a_satisfied_sentence_closes_and_nonsense_is_asked_again(chat, db, sessions,
                                                                      services, clock):
    await _resolved_ticket(chat, db, sessions, services, clock)
    assert texts.text("verdict_solved_unclear") in await chat.say("o-v", "随便吧")
    assert "满意度" in await chat.say("o-v", "已经处理好了，谢谢")
    assert (await db.ticket("o-v")).status == "closed"


async def test_reminded_tickets_do_not_crowd_out_those_still_to_remind(chat, db, sessions,
                                                                     services, clock):
    await _resolved_ticket(chat, db, sessions, services, clock, "o-v1")
    clock.advance(hours=30)
    second, _ = await _resolved_ticket(chat, db, sessions, services, clock, "o-v2")
    async with sessions() as session, session.begin():
        await verdict.sweep(session, services, clock.now)          # reminds the first
    later = clock.now + timedelta(hours=25)
    async with sessions() as session:
        rows = await verdict_store.unanswered(session, later - verdict.REMIND_AFTER,
                                              close_before=later - verdict.CLOSE_AFTER,
                                              limit=1)
    # Only one row fits: the one still to remind, not the one reminded already.
    assert [ticket.number for ticket, _ in rows] == [second.number]
