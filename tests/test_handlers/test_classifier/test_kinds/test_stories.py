"""Emergencies whose words tell another kind's story (§4): a swindler's tale of a crash or a
fight is fraud, a height is self-harm unless a flood put people there, an intruder is crime."""

from __future__ import annotations

from handlers import texts

CARING = texts.text("emergency_caring")


async def test_a_swindlers_tale_of_a_crash_is_told_96110_not_122(chat, db):
    reply = await chat.say(
        "o-1", "电话里那人说我哥出了车祸正在抢救，让我妈马上往一个卡上转五万，她现在正在银行排队")
    assert reply.startswith("请立即拨打96110（反诈专线）和110（报警）！")
    assert "122" not in reply and "停止转账" in reply
    assert (await db.ticket("o-1")).emergency_kind == "fraud"


async def test_a_swindlers_tale_of_a_fight_is_fraud_not_crime(chat, db):
    reply = await chat.say(
        "o-1", "刚接到电话说我弟打架把人打伤了被扣着，对方让我马上打两万过去私了，我正在去银行")
    assert "96110" in reply and "120" not in reply
    assert (await db.ticket("o-1")).emergency_kind == "fraud"


async def test_someone_alone_on_a_school_roof_is_answered_with_care(chat, db):
    reply = await chat.say("o-1", "我同学刚说她在学校天台上，说想一个人待会儿，电话就挂了")
    assert reply.startswith(CARING) and "12356" in reply
    assert (await db.ticket("o-1")).emergency_kind == "self_harm"


async def test_a_family_on_a_roof_in_a_flood_is_not_told_self_harm(chat, db):
    reply = await chat.say("o-1", "发大水了，我们一家四口在房顶上，水还在往上涨")
    assert not reply.startswith(CARING) and "12356" not in reply
    assert (await db.ticket("o-1")).emergency_kind == "other"


async def test_a_thief_in_the_barn_is_a_crime(chat, db):
    reply = await chat.say("o-1", "俺家仓房里进来个贼，正往外扛俺的麦子，俺和俺娘在屋里不敢动")
    assert texts.text("emergency_advice_crime") in reply
    assert (await db.ticket("o-1")).emergency_kind == "crime"
