"""The kinds of an emergency the kind words reach on every path: a past event the alarm brings
back is told as the gate's own emergencies are, and an object pinned under something is no
crash."""

from __future__ import annotations

from handlers import texts

CARING = texts.text("emergency_caring")


async def test_a_swindlers_tale_the_alarm_brings_back_is_fraud_not_a_crash(chat, db):
    # The crash is told in the past (赔钱 after it); the alarm is sure the message is an
    # emergency: its kind is the swindle the kind words read, not the crash cue's.
    reply = await chat.say("o-1", "俺娘这会儿正在信用社往外汇钱，说是有人打电话说俺哥开车撞了人得"
                                  "赔钱私了，俺哥就在家里坐着呢")
    assert "96110" in reply and "122" not in reply
    assert (await db.ticket("o-1")).emergency_kind == "fraud"


async def test_a_fight_in_a_swindlers_tale_the_alarm_brings_back_is_fraud(chat, db):
    reply = await chat.say("o-1", "我妈现在正在银行排队取钱，说有人打电话讲我弟打架把人打伤了"
                                  "要赔钱，我弟明明在我旁边")
    assert "96110" in reply
    assert (await db.ticket("o-1")).emergency_kind == "fraud"


async def test_a_note_under_a_teacup_is_no_crash(chat, db):
    reply = await chat.say("o-1", "我奶奶把一张纸条压在茶杯底下就出门了，纸条上写着我走了不用找我，"
                                  "人已经不在家了，手机也没带")
    assert reply.startswith(CARING) and "122" not in reply
    assert (await db.ticket("o-1")).emergency_kind == "self_harm"


async def test_a_key_under_a_flower_pot_beside_a_farewell_is_no_crash(chat, db):
    reply = await chat.say("o-1", "我妈把钥匙压在花盆底下，给我发消息说照顾好自己，以后别找她了，"
                                  "现在电话打不通")
    assert reply.startswith(CARING) and "122" not in reply
    assert (await db.ticket("o-1")).emergency_kind == "self_harm"


async def test_a_person_pinned_under_a_truck_is_still_a_crash(chat, db):
    reply = await chat.say("o-1", "路口一个骑三轮的大爷被拉砖的车刮倒了，腿压在车轮底下出不来")
    assert "122" in reply and "119" in reply
    assert (await db.ticket("o-1")).emergency_kind == "traffic"
