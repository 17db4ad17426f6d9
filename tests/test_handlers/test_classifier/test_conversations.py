"""Issue 14's words as a resident types them, through the real router: the bot acts on what
was asked, in so many words, instead of offering the "which did you mean?" menu."""

from __future__ import annotations

from handlers import texts
from tests.conversations import APPOINTMENT, COMPLAINT, asks

MENU = texts.text("quick_menu")


async def test_i_want_to_complain_with_the_matter_opens_a_complaint(chat, db):
    reply = await chat.say("o-1", "我要投诉，小区门口天天有人占道摆摊")
    assert MENU not in reply
    assert asks(reply, COMPLAINT) == "where"
    [ticket] = await db.tickets("o-1")
    assert ticket.kind == "complaint"


async def test_i_want_to_complain_alone_opens_a_complaint_not_a_status_answer(chat, db):
    reply = await chat.say("o-1", "我要投诉")
    assert MENU not in reply and texts.text("status_none") not in reply
    assert asks(reply, COMPLAINT) is not None


async def test_asking_whether_a_booking_is_needed_starts_no_booking(chat, db):
    reply = await chat.say("o-1", "你好，我想给孩子上户口，需要预约吗")
    assert MENU not in reply
    assert asks(reply, APPOINTMENT) is None
    assert await db.dialog("o-1") is None or asks(reply, COMPLAINT) is None


async def test_a_letter_asking_a_question_is_no_complaint(chat, db):
    letter = ("请问外地出生的孩子回聊城落户需要准备哪些材料\n尊敬的分局领导：\n"
              "您好！我和爱人都是东昌府区户籍，孩子今年九月在济南出生，出生医学证明已经办好。"
              "听说落户要父母双方的户口本和结婚证，但我爱人的户口本在老家，不知道能否用复印件，"
              "也不清楚是否必须两人一起到派出所。我们平时上班，只有周末有空。\n盼复。\n"
              "居民 王女士\n2026年11月20日")
    reply = await chat.say("o-1", letter)
    assert MENU not in reply
    assert [t.kind for t in await db.tickets("o-1")] in ([], ["consult"])


async def test_small_talk_opens_nothing(chat, db):
    for text in ("今天天气怎么样", "给妈妈打电话", "哈哈哈笑死我了"):
        await chat.say("o-1", text)
    assert await db.tickets("o-1") == []


async def test_a_booking_typed_in_pinyin_starts_the_booking(chat, db):
    reply = await chat.say("o-1", "wo xiang yu yue xia zhou er ban ju zhu zheng")
    assert MENU not in reply
    assert asks(reply, APPOINTMENT) is not None
