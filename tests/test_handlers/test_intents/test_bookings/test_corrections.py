"""A correction typed at a later question ("等一下，我想改成下午" at 确认) changes the answer
it corrects, keeping what it does not say, instead of "没有看懂您的选择"."""

from __future__ import annotations

import json

import pytest

from handlers import texts
from storage.intake.models import DialogState
from tests.conversations import APPOINTMENT, COMPLAINT, appointment_at, asks, complaint_at

AMENDED = texts.text("dialog_amended")


async def test_the_hour_changed_at_the_confirmation_keeps_the_day(chat, db):
    await appointment_at(chat, "o-c", 5)      # 11月26日（周四）上午, 张三
    reply = await chat.say("o-c", "等一下，我想改成下午")
    assert reply.startswith(AMENDED) and asks(reply, APPOINTMENT) == "confirm"
    assert "时间：11月26日（周四）下午" in reply and "姓名：张三" in reply
    await chat.say("o-c", "1")
    assert "希望时间：11月26日（周四）下午" in (await db.ticket("o-c")).summary


@pytest.mark.parametrize(("said", "shown"), [
    ("名字写错了，应该是李四", "姓名：李四"),
    ("改到周五吧", "时间：11月27日（周五）上午"),         # the day changed, the hour kept
    ("电话换成13900001111", "手机号：139****1111"),
    ("派出所换成湖西的", "地点：湖西派出所"),
])
async def test_any_answer_can_be_corrected_at_the_confirmation(chat, said, shown):
    await appointment_at(chat, "o-c", 5)
    reply = await chat.say("o-c", said)
    assert reply.startswith(AMENDED) and shown in reply
    assert asks(reply, APPOINTMENT) == "confirm"


async def test_a_correction_at_a_later_question_asks_that_question_again(chat):
    await appointment_at(chat, "o-c", 3)      # asks the name
    reply = await chat.say("o-c", "时间换到后天下午")
    assert reply.startswith(AMENDED) and asks(reply, APPOINTMENT) == "name"
    await chat.say("o-c", "张三")
    confirm = await chat.say("o-c", "13812345678")
    assert "时间：11月27日（周五）下午" in confirm


async def test_a_correction_to_a_closed_day_says_why_and_keeps_the_time(chat):
    await appointment_at(chat, "o-c", 5)
    reply = await chat.say("o-c", "改到周六")
    assert "不办公" in reply and "时间：11月26日（周四）上午" in reply
    assert asks(reply, APPOINTMENT) == "confirm"


@pytest.mark.parametrize("said", ["不对", "我想想", "改天再说"])
async def test_words_that_correct_nothing_are_not_taken_for_a_correction(chat, said):
    await appointment_at(chat, "o-c", 5)
    reply = await chat.say("o-c", said)
    assert not reply.startswith(AMENDED) and "时间：11月26日（周四）上午" in reply


async def test_a_complaints_place_corrected_at_the_phone_question(chat, db):
    await complaint_at(chat, "o-p", 3)        # place and time told; asks the phone
    reply = await chat.say("o-p", "地点说错了，应该是柳园小区5号楼")
    assert reply.startswith(AMENDED) and asks(reply, COMPLAINT) == "phone"
    assert (await db.ticket("o-p")).place == "柳园小区5号楼"


async def test_a_report_stored_mid_correction_by_an_older_version_goes_on(chat, db, services):
    # Older versions kept the answer being corrected in the dialog's data ("_amending"); a
    # dialog stored with it still loads, the next answer is taken, and the flag is gone.
    await complaint_at(chat, "o-old", 3)      # asks the phone
    async with db.sessions() as session, session.begin():
        row = await session.get(DialogState, "o-old")
        row.data = json.dumps({**json.loads(row.data), "_amending": "where"}, ensure_ascii=False)
    services.dialogs.forget("o-old")          # read again from the database
    reply = await chat.say("o-old", "13812345678")
    assert asks(reply, COMPLAINT) == "photos"
    assert "_amending" not in json.loads((await db.dialog("o-old")).data)
    assert (await db.ticket("o-old")).contact_phone == "13812345678"
