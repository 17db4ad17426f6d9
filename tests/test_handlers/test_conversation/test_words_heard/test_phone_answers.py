"""A phone number given as residents type it, at the report's and the booking's phone
question: with spaces, in full-width digits, after "电话是"; two numbers are asked again."""

from __future__ import annotations

import pytest

from handlers import texts

INVALID = texts.text("phone_invalid")


async def _at_phone(chat, openid):
    for said in ("我要投诉，小区门口天天有人占道摆摊", "柳园小区东门", "每天早上7点到9点"):
        await chat.say(openid, said)


@pytest.mark.parametrize("said", ["138 1234 5678", "１３８１２３４５６７８",
                                  "１３８ １２３４ ５６７８",
                                  "电话是138 1234 5678", "我的手机号：13812345678",
                                  "+86 138-1234-5678"])
async def test_the_reports_phone_is_kept_however_typed(chat, db, said):
    await _at_phone(chat, "o-ph")
    assert INVALID not in await chat.say("o-ph", said)
    assert (await db.ticket("o-ph")).contact_phone == "13812345678"


@pytest.mark.parametrize("said", ["13812345678和13912345678", "我老婆的电话13812345678"])
async def test_a_number_that_may_not_be_theirs_is_asked_again(chat, db, said):
    await _at_phone(chat, "o-ph")
    assert INVALID in await chat.say("o-ph", said)
    assert (await db.ticket("o-ph")).contact_phone is None


async def test_the_bookings_phone_after_words(chat, db):
    for said in ("我想预约办身份证", "1", "下周一上午", "张三"):
        await chat.say("o-pb", said)
    reply = await chat.say("o-pb", "电话是 139 1234 5678")
    assert INVALID not in reply and "139****5678" in reply
