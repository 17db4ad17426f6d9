"""A resident's emergency answered with the numbers of its kind (§4), through the real router
and classifier: a farewell is answered with care and 12356, a swindle in progress with 96110, a
crash behind an injury with 122, someone trapped is no crime, and a pet's leap is no emergency.
"""

from __future__ import annotations

from handlers import texts

CARING = texts.text("emergency_caring")
CRIME_ADVICE = texts.text("emergency_advice_crime")


def told(reply: str) -> set[str]:
    """The numbers a reply names."""
    rest = reply.replace("96110", "")          # holds 110, which is told on its own
    return {n for n in ("110", "119", "120", "122", "12356") if n in rest} | (
        {"96110"} if "96110" in reply else set())


async def test_a_farewell_letter_and_a_phone_switched_off_are_answered_with_care(chat, db):
    reply = await chat.say("o-1", "我女儿给我留了一封信就出门了，信上说让我们别难过，现在手机关机")
    assert reply.startswith(CARING) and {"110", "120", "12356"} <= told(reply)
    assert (await db.ticket("o-1")).emergency_kind == "self_harm"


async def test_a_wrist_cut_with_a_blade_is_self_harm_not_only_bleeding(chat, db):
    reply = await chat.say("o-1", "我室友在卫生间用刀片划了手腕，血止不住")
    assert reply.startswith(CARING) and {"120", "12356"} <= told(reply)
    assert (await db.ticket("o-1")).emergency_kind == "self_harm"


async def test_a_transfer_a_caller_directs_is_told_96110_and_to_stop_paying(chat, db):
    reply = await chat.say("o-1", "我爸正在ATM机前面按电话里那人说的一步步操作，已经转出去两万了")
    assert told(reply) == {"96110", "110"} and "停止转账" in reply
    assert (await db.ticket("o-1")).emergency_kind == "fraud"


async def test_an_injury_thrown_from_a_vehicle_is_told_122_too(chat, db):
    reply = await chat.say("o-1", "三轮车拐弯太急，我爸从车斗里甩出来了，头磕破了流了好多血")
    assert told(reply) == {"122", "120", "110"}
    assert (await db.ticket("o-1")).emergency_kind == "traffic"


async def test_people_trapped_behind_a_door_that_will_not_open_are_no_crime(chat, db):
    reply = await chat.say("o-1", "电梯门打不开，我和孩子困在里面半个小时了")
    assert told(reply) == {"119", "110"} and CRIME_ADVICE not in reply   # a rescue: 119
    assert (await db.ticket("o-1")).emergency_kind == "other"


async def test_a_collapse_that_falls_on_workers_is_no_crime(chat, db):
    reply = await chat.say("o-1", "工地的脚手架塌了，砸到底下两个工人，压着出不来")
    assert CRIME_ADVICE not in reply
    assert (await db.ticket("o-1")).emergency_kind != "crime"


async def test_a_kitten_jumping_off_a_balcony_is_no_emergency(chat, db):
    reply = await chat.say("o-1", "小猫从二楼阳台跳下去了")
    assert all(t.kind != "emergency" for t in await db.tickets("o-1"))
    assert not reply.startswith((CARING, "请立即拨打"))


async def test_the_writer_about_to_jump_is_still_answered_with_care(chat, db):
    reply = await chat.say("o-1", "我现在就从阳台跳下去")
    assert reply.startswith(CARING)
    assert (await db.ticket("o-1")).emergency_kind == "self_harm"


async def test_thanks_for_the_years_before_a_person_is_gone_is_answered_with_care(chat, db):
    reply = await chat.say("o-1", "我弟一直说谢谢大家这些年陪着他，下午出门到现在没回家，电话关机")
    assert reply.startswith(CARING) and {"120", "12356"} <= told(reply)
    assert (await db.ticket("o-1")).emergency_kind == "self_harm"
