"""A knife in words that are not a weapon's: a pain like a knife's is an illness (120, no
crime), and a blade taken into a toilet behind a locked door is self-harm's, however the
emergency was raised (§4's kinds)."""

from __future__ import annotations

from handlers import texts

CARING = texts.text("emergency_caring")
CRIME_ADVICE = texts.text("emergency_advice_crime")


async def test_a_pain_like_a_knifes_is_an_illness_not_a_crime(chat, db):
    reply = await chat.say("o-1", "我妈说肚子疼得像刀割一样，满头大汗")
    assert "120" in reply and CRIME_ADVICE not in reply
    assert (await db.ticket("o-1")).emergency_kind == "medical"


async def test_a_blade_taken_into_a_locked_toilet_is_answered_with_care(chat, db):
    reply = await chat.say(
        "o-1", "我室友刚跟家里打完电话哭了很久，拿着美工刀进了卫生间，门反锁了快半小时了")
    assert reply.startswith(CARING) and "12356" in reply
