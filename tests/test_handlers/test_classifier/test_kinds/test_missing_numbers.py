"""Classes of emergencies leave-one-writer-out told without a number their kind needs: a blade
turned on oneself read as a crime, a life given up read as a person gone or as a payment, an
illness told in English or pinyin, a crash told in everyday words (§4's kinds and numbers)."""

from __future__ import annotations

from handlers import texts

CARING = texts.text("emergency_caring")


async def test_a_blade_held_to_ones_own_throat_is_answered_with_care(chat, db):
    reply = await chat.say("o-1", "我弟弟刚才跟我妈吵完架，拿着水果刀抵着自己脖子，谁劝都不放下")
    assert reply.startswith(CARING) and "12356" in reply
    assert (await db.ticket("o-1")).emergency_kind == "self_harm"


async def test_words_of_a_life_given_up_before_someone_went_are_answered_with_care(chat, db):
    reply = await chat.say(
        "o-1", "我姐昨晚跟家里说她走了大家就解脱了，然后一个人出门了，到现在联系不上")
    assert reply.startswith(CARING) and "12356" in reply


async def test_money_sent_with_a_farewell_is_no_fraud_but_self_harm(chat, db):
    reply = await chat.say(
        "o-1", "我表哥刚把微信里的钱全转给我了，说以后再也不欠谁的了，现在电话打不通")
    assert reply.startswith(CARING) and "96110" not in reply


async def test_a_heart_attack_told_in_english_is_told_120(chat, db):
    reply = await chat.say(
        "o-1", "my grandpa is on the floor, he says chest pain, he is sweating and pale")
    assert "120" in reply
    assert (await db.ticket("o-1")).emergency_kind == "medical"


async def test_two_cars_run_into_each_other_are_a_crash_told_122(chat, db):
    reply = await chat.say("o-1", "村口两辆车怼一块了，有个人卡在里面出不来")
    assert "122" in reply and "119" in reply
    assert (await db.ticket("o-1")).emergency_kind == "traffic"
