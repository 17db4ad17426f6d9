"""A short follow-up question read with the knowledge-base answer just given (issue 14 §5–6):
answered on its topic, or handed to an officer with the topic in front; never for a message
with a topic of its own, a complaint or an emergency, nor after the pause."""

from __future__ import annotations

import pytest

from handlers import texts
from handlers.conversation import followup
from tests.conversations import EMERGENCY
from tests.helpers import inbound_rows
from tests.pushes import text_xml
from tests.test_handlers.test_conversation.test_router_messages import push

PERMIT = "俺想问问恁，办居住证得带啥材料"
LOST_ID = "身份证丢了怎么补办"
FIRST_ID = "第一次办身份证需要带什么"


def lead(services, entry_id: str) -> str:
    """The line that puts a follow-up's answer (or ticket) after its topic."""
    entry = next(e for e in services.faq.entries if e.id == entry_id)
    return texts.text("followup_topic", topic=entry.question)


def answer_of(services, entry_id: str) -> str:
    return next(e for e in services.faq.entries if e.id == entry_id).answer


@pytest.mark.parametrize(("message", "follows"), [
    ("在哪办", True), ("要多久？", True), ("周六能办吗", True), ("需要本人去吗", True),
    ("可以代办吗", True), ("收费吗", True), ("电话多少", True),
    ("护照怎么办理", False),          # a topic of its own
    ("好的", False),                  # not a question
    ("楼上很吵怎么办", False),        # a matter of its own
    ("着火了在哪跑", False),
    ("那如果户口在外地的话在哪里办理呢", False),   # long enough to say what it is about
])
def test_what_reads_as_a_follow_up(message, follows):
    assert followup.asks_on(message) is follows


async def test_where_after_an_answer_gets_the_stations(chat, services, db):
    assert answer_of(services, "permit-apply") in await chat.say("o-1", PERMIT)
    reply = await chat.say("o-1", "在哪办")
    assert reply.startswith(lead(services, "permit-apply"))
    assert texts.text("followup_units") in reply
    assert all(f"【{name}】" in reply for name in ("古楼派出所", "新区派出所", "湖西派出所"))
    assert await db.tickets() == []


async def test_a_day_question_after_an_answer_reads_the_calendar(chat, services, db):
    await chat.say("o-1", LOST_ID)
    reply = await chat.say("o-1", "周六能办吗")
    assert reply.startswith(lead(services, "idcard-lost"))
    # Wednesday 25 November: the Saturday asked about is the 28th, and the units are shut.
    assert "11月28日（周六）各派出所不办公" in reply
    assert answer_of(services, "hours-weekend") not in reply   # the configured facts instead
    assert await db.tickets() == []


async def test_follow_ups_in_a_row_keep_the_topic(chat, services, db):
    await chat.say("o-1", FIRST_ID)
    proxy = await chat.say("o-1", "可以代办吗")
    assert proxy.startswith(lead(services, "idcard-first"))
    assert answer_of(services, "idcard-proxy") in proxy
    fee = await chat.say("o-1", "收费吗")
    assert fee.startswith(lead(services, "idcard-first"))
    assert answer_of(services, "idcard-fee") in fee
    assert await db.tickets() == []


async def test_an_unanswerable_follow_up_reaches_an_officer_with_its_topic(chat, services, db):
    await chat.say("o-1", PERMIT)
    reply = await chat.say("o-1", "要多久")
    ticket = await db.ticket("o-1")
    assert ticket.number in reply and ticket.kind == "consult"
    assert ticket.summary == f"{lead(services, 'permit-apply')}要多久"


@pytest.mark.parametrize(("first", "entry_id", "then", "wrong"), [
    # Sibling entries that fit the words but answer about another thing or another aspect.
    ("亲属关系证明在哪开", "cert-kinship", "要多久", "cert-no-crime"),
    (PERMIT, "permit-apply", "可以代办吗", "permit-apply"),
])
async def test_no_answer_rather_than_a_sibling_entrys(chat, services, db, first, entry_id,
                                                     then, wrong):
    await chat.say("o-1", first)
    reply = await chat.say("o-1", then)
    assert answer_of(services, wrong) not in reply
    ticket = await db.ticket("o-1")
    assert ticket.summary == f"{lead(services, entry_id)}{then}"


@pytest.mark.parametrize(("first", "entry_id", "then", "says"), [
    # The answer just given says it already: its sentences on what the follow-up asks.
    ("户口本丢了能补吗", "hukou-book-lost", "要带什么", "携带本人居民身份证"),
    ("户口簿找不到了怎么办", "hukou-book-lost", "需要准备啥材料", "携带本人居民身份证"),
    ("户口本丢了能补吗", "hukou-book-lost", "收钱吗", "是否收费"),
    (PERMIT, "permit-apply", "收费吗", "免收工本费"),
    ("无犯罪记录证明在哪开", "cert-no-crime", "几天能拿到", "3个工作日内"),
])
async def test_a_follow_up_the_answer_already_covers_gets_that_part(
        chat, services, db, first, entry_id, then, says):
    assert answer_of(services, entry_id) in await chat.say("o-1", first)
    reply = await chat.say("o-1", then)
    assert reply.startswith(lead(services, entry_id))
    assert says in reply and answer_of(services, entry_id) not in reply   # the part, not all
    assert await db.tickets() == []


async def test_a_follow_up_the_answer_is_silent_on_still_reaches_an_officer(chat, services, db):
    await chat.say("o-1", "户口本丢了能补吗")
    reply = await chat.say("o-1", "要多久")
    ticket = await db.ticket("o-1")
    assert ticket.number in reply
    assert ticket.summary == f"{lead(services, 'hukou-book-lost')}要多久"


async def test_a_message_with_its_own_topic_is_read_as_it_stands(chat, services, db):
    await chat.say("o-1", PERMIT)
    reply = await chat.say("o-1", "护照怎么办理")
    assert answer_of(services, "exit-passport") in reply
    assert "接上文" not in reply


async def test_after_the_pause_a_follow_up_is_a_new_question(chat, clock, services, db):
    await chat.say("o-1", PERMIT)
    clock.advance(minutes=60)
    reply = await chat.say("o-1", "要多久")
    assert "接上文" not in reply
    assert all("接上文" not in ticket.text for ticket in await db.tickets())


@pytest.mark.parametrize("danger", [EMERGENCY, "有人在撬我家门怎么办", "着火了怎么办",
                                    "有人晕倒了咋办"])
async def test_an_emergency_right_after_an_answer_is_one(chat, services, db, danger):
    await chat.say("o-1", PERMIT)
    reply = await chat.say("o-1", danger)
    assert "110" in reply and "接上文" not in reply
    [ticket] = await db.tickets()
    assert ticket.kind == "emergency" and ticket.summary == danger


@pytest.mark.parametrize("danger", ["家里着火了在哪跑", "有人跟踪我怎么办"])
async def test_a_danger_the_classifier_settled_otherwise_is_no_follow_up(chat, db, danger):
    # Short questions that name a danger: whatever the classifier made of them, they are
    # never read as asking about the residence permit just answered.
    await chat.say("o-1", PERMIT)
    assert "接上文" not in await chat.say("o-1", danger)
    assert all("接上文" not in ticket.summary for ticket in await db.tickets())


@pytest.mark.parametrize("complaint", ["楼上很吵怎么办", "楼上邻居总是很吵"])
async def test_a_complaint_right_after_an_answer_is_read_as_it_stands(chat, db, complaint):
    await chat.say("o-1", PERMIT)
    assert "接上文" not in await chat.say("o-1", complaint)
    assert all("接上文" not in ticket.summary for ticket in await db.tickets())


async def test_through_wechat_the_topic_comes_from_the_stored_reply(client, sessions):
    assert "居住地派出所" in await push(client, text_xml("o-e2e", PERMIT))
    reply = await push(client, text_xml("o-e2e", "在哪办"))
    assert reply.startswith("（接上文：") and "【古楼派出所】" in reply
    rows = await inbound_rows(sessions, "o-e2e")
    assert [row.ticket_id for row in rows] == [None, None]
