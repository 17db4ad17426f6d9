"""Issue 14 (item 4 of the walk-through): a visit or a talk asked of the officers without the
word 预约 is booked as what it asks for (§4's appointment: a community officer's visit, a
safety talk), in plain words, dialect and traditional characters."""

from __future__ import annotations

import pytest

from handlers import texts
from handlers.intents.appointment import label
from tests.conversations import APPOINTMENT, asks


@pytest.mark.parametrize("said", [
    "我想找咱们社区民警聊聊天",
    "俺们想跟管片民警见一面",
    "想请片警来家里坐一坐",
    "希望社区的警官能上门来看看我家老人",
    "我們想跟片區民警見見面",
    "我想跟我们社区警察唠唠嗑",
    "可以让辖区民警来我家一趟吗",
    "俺娘想跟片儿警拉拉呱",
])
async def test_a_wish_to_meet_the_community_officer_books_their_visit(chat, db, said):
    reply = await chat.say("w-1", said)
    assert reply.startswith(texts.text("service_preselected", service=label("home_visit")))
    assert asks(reply, APPOINTMENT) == "time"
    assert await db.tickets() == []     # booked once the time, name and phone are told


@pytest.mark.parametrize("said", [
    "我们单位想请民警来讲讲反电诈",
    "学校想邀请派出所的警官来做一次防溺水宣讲",
    "能不能派民警到我们养老院给老人讲讲防骗",
    "我们小区想请你们来搞一次消防安全培训",
    "希望警察同志能来我们幼儿园上堂安全课",
    "咱村能不能请派出所来宣传一下反诈知识",
    "我們公司想請警察來講一堂防詐騙課",
    "想麻烦民警给我们社区的居民做个普法讲座",
])
async def test_asking_for_a_safety_talk_books_one(chat, db, said):
    reply = await chat.say("w-2", said)
    assert reply.startswith(texts.text("service_preselected", service=label("safety_talk")))
    assert asks(reply, APPOINTMENT) == "time"


async def test_the_talk_is_booked_as_a_talk_to_the_end(chat, db):
    await chat.say("w-3", "想请民警下周到我们厂里给工人讲讲防盗")
    await chat.say("w-3", "下周三下午")
    await chat.say("w-3", "新区街道纺织厂")            # where the talk is given
    await chat.say("w-3", "王芳")
    await chat.say("w-3", "13912345678")
    await chat.say("w-3", "1")
    ticket = await db.ticket("w-3")
    assert ticket.kind == "appointment"
    assert ticket.summary.startswith(f"预约{label('safety_talk')}，希望时间：12月2日（周三）下午")


# Telling the officers about a matter, asking about talks or naming the officer otherwise
# books nothing.
@pytest.mark.parametrize("said", [
    "我想跟民警说说楼上噪音的事",
    "民警上门的时候态度很差",
    "派出所有没有防骗讲座可以听",
    "社区民警叫什么名字",
    "我家电动车被偷了，你们能不能来一趟",
    "上次民警来学校讲的防诈骗很有用，谢谢",
])
async def test_other_words_about_officers_visiting_book_nothing(chat, db, said):
    await chat.say("w-4", said)
    saved = await db.dialog("w-4")
    assert saved is None or saved.dialog != "appointment"
    assert all(t.kind != "appointment" for t in await db.tickets())
